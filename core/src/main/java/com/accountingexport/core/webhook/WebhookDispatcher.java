package com.accountingexport.core.webhook;

import com.accountingexport.core.auth.TenantId;

/**
 * Starts the retry loop of a new delivery: the deliver-webhook state machine in AWS (its execution
 * named by the delivery id, so that it starts once), the same ASL run locally, or an in-process
 * scheduler. The loop calls {@link WebhookService#attempt} and waits what it answers.
 */
@FunctionalInterface
public interface WebhookDispatcher {
  void dispatch(TenantId tenant, String webhookId, String deliveryId);
}
