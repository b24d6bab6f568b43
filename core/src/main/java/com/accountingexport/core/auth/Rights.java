package com.accountingexport.core.auth;

import static com.accountingexport.core.auth.Permission.read;
import static com.accountingexport.core.auth.Permission.write;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * THE permission matrix: for every route of the API ({@code "METHOD /path"} as API Gateway names it),
 * the permissions a caller needs, all of them, checked against its tenant's {@code pageAccess}
 * before the route runs. One table, so that a new route cannot forget its check and the README's
 * table can be compared with it. Some routes need more depending on a path parameter: the VAT
 * summary and the chart of accounts are pages of their own (seed 004), also when reached as a file
 * of an export, a report or a list.
 *
 * <p>An empty list means any authenticated caller (e.g. {@code GET /tenants}). A route the matrix
 * does not know is not refused here: the handler answers it (404 for a route it does not serve).
 */
public final class Rights {
  private static final List<Permission> EXPORTS_READ = List.of(read(Screen.EXPORTS));
  private static final List<Permission> EXPORTS_WRITE = List.of(write(Screen.EXPORTS));
  private static final List<Permission> SETTINGS_READ = List.of(read(Screen.SETTINGS));
  private static final List<Permission> SETTINGS_WRITE = List.of(write(Screen.SETTINGS));

  /** Export file kinds that show the chart of accounts' balances. */
  private static final Set<String> CHART_FILES = Set.of("accounts", "trial-balance");

  private static final Map<String, Function<Map<String, String>, List<Permission>>> MATRIX = matrix();

  private Rights() {}

  private static Map<String, Function<Map<String, String>, List<Permission>>> matrix() {
    Map<String, Function<Map<String, String>, List<Permission>>> m = new LinkedHashMap<>();
    // documents
    fixed(m, "PUT /documents/{documentId}", EXPORTS_WRITE);
    fixed(m, "POST /documents/batch", EXPORTS_WRITE);
    fixed(m, "PUT /documents/{documentId}/pdf", EXPORTS_WRITE);
    fixed(m, "GET /documents", EXPORTS_READ);
    fixed(m, "GET /documents/{documentId}", EXPORTS_READ);
    fixed(m, "GET /documents/{documentId}/pdf", EXPORTS_READ);
    // exports
    fixed(m, "POST /exports/preview", EXPORTS_READ);
    fixed(m, "GET /exports", EXPORTS_READ);
    fixed(m, "GET /exports/{exportId}", EXPORTS_READ);
    fixed(m, "GET /exports/{exportId}/verify", EXPORTS_READ);
    fixed(m, "POST /exports", EXPORTS_WRITE);
    fixed(m, "POST /exports/{exportId}/cancel", EXPORTS_WRITE);
    // downloads
    m.put("GET /exports/{exportId}/files/{kind}", p -> {
      String kind = p.getOrDefault("kind", "");
      if (kind.equals("vat-summary")) {
        return List.of(read(Screen.EXPORTS), read(Screen.VAT_SUMMARY));
      }
      return CHART_FILES.contains(kind) ? List.of(read(Screen.EXPORTS), read(Screen.CHART_OF_ACCOUNTS)) : EXPORTS_READ;
    });
    fixed(m, "GET /fiscal-years/{year}/fec", EXPORTS_READ);
    fixed(m, "POST /fec/validate", EXPORTS_READ);
    m.put("GET /reports/{report}", p -> switch (p.getOrDefault("report", "")) {
      case "vat-summary" -> List.of(read(Screen.EXPORTS), read(Screen.VAT_SUMMARY));
      case "trial-balance" -> List.of(read(Screen.EXPORTS), read(Screen.CHART_OF_ACCOUNTS));
      default -> EXPORTS_READ;
    });
    m.put("GET /lists/{list}", p -> p.getOrDefault("list", "").equals("customer-balances")
        ? List.of(read(Screen.EXPORTS), read(Screen.CHART_OF_ACCOUNTS)) : EXPORTS_READ);
    // formats and templates: read with the exports, changed with the settings
    fixed(m, "GET /formats", EXPORTS_READ);
    fixed(m, "GET /export-templates", EXPORTS_READ);
    fixed(m, "GET /export-templates/{templateId}", EXPORTS_READ);
    fixed(m, "POST /export-templates", SETTINGS_WRITE);
    fixed(m, "PUT /export-templates/{templateId}", SETTINGS_WRITE);
    fixed(m, "DELETE /export-templates/{templateId}", SETTINGS_WRITE);
    // settings
    fixed(m, "GET /settings", SETTINGS_READ);
    fixed(m, "PUT /settings", SETTINGS_WRITE);
    // audit log, webhooks, tenants of a firm user
    fixed(m, "GET /audit", SETTINGS_WRITE);
    fixed(m, "POST /webhooks", SETTINGS_WRITE);
    fixed(m, "DELETE /webhooks/{webhookId}", SETTINGS_WRITE);
    fixed(m, "POST /webhooks/{webhookId}/rotate-secret", SETTINGS_WRITE);
    fixed(m, "GET /webhooks", SETTINGS_READ);
    fixed(m, "GET /webhooks/{webhookId}", SETTINGS_READ);
    fixed(m, "GET /webhooks/{webhookId}/deliveries", SETTINGS_READ);
    fixed(m, "GET /tenants", List.of());
    return Collections.unmodifiableMap(m);
  }

  private static void fixed(Map<String, Function<Map<String, String>, List<Permission>>> m, String routeKey,
      List<Permission> needs) {
    if (m.put(routeKey, p -> needs) != null) {
      throw new IllegalStateException("route twice in the matrix: " + routeKey);
    }
  }

  /** Whether the matrix has an entry for {@code routeKey} ({@code "GET /exports/{exportId}"}). */
  public static boolean knows(String routeKey) {
    return MATRIX.containsKey(routeKey);
  }

  /** Every route key of the matrix, in a stable order. */
  public static List<String> routeKeys() {
    return List.copyOf(MATRIX.keySet());
  }

  /**
   * The permissions {@code routeKey} needs with these path parameters, all of them (empty: any
   * authenticated caller, or a route the matrix does not know; see {@link #knows}).
   */
  public static List<Permission> required(String routeKey, Map<String, String> pathParams) {
    var rule = MATRIX.get(routeKey);
    if (rule == null) {
      return List.of();
    }
    return List.copyOf(new ArrayList<>(rule.apply(pathParams == null ? Map.of() : pathParams)));
  }
}
