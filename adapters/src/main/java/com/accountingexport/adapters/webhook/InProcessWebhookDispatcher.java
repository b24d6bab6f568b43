package com.accountingexport.adapters.webhook;

import com.accountingexport.core.auth.TenantId;
import com.accountingexport.core.webhook.WebhookDispatcher;
import com.accountingexport.core.webhook.WebhookService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The retry loop on a thread of this process: where no state machine runs (the local runtime without
 * Node, tests). It calls the same {@link WebhookService#attempt} and waits what it answers; a process
 * that stops loses its pending retries, which the state machine would not.
 */
public final class InProcessWebhookDispatcher implements WebhookDispatcher, AutoCloseable {
  private final Supplier<WebhookService> service;
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "webhook-deliveries");
    t.setDaemon(true);
    return t;
  });

  /** @param service supplied late: the service is built with this dispatcher */
  public InProcessWebhookDispatcher(Supplier<WebhookService> service) {
    this.service = service;
  }

  @Override
  public void dispatch(TenantId tenant, String webhookId, String deliveryId) {
    timer.execute(() -> attempt(tenant, webhookId, deliveryId));
  }

  private void attempt(TenantId tenant, String webhookId, String deliveryId) {
    try {
      WebhookService.Outcome o = service.get().attempt(tenant, webhookId, deliveryId);
      if (WebhookService.RETRY.equals(o.status())) {
        timer.schedule(() -> attempt(tenant, webhookId, deliveryId), o.waitSeconds(), TimeUnit.SECONDS);
      }
    } catch (RuntimeException e) {
      System.err.println("[webhooks] delivery " + deliveryId + " stopped: " + e);
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
