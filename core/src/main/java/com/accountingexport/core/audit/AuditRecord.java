package com.accountingexport.core.audit;

import com.accountingexport.core.auth.Caller;
import com.accountingexport.core.auth.TenantId;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One entry of a tenant's audit log: who did what, when, on which resources, and how it ended. The
 * entries of a tenant are numbered 1..n without gaps and each one carries the hash of the one before
 * it ({@link AuditHash}), so that removing or editing an entry afterwards is detected
 * ({@link AuditChain}). A draft has seq 0 and no hashes; {@link AuditLog#append} seals it.
 *
 * @param tenant the company the request acted on (a firm user's {@code X-Tenant} pick)
 * @param seq the entry's number in the tenant's log, from 1; 0 in a draft
 * @param route the API route key, e.g. {@code POST /exports}
 * @param ids the path parameters, the created resource's id, and counts such as {@code documents}:
 *     kept sorted by name so that the canonical text (and so the hash) does not depend on map order
 * @param status the HTTP status answered
 * @param outcome {@code OK} for a 1xx-3xx answer, else the error code of the answer
 */
public record AuditRecord(TenantId tenant, long seq, Instant at, Actor actor, String action, String route,
    Map<String, String> ids, int status, String outcome, String previousHash, String hash) {

  /** The outcome of a request that succeeded. */
  public static final String OK = "OK";

  /**
   * Who made the request.
   *
   * @param firm the accounting firm (its tenant id) of a firm user, null for company roles
   */
  public record Actor(String sub, String email, String role, String firm) {
    public Actor {
      Objects.requireNonNull(sub, "sub");
      Objects.requireNonNull(role, "role");
    }

    public static Actor of(Caller caller) {
      return new Actor(caller.subject(), caller.email(), caller.role().wire(),
          caller.firm() == null ? null : caller.firm().value());
    }

    /** True when {@code who} is this actor's subject or e-mail, exactly. */
    public boolean is(String who) {
      return who.equals(sub) || who.equals(email);
    }
  }

  public AuditRecord {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(route, "route");
    Objects.requireNonNull(outcome, "outcome");
    ids = Collections.unmodifiableMap(new TreeMap<>(ids == null ? Map.of() : ids));
  }

  /** An entry still to be numbered and chained by {@link AuditLog#append}. */
  public static AuditRecord draft(TenantId tenant, Instant at, Actor actor, String action, String route,
      Map<String, String> ids, int status, String outcome) {
    return new AuditRecord(tenant, 0, at, actor, action, route, ids, status, outcome, null, null);
  }

  /** This entry numbered {@code seq} after the entry whose hash is {@code previousHash}, with its own hash. */
  public AuditRecord sealed(long seq, String previousHash) {
    AuditRecord numbered = new AuditRecord(tenant, seq, at, actor, action, route, ids, status, outcome, previousHash, null);
    return numbered.withHash(AuditHash.of(numbered, previousHash));
  }

  public AuditRecord withHash(String newHash) {
    return new AuditRecord(tenant, seq, at, actor, action, route, ids, status, outcome, previousHash, newHash);
  }
}
