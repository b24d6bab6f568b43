package com.accountingexport.local;

import static com.accountingexport.adapters.testing.TestEvents.route;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.accountingexport.adapters.Wiring;
import com.accountingexport.adapters.json.Json;
import com.accountingexport.adapters.testing.InMemoryWiring;
import com.accountingexport.adapters.testing.TestEvents;
import com.accountingexport.core.auth.TenantId;
import com.accountingexport.core.export.ExportFile;
import com.accountingexport.functions.documents.DocumentsHandler;
import com.accountingexport.functions.exports.ExportsHandler;
import com.accountingexport.functions.settings.SettingsHandler;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An accounting firm over two client companies (seed 003): one token, X-Tenant picks the company,
 * and nothing of one company ever shows in another's answers or files.
 */
class FirmUsersTest {
  private final Wiring wiring = InMemoryWiring.create();
  private final DocumentsHandler documents = new DocumentsHandler(wiring);
  private final ExportsHandler exports = new ExportsHandler(wiring);
  private final SettingsHandler settings = new SettingsHandler(wiring);

  private static final String INVOICE = """
      {"type": "invoice", "number": "%s", "date": "2026-03-02", "status": "validated", "currency": "EUR",
       "counterparty": {"id": "C-%s", "name": "Client %s", "countryCode": "FR"},
       "lines": [{"label": "Formation", "netAmount": "100.00", "vatRate": "20.00", "vatAmount": "20.00"}],
       "totals": {"net": "100.00", "vat": "20.00", "gross": "120.00"}}
      """;
  private static final String BLOCKED = """
      {"type": "invoice", "number": "%s", "date": "2026-03-05", "status": "pending_validation", "currency": "EUR",
       "counterparty": {"id": "C-%s", "name": "Client %s", "countryCode": "FR"},
       "lines": [{"label": "Formation", "netAmount": "100.00", "vatRate": "20.00", "vatAmount": "20.00"}],
       "totals": {"net": "100.00", "vat": "20.00", "gross": "120.00"}}
      """;

  private static TestEvents.Builder firm(String routeKey, String company) {
    TestEvents.Builder b = route(routeKey).tenant("cabinet").role("firm_user").claim("tenants", "[alpha beta]");
    return company == null ? b : b.header("X-Tenant", company);
  }

  private static APIGatewayV2HTTPResponse call(RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> h,
      TestEvents.Builder b) {
    return h.handleRequest(b.build(), null);
  }

  private static JsonNode json(APIGatewayV2HTTPResponse r) {
    return Json.parse(r.getBody());
  }

  private void push(String company, String id, String template) {
    var r = call(documents, firm("PUT /documents/{documentId}", company).path("documentId", id)
        .body(template.formatted(id.toUpperCase(), company, company)));
    assertTrue(r.getStatusCode() == 200 || r.getStatusCode() == 201, r.getBody());
  }

  private static List<String> ids(JsonNode page) {
    List<String> out = new ArrayList<>();
    page.get("items").forEach(i -> out.add(i.get("id").asText()));
    return out;
  }

  @Test
  void eachCompanySeesOnlyItsOwnDocumentsExportsAndFiles() throws Exception {
    push("alpha", "a-1", INVOICE);
    push("alpha", "a-2", INVOICE);
    push("beta", "b-1", INVOICE);
    push("beta", "b-2", BLOCKED);

    assertEquals(List.of("a-1", "a-2"), ids(json(call(documents, firm("GET /documents", "alpha")))));
    assertEquals(List.of("b-1", "b-2"), ids(json(call(documents, firm("GET /documents", "beta")))));
    assertEquals(List.of(), ids(json(call(documents, firm("GET /documents", null)))), "the firm's own tenant is empty");
    assertEquals(404, call(documents, firm("GET /documents/{documentId}", "beta").path("documentId", "a-1")).getStatusCode());

    var created = call(exports, firm("POST /exports", "alpha").body("{\"format\": \"csv\"}"));
    assertEquals(201, created.getStatusCode(), created.getBody());
    String exportId = json(created).get("id").asText();
    assertEquals(2, json(created).get("documentCount").asInt(), created.getBody());
    String journal = journalText(new TenantId("alpha"), exportId);
    assertTrue(journal.contains("A-1") && journal.contains("A-2"), journal);
    assertFalse(journal.contains("B-1"), "a beta invoice in alpha's journal: " + journal);

    assertEquals(404, call(exports, firm("GET /exports/{exportId}", "beta").path("exportId", exportId)).getStatusCode());
    assertEquals(0, json(call(exports, firm("GET /exports", "beta"))).get("items").size());
    assertEquals(1, json(call(exports, firm("GET /exports", "alpha"))).get("items").size());
  }

  @Test
  void aCompanyOutsideTheTokensList_is404_forFirmAndCompanyUsersAlike() {
    var r = call(documents, firm("GET /documents", "gamma"));
    assertEquals(404, r.getStatusCode());
    assertEquals("TENANT_NOT_FOUND", json(r).at("/error/code").asText());
    var admin = call(documents, route("GET /documents").tenant("alpha").header("X-Tenant", "beta"));
    assertEquals(404, admin.getStatusCode(), "a company admin of alpha reaches no other company");
    assertEquals(404, call(settings, firm("PUT /settings", "gamma").body("{\"defaultFormat\": \"csv\"}")).getStatusCode());
  }

  @Test
  void aFirmUsersRightsAreEachCompanysOwn() {
    push("alpha", "a-1", INVOICE);
    push("beta", "b-1", INVOICE);
    var revoke = call(settings, route("PUT /settings").tenant("alpha")
        .body("{\"pageAccess\": {\"exports\": {\"firm_user\": \"none\"}}}"));
    assertEquals(200, revoke.getStatusCode(), revoke.getBody());

    var refused = call(documents, firm("GET /documents", "alpha"));
    assertEquals(403, refused.getStatusCode(), "alpha no longer lets firm users see its exports page");
    assertTrue(refused.getBody().contains("exports:read"), refused.getBody());
    assertEquals(List.of("b-1"), ids(json(call(documents, firm("GET /documents", "beta")))), "beta still does");
    JsonNode tenants = json(call(settings, firm("GET /tenants", null)));
    assertTrue(tenants.at("/items/1/pending").isNull(), "no counts of alpha for a role it refuses: " + tenants);
    assertEquals(1, tenants.at("/items/2/pending/exportable").asInt());
  }

  @Test
  void tenants_listsEveryCompanyWithItsOwnPendingCounts() {
    push("alpha", "a-1", INVOICE);
    push("beta", "b-1", INVOICE);
    push("beta", "b-2", BLOCKED);
    push("beta", "b-3", BLOCKED);

    JsonNode page = json(call(settings, firm("GET /tenants", "beta")));
    List<String> tenants = new ArrayList<>();
    page.get("items").forEach(i -> tenants.add(i.get("tenant").asText()));
    assertEquals(List.of("cabinet", "alpha", "beta"), tenants);
    JsonNode alpha = page.get("items").get(1);
    JsonNode beta = page.get("items").get(2);
    assertFalse(alpha.get("current").asBoolean());
    assertTrue(beta.get("current").asBoolean(), "X-Tenant beta is the company of this request");
    assertEquals(1, alpha.at("/pending/exportable").asInt());
    assertEquals(0, alpha.at("/pending/blocked").asInt());
    assertEquals(1, beta.at("/pending/exportable").asInt());
    assertEquals(2, beta.at("/pending/blocked").asInt());
    JsonNode sales = null;
    for (JsonNode j : beta.at("/pending/journals")) {
      if (j.get("journal").asText().equals("VT")) {
        sales = j;
      }
    }
    assertEquals(2, sales.get("blocked").asInt(), beta.toString());
    // the same counts as the documents list of that company
    assertEquals(2, json(call(documents, firm("GET /documents", "beta").query("state", "blocked"))).get("items").size());

    JsonNode first = json(call(settings, firm("GET /tenants", null).query("limit", "2")));
    assertEquals(2, first.get("items").size());
    JsonNode rest = json(call(settings, firm("GET /tenants", null).query("cursor", first.get("nextCursor").asText())));
    assertEquals("beta", rest.at("/items/0/tenant").asText());
    assertTrue(rest.get("nextCursor").isNull());

    JsonNode own = json(call(settings, route("GET /tenants").tenant("alpha")));
    assertEquals(1, own.get("items").size(), "a company admin lists its own company only");
    JsonNode user = json(call(settings, route("GET /tenants").tenant("alpha").role("company_user")));
    assertNull(user.at("/items/0/pending").isNull() ? null : user.at("/items/0/pending"),
        "a role without the exports page sees no counts");
    assertEquals(400, call(settings, firm("GET /tenants", null).query("cursor", "bm9wZQ")).getStatusCode());
  }

  private String journalText(TenantId tenant, String exportId) throws Exception {
    var export = wiring.exportRepository().find(tenant, exportId).orElseThrow();
    String key = export.files().stream().filter(f -> f.kind().equals(ExportFile.JOURNAL)).findFirst().orElseThrow().key();
    try (InputStream in = wiring.fileStore().open(key)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
