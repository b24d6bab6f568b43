package com.accountingexport.functions.exports;

import static com.accountingexport.adapters.testing.TestEvents.json;
import static com.accountingexport.adapters.testing.TestEvents.route;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.accountingexport.adapters.Wiring;
import com.accountingexport.adapters.testing.InMemoryWiring;
import com.accountingexport.adapters.testing.Seed;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ExportsHandlerTest {
  private final Wiring wiring = InMemoryWiring.create();
  private final ExportsHandler handler = new ExportsHandler(wiring);

  @BeforeEach
  void seed() {
    Seed.invoices(wiring, 5);
  }

  private APIGatewayV2HTTPResponse call(String route, String body) {
    return handler.handleRequest(route(route).body(body).build(), null);
  }

  private static void assertError(APIGatewayV2HTTPResponse r, int status, String code) {
    assertEquals(status, r.getStatusCode(), r.getBody());
    assertEquals(code, json(r).get("error").get("code").asText(), r.getBody());
    assertTrue(json(r).get("error").get("details").isArray());
  }

  @Test
  void preview_shouldShowBalancedJournals_withNoBody() {
    APIGatewayV2HTTPResponse r = call("POST /exports/preview", null);
    assertEquals(200, r.getStatusCode(), r.getBody());
    JsonNode p = json(r);
    assertEquals("2026-01-01", p.get("period").get("from").asText());
    assertEquals("600.00", p.get("totals").get("debit").asText(), "5 invoices of 120.00");
    assertEquals("600.00", p.get("totals").get("credit").asText());
    assertEquals(5, p.get("documents").asInt());
    JsonNode vt = p.get("journals").get(0);
    assertEquals("VT", vt.get("code").asText());
    assertEquals(15, vt.get("entries").size(), "411 / 706 / 44571 per invoice");
    assertEquals("411000", vt.get("entries").get(0).get("account").asText());
  }

  @Test
  void preview_shouldAnswer400_forUnknownJournalAndBadDates() {
    APIGatewayV2HTTPResponse r = call("POST /exports/preview", "{\"journals\": [\"XX\"], \"from\": \"2026-02-31\"}");
    assertError(r, 400, "VALIDATION_FAILED");
    assertError(call("POST /exports/preview", "{\"journals\": [\"ZZ\"]}"), 400, "VALIDATION_FAILED");
  }

  @Test
  void generate_thenListGetAndVerify() {
    APIGatewayV2HTTPResponse created = handler.handleRequest(route("POST /exports").header("Idempotency-Key", "k-1")
        .body("{\"journals\": [\"VT\"], \"format\": \"fec\"}").build(), null);
    assertEquals(201, created.getStatusCode(), created.getBody());
    JsonNode e = json(created);
    assertEquals("EXP-2026-00001", e.get("number").asText());
    assertEquals("READY", e.get("status").asText());
    assertEquals(5, e.get("documentCount").asInt());
    assertEquals("600.00", e.get("totals").get("debit").asText());
    assertEquals("admin@acme.test", e.get("createdBy").asText());
    assertEquals(2, e.get("files").size(), "journal and accounts");

    APIGatewayV2HTTPResponse replay = handler.handleRequest(route("POST /exports").header("Idempotency-Key", "k-1")
        .body("{\"format\": \"fec\", \"journals\": [\"VT\"]}").build(), null);
    assertEquals(201, replay.getStatusCode());
    assertEquals(e.get("id").asText(), json(replay).get("id").asText(), "same key, same body (keys reordered)");
    assertError(handler.handleRequest(route("POST /exports").header("Idempotency-Key", "k-1")
        .body("{\"format\": \"csv\"}").build(), null), 409, "IDEMPOTENCY_KEY_REUSED");

    APIGatewayV2HTTPResponse list = handler.handleRequest(route("GET /exports").query("status", "READY").build(), null);
    assertEquals(200, list.getStatusCode(), list.getBody());
    assertEquals(1, json(list).get("items").size());
    assertTrue(json(list).get("nextCursor").isNull());

    String id = e.get("id").asText();
    assertEquals(200, handler.handleRequest(route("GET /exports/{exportId}").path("exportId", id).build(), null).getStatusCode());
    assertError(handler.handleRequest(route("GET /exports/{exportId}").path("exportId", id).tenant("other").build(), null),
        404, "EXPORT_NOT_FOUND");
    APIGatewayV2HTTPResponse verify = handler.handleRequest(route("GET /exports/{exportId}/verify").path("exportId", id).build(), null);
    assertEquals(200, verify.getStatusCode(), verify.getBody());
    assertTrue(json(verify).get("valid").asBoolean(), verify.getBody());

    assertError(call("POST /exports", "{}"), 422, "NOTHING_TO_EXPORT");
  }

  @Test
  void generate_withBundle_answersTheExportWithItsAllZip_notYetDownloaded() {
    APIGatewayV2HTTPResponse created = call("POST /exports", "{\"journals\": [\"VT\"], \"bundle\": true}");

    assertEquals(201, created.getStatusCode(), created.getBody());
    JsonNode e = json(created);
    assertEquals("READY", e.get("status").asText(), "building the bundle is not a download");
    java.util.List<String> kinds = new java.util.ArrayList<>();
    e.get("files").forEach(f -> kinds.add(f.get("kind").asText()));
    assertTrue(kinds.contains("all"), kinds.toString());
    assertTrue(e.get("files").findValues("bytes").stream().allMatch(b -> b.asLong() > 0), created.getBody());
    assertError(call("POST /exports", "{\"bundle\": \"yes\"}"), 400, "VALIDATION_FAILED");
  }

  @Test
  void generate_shouldAnswerClear4xx_forBadInput() {
    assertError(call("POST /exports", "{\"format\": \"ods\"}"), 400, "UNKNOWN_FORMAT");
    assertError(call("POST /exports", "{\"pdf\": \"sometimes\"}"), 400, "VALIDATION_FAILED");
    // bundles need each invoice's PDF: without the seller (settings company) none can be rendered
    assertError(call("POST /exports", "{\"pdf\": \"zip\"}"), 422, "NOTHING_TO_EXPORT");
    assertError(call("POST /exports", "{\"documentIds\": [\"nope\"]}"), 422, "UNKNOWN_DOCUMENTS");
    assertError(call("POST /exports", "{\"colour\": 1}"), 400, "VALIDATION_FAILED");
    assertError(handler.handleRequest(route("POST /exports").role("company_user").body("{}").build(), null), 403, "FORBIDDEN");
    assertError(handler.handleRequest(route("GET /exports").query("status", "DONE").build(), null), 400, "VALIDATION_FAILED");
  }
}
