package com.accountingexport.core.webhook;

import com.accountingexport.core.auth.TenantId;
import com.accountingexport.core.port.Page;
import java.util.List;
import java.util.Optional;

/** The tenants' subscriptions and their deliveries (DynamoDB in AWS and in the local runtime). */
public interface WebhookRepository {

  /** A tenant's subscriptions, oldest first. */
  List<Webhook> list(TenantId tenant);

  Optional<Webhook> find(TenantId tenant, String id);

  /** Writes a new subscription, or replaces one (a rotated secret). */
  void save(Webhook webhook);

  /** False when there was none. */
  boolean delete(TenantId tenant, String id);

  /**
   * Writes the delivery only if none has its id (one conditional put): true when this call made it,
   * false when it existed already, so that two publishers of one event start one delivery.
   */
  boolean createDelivery(WebhookDelivery delivery);

  Optional<WebhookDelivery> findDelivery(TenantId tenant, String webhookId, String deliveryId);

  /** Replaces the delivery with its new status and attempts. */
  void saveDelivery(WebhookDelivery delivery);

  /** A subscription's deliveries, newest first. */
  Page<WebhookDelivery> deliveries(TenantId tenant, String webhookId, String cursor, int limit);
}
