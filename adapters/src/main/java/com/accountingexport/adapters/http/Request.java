package com.accountingexport.adapters.http;

import com.accountingexport.adapters.json.Json;
import com.accountingexport.core.auth.Caller;
import com.accountingexport.core.auth.Role;
import com.accountingexport.core.auth.TenantId;
import com.accountingexport.core.error.DomainException;
import com.accountingexport.core.error.ErrorKind;
import com.accountingexport.core.error.Violation;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** One API Gateway HTTP API (payload 2.0) request, with the caller taken from the verified JWT claims. */
public final class Request {
  /** API Gateway HTTP APIs accept at most 10 MB; the batch route's 500 documents fit well within. */
  public static final int MAX_BODY_BYTES = 10 * 1024 * 1024;

  private final APIGatewayV2HTTPEvent event;
  private Caller caller;

  public Request(APIGatewayV2HTTPEvent event) {
    this.event = event;
  }

  public String route() {
    String key = event.getRouteKey();
    return key == null ? "" : key;
  }

  public String requestId() {
    var ctx = event.getRequestContext();
    return ctx == null || ctx.getRequestId() == null ? "unknown" : ctx.getRequestId();
  }

  /** The caller, from the claims API Gateway (or the local runtime) verified: 401/403 when unusable. */
  public Caller caller() {
    if (caller == null) {
      caller = callerFrom(claims(), header("X-Tenant"));
    }
    return caller;
  }

  /** The route's path parameters as API Gateway matched them (empty when it has none). */
  public Map<String, String> pathParams() {
    Map<String, String> p = event.getPathParameters();
    return p == null ? Map.of() : Map.copyOf(p);
  }

  private Map<String, String> claims() {
    var ctx = event.getRequestContext();
    if (ctx == null || ctx.getAuthorizer() == null || ctx.getAuthorizer().getJwt() == null
        || ctx.getAuthorizer().getJwt().getClaims() == null) {
      throw new DomainException(ErrorKind.UNAUTHENTICATED, "UNAUTHORIZED", "A bearer token is required");
    }
    return ctx.getAuthorizer().getJwt().getClaims();
  }

  static Caller callerFrom(Map<String, String> claims) {
    return callerFrom(claims, null);
  }

  /**
   * The caller of a token, acting on the company {@code xTenant} names (a firm user's pick among the
   * companies of its {@code tenants} claim) or on its token's tenant without it. A company outside the
   * token's companies is 404, as any other tenant's data.
   */
  static Caller callerFrom(Map<String, String> claims, String xTenant) {
    String tenant = claims.get("tenant");
    if (!TenantId.isValid(tenant)) {
      throw new DomainException(ErrorKind.UNAUTHENTICATED, "UNAUTHORIZED", "The token carries no valid tenant claim");
    }
    Role role = Role.fromWire(claims.get("role")).orElseThrow(() -> DomainException.forbidden(
        "The token's role claim must be firm_user, company_admin or company_user"));
    String sub = claims.getOrDefault("sub", "unknown");
    TenantId home = new TenantId(tenant);
    List<TenantId> serves = role == Role.FIRM_USER ? tenantsClaim(claims.get("tenants")) : List.of();
    Caller caller = new Caller(home, sub, role, claims.get("email"), home, serves);
    if (xTenant == null || xTenant.isBlank() || xTenant.equals(tenant)) {
      return caller;
    }
    TenantId picked = TenantId.isValid(xTenant.strip()) ? new TenantId(xTenant.strip()) : null;
    if (picked == null || !caller.companies().contains(picked)) {
      throw DomainException.notFound("TENANT_NOT_FOUND",
          "No company " + (picked == null ? "with that id" : picked) + " among those this token may act on (X-Tenant)");
    }
    return caller.actingOn(picked);
  }

  /**
   * The {@code tenants} claim: API Gateway hands an array claim to Lambda as {@code "[a b]"}; a JSON
   * array text or a comma-separated list are read too. Ids that are not tenant ids are ignored.
   */
  static List<TenantId> tenantsClaim(String claim) {
    if (claim == null || claim.isBlank()) {
      return List.of();
    }
    String text = claim.strip();
    if (text.startsWith("[") && text.endsWith("]")) {
      text = text.substring(1, text.length() - 1);
    }
    List<TenantId> out = new ArrayList<>();
    for (String part : text.split("[\\s,]+")) {
      String id = part.strip();
      if (id.length() >= 2 && id.startsWith("\"") && id.endsWith("\"")) {
        id = id.substring(1, id.length() - 1);
      }
      if (TenantId.isValid(id)) {
        TenantId t = new TenantId(id);
        if (!out.contains(t)) {
          out.add(t);
        }
      }
    }
    return List.copyOf(out);
  }

  public String pathParam(String name) {
    Map<String, String> p = event.getPathParameters();
    String v = p == null ? null : p.get(name);
    if (v == null || v.isBlank()) {
      throw DomainException.invalid(List.of(Violation.of(name, "REQUIRED", "is required in the path")));
    }
    return v;
  }

  public String query(String name) {
    Map<String, String> q = event.getQueryStringParameters();
    String v = q == null ? null : q.get(name);
    return v == null || v.isEmpty() ? null : v;
  }

  public String header(String name) {
    Map<String, String> h = event.getHeaders();
    if (h == null) {
      return null;
    }
    String v = h.get(name.toLowerCase(Locale.ROOT));
    if (v == null) {
      for (var e : h.entrySet()) {
        if (e.getKey().equalsIgnoreCase(name)) {
          return e.getValue();
        }
      }
    }
    return v;
  }

  public String body() {
    String b = event.getBody();
    if (b == null) {
      return null;
    }
    String text = event.getIsBase64Encoded() ? new String(Base64.getDecoder().decode(b), StandardCharsets.UTF_8) : b;
    if (text.length() > MAX_BODY_BYTES) {
      throw new DomainException(ErrorKind.TOO_LARGE, "PAYLOAD_TOO_LARGE", "The body may be at most 10 MB");
    }
    return text;
  }

  /**
   * The body as sent: decoded from base64 when API Gateway encoded it (a binary content type, e.g. an
   * ISO-8859-15 file sent as application/octet-stream), else the text's UTF-8 bytes; null without body.
   */
  public byte[] bodyBytes() {
    String b = event.getBody();
    if (b == null) {
      return null;
    }
    byte[] bytes = event.getIsBase64Encoded() ? Base64.getDecoder().decode(b) : b.getBytes(StandardCharsets.UTF_8);
    if (bytes.length > MAX_BODY_BYTES) {
      throw new DomainException(ErrorKind.TOO_LARGE, "PAYLOAD_TOO_LARGE", "The body may be at most 10 MB");
    }
    return bytes;
  }

  public JsonNode json() {
    return Json.parse(body());
  }

  /** The body, or {} when there is none: for requests whose every field is optional. */
  public JsonNode jsonOrEmpty() {
    String b = body();
    return b == null || b.isBlank() ? Json.object() : Json.parse(b);
  }

  /** Query parameters that are not in {@code allowed} are refused, as typos would silently widen a list. */
  public void onlyQuery(Set<String> allowed) {
    Map<String, String> q = event.getQueryStringParameters();
    if (q == null) {
      return;
    }
    List<Violation> bad = new ArrayList<>();
    q.keySet().stream().sorted().filter(k -> !allowed.contains(k)).forEach(k ->
        bad.add(Violation.of(k, "UNKNOWN_PARAMETER", "is not a parameter of this route; known: " + allowed.stream().sorted().toList())));
    if (!bad.isEmpty()) {
      throw DomainException.invalid(bad);
    }
  }

  /** A query date, or null; 400 when it is not a real YYYY-MM-DD date. */
  public LocalDate queryDate(String name) {
    String v = query(name);
    if (v == null) {
      return null;
    }
    var r = new com.accountingexport.adapters.json.JsonReader();
    LocalDate d = r.parseDate(name, v);
    r.throwIfInvalid();
    return d;
  }

  /** {@code ?limit=}: 1 to 1000, default 100. */
  public int limit() {
    String v = query("limit");
    if (v == null) {
      return 100;
    }
    try {
      int n = Integer.parseInt(v);
      if (n >= 1 && n <= 1000) {
        return n;
      }
    } catch (NumberFormatException e) {
      // fall through to the 400
    }
    throw DomainException.invalid(List.of(Violation.of("limit", "INVALID_NUMBER", "must be a whole number from 1 to 1000")));
  }

  public boolean queryFlag(String name) {
    String v = query(name);
    if (v == null) {
      return false;
    }
    if (v.equals("true") || v.equals("false")) {
      return v.equals("true");
    }
    throw DomainException.invalid(List.of(Violation.of(name, "INVALID_VALUE", "must be true or false")));
  }
}
