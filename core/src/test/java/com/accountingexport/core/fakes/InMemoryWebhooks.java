package com.accountingexport.core.fakes;

import com.accountingexport.core.auth.TenantId;
import com.accountingexport.core.port.Page;
import com.accountingexport.core.webhook.Webhook;
import com.accountingexport.core.webhook.WebhookDelivery;
import com.accountingexport.core.webhook.WebhookRepository;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Webhooks and deliveries in maps; the delivery put is as conditional as DynamoDB's. */
public final class InMemoryWebhooks implements WebhookRepository {
  private final Map<String, Webhook> hooks = new LinkedHashMap<>();
  private final Map<String, WebhookDelivery> deliveries = new LinkedHashMap<>();

  private static String k(TenantId t, String id) {
    return t.value() + "|" + id;
  }

  @Override
  public synchronized List<Webhook> list(TenantId tenant) {
    return hooks.values().stream().filter(w -> w.tenant().equals(tenant)).toList();
  }

  @Override
  public synchronized Optional<Webhook> find(TenantId tenant, String id) {
    return Optional.ofNullable(hooks.get(k(tenant, id)));
  }

  @Override
  public synchronized void save(Webhook w) {
    hooks.put(k(w.tenant(), w.id()), w);
  }

  @Override
  public synchronized boolean delete(TenantId tenant, String id) {
    return hooks.remove(k(tenant, id)) != null;
  }

  @Override
  public synchronized boolean createDelivery(WebhookDelivery d) {
    return deliveries.putIfAbsent(k(d.tenant(), d.webhookId() + "|" + d.id()), d) == null;
  }

  @Override
  public synchronized Optional<WebhookDelivery> findDelivery(TenantId tenant, String webhookId, String deliveryId) {
    return Optional.ofNullable(deliveries.get(k(tenant, webhookId + "|" + deliveryId)));
  }

  @Override
  public synchronized void saveDelivery(WebhookDelivery d) {
    deliveries.put(k(d.tenant(), d.webhookId() + "|" + d.id()), d);
  }

  @Override
  public synchronized Page<WebhookDelivery> deliveries(TenantId tenant, String webhookId, String cursor, int limit) {
    List<WebhookDelivery> all = new ArrayList<>(deliveries.values().stream()
        .filter(d -> d.tenant().equals(tenant) && d.webhookId().equals(webhookId)).toList());
    all.sort(Comparator.comparing(WebhookDelivery::createdAt).reversed());
    int from;
    try {
      from = cursor == null ? 0 : Integer.parseInt(cursor);
    } catch (NumberFormatException e) {
      throw new com.accountingexport.core.error.DomainException(com.accountingexport.core.error.ErrorKind.INVALID,
          "INVALID_CURSOR", "The cursor is not one this list gave out");
    }
    int to = Math.min(all.size(), from + limit);
    return new Page<>(all.subList(from, to), to < all.size() ? Integer.toString(to) : null);
  }

  public synchronized int deliveryCount() {
    return deliveries.size();
  }
}
