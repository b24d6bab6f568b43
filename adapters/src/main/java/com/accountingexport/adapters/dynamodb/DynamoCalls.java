package com.accountingexport.adapters.dynamodb;

import com.accountingexport.core.error.DomainException;
import com.accountingexport.core.error.ErrorKind;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/** What the DynamoDB repositories share: paging, batch reads, cancellation reasons, backoff. */
final class DynamoCalls {
  /** BatchGetItem takes at most 100 keys per call. */
  static final int BATCH_GET_SIZE = 100;
  /** TransactWriteItems takes at most 100 items per call. */
  static final int TRANSACTION_SIZE = 100;
  /** Attempts of one claim or release chunk cancelled for other reasons than its conditions. */
  static final int MAX_BUSY_ATTEMPTS = 25;
  private static final long BACKOFF_BASE_MILLIS = 2;
  private static final long BACKOFF_CAP_MILLIS = 100;
  private static final String CONDITIONAL_CHECK_FAILED = "ConditionalCheckFailed";

  private DynamoCalls() {}

  /**
   * Puts {@code item} (whose key is {@code key}) unless a live one is there: one conditional PutItem,
   * written when the key is unknown or its record's TTL passed (DynamoDB may not have deleted it
   * yet). Empty when written, else the record that holds the key (read again when the refusal came
   * without it; the put is tried again when it was deleted meanwhile). The idempotency claims.
   */
  static java.util.Optional<Map<String, AttributeValue>> putUnlessLive(DynamoDbClient dynamo, String tableName,
      Map<String, AttributeValue> item, Map<String, AttributeValue> key, java.time.Clock clock) {
    try {
      dynamo.putItem(r -> r.tableName(tableName).item(item)
          .conditionExpression("attribute_not_exists(#pk) OR #ttl < :now")
          .expressionAttributeNames(Map.of("#pk", TableDefinition.PK, "#ttl", TableDefinition.TTL))
          .expressionAttributeValues(Map.of(":now", Attrs.n(clock.instant().getEpochSecond())))
          .returnValuesOnConditionCheckFailure(
              software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure.ALL_OLD));
      return java.util.Optional.empty();
    } catch (software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException known) {
      Map<String, AttributeValue> old = known.hasItem() ? known.item() : Map.of();
      if (old.isEmpty()) {
        old = dynamo.getItem(r -> r.tableName(tableName).key(key).consistentRead(true)).item();
      }
      if (old == null || old.isEmpty()) {
        return putUnlessLive(dynamo, tableName, item, key, clock); // deleted meanwhile
      }
      return java.util.Optional.of(old);
    }
  }



  static void queryAll(DynamoDbClient dynamo, QueryRequest.Builder query, Consumer<Map<String, AttributeValue>> each) {
    Map<String, AttributeValue> startKey = null;
    do {
      QueryResponse response = dynamo.query(query.exclusiveStartKey(startKey).build());
      response.items().forEach(each);
      startKey = lastKey(response);
    } while (startKey != null);
  }

  /**
   * Reads {@code keys} (unique) {@value #BATCH_GET_SIZE} per BatchGetItem, strongly consistent, and
   * hands every item found to {@code each}; unprocessed keys are asked again after a full-jitter
   * backoff from {@code baseMillis} to {@code capMillis}, at most {@code maxAttempts} times per batch.
   *
   * @throws DomainException 503 {@code STORAGE_BUSY} with {@code busyMessage} when a batch stays unprocessed
   */
  static void batchGetAll(DynamoDbClient dynamo, String table, List<Map<String, AttributeValue>> keys, int maxAttempts,
      long baseMillis, long capMillis, String busyMessage, Consumer<Map<String, AttributeValue>> each) {
    for (int from = 0; from < keys.size(); from += BATCH_GET_SIZE) {
      Map<String, KeysAndAttributes> pending = Map.of(table, KeysAndAttributes.builder()
          .keys(keys.subList(from, Math.min(keys.size(), from + BATCH_GET_SIZE))).consistentRead(true).build());
      for (int attempt = 1; !pending.isEmpty(); attempt++) {
        Map<String, KeysAndAttributes> request = pending;
        BatchGetItemResponse response = dynamo.batchGetItem(r -> r.requestItems(request));
        response.responses().getOrDefault(table, List.of()).forEach(each);
        pending = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
        if (!pending.isEmpty()) {
          if (attempt >= maxAttempts) {
            throw new DomainException(ErrorKind.UNAVAILABLE, "STORAGE_BUSY", busyMessage);
          }
          backoff(attempt, baseMillis, capMillis);
        }
      }
    }
  }

  static Map<String, AttributeValue> lastKey(QueryResponse response) {
    return response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty() ? response.lastEvaluatedKey() : null;
  }

  static List<CancellationReason> reasons(TransactionCanceledException e) {
    return e.hasCancellationReasons() ? e.cancellationReasons() : List.of();
  }

  static boolean conditionFailed(CancellationReason reason) {
    return CONDITIONAL_CHECK_FAILED.equals(reason.code());
  }

  /** Full-jitter exponential backoff from 2 ms, at most 100 ms (claims, numbers, the chain). */
  static void backoff(int attempt) {
    backoff(attempt, BACKOFF_BASE_MILLIS, BACKOFF_CAP_MILLIS);
  }

  /** Full-jitter exponential backoff: a pause drawn up to min(cap, base × 2^attempt). */
  static void backoff(int attempt, long baseMillis, long capMillis) {
    long ceiling = Math.min(capMillis, baseMillis << Math.min(attempt, 10));
    try {
      Thread.sleep(ThreadLocalRandom.current().nextLong(1, ceiling + 1));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DomainException(ErrorKind.UNAVAILABLE, "INTERRUPTED", "The request was interrupted");
    }
  }
}
