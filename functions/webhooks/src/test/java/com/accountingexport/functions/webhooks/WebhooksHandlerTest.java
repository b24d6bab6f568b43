package com.accountingexport.functions.webhooks;

import static com.accountingexport.adapters.testing.TestEvents.json;
import static com.accountingexport.adapters.testing.TestEvents.route;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.accountingexport.adapters.Wiring;
import com.accountingexport.adapters.testing.InMemoryWiring;
import com.accountingexport.adapters.testing.Seed;
import com.accountingexport.core.export.Export;
import com.accountingexport.core.export.ExportGenerator;
import com.accountingexport.core.service.Selection;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The routes over in-memory stores and the AWS URL policy. Only IP literals are subscribed (no DNS),
 * and deliveries go to a recording dispatcher: nothing here connects anywhere.
 */
class WebhooksHandlerTest {
  private static final String PUBLIC = "https://93.184.216.34/hooks/in";
  private final Wiring wiring = InMemoryWiring.create();
  private final WebhooksHandler handler = new WebhooksHandler(wiring);
  private final List<List<String>> dispatched = new ArrayList<>();

  @BeforeEach
  void recordDispatches() {
    wiring.useWebhookDispatcher((tenant, webhookId, deliveryId) -> dispatched.add(List.of(tenant.value(), webhookId, deliveryId)));
  }

  private APIGatewayV2HTTPResponse subscribe(String url, String events) {
    return handler.handleRequest(route("POST /webhooks").body("{\"url\":\"" + url + "\",\"events\":" + events + "}").build(), null);
  }

  private JsonNode list() {
    APIGatewayV2HTTPResponse r = handler.handleRequest(route("GET /webhooks").build(), null);
    assertEquals(200, r.getStatusCode(), r.getBody());
    return json(r).get("items");
  }

  @Test
  void aPrivateAddressIsRefusedAtSubscription_400_andNothingIsStored() {
    for (String url : List.of("https://10.0.0.5/hook", "https://169.254.169.254/latest/meta-data", "https://[::1]/",
        "https://[::ffff:192.168.0.1]/", "https://127.0.0.1:3000/", "http://93.184.216.34/")) {
      APIGatewayV2HTTPResponse r = subscribe(url, "[\"export.ready\"]");
      assertEquals(400, r.getStatusCode(), url + " " + r.getBody());
      JsonNode error = json(r).get("error");
      assertTrue(List.of("URL_NOT_PUBLIC", "URL_NOT_HTTPS").contains(error.get("code").asText()), r.getBody());
      assertEquals("url", error.get("details").get(0).get("field").asText(), r.getBody());
    }
    assertEquals(0, list().size());
  }

  @Test
  void badEventsAre400WithTheAllowedValues() {
    APIGatewayV2HTTPResponse r = subscribe(PUBLIC, "[\"export.ready\",\"export.exploded\"]");
    assertEquals(400, r.getStatusCode());
    JsonNode d = json(r).get("error").get("details").get(0);
    assertEquals("events[1]", d.get("field").asText());
    assertTrue(d.get("message").asText().contains("export.ready, export.failed, export.cancelled, export.downloaded"),
        d.toString());
    assertEquals(400, subscribe(PUBLIC, "\"export.ready\"").getStatusCode());
    assertEquals(400, handler.handleRequest(route("POST /webhooks").body("{\"url\":\"" + PUBLIC + "\",\"events\":[\"export.ready\"],\"x\":1}").build(), null).getStatusCode());
    assertEquals(0, list().size());
  }

  @Test
  void subscribe_secretShownOnce_list_get_rotate_delete_andOtherTenants404() {
    APIGatewayV2HTTPResponse created = subscribe(PUBLIC, "[\"export.ready\",\"export.cancelled\"]");
    assertEquals(201, created.getStatusCode(), created.getBody());
    JsonNode w = json(created);
    String id = w.get("id").asText();
    assertTrue(id.startsWith("wh_"));
    assertEquals("/webhooks/" + id, created.getHeaders().get("Location"));
    assertTrue(w.get("secret").asText().startsWith("whsec_"));
    assertEquals(PUBLIC, w.get("url").asText());

    assertEquals(1, list().size());
    assertFalse(list().get(0).has("secret"));
    APIGatewayV2HTTPResponse got = handler.handleRequest(route("GET /webhooks/{webhookId}").path("webhookId", id).build(), null);
    assertEquals(200, got.getStatusCode());
    assertFalse(json(got).has("secret"));

    APIGatewayV2HTTPResponse rotated = handler.handleRequest(route("POST /webhooks/{webhookId}/rotate-secret")
        .path("webhookId", id).build(), null);
    assertEquals(200, rotated.getStatusCode());
    assertNotEquals(w.get("secret").asText(), json(rotated).get("secret").asText());

    for (var r : List.of(
        route("GET /webhooks/{webhookId}").path("webhookId", id).tenant("globex").build(),
        route("DELETE /webhooks/{webhookId}").path("webhookId", id).tenant("globex").build(),
        route("POST /webhooks/{webhookId}/rotate-secret").path("webhookId", id).tenant("globex").build(),
        route("GET /webhooks/{webhookId}/deliveries").path("webhookId", id).tenant("globex").build(),
        route("GET /webhooks/{webhookId}").path("webhookId", "wh_nope").build())) {
      APIGatewayV2HTTPResponse answer = handler.handleRequest(r, null);
      assertEquals(404, answer.getStatusCode(), answer.getBody());
      assertEquals("WEBHOOK_NOT_FOUND", json(answer).get("error").get("code").asText());
    }
    APIGatewayV2HTTPResponse asUser = handler.handleRequest(route("DELETE /webhooks/{webhookId}").path("webhookId", id)
        .role("company_user").build(), null);
    assertEquals(403, asUser.getStatusCode());

    assertEquals(204, handler.handleRequest(route("DELETE /webhooks/{webhookId}").path("webhookId", id).build(), null).getStatusCode());
    assertEquals(404, handler.handleRequest(route("GET /webhooks/{webhookId}").path("webhookId", id).build(), null).getStatusCode());
  }

  @Test
  void companyUsersCannotSubscribe() {
    APIGatewayV2HTTPResponse r = handler.handleRequest(route("POST /webhooks").role("company_user")
        .body("{\"url\":\"" + PUBLIC + "\",\"events\":[\"export.ready\"]}").build(), null);
    assertEquals(403, r.getStatusCode());
    assertEquals(0, list().size());
  }

  @Test
  void downloadingAReadyExport_deliversExportDownloadedOnce_howeverManyFilesAreFetched() {
    String id = json(subscribe(PUBLIC, "[\"export.downloaded\"]")).get("id").asText();
    Seed.invoices(wiring, 2);
    Export e = wiring.generator().generate(Seed.ADMIN, new ExportGenerator.GenerateRequest(
        new Selection(null, null, List.of(), List.of(), true, false), null, null, null, "h")).export();
    assertEquals(0, dispatched.size(), "READY is not wanted by this subscription");
    wiring.exports().download(Seed.ADMIN, e.id(), "journal", null);
    wiring.exports().download(Seed.ADMIN, e.id(), "journal", "csv");
    wiring.exports().download(Seed.ADMIN, e.id(), "accounts", null);
    assertEquals(1, dispatched.size(), dispatched.toString());
    JsonNode items = json(handler.handleRequest(route("GET /webhooks/{webhookId}/deliveries").path("webhookId", id).build(),
        null)).get("items");
    assertEquals("evt_" + e.id() + "_export.downloaded", items.get(0).get("eventId").asText());
  }

  @Test
  void anExportReadyThenCancelled_makesOneDeliveryPerEvent_andTheDeliveriesRouteShowsThem() {
    String id = json(subscribe(PUBLIC, "[\"export.ready\",\"export.cancelled\"]")).get("id").asText();
    Seed.invoices(wiring, 2);
    Export e = wiring.generator().generate(Seed.ADMIN, new ExportGenerator.GenerateRequest(
        new Selection(null, null, List.of(), List.of(), true, false), null, null, null, "h")).export();
    assertEquals(1, dispatched.size(), dispatched.toString());
    wiring.exports().cancel(Seed.ADMIN, e.id());
    assertEquals(2, dispatched.size(), dispatched.toString());

    APIGatewayV2HTTPResponse r = handler.handleRequest(route("GET /webhooks/{webhookId}/deliveries").path("webhookId", id)
        .build(), null);
    assertEquals(200, r.getStatusCode(), r.getBody());
    JsonNode items = json(r).get("items");
    assertEquals(2, items.size());
    List<String> types = new ArrayList<>();
    items.forEach(i -> types.add(i.get("eventId").asText()));
    assertTrue(types.contains("evt_" + e.id() + "_export.ready"), types.toString());
    assertTrue(types.contains("evt_" + e.id() + "_export.cancelled"), types.toString());
    assertEquals("PENDING", items.get(0).get("status").asText());
    assertEquals(400, handler.handleRequest(route("GET /webhooks/{webhookId}/deliveries").path("webhookId", id)
        .query("page", "2").build(), null).getStatusCode());

    // the delivery task: the webhook is gone, so the attempt fails without sending anything
    handler.handleRequest(route("DELETE /webhooks/{webhookId}").path("webhookId", id).build(), null);
    WebhookDeliveryHandler task = new WebhookDeliveryHandler(wiring);
    Map<String, Object> out = task.handleRequest(Map.of("step", "deliver-webhook", "tenant", "acme", "webhookId", id,
        "deliveryId", dispatched.get(0).get(2)), null);
    assertEquals(Map.of("status", "FAILED", "waitSeconds", 0L), out);
    assertThrows(IllegalArgumentException.class, () -> task.handleRequest(Map.of("step", "deliver-webhook",
        "tenant", "acme", "webhookId", id), null));
  }
}
