package com.accountingexport.core.webhook;

import com.accountingexport.core.auth.TenantId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One event for one subscription, and every attempt to deliver it. The body is fixed when the
 * delivery is made, so that every retry sends the same bytes (only the timestamp and signature change).
 *
 * @param id a hash of the webhook id and the event id: the same event makes the same delivery
 * @param nextAttemptAt when the retry loop tries again (PENDING), else null
 */
public record WebhookDelivery(String id, TenantId tenant, String webhookId, String eventId, String type, String body,
    Status status, Instant createdAt, List<Attempt> attempts, Instant nextAttemptAt) {

  /** PENDING until a 2xx (DELIVERED) or a final refusal or the end of the retry window (FAILED). */
  public enum Status { PENDING, DELIVERED, FAILED }

  /**
   * One try: its number from 1, when, the receiver's HTTP status or the error that stopped it, how
   * long it took, and the start of the receiver's answer (500 characters at most).
   */
  public record Attempt(int n, Instant at, Integer status, String error, long durationMs, String response) {}

  public WebhookDelivery {
    attempts = List.copyOf(attempts);
  }

  public Instant firstAttemptAt() {
    return attempts.isEmpty() ? null : attempts.get(0).at();
  }

  public WebhookDelivery after(Attempt attempt, Status newStatus, Instant next) {
    List<Attempt> all = new ArrayList<>(attempts);
    all.add(attempt);
    return new WebhookDelivery(id, tenant, webhookId, eventId, type, body, newStatus, createdAt, all, next);
  }
}
