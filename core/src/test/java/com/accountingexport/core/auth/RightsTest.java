package com.accountingexport.core.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class RightsTest {
  /** The API's routes (shared/API.md, local RouteTable) and those being added (audit, webhooks, tenants). */
  private static final Set<String> ROUTES = Set.of(
      "PUT /documents/{documentId}", "POST /documents/batch", "GET /documents/{documentId}", "GET /documents",
      "PUT /documents/{documentId}/pdf", "GET /documents/{documentId}/pdf",
      "POST /exports/preview", "POST /exports", "GET /exports", "GET /exports/{exportId}",
      "GET /exports/{exportId}/verify", "GET /exports/{exportId}/files/{kind}", "GET /fiscal-years/{year}/fec",
      "POST /fec/validate", "GET /reports/{report}", "GET /lists/{list}", "POST /exports/{exportId}/cancel",
      "GET /settings", "PUT /settings", "GET /formats", "GET /export-templates", "POST /export-templates",
      "GET /export-templates/{templateId}", "PUT /export-templates/{templateId}", "DELETE /export-templates/{templateId}",
      "GET /audit", "POST /webhooks", "GET /webhooks", "GET /webhooks/{webhookId}", "DELETE /webhooks/{webhookId}",
      "POST /webhooks/{webhookId}/rotate-secret", "GET /webhooks/{webhookId}/deliveries", "GET /tenants");

  private static List<String> needs(String routeKey, Map<String, String> params) {
    return Rights.required(routeKey, params).stream().map(Permission::wire).toList();
  }

  private static List<String> needs(String routeKey) {
    return needs(routeKey, Map.of());
  }

  @Test
  void everyRoute_hasAnEntry_andNothingElse() {
    assertEquals(new TreeSet<>(ROUTES), new TreeSet<>(Rights.routeKeys()));
    ROUTES.forEach(r -> assertTrue(Rights.knows(r), r));
  }

  @Test
  void anUnknownRoute_isNotKnown_andNeedsNothing() {
    assertFalse(Rights.knows("GET /nope"));
    assertFalse(Rights.knows("POST /local/token"));
    assertFalse(Rights.knows("get /exports"), "route keys are exact");
    assertEquals(List.of(), needs("GET /nope"));
  }

  @Test
  void writesNeedWrite_readsNeedRead() {
    assertEquals(List.of("exports:write"), needs("PUT /documents/{documentId}"));
    assertEquals(List.of("exports:write"), needs("POST /documents/batch"));
    assertEquals(List.of("exports:write"), needs("PUT /documents/{documentId}/pdf"));
    assertEquals(List.of("exports:write"), needs("POST /exports"));
    assertEquals(List.of("exports:write"), needs("POST /exports/{exportId}/cancel"));
    assertEquals(List.of("exports:read"), needs("GET /documents"));
    assertEquals(List.of("exports:read"), needs("POST /exports/preview"));
    assertEquals(List.of("exports:read"), needs("GET /exports/{exportId}/verify"));
    assertEquals(List.of("exports:read"), needs("POST /fec/validate"));
    assertEquals(List.of("exports:read"), needs("GET /export-templates/{templateId}"));
    assertEquals(List.of("settings:read"), needs("GET /settings"));
    assertEquals(List.of("settings:write"), needs("PUT /settings"));
    assertEquals(List.of("settings:write"), needs("POST /export-templates"));
    assertEquals(List.of("settings:write"), needs("DELETE /export-templates/{templateId}"));
    assertEquals(List.of("settings:write"), needs("GET /audit"));
    assertEquals(List.of("settings:write"), needs("POST /webhooks/{webhookId}/rotate-secret"));
    assertEquals(List.of("settings:read"), needs("GET /webhooks/{webhookId}/deliveries"));
    assertEquals(List.of(), needs("GET /tenants"));
  }

  @Test
  void exportFiles_addTheirPage_byKind() {
    String files = "GET /exports/{exportId}/files/{kind}";
    assertEquals(List.of("exports:read"), needs(files, Map.of("exportId", "e", "kind", "journal")));
    assertEquals(List.of("exports:read"), needs(files, Map.of("exportId", "e", "kind", "all")));
    assertEquals(List.of("exports:read", "vatSummary:read"), needs(files, Map.of("exportId", "e", "kind", "vat-summary")));
    assertEquals(List.of("exports:read", "chartOfAccounts:read"), needs(files, Map.of("kind", "accounts")));
    assertEquals(List.of("exports:read", "chartOfAccounts:read"), needs(files, Map.of("kind", "trial-balance")));
    assertEquals(List.of("exports:read"), needs(files, Map.of()), "without the parameter: the route's base");
  }

  @Test
  void reportsAndLists_addTheirPage_byName() {
    assertEquals(List.of("exports:read", "vatSummary:read"), needs("GET /reports/{report}", Map.of("report", "vat-summary")));
    assertEquals(List.of("exports:read", "chartOfAccounts:read"),
        needs("GET /reports/{report}", Map.of("report", "trial-balance")));
    assertEquals(List.of("exports:read"), needs("GET /reports/{report}", Map.of("report", "deferred-revenue")));
    assertEquals(List.of("exports:read", "chartOfAccounts:read"),
        needs("GET /lists/{list}", Map.of("list", "customer-balances")));
    assertEquals(List.of("exports:read"), needs("GET /lists/{list}", Map.of("list", "unpaid")));
  }

  @Test
  void permissions_readAndWriteTheirWireText() {
    assertEquals(new Permission(Screen.CHART_OF_ACCOUNTS, Level.READ), Permission.fromWire("chartOfAccounts:read").orElseThrow());
    assertEquals("settings:write", Permission.write(Screen.SETTINGS).wire());
    assertTrue(Permission.fromWire("exports:none").isEmpty());
    assertTrue(Permission.fromWire("export:read").isEmpty());
    assertTrue(Permission.fromWire("exports").isEmpty());
    assertThrows(IllegalArgumentException.class, () -> new Permission(Screen.EXPORTS, Level.NONE));
  }

  @Test
  void levels_areOrdered() {
    assertTrue(Level.WRITE.atLeast(Level.READ));
    assertTrue(Level.READ.atLeast(Level.READ));
    assertFalse(Level.READ.atLeast(Level.WRITE));
    assertFalse(Level.NONE.atLeast(Level.READ));
    assertEquals(Level.READ, Level.fromWire("read").orElseThrow());
    assertTrue(Level.fromWire("READ").isEmpty());
  }
}
