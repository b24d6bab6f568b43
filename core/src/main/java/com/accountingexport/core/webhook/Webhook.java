package com.accountingexport.core.webhook;

import com.accountingexport.core.auth.TenantId;
import java.time.Instant;
import java.util.List;

/**
 * A tenant's subscription: where to POST which export events, and the secret the body is signed
 * with. The secret is answered only when it is made (subscription, rotation), never when listed.
 */
public record Webhook(String id, TenantId tenant, String url, List<String> events, String secret, Instant createdAt,
    String createdBy, Instant secretRotatedAt) {
  public static final String ID_PREFIX = "wh_";

  public Webhook {
    events = List.copyOf(events);
  }

  public boolean wants(String type) {
    return events.contains(type);
  }

  public Webhook withSecret(String newSecret, Instant at) {
    return new Webhook(id, tenant, url, events, newSecret, createdAt, createdBy, at);
  }
}
