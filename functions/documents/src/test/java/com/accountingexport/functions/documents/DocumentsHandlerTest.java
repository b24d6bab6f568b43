package com.accountingexport.functions.documents;

import static com.accountingexport.adapters.testing.TestEvents.json;
import static com.accountingexport.adapters.testing.TestEvents.route;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.accountingexport.adapters.Wiring;
import com.accountingexport.adapters.testing.InMemoryWiring;
import com.accountingexport.core.auth.TenantId;
import com.accountingexport.core.document.ExportRef;
import com.accountingexport.core.fakes.InMemoryDocumentRepository;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DocumentsHandlerTest {
  private final Wiring wiring = InMemoryWiring.create();
  private final DocumentsHandler handler = new DocumentsHandler(wiring);

  static String invoice(String id, String net, String vat, String gross) {
    return """
        {"id": "%s", "type": "invoice", "number": "F-%s", "date": "2026-03-02", "status": "validated",
         "counterparty": {"id": "C42", "name": "Client SARL", "countryCode": "FR",
                          "billingAddress": {"line1": "1 rue A", "postalCode": "75001", "city": "Paris", "countryCode": "FR"}},
         "lines": [{"label": "Formation", "kind": "services", "netAmount": "%s", "vatRate": "20.00", "vatAmount": "%s"}],
         "totals": {"net": "%s", "vat": "%s", "gross": "%s"}}
        """.formatted(id, id, net, vat, net, vat, gross);
  }

  private APIGatewayV2HTTPResponse put(String id, String body) {
    return handler.handleRequest(route("PUT /documents/{documentId}").path("documentId", id).body(body).build(), null);
  }

  private static void assertError(APIGatewayV2HTTPResponse r, int status, String code) {
    assertEquals(status, r.getStatusCode(), r.getBody());
    JsonNode e = json(r).get("error");
    assertEquals(code, e.get("code").asText(), r.getBody());
    assertFalse(e.get("message").asText().isBlank());
    assertTrue(e.get("details").isArray());
  }

  private static boolean detailNames(APIGatewayV2HTTPResponse r, String field) {
    for (JsonNode d : json(r).get("error").get("details")) {
      if (field.equals(d.get("field").asText())) {
        return true;
      }
    }
    return false;
  }

  @Test
  void put_shouldCreateThenReplace_andGetReturnsTheSameFields() {
    APIGatewayV2HTTPResponse first = put("inv-1", invoice("inv-1", "100.00", "20.00", "120.00"));
    assertEquals(201, first.getStatusCode(), first.getBody());
    APIGatewayV2HTTPResponse second = put("inv-1", invoice("inv-1", "200.00", "40.00", "240.00"));
    assertEquals(200, second.getStatusCode(), second.getBody());

    APIGatewayV2HTTPResponse got = handler.handleRequest(route("GET /documents/{documentId}").path("documentId", "inv-1").build(), null);
    assertEquals(200, got.getStatusCode());
    JsonNode d = json(got);
    assertEquals("240.00", d.get("totals").get("gross").asText());
    assertEquals("Paris", d.get("counterparty").get("billingAddress").get("city").asText());
    assertEquals("services", d.get("lines").get(0).get("kind").asText());
    assertEquals(2, d.get("version").asInt());
    assertTrue(d.has("exportState"));
    assertTrue(d.get("anomalies").isArray());
    assertTrue(d.get("exportId").isNull());
  }

  @Test
  void put_shouldAnswer400WithEveryFieldPath_whenShapeIsWrong() {
    String body = """
        {"type": "invoise", "date": "2026-02-30", "status": "validated",
         "counterparty": {"id": "C1"},
         "lines": [{"netAmount": 100.0, "vatAmount": "20.0"}],
         "totals": {"net": "100.00", "vat": "20.00"}, "colour": "red"}
        """;
    APIGatewayV2HTTPResponse r = put("bad-1", body);
    assertError(r, 400, "VALIDATION_FAILED");
    for (String field : List.of("type", "date", "counterparty.name", "lines[0].netAmount", "lines[0].vatAmount",
        "totals.gross", "colour")) {
      assertTrue(detailNames(r, field), field + " not reported in " + r.getBody());
    }
  }

  @Test
  void put_shouldAnswer400_whenALinesAccountDoesNotStartWithThreeDigitsOfThePcg() {
    for (String bad : List.of("4AB000", "9000", "0706000", "70", "6X5100")) {
      String body = """
          {"type": "purchase_invoice", "date": "2026-02-03", "status": "validated",
           "counterparty": {"id": "S1", "name": "Fournisseur"},
           "lines": [{"netAmount": "100.00", "vatRate": "20.00", "vatAmount": "20.00", "accountNumber": "%s"}],
           "totals": {"net": "100.00", "vat": "20.00", "gross": "120.00"}}
          """.formatted(bad);
      APIGatewayV2HTTPResponse r = put("pcg-1", body);
      assertError(r, 400, "VALIDATION_FAILED");
      assertTrue(detailNames(r, "lines[0].accountNumber"), bad + ": " + r.getBody());
    }
    String good = """
        {"type": "purchase_invoice", "date": "2026-02-03", "status": "validated",
         "counterparty": {"id": "S1", "name": "Fournisseur"},
         "lines": [{"netAmount": "100.00", "vatRate": "20.00", "vatAmount": "20.00", "accountNumber": "606ABC"}],
         "totals": {"net": "100.00", "vat": "20.00", "gross": "120.00"}}
        """;
    assertEquals(201, put("pcg-2", good).getStatusCode());
  }

  @Test
  void put_shouldAnswer400_whenBodyIsMissingOrNotJson() {
    assertError(put("x", null), 400, "BODY_REQUIRED");
    assertError(put("x", "{\"type\": "), 400, "INVALID_JSON");
    assertError(put("x", "[1,2]"), 400, "VALIDATION_FAILED");
  }

  @Test
  void put_shouldAnswer400_whenBodyIdDiffersFromPath() {
    APIGatewayV2HTTPResponse r = put("inv-2", invoice("inv-3", "100.00", "20.00", "120.00"));
    assertError(r, 400, "VALIDATION_FAILED");
    assertTrue(detailNames(r, "id"));
  }

  @Test
  void put_shouldAnswer422_whenTotalsDoNotAddUp() {
    APIGatewayV2HTTPResponse r = put("inv-4", invoice("inv-4", "100.00", "20.00", "121.00"));
    assertError(r, 422, "DOCUMENT_INCONSISTENT");
    assertTrue(detailNames(r, "totals.gross"), r.getBody());
  }

  @Test
  void put_shouldAnswer409DocumentFrozen_whenInAnActiveExport() {
    assertEquals(201, put("inv-5", invoice("inv-5", "100.00", "20.00", "120.00")).getStatusCode());
    ((InMemoryDocumentRepository) wiring.documentRepository()).markExported(new TenantId("acme"), "inv-5",
        new ExportRef("exp-1", "EXP-2026-00001"));
    assertError(put("inv-5", invoice("inv-5", "100.00", "20.00", "120.00")), 409, "DOCUMENT_FROZEN");
  }

  @Test
  void get_shouldAnswer404_forAnotherTenantsDocument() {
    assertEquals(201, put("inv-6", invoice("inv-6", "100.00", "20.00", "120.00")).getStatusCode());
    APIGatewayV2HTTPResponse r = handler.handleRequest(
        route("GET /documents/{documentId}").path("documentId", "inv-6").tenant("other").build(), null);
    assertError(r, 404, "DOCUMENT_NOT_FOUND");
  }

  @Test
  void everyRoute_shouldAnswer401_withoutClaims() {
    assertError(handler.handleRequest(route("GET /documents").noToken().build(), null), 401, "UNAUTHORIZED");
  }

  @Test
  void batch_shouldStoreTheGoodOnes_andReportEachBadOneAtItsIndex() {
    String body = "{\"documents\": [" + invoice("b-1", "10.00", "2.00", "12.00") + ","
        + "{\"id\": \"b-2\", \"type\": \"nope\"}," + invoice("b-3", "10.00", "2.00", "13.00") + ","
        + invoice("b-1", "10.00", "2.00", "12.00") + "]}";
    APIGatewayV2HTTPResponse r = handler.handleRequest(route("POST /documents/batch").body(body).build(), null);
    assertEquals(200, r.getStatusCode(), r.getBody());
    JsonNode results = json(r).get("results");
    assertEquals(201, results.get(0).get("status").asInt());
    assertEquals(400, results.get(1).get("status").asInt());
    assertEquals("VALIDATION_FAILED", results.get(1).get("error").get("code").asText());
    assertEquals(422, results.get(2).get("status").asInt());
    assertEquals(400, results.get(3).get("status").asInt(), "duplicate id in one batch");
    assertEquals(1, json(r).get("stored").asInt());
    assertEquals(3, json(r).get("failed").asInt());
  }

  @Test
  void batch_withAnIdempotencyKey_replaysTheFirstAnswer_refusesAnotherBody_andARetryAfterAFailureRuns() {
    String body = "{\"documents\": [" + invoice("k-1", "10.00", "2.00", "12.00") + "," + invoice("k-2", "20.00", "4.00", "24.00") + "]}";
    APIGatewayV2HTTPResponse first = handler.handleRequest(route("POST /documents/batch").header("Idempotency-Key", "batch-1")
        .body(body).build(), null);
    assertEquals(200, first.getStatusCode(), first.getBody());
    assertEquals(201, json(first).get("results").get(0).get("status").asInt());

    APIGatewayV2HTTPResponse again = handler.handleRequest(route("POST /documents/batch").header("Idempotency-Key", "batch-1")
        .body(body).build(), null);
    assertEquals(json(first), json(again), "the first answer, 201s included: nothing was written again");
    APIGatewayV2HTTPResponse plain = handler.handleRequest(route("POST /documents/batch").body(body).build(), null);
    assertEquals(200, json(plain).get("results").get(0).get("status").asInt(), "without the key the batch runs: replaced");

    assertError(handler.handleRequest(route("POST /documents/batch").header("Idempotency-Key", "batch-1")
        .body(body.replace("k-2", "k-3")).build(), null), 409, "IDEMPOTENCY_KEY_REUSED");
    assertError(handler.handleRequest(route("POST /documents/batch").header("Idempotency-Key", "x".repeat(256))
        .body(body).build(), null), 400, "VALIDATION_FAILED");

    // a batch that fails as a whole forgets its key: the retry with the same key runs
    assertError(handler.handleRequest(route("POST /documents/batch").header("Idempotency-Key", "batch-2")
        .body("{\"documents\": []}").build(), null), 400, "VALIDATION_FAILED");
    APIGatewayV2HTTPResponse retry = handler.handleRequest(route("POST /documents/batch").header("Idempotency-Key", "batch-2")
        .body("{\"documents\": [" + invoice("k-4", "10.00", "2.00", "12.00") + "]}").build(), null);
    assertEquals(200, retry.getStatusCode(), retry.getBody());
  }

  @Test
  void batch_shouldAnswer413_above500Documents() {
    List<String> docs = new ArrayList<>();
    for (int i = 0; i < 501; i++) {
      docs.add(invoice("m-" + i, "10.00", "2.00", "12.00"));
    }
    APIGatewayV2HTTPResponse r = handler.handleRequest(
        route("POST /documents/batch").body("{\"documents\": [" + String.join(",", docs) + "]}").build(), null);
    assertError(r, 413, "BATCH_TOO_LARGE");
  }

  @Test
  void list_shouldFilterByType_andPaginateWithoutDuplicates() {
    for (int i = 0; i < 7; i++) {
      assertEquals(201, put("l-" + i, invoice("l-" + i, "10.00", "2.00", "12.00")).getStatusCode());
    }
    List<String> seen = new ArrayList<>();
    String cursor = null;
    do {
      var b = route("GET /documents").query("from", "2026-01-01").query("to", "2026-12-31").query("type", "invoice")
          .query("limit", "3");
      if (cursor != null) {
        b.query("cursor", cursor);
      }
      APIGatewayV2HTTPResponse r = handler.handleRequest(b.build(), null);
      assertEquals(200, r.getStatusCode(), r.getBody());
      json(r).get("items").forEach(i -> seen.add(i.get("id").asText()));
      cursor = json(r).get("nextCursor").isNull() ? null : json(r).get("nextCursor").asText();
    } while (cursor != null);
    assertEquals(List.of("l-0", "l-1", "l-2", "l-3", "l-4", "l-5", "l-6"), seen);
  }

  @Test
  void list_shouldAnswer400_forBadFilters() {
    APIGatewayV2HTTPResponse r = handler.handleRequest(route("GET /documents").query("state", "done")
        .query("from", "2026-13-01").query("limit", "5000").build(), null);
    assertEquals(400, r.getStatusCode());
    assertError(handler.handleRequest(route("GET /documents").query("stat", "blocked").build(), null), 400, "VALIDATION_FAILED");
    assertError(handler.handleRequest(route("GET /documents").query("cursor", "garbage").build(), null), 400, "INVALID_CURSOR");
    assertError(handler.handleRequest(route("GET /documents").query("from", "2026-12-01").query("to", "2026-01-01").build(), null),
        422, "INVALID_PERIOD");
  }

  @Test
  void list_nextCursorIsNull_whenEverythingFits() {
    APIGatewayV2HTTPResponse r = handler.handleRequest(route("GET /documents").build(), null);
    assertEquals(200, r.getStatusCode());
    assertTrue(json(r).get("nextCursor").isNull());
  }

  @Test
  void aPaymentOfSeveralInvoices_roundTrips_andItsSharesOfVatMove() {
    assertEquals(201, put("inv-a", invoice("inv-a", "100.00", "20.00", "120.00")).getStatusCode());
    assertEquals(201, put("inv-b", invoice("inv-b", "50.00", "10.00", "60.00")).getStatusCode());
    String payment = """
        {"type": "payment", "number": "R-1", "date": "2026-03-10", "status": "validated",
         "counterparty": {"id": "C42", "name": "Client SARL"},
         "totals": {"net": "180.00", "vat": "0.00", "gross": "180.00"},
         "relatedDocumentIds": [{"documentId": "inv-a", "amount": "120.00"}, {"documentId": "inv-b", "amount": "60.00"}],
         "validatedAt": "2026-03-10T09:00:00Z",
         "payment": {"method": "transfer", "bankAccount": "512000", "paidAt": "2026-03-10"}}
        """;
    APIGatewayV2HTTPResponse r = put("pay-1", payment);
    assertEquals(201, r.getStatusCode(), r.getBody());
    JsonNode d = json(r);
    assertEquals("inv-b", d.get("relatedDocumentIds").get(1).get("documentId").asText(), r.getBody());
    assertEquals("60.00", d.get("relatedDocumentIds").get(1).get("amount").asText());
    assertEquals("2026-03-10T09:00:00Z", d.get("validatedAt").asText());
    assertEquals(0, d.get("anomalies").size(), r.getBody());
  }

  @Test
  void relatedDocumentIds_vatRegimeAndValidatedAt_areCheckedAtTheEdge() {
    String base = """
        {"type": "%s", "date": "2026-03-10", "status": "validated",
         "counterparty": {"id": "C42", "name": "Client SARL"}, %s
         "totals": {"net": "10.00", "vat": "0.00", "gross": "10.00"},
         "payment": {"method": "transfer", "paidAt": "2026-03-10"}}
        """;
    record Case(String type, String fields, String field) {}
    for (Case c : List.of(
        new Case("payment", "\"relatedDocumentIds\": [{\"documentId\": \"x\", \"amount\": \"-1.00\"}],",
            "relatedDocumentIds[0].amount"),
        new Case("payment", "\"relatedDocumentIds\": [{\"documentId\": \"x\"}],", "relatedDocumentIds[0].amount"),
        new Case("payment", "\"relatedDocumentIds\": [{\"documentId\": \"x\", \"amount\": \"1.00\"},"
            + " {\"documentId\": \"x\", \"amount\": \"1.00\"}],", "relatedDocumentIds[1].documentId"),
        new Case("payment", "\"relatedDocumentId\": \"y\", \"relatedDocumentIds\": [{\"documentId\": \"x\", \"amount\": \"1.00\"}],",
            "relatedDocumentIds"),
        new Case("payment", "\"vatRegime\": \"debits\",", "vatRegime"),
        new Case("supplier_payment", "\"vatRegime\": \"weekly\",", "vatRegime"),
        new Case("payment", "\"validatedAt\": \"yesterday\",", "validatedAt"))) {
      APIGatewayV2HTTPResponse r = put("edge-1", base.formatted(c.type(), c.fields()));
      assertError(r, 400, "VALIDATION_FAILED");
      assertTrue(detailNames(r, c.field()), c + ": " + r.getBody());
    }
    assertEquals(201, put("edge-2", base.formatted("supplier_payment", "\"vatRegime\": \"debits\",")).getStatusCode());
  }
}
