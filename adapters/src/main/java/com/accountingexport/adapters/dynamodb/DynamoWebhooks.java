package com.accountingexport.adapters.dynamodb;

import static com.accountingexport.adapters.dynamodb.Attrs.getInstant;
import static com.accountingexport.adapters.dynamodb.Attrs.getList;
import static com.accountingexport.adapters.dynamodb.Attrs.getLong;
import static com.accountingexport.adapters.dynamodb.Attrs.getS;
import static com.accountingexport.adapters.dynamodb.Attrs.getStrings;
import static com.accountingexport.adapters.dynamodb.Attrs.putInstant;
import static com.accountingexport.adapters.dynamodb.Attrs.putS;
import static com.accountingexport.adapters.dynamodb.Attrs.putStrings;

import com.accountingexport.core.auth.TenantId;
import com.accountingexport.core.port.Page;
import com.accountingexport.core.webhook.Webhook;
import com.accountingexport.core.webhook.WebhookDelivery;
import com.accountingexport.core.webhook.WebhookRepository;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * Webhooks, {@code PK = T#<tenant>#WEBHOOKS}, {@code SK = WEBHOOK#<id>} (a tenant's list is one Query),
 * and their deliveries, {@code PK = T#<tenant>#WEBHOOK#<id>}, {@code SK = DELIVERY#<deliveryId>}: a
 * delivery is written only if its id is free (one conditional PutItem), so that two publishers of the
 * same event start one delivery. Deliveries expire (TTL) {@value #DELIVERY_DAYS} days after they were
 * made, which also bounds the list that {@link #deliveries} sorts newest first.
 */
public final class DynamoWebhooks implements WebhookRepository {
  static final int DELIVERY_DAYS = 30;
  private static final String WEBHOOK = "WEBHOOK#";
  private static final String DELIVERY = "DELIVERY#";

  private final DynamoDbClient dynamo;
  private final String tableName;

  public DynamoWebhooks(DynamoDbClient dynamo, String tableName) {
    this.dynamo = Objects.requireNonNull(dynamo, "dynamo");
    this.tableName = Objects.requireNonNull(tableName, "tableName");
  }

  static String pk(TenantId tenant) {
    return "T#" + tenant.value() + "#WEBHOOKS";
  }

  static String deliveriesPk(TenantId tenant, String webhookId) {
    return "T#" + tenant.value() + "#WEBHOOK#" + webhookId;
  }

  private static Map<String, AttributeValue> key(String pk, String sk) {
    return Map.of(TableDefinition.PK, Attrs.s(pk), TableDefinition.SK, Attrs.s(sk));
  }

  // ------------------------------------------------------------------ webhooks

  @Override
  public List<Webhook> list(TenantId tenant) {
    List<Webhook> all = new ArrayList<>();
    DynamoCalls.queryAll(dynamo, query(pk(tenant), WEBHOOK), item -> all.add(toWebhook(tenant, item)));
    all.sort(Comparator.comparing(Webhook::createdAt).thenComparing(Webhook::id));
    return all;
  }

  @Override
  public Optional<Webhook> find(TenantId tenant, String id) {
    Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(tableName).key(key(pk(tenant), WEBHOOK + id))
        .consistentRead(true)).item();
    return item == null || item.isEmpty() ? Optional.empty() : Optional.of(toWebhook(tenant, item));
  }

  @Override
  public void save(Webhook w) {
    Map<String, AttributeValue> item = new HashMap<>(key(pk(w.tenant()), WEBHOOK + w.id()));
    putS(item, "id", w.id());
    putS(item, "url", w.url());
    putStrings(item, "events", w.events());
    putS(item, "secret", w.secret());
    putInstant(item, "createdAt", w.createdAt());
    putS(item, "createdBy", w.createdBy());
    putInstant(item, "secretRotatedAt", w.secretRotatedAt());
    dynamo.putItem(r -> r.tableName(tableName).item(item));
  }

  @Override
  public boolean delete(TenantId tenant, String id) {
    Map<String, AttributeValue> old = dynamo.deleteItem(r -> r.tableName(tableName).key(key(pk(tenant), WEBHOOK + id))
        .returnValues(ReturnValue.ALL_OLD)).attributes();
    return old != null && !old.isEmpty();
  }

  private static Webhook toWebhook(TenantId tenant, Map<String, AttributeValue> item) {
    return new Webhook(getS(item, "id"), tenant, getS(item, "url"), getStrings(item, "events"), getS(item, "secret"),
        getInstant(item, "createdAt"), getS(item, "createdBy"), getInstant(item, "secretRotatedAt"));
  }

  // ------------------------------------------------------------------ deliveries

  @Override
  public boolean createDelivery(WebhookDelivery d) {
    try {
      dynamo.putItem(r -> r.tableName(tableName).item(deliveryItem(d)).conditionExpression("attribute_not_exists(#pk)")
          .expressionAttributeNames(Map.of("#pk", TableDefinition.PK)));
      return true;
    } catch (ConditionalCheckFailedException exists) {
      return false;
    }
  }

  @Override
  public Optional<WebhookDelivery> findDelivery(TenantId tenant, String webhookId, String deliveryId) {
    Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(tableName)
        .key(key(deliveriesPk(tenant, webhookId), DELIVERY + deliveryId)).consistentRead(true)).item();
    return item == null || item.isEmpty() ? Optional.empty() : Optional.of(toDelivery(tenant, webhookId, item));
  }

  @Override
  public void saveDelivery(WebhookDelivery d) {
    dynamo.putItem(r -> r.tableName(tableName).item(deliveryItem(d)));
  }

  /** Newest first; the cursor names the last delivery answered ({@code createdAt|id}). */
  @Override
  public Page<WebhookDelivery> deliveries(TenantId tenant, String webhookId, String cursor, int limit) {
    List<WebhookDelivery> all = new ArrayList<>();
    DynamoCalls.queryAll(dynamo, query(deliveriesPk(tenant, webhookId), DELIVERY),
        item -> all.add(toDelivery(tenant, webhookId, item)));
    Comparator<WebhookDelivery> newestFirst = Comparator.comparing(WebhookDelivery::createdAt)
        .thenComparing(WebhookDelivery::id).reversed();
    all.sort(newestFirst);
    int from = 0;
    if (cursor != null) {
      String[] after = CursorText.decode(cursor).split("\\|", 2);
      if (after.length != 2) {
        throw CursorText.invalid();
      }
      Instant at;
      try {
        at = Instant.parse(after[0]);
      } catch (java.time.format.DateTimeParseException e) {
        throw CursorText.invalid();
      }
      WebhookDelivery last = new WebhookDelivery(after[1], tenant, webhookId, "", "", "", WebhookDelivery.Status.PENDING,
          at, List.of(), null);
      while (from < all.size() && newestFirst.compare(all.get(from), last) <= 0) {
        from++;
      }
    }
    int to = Math.min(all.size(), from + limit);
    List<WebhookDelivery> page = all.subList(from, to);
    String next = to < all.size() && !page.isEmpty()
        ? CursorText.encode(page.get(page.size() - 1).createdAt() + "|" + page.get(page.size() - 1).id()) : null;
    return new Page<>(page, next);
  }

  private QueryRequest.Builder query(String pk, String skPrefix) {
    return QueryRequest.builder()
        .tableName(tableName)
        .consistentRead(true)
        .keyConditionExpression("#pk = :pk AND begins_with(#sk, :sk)")
        .expressionAttributeNames(Map.of("#pk", TableDefinition.PK, "#sk", TableDefinition.SK))
        .expressionAttributeValues(Map.of(":pk", Attrs.s(pk), ":sk", Attrs.s(skPrefix)));
  }

  private static Map<String, AttributeValue> deliveryItem(WebhookDelivery d) {
    Map<String, AttributeValue> item = new HashMap<>(key(deliveriesPk(d.tenant(), d.webhookId()), DELIVERY + d.id()));
    putS(item, "id", d.id());
    putS(item, "eventId", d.eventId());
    putS(item, "type", d.type());
    putS(item, "body", d.body());
    putS(item, "status", d.status().name());
    putInstant(item, "createdAt", d.createdAt());
    putInstant(item, "nextAttemptAt", d.nextAttemptAt());
    List<AttributeValue> attempts = new ArrayList<>();
    for (WebhookDelivery.Attempt a : d.attempts()) {
      Map<String, AttributeValue> m = new HashMap<>();
      m.put("n", Attrs.n(a.n()));
      putInstant(m, "at", a.at());
      if (a.status() != null) {
        m.put("status", Attrs.n(a.status()));
      }
      putS(m, "error", a.error());
      m.put("durationMs", Attrs.n(a.durationMs()));
      putS(m, "response", a.response());
      attempts.add(Attrs.m(m));
    }
    item.put("attempts", Attrs.l(attempts));
    item.put(TableDefinition.TTL, Attrs.n(d.createdAt().plus(Duration.ofDays(DELIVERY_DAYS)).getEpochSecond()));
    return item;
  }

  private static WebhookDelivery toDelivery(TenantId tenant, String webhookId, Map<String, AttributeValue> item) {
    List<WebhookDelivery.Attempt> attempts = new ArrayList<>();
    List<AttributeValue> stored = getList(item, "attempts");
    if (stored != null) {
      for (AttributeValue v : stored) {
        Map<String, AttributeValue> m = v.m();
        Long status = getLong(m, "status");
        Long ms = getLong(m, "durationMs");
        attempts.add(new WebhookDelivery.Attempt(getLong(m, "n").intValue(), getInstant(m, "at"),
            status == null ? null : status.intValue(), getS(m, "error"), ms == null ? 0 : ms, getS(m, "response")));
      }
    }
    return new WebhookDelivery(getS(item, "id"), tenant, webhookId, getS(item, "eventId"), getS(item, "type"),
        getS(item, "body"), WebhookDelivery.Status.valueOf(getS(item, "status")), getInstant(item, "createdAt"),
        attempts, getInstant(item, "nextAttemptAt"));
  }
}
