package com.accountingexport.local;

import static com.accountingexport.adapters.testing.TestEvents.route;
import static com.accountingexport.local.TemplateTest.map;
import static com.accountingexport.local.TemplateTest.path;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.accountingexport.adapters.Wiring;
import com.accountingexport.adapters.json.Json;
import com.accountingexport.adapters.testing.InMemoryWiring;
import com.accountingexport.adapters.testing.TestEvents;
import com.accountingexport.functions.cancel.CancelHandler;
import com.accountingexport.functions.documents.DocumentsHandler;
import com.accountingexport.functions.downloads.DownloadsHandler;
import com.accountingexport.functions.exports.ExportsHandler;
import com.accountingexport.functions.settings.SettingsHandler;
import com.accountingexport.functions.webhooks.WebhooksHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * openapi.yaml matches what is implemented: every answer of a full walk through the API (success
 * and error cases) is checked against the response schema the spec declares for its route and
 * status — no undeclared field, every required field present, the declared JSON types.
 */
class OpenApiResponsesTest {
  private final Wiring wiring = InMemoryWiring.create();
  private final DocumentsHandler documents = new DocumentsHandler(wiring);
  private final ExportsHandler exports = new ExportsHandler(wiring);
  private final DownloadsHandler downloads = new DownloadsHandler(wiring);
  private final CancelHandler cancel = new CancelHandler(wiring);
  private final SettingsHandler settings = new SettingsHandler(wiring);
  private final WebhooksHandler webhooks = new WebhooksHandler(wiring);
  /** Deliveries are recorded, never sent: nothing in this walk connects anywhere. */
  private final List<List<String>> dispatched = new ArrayList<>();

  {
    wiring.useWebhookDispatcher((tenant, webhookId, deliveryId) -> dispatched.add(List.of(tenant.value(), webhookId, deliveryId)));
  }
  private final List<String> problems = new ArrayList<>();
  private int checked;

  private static final String INVOICE = """
      {"type": "invoice", "number": "F-1", "date": "2026-03-02", "status": "validated", "currency": "USD",
       "exchangeRate": "1.0800",
       "counterparty": {"id": "C1", "name": "Client", "countryCode": "FR", "chorus": true, "siret": "12345678900012",
         "billingAddress": {"line1": "1 rue A", "postalCode": "75001", "city": "Paris", "countryCode": "FR"}},
       "lines": [{"label": "Formation", "netAmount": "100.00", "vatRate": "20.00", "vatAmount": "20.00",
         "servicePeriod": {"from": "2026-03-01", "to": "2026-03-31"}}],
       "totals": {"net": "100.00", "vat": "20.00", "gross": "120.00"}, "engagementNumber": "ENG-1"}
      """;

  private static final String TEMPLATE = """
      {"name": "Cabinet Martin", "columns": ["EcritureDate", {"field": "JournalCode", "header": "Journal"}, "EcritureNum",
       "CompteNum", "CompAuxNum", "EcritureLib", "Debit", "Credit"], "separator": ";", "decimalMark": ",",
       "datePattern": "dd/MM/yyyy", "encoding": "windows-1252"}
      """;

  private JsonNode call(com.amazonaws.services.lambda.runtime.RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> h,
      TestEvents.Builder b) {
    APIGatewayV2HTTPEvent e = b.build();
    APIGatewayV2HTTPResponse r = h.handleRequest(e, null);
    String[] rk = e.getRouteKey().split(" ", 2);
    JsonNode body = r.getBody() == null ? null : Json.parse(r.getBody());
    if (r.getStatusCode() >= 500) {
      problems.add(e.getRouteKey() + " answered " + r.getStatusCode() + ": " + r.getBody());
    }
    Object op = path(OpenApiTest.SPEC, "paths", rk[1], rk[0].toLowerCase());
    assertTrue(op != null, "no operation " + e.getRouteKey() + " in openapi.yaml");
    Object response = path(op, "responses", Integer.toString(r.getStatusCode()));
    if (response == null) {
      problems.add(e.getRouteKey() + " answered " + r.getStatusCode() + ", which openapi.yaml does not declare");
      return body;
    }
    Object schema = path(resolve(response), "content", "application/json", "schema");
    if (body != null && schema != null) {
      check(body, schema, e.getRouteKey() + " " + r.getStatusCode() + " $");
      checked++;
    }
    return body;
  }

  @Test
  void everyAnswerOfAFullWalk_conformsToItsDeclaredSchema() {
    call(documents, route("PUT /documents/{documentId}").path("documentId", "inv-1").body(INVOICE));
    call(documents, route("PUT /documents/{documentId}").path("documentId", "inv-1").body(INVOICE));
    call(documents, route("PUT /documents/{documentId}").path("documentId", "inv-2").body("{\"type\": 1}"));
    call(documents, route("PUT /documents/{documentId}").path("documentId", "inv-3")
        .body(INVOICE.replace("\"gross\": \"120.00\"", "\"gross\": \"121.00\"")));
    call(documents, route("POST /documents/batch").body("{\"documents\": [" + INVOICE.replaceFirst("\\{", "{\"id\": \"inv-4\",")
        + ", {\"id\": \"x\"}]}"));
    String batch = "{\"documents\": [" + INVOICE.replaceFirst("\\{", "{\"id\": \"inv-5\",") + "]}";
    call(documents, route("POST /documents/batch").header("Idempotency-Key", "b1").body(batch));
    call(documents, route("POST /documents/batch").header("Idempotency-Key", "b1").body(batch));
    call(documents, route("POST /documents/batch").header("Idempotency-Key", "b1").body(batch.replace("inv-5", "inv-6")));
    call(documents, route("GET /documents/{documentId}").path("documentId", "inv-1"));
    call(documents, route("GET /documents/{documentId}").path("documentId", "nope"));
    call(documents, route("GET /documents").query("state", "exportable").query("limit", "1"));
    call(documents, route("GET /documents").query("state", "nope"));
    call(documents, route("GET /documents").noToken());

    call(settings, route("GET /settings"));
    call(settings, route("GET /tenants").tenant("cabinet").role("firm_user").claim("tenants", "[acme other]"));
    call(settings, route("GET /tenants").role("company_user"));
    call(settings, route("GET /tenants").query("cursor", "x"));
    call(settings, route("GET /settings").header("X-Tenant", "other"));
    call(settings, route("PUT /settings").body("{\"defaultFormat\": \"csv\", \"accounts\": {\"vatCollectedByRate\": {\"5.50\": \"445713\"}}}"));
    call(settings, route("PUT /settings").role("company_user").body("{}"));
    call(settings, route("PUT /settings").body("{\"fiscalYearStart\": \"13-01\"}"));

    call(webhooks, route("POST /webhooks").body("{\"url\": \"https://10.1.2.3/in\", \"events\": [\"export.ready\"]}"));
    call(webhooks, route("POST /webhooks").body("{\"url\": \"https://93.184.216.34/in\", \"events\": [\"export.nope\"]}"));
    call(webhooks, route("POST /webhooks").role("company_user")
        .body("{\"url\": \"https://93.184.216.34/in\", \"events\": [\"export.ready\"]}"));
    JsonNode hook = call(webhooks, route("POST /webhooks")
        .body("{\"url\": \"https://93.184.216.34/in\", \"events\": [\"export.ready\", \"export.cancelled\"]}"));
    String hookId = hook.get("id").asText();
    JsonNode gone = call(webhooks, route("POST /webhooks")
        .body("{\"url\": \"https://93.184.216.35/in\", \"events\": [\"export.ready\"]}"));
    call(webhooks, route("GET /webhooks"));
    call(webhooks, route("GET /webhooks/{webhookId}").path("webhookId", hookId));
    call(webhooks, route("GET /webhooks/{webhookId}").path("webhookId", "wh_nope"));
    call(webhooks, route("POST /webhooks/{webhookId}/rotate-secret").path("webhookId", hookId));
    call(exports, route("POST /exports/preview").body("{}"));
    call(exports, route("POST /exports/preview").body("{\"journals\": [\"ZZ\"]}"));
    JsonNode created = call(exports, route("POST /exports").header("Idempotency-Key", "k").body("{\"format\": \"fec\"}"));
    call(exports, route("POST /exports").header("Idempotency-Key", "k").body("{\"format\": \"csv\"}"));
    call(exports, route("POST /exports").body("{}"));
    call(exports, route("POST /exports").body("{\"documentIds\": [\"inv-1\"]}"));
    call(exports, route("POST /exports").body("{\"bundle\": \"yes\"}"));
    String id = created.get("id").asText();
    call(exports, route("GET /exports").query("status", "READY"));
    call(exports, route("GET /exports/{exportId}").path("exportId", id));
    call(exports, route("GET /exports/{exportId}").path("exportId", "nope"));
    call(exports, route("GET /exports/{exportId}/verify").path("exportId", id));
    call(downloads, route("GET /exports/{exportId}/files/{kind}").path("exportId", id).path("kind", "journal").query("format", "csv"));
    call(downloads, route("GET /exports/{exportId}/files/{kind}").path("exportId", id).path("kind", "accounts").query("redirect", "true"));
    call(downloads, route("GET /exports/{exportId}/files/{kind}").path("exportId", id).path("kind", "invoices-zip"));
    call(downloads, route("GET /reports/{report}").path("report", "trial-balance"));
    call(downloads, route("GET /reports/{report}").path("report", "trial-balance").query("level", "customers")
        .query("from", "2026-03-01").query("to", "2026-03-31").query("limit", "1"));
    call(downloads, route("GET /reports/{report}").path("report", "trial-balance").query("format", "xlsx"));
    call(downloads, route("GET /reports/{report}").path("report", "trial-balance").query("format", "pdf"));
    call(downloads, route("GET /lists/{list}").path("list", "unpaid").query("format", "pdf"));
    call(downloads, route("GET /reports/{report}").path("report", "trial-balance").query("level", "nope"));
    call(downloads, route("GET /reports/{report}").path("report", "nope"));
    for (String report : List.of("vat-summary", "deferred-revenue", "collections", "journal-by-day")) {
      call(downloads, route("GET /reports/{report}").path("report", report));
      call(downloads, route("GET /reports/{report}").path("report", report).query("format", "csv"));
    }
    call(downloads, route("GET /reports/{report}").path("report", "vat-summary").role("company_user"));
    call(downloads, route("GET /reports/{report}").path("report", "deferred-revenue").query("at", "2026-03-31"));
    call(downloads, route("GET /reports/{report}").path("report", "trial-balance").query("cursor", "bad"));
    call(downloads, route("GET /lists/{list}").path("list", "nope"));
    for (String list : List.of("invoices", "payments", "customer-balances", "unpaid", "cash-closing")) {
      call(downloads, route("GET /lists/{list}").path("list", list));
      call(downloads, route("GET /lists/{list}").path("list", list).query("format", "xlsx"));
    }
    call(downloads, route("GET /lists/{list}").path("list", "unpaid").query("at", "2026-03-01").query("from", "2026-04-01"));
    call(downloads, route("GET /exports/{exportId}/files/{kind}").path("exportId", id).path("kind", "trial-balance"));
    call(downloads, route("GET /exports/{exportId}/files/{kind}").path("exportId", id).path("kind", "vat-summary")
        .query("format", "xlsx"));
    call(downloads, route("GET /exports/{exportId}/files/{kind}").path("exportId", id).path("kind", "all"));
    call(settings, route("GET /formats"));
    call(settings, route("POST /export-templates").role("company_user").body(TEMPLATE));
    call(settings, route("POST /export-templates").body("{\"name\": \"x\", \"columns\": [\"Nope\"]}"));
    JsonNode template = call(settings, route("POST /export-templates").body(TEMPLATE));
    assertTrue(template.has("id"), "template created: " + template);
    String tpl = template.get("id").asText();
    call(settings, route("GET /export-templates"));
    call(settings, route("GET /export-templates/{templateId}").path("templateId", tpl));
    call(settings, route("GET /export-templates/{templateId}").path("templateId", "tpl-missing"));
    call(settings, route("PUT /export-templates/{templateId}").path("templateId", tpl).body(TEMPLATE.replace("Cabinet", "Cabinet 2")));
    call(settings, route("GET /formats"));
    call(downloads, route("GET /exports/{exportId}/files/{kind}").path("exportId", id).path("kind", "journal").query("format", tpl));
    call(downloads, route("GET /exports/{exportId}/files/{kind}").path("exportId", id).path("kind", "accounts").query("format", tpl));
    call(downloads, route("GET /exports/{exportId}/files/{kind}").path("exportId", id).path("kind", "accounts").query("format", "fec"));
    call(settings, route("PUT /settings").body("{\"defaultFormat\": \"" + tpl + "\"}"));
    call(settings, route("DELETE /export-templates/{templateId}").path("templateId", tpl));
    call(settings, route("PUT /settings").body("{\"defaultFormat\": \"fec\"}"));
    call(settings, route("DELETE /export-templates/{templateId}").path("templateId", tpl));
    call(settings, route("DELETE /export-templates/{templateId}").path("templateId", tpl));
    call(cancel, route("POST /exports/{exportId}/cancel").path("exportId", id));
    call(cancel, route("POST /exports/{exportId}/cancel").path("exportId", id));
    call(webhooks, route("GET /webhooks/{webhookId}/deliveries").path("webhookId", hookId).query("limit", "1"));
    call(webhooks, route("GET /webhooks/{webhookId}/deliveries").path("webhookId", hookId).query("cursor", "!"));
    String goneId = gone.get("id").asText();
    call(webhooks, route("DELETE /webhooks/{webhookId}").path("webhookId", goneId));
    call(webhooks, route("DELETE /webhooks/{webhookId}").path("webhookId", goneId));
    JsonNode deliveries = call(webhooks, route("GET /webhooks/{webhookId}/deliveries").path("webhookId", hookId));
    assertTrue(deliveries.get("items").size() >= 2, "ready and cancelled: " + deliveries);
    JsonNode audit = call(settings, route("GET /audit").query("limit", "5"));
    assertTrue(audit.get("items").size() == 5 && audit.get("nextCursor").isTextual(), "the walk left entries: " + audit);
    call(settings, route("GET /audit").query("action", "export.cancelled").query("actor", "admin@acme.test")
        .query("from", "2026-06-15").query("to", "2026-06-15"));
    call(settings, route("GET /audit").query("cursor", audit.get("nextCursor").asText()));
    call(settings, route("GET /audit").query("action", "nope"));
    call(settings, route("GET /audit").query("from", "2026-06-16").query("to", "2026-06-15"));
    call(settings, route("GET /audit").role("company_user"));

    assertTrue(checked >= 25, "bodies checked: " + checked);
    assertEquals(List.of(), problems);
  }

  // ------------------------------------------------------------------ a small schema checker

  private Object resolve(Object node) {
    Object n = node;
    while (n instanceof Map<?, ?> m && m.get("$ref") instanceof String ref) {
      Object target = OpenApiTest.SPEC;
      for (String part : ref.substring(2).split("/")) {
        target = path(target, part);
      }
      n = target;
    }
    return n;
  }

  @SuppressWarnings("unchecked")
  private void check(JsonNode value, Object schemaNode, String where) {
    Map<String, Object> schema = map(resolve(schemaNode));
    if (value.isNull()) {
      if (!Boolean.TRUE.equals(schema.get("nullable")) && !allowsNullThroughComposition(schema)) {
        problems.add(where + " is null but not nullable");
      }
      return;
    }
    if (schema.get("allOf") instanceof List<?> all) {
      Map<String, Object> merged = new java.util.HashMap<>();
      Map<String, Object> props = new java.util.LinkedHashMap<>();
      List<Object> required = new ArrayList<>();
      for (Object part : all) {
        Map<String, Object> p = map(resolve(part));
        if (p.get("properties") instanceof Map<?, ?> pp) {
          props.putAll((Map<String, Object>) pp);
        }
        if (p.get("required") instanceof List<?> r) {
          required.addAll(r);
        }
        p.forEach((k, v) -> {
          if (!k.equals("properties") && !k.equals("required")) {
            merged.putIfAbsent(k, v);
          }
        });
      }
      if (schema.get("nullable") != null) {
        merged.put("nullable", schema.get("nullable"));
      }
      if (!props.isEmpty()) {
        merged.put("type", "object");
        merged.put("properties", props);
      }
      if (!required.isEmpty()) {
        merged.put("required", required);
      }
      merged.remove("anyOf");
      check(value, merged, where);
      return;
    }
    for (String key : List.of("oneOf", "anyOf")) {
      if (schema.get(key) instanceof List<?> options && schema.get("properties") == null) {
        int before = problems.size();
        for (Object o : options) {
          List<String> saved = new ArrayList<>(problems);
          check(value, o, where);
          if (problems.size() == saved.size()) {
            return;
          }
          problems.clear();
          problems.addAll(saved);
        }
        if (problems.size() == before) {
          problems.add(where + " matches none of its " + key);
        }
        return;
      }
    }
    String type = (String) schema.get("type");
    if (type == null && schema.get("properties") != null) {
      type = "object";
    }
    if (type == null) {
      return;
    }
    switch (type) {
      case "object" -> {
        if (!value.isObject()) {
          problems.add(where + " should be an object");
          return;
        }
        Map<String, Object> props = schema.get("properties") instanceof Map<?, ?> p ? (Map<String, Object>) p : Map.of();
        Object additional = schema.get("additionalProperties");
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
          var f = it.next();
          if (props.containsKey(f.getKey())) {
            check(f.getValue(), props.get(f.getKey()), where + "." + f.getKey());
          } else if (additional instanceof Map<?, ?>) {
            check(f.getValue(), additional, where + "." + f.getKey());
          } else if (!Boolean.TRUE.equals(additional)) {
            problems.add(where + "." + f.getKey() + " is not declared in openapi.yaml");
          }
        }
        if (schema.get("required") instanceof List<?> required) {
          for (Object r : required) {
            if (!value.has(String.valueOf(r))) {
              problems.add(where + "." + r + " is required by openapi.yaml but missing");
            }
          }
        }
      }
      case "array" -> {
        if (!value.isArray()) {
          problems.add(where + " should be an array");
          return;
        }
        for (int i = 0; i < value.size(); i++) {
          check(value.get(i), schema.get("items"), where + "[" + i + "]");
        }
      }
      case "string" -> {
        if (!value.isTextual()) {
          problems.add(where + " should be a string, is " + value);
        } else if (schema.get("enum") instanceof List<?> values && !values.contains(value.textValue())) {
          problems.add(where + " = " + value + " is not in its enum " + values);
        }
      }
      case "integer" -> {
        if (!value.isIntegralNumber()) {
          problems.add(where + " should be an integer, is " + value);
        }
      }
      case "number" -> {
        if (!value.isNumber()) {
          problems.add(where + " should be a number, is " + value);
        }
      }
      case "boolean" -> {
        if (!value.isBoolean()) {
          problems.add(where + " should be a boolean, is " + value);
        }
      }
      default -> problems.add(where + ": unknown schema type " + type);
    }
  }

  private boolean allowsNullThroughComposition(Map<String, Object> schema) {
    return schema.get("allOf") instanceof List<?> all && all.stream().anyMatch(p -> Boolean.TRUE.equals(map(resolve(p)).get("nullable")));
  }
}
