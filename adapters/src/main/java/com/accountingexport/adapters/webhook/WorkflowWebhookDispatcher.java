package com.accountingexport.adapters.webhook;

import com.accountingexport.core.auth.TenantId;
import com.accountingexport.core.port.WorkflowStarter;
import com.accountingexport.core.webhook.WebhookDispatcher;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A delivery's retry loop as an execution of statemachine/deliver-webhook.asl.json (Step Functions in
 * AWS, the local host in the local runtime), named by the delivery id: starting it twice starts one.
 */
public final class WorkflowWebhookDispatcher implements WebhookDispatcher {
  private final WorkflowStarter starter;

  public WorkflowWebhookDispatcher(WorkflowStarter starter) {
    this.starter = starter;
  }

  @Override
  public void dispatch(TenantId tenant, String webhookId, String deliveryId) {
    Map<String, Object> input = new LinkedHashMap<>();
    input.put("tenant", tenant.value());
    input.put("webhookId", webhookId);
    input.put("deliveryId", deliveryId);
    starter.start(deliveryId, input);
  }
}
