package com.accountingexport.functions.webhooks;

import com.accountingexport.adapters.Priming;
import com.accountingexport.adapters.Wiring;
import com.accountingexport.core.auth.TenantId;
import com.accountingexport.core.webhook.WebhookService;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Task of statemachine/deliver-webhook.asl.json: {@code {"step": "deliver-webhook", "tenant",
 * "webhookId", "deliveryId"}} in, one attempt, {@code {"status": RETRY|DELIVERED|FAILED, "waitSeconds"}}
 * out; the state machine waits and calls again on RETRY. A failure of our own storage throws, and the
 * state's Retry tries the same attempt again.
 */
public final class WebhookDeliveryHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
  public static final String STEP = "deliver-webhook";
  /** The Catch branch: the attempt task kept failing; the delivery becomes FAILED instead of staying PENDING. */
  public static final String ABANDON = "abandon-webhook";

  private final WebhookService webhooks;

  public WebhookDeliveryHandler() {
    this(Wiring.fromEnvironment());
  }

  public WebhookDeliveryHandler(Wiring wiring) {
    this.webhooks = wiring.webhooks();
    Priming.register(wiring);
  }

  @Override
  public Map<String, Object> handleRequest(Map<String, Object> input, Context context) {
    Object step = input.get("step");
    if (step != null && !STEP.equals(step.toString()) && !ABANDON.equals(step.toString())) {
      throw new IllegalArgumentException("unknown step \"" + step + "\"");
    }
    Object tenant = input.get("tenant");
    if (tenant == null || !TenantId.isValid(tenant.toString())) {
      throw new IllegalArgumentException("the step input needs a valid \"tenant\"");
    }
    TenantId id = new TenantId(tenant.toString());
    WebhookService.Outcome o = step != null && ABANDON.equals(step.toString())
        ? webhooks.abandon(id, required(input, "webhookId"), required(input, "deliveryId"), reason(input.get("error")))
        : webhooks.attempt(id, required(input, "webhookId"), required(input, "deliveryId"));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("status", o.status());
    out.put("waitSeconds", o.waitSeconds());
    return out;
  }

  /** The state machine's {@code {Error, Cause}} of the failed task, as one short line. */
  static String reason(Object error) {
    if (!(error instanceof Map<?, ?> m)) {
      return "unknown error";
    }
    Object name = m.get("Error");
    Object cause = m.get("Cause");
    String text = (name == null ? "error" : name.toString()) + (cause == null ? "" : ": " + cause);
    return text.length() <= 300 ? text : text.substring(0, 300);
  }

  private static String required(Map<String, Object> input, String name) {
    Object v = input.get(name);
    if (v == null || v.toString().isBlank()) {
      throw new IllegalArgumentException("the step input needs \"" + name + "\"");
    }
    return v.toString();
  }
}
