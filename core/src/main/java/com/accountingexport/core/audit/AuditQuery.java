package com.accountingexport.core.audit;

import com.accountingexport.core.auth.TenantId;
import java.time.LocalDate;
import java.util.Objects;

/**
 * One page of a tenant's audit log, newest first.
 *
 * @param from first day (UTC) of the entries wanted, inclusive; null for no lower bound
 * @param to last day (UTC), inclusive; null for no upper bound
 * @param actor an actor's subject or e-mail, matched exactly; null for everyone
 * @param action an action name ({@link AuditActions}), matched exactly; null for all
 * @param cursor the {@code nextCursor} of the previous page, null for the first
 */
public record AuditQuery(TenantId tenant, LocalDate from, LocalDate to, String actor, String action, String cursor,
    int limit) {
  public AuditQuery {
    Objects.requireNonNull(tenant, "tenant");
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be positive");
    }
  }

  /** True when {@code r} passes the filters (not the cursor). */
  public boolean matches(AuditRecord r) {
    LocalDate day = AuditCursor.day(r.at());
    return (from == null || !day.isBefore(from))
        && (to == null || !day.isAfter(to))
        && (actor == null || r.actor().is(actor))
        && (action == null || action.equals(r.action()));
  }
}
