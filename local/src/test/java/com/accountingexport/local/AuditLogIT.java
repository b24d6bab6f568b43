package com.accountingexport.local;

import static com.accountingexport.adapters.testing.TestEvents.json;
import static com.accountingexport.adapters.testing.TestEvents.route;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.accountingexport.adapters.AwsClients;
import com.accountingexport.adapters.Config;
import com.accountingexport.adapters.Wiring;
import com.accountingexport.adapters.testing.LocalDynamo;
import com.accountingexport.adapters.testing.LocalS3;
import com.accountingexport.adapters.testing.TestEvents;
import com.accountingexport.core.audit.AuditVerification;
import com.accountingexport.core.auth.TenantId;
import com.accountingexport.functions.cancel.CancelHandler;
import com.accountingexport.functions.documents.DocumentsHandler;
import com.accountingexport.functions.downloads.DownloadsHandler;
import com.accountingexport.functions.exports.ExportsHandler;
import com.accountingexport.functions.settings.SettingsHandler;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The audit log through the real handlers on DynamoDB Local and S3Mock: each audited request leaves
 * exactly one entry in the log of the company it acted on (refusals with their error code), reads
 * leave none, {@code GET /audit} lists them for admins only, and the chain check names a deleted one.
 */
class AuditLogIT {
  static final String INVOICE = """
      {"type": "invoice", "number": "%s", "date": "2026-03-02", "status": "validated", "currency": "EUR",
       "counterparty": {"id": "C1", "name": "Client", "countryCode": "FR"},
       "lines": [{"label": "Formation", "netAmount": "100.00", "vatRate": "20.00", "vatAmount": "20.00"}],
       "totals": {"net": "100.00", "vat": "20.00", "gross": "120.00"}}
      """;

  private final Wiring wiring;
  private final DocumentsHandler documents;
  private final ExportsHandler exports;
  private final DownloadsHandler downloads;
  private final CancelHandler cancel;
  private final SettingsHandler settings;
  private final String table;

  AuditLogIT() {
    table = LocalDynamo.get().newTable();
    AwsClients aws = new AwsClients(LocalDynamo.get().client(), LocalS3.get().s3(), LocalS3.get().presigner(), null);
    Config config = new Config(table, LocalS3.get().newBucket(), "exports@test", Duration.ofMinutes(15),
        "http://localhost", Duration.ofMinutes(5));
    wiring = new Wiring(aws, config, Clock.systemUTC(), () -> UUID.randomUUID().toString());
    documents = new DocumentsHandler(wiring);
    exports = new ExportsHandler(wiring);
    downloads = new DownloadsHandler(wiring);
    cancel = new CancelHandler(wiring);
    settings = new SettingsHandler(wiring);
  }

  /** One request and what the audit log should say of it (null: nothing). */
  private record Step(String action, APIGatewayV2HTTPResponse response, Map<String, String> ids, String role) {}

  private final List<Step> steps = new ArrayList<>();

  private APIGatewayV2HTTPResponse call(RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> h,
      TestEvents.Builder b, String action, Map<String, String> ids, String role) {
    APIGatewayV2HTTPResponse r = h.handleRequest(b.build(), null);
    assertTrue(r.getStatusCode() < 500, r.getBody());
    if (action != null) {
      steps.add(new Step(action, r, ids, role));
    }
    return r;
  }

  @Test
  void everyAuditedRequest_shouldLeaveExactlyOneEntry_withItsActorIdsAndOutcome_andTheChainShouldVerify() {
    // when: documents written, an export generated, downloaded, cancelled twice, settings refused then changed
    call(documents, route("PUT /documents/{documentId}").path("documentId", "inv-1").body(INVOICE.formatted("F-1")),
        "documents.written", Map.of("documentId", "inv-1"), "company_admin");
    call(documents, route("POST /documents/batch").body("{\"documents\": [" + INVOICE.formatted("F-2").replaceFirst("\\{",
        "{\"id\": \"inv-2\",") + ", " + INVOICE.formatted("F-3").replaceFirst("\\{", "{\"id\": \"inv-3\",") + "]}"),
        "documents.written", Map.of("documents", "2"), "company_admin");
    APIGatewayV2HTTPResponse created = call(exports, route("POST /exports")
        .body("{\"from\": \"2026-03-01\", \"to\": \"2026-03-31\", \"format\": \"fec\"}"), "export.generated", null,
        "company_admin");
    assertEquals(201, created.getStatusCode(), created.getBody());
    String exportId = json(created).get("id").asText();
    steps.set(steps.size() - 1, new Step("export.generated", created, Map.of("exportId", exportId), "company_admin"));
    call(downloads, route("GET /exports/{exportId}/files/{kind}").path("exportId", exportId).path("kind", "journal"),
        "file.downloaded", Map.of("exportId", exportId, "kind", "journal"), "company_admin");
    call(cancel, route("POST /exports/{exportId}/cancel").path("exportId", exportId), "export.cancelled",
        Map.of("exportId", exportId), "company_admin");
    APIGatewayV2HTTPResponse again = call(cancel, route("POST /exports/{exportId}/cancel").path("exportId", exportId),
        "export.cancelled", Map.of("exportId", exportId), "company_admin");
    assertEquals(409, again.getStatusCode(), again.getBody());
    APIGatewayV2HTTPResponse refused = call(settings, route("PUT /settings").role("company_user").body("{}"),
        "settings.changed", Map.of(), "company_user");
    assertEquals(403, refused.getStatusCode());
    call(settings, route("PUT /settings").role("firm_user").tenant("cabinet").claim("tenants", "[acme]")
        .header("X-Tenant", "acme").body("{\"defaultFormat\": \"csv\"}"), "settings.changed", Map.of(), "firm_user");
    // reads leave nothing
    call(exports, route("GET /exports"), null, null, null);
    call(exports, route("GET /exports/{exportId}").path("exportId", exportId), null, null, null);
    call(documents, route("GET /documents"), null, null, null);
    call(settings, route("GET /settings"), null, null, null);
    call(downloads, route("GET /reports/{report}").path("report", "trial-balance"), null, null, null);

    // then: GET /audit lists one entry per audited request, newest first
    APIGatewayV2HTTPResponse listed = settings.handleRequest(route("GET /audit").build(), null);
    assertEquals(200, listed.getStatusCode(), listed.getBody());
    JsonNode items = json(listed).get("items");
    assertEquals(steps.size(), items.size(), listed.getBody());
    assertTrue(json(listed).get("nextCursor").isNull());
    for (int i = 0; i < steps.size(); i++) {
      Step step = steps.get(i);
      JsonNode entry = items.get(steps.size() - 1 - i);
      String where = "entry " + (i + 1) + ": " + entry;
      assertEquals(i + 1, entry.get("seq").asInt(), where);
      assertEquals(step.action(), entry.get("action").asText(), where);
      assertEquals(step.response().getStatusCode(), entry.get("status").asInt(), where);
      String expectedOutcome = step.response().getStatusCode() < 400 ? "OK"
          : json(step.response()).get("error").get("code").asText();
      assertEquals(expectedOutcome, entry.get("outcome").asText(), where);
      Map<String, String> ids = new java.util.TreeMap<>();
      entry.get("ids").fields().forEachRemaining(f -> ids.put(f.getKey(), f.getValue().asText()));
      assertEquals(new java.util.TreeMap<>(step.ids()), ids, where);
      assertEquals(step.role(), entry.get("actor").get("role").asText(), where);
      assertEquals(i == 0 ? "0".repeat(64) : items.get(steps.size() - i).get("hash").asText(),
          entry.get("previousHash").asText(), where);
    }
    JsonNode firmEntry = items.get(0);
    assertEquals("cabinet", firmEntry.get("actor").get("firm").asText());
    assertEquals("user-1", firmEntry.get("actor").get("sub").asText());
    JsonNode cancelledTwice = items.get(steps.size() - 6);
    assertEquals("EXPORT_ALREADY_CANCELLED", cancelledTwice.get("outcome").asText(), cancelledTwice.toString());
    JsonNode forbidden = items.get(1);
    assertEquals("FORBIDDEN", forbidden.get("outcome").asText());
    assertTrue(forbidden.get("actor").get("firm").isNull());

    // filters and rights
    JsonNode cancellations = json(settings.handleRequest(route("GET /audit").query("action", "export.cancelled").build(), null));
    assertEquals(2, cancellations.get("items").size());
    assertEquals(403, settings.handleRequest(route("GET /audit").role("company_user").build(), null).getStatusCode());
    assertEquals(400, settings.handleRequest(route("GET /audit").query("who", "x").build(), null).getStatusCode());
    assertEquals(0, wiring.auditLog().all(new TenantId("cabinet")).size(), "a firm user's work is logged on the company");

    // the chain verifies, and a deleted entry is named
    TenantId acme = new TenantId("acme");
    AuditVerification intact = wiring.audit().verify(acme);
    assertTrue(intact.valid(), intact.problems().toString());
    assertEquals(steps.size(), intact.recordsChecked());
    LocalDynamo.get().client().deleteItem(r -> r.tableName(table).key(Map.of(
        "PK", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("T#acme#AUDIT"),
        "SK", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("REC#000000000004"))));
    AuditVerification broken = wiring.audit().verify(acme);
    assertFalse(broken.valid());
    assertEquals(List.of(new AuditVerification.Problem("missing", 4, "Entry 4 is missing")), broken.problems());
  }
}
