package com.accountingexport.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.accountingexport.adapters.Wiring;
import com.accountingexport.adapters.testing.InMemoryWiring;
import com.accountingexport.adapters.testing.Seed;
import com.accountingexport.adapters.testing.TestEvents;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** {@code POST /local/events}: the samples of events/eventbridge through the same EventsHandler as Lambda. */
class EventsEndpointTest {
  private final Wiring wiring = InMemoryWiring.create();
  private final EventsEndpoint endpoint = new EventsEndpoint(wiring);

  private APIGatewayV2HTTPResponse post(String body) {
    return endpoint.handleRequest(TestEvents.route("POST /local/events").noToken().body(body).build(), null);
  }

  private static String sample(String name) throws IOException {
    return Files.readString(TemplateTest.ROOT.resolve("events/eventbridge/" + name));
  }

  @Test
  void periodClosed_shouldExportOnce_andReplayTheRedelivery() throws IOException {
    // given: March 2026 invoices of acme (the sample's tenant and period)
    Seed.invoices(wiring, 3);

    // when
    APIGatewayV2HTTPResponse first = post(sample("period-closed.json"));
    APIGatewayV2HTTPResponse again = post(sample("period-closed-redelivered.json"));

    // then
    assertEquals(200, first.getStatusCode(), first.getBody());
    JsonNode a = TestEvents.json(first);
    JsonNode b = TestEvents.json(again);
    assertEquals("ready", a.get("status").asText());
    assertEquals("replayed", b.get("status").asText());
    assertEquals(a.get("exportId"), b.get("exportId"));
    assertEquals("EXP-2026-00001", a.get("number").asText());
  }

  @Test
  void theDailySchedule_shouldAnswerTheDayAndItsTenants() throws IOException {
    APIGatewayV2HTTPResponse r = post(sample("scheduled-daily.json"));
    assertEquals(200, r.getStatusCode(), r.getBody());
    JsonNode body = TestEvents.json(r);
    assertEquals("2026-06-30", body.get("date").asText());
    assertEquals("2026-05", body.get("month").asText());
    assertTrue(body.get("tenants").isArray());
  }

  @Test
  void aMalformedEvent_isAnsweredRejected_butABodyThatIsNoJsonObjectIsA400() {
    JsonNode rejected = TestEvents.json(post("{\"source\": \"accounting-export\", \"detail-type\": \"PeriodClosed\", \"detail\": {}}"));
    assertEquals("rejected", rejected.get("status").asText());
    assertTrue(rejected.get("reason").asText().contains("detail.tenant"), rejected.toString());

    for (String bad : new String[] {"{\"source\":", "[]", "", "42"}) {
      APIGatewayV2HTTPResponse r = post(bad);
      assertEquals(400, r.getStatusCode(), bad);
      JsonNode error = TestEvents.json(r).get("error");
      assertTrue(error.get("code").isTextual() && error.get("message").isTextual() && error.get("details").isArray(), r.getBody());
    }
  }
}
