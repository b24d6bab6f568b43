package com.accountingexport.functions.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.accountingexport.adapters.testing.InMemoryWiring;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The state machine's task: one attempt, or the Catch branch's abandon step; bad input throws (the state fails). */
class WebhookDeliveryHandlerTest {
  private final WebhookDeliveryHandler handler = new WebhookDeliveryHandler(InMemoryWiring.create());

  @Test
  void theReasonOfAnAbandonedDelivery_isTheStateMachinesErrorAndCause_onOneShortLine() {
    assertEquals("Lambda.ServiceException: busy",
        WebhookDeliveryHandler.reason(Map.of("Error", "Lambda.ServiceException", "Cause", "busy")));
    assertEquals("States.Timeout", WebhookDeliveryHandler.reason(Map.of("Error", "States.Timeout")));
    assertEquals("unknown error", WebhookDeliveryHandler.reason(null));
    assertEquals(300, WebhookDeliveryHandler.reason(Map.of("Error", "E", "Cause", "x".repeat(1000))).length());
  }

  @Test
  void abandoningADeliveryThatIsNotThere_endsTheLoopAsFailed_withoutThrowing() {
    Map<String, Object> out = handler.handleRequest(Map.of("step", "abandon-webhook", "tenant", "acme",
        "webhookId", "wh_x", "deliveryId", "dlv_x", "error", Map.of("Error", "States.TaskFailed")), null);
    assertEquals("FAILED", out.get("status"));
  }

  @Test
  void anUnknownStepOrAMissingId_failsTheState() {
    assertThrows(IllegalArgumentException.class, () -> handler.handleRequest(Map.of("step", "explode", "tenant", "acme",
        "webhookId", "wh_x", "deliveryId", "dlv_x"), null));
    assertThrows(IllegalArgumentException.class, () -> handler.handleRequest(Map.of("step", "abandon-webhook",
        "tenant", "acme", "webhookId", "wh_x"), null));
  }
}
