package com.accountingexport.adapters.dynamodb;

import static com.accountingexport.adapters.dynamodb.ExportItemMapper.EXPIRES_AT;
import static com.accountingexport.adapters.dynamodb.ExportItemMapper.OWNER;
import static com.accountingexport.adapters.dynamodb.ExportItemMapper.REQUEST_HASH;
import static com.accountingexport.adapters.dynamodb.TableDefinition.PK;
import static com.accountingexport.adapters.dynamodb.TableDefinition.TTL;

import com.accountingexport.core.auth.TenantId;
import com.accountingexport.core.port.ExportRepository.IdempotencyRecord;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The generation locks (a lease per tenant + name, renewable by its owner) and the idempotency
 * keys of {@code POST /exports}, one conditional write each.
 */
final class DynamoLocks {
  private final DynamoDbClient dynamo;
  private final String tableName;
  private final Clock clock;

  DynamoLocks(DynamoDbClient dynamo, String tableName, Clock clock) {
    this.dynamo = dynamo;
    this.tableName = tableName;
    this.clock = clock;
  }

  public boolean tryLock(TenantId tenant, String name, String owner, Instant until, Instant now) {
    Map<String, AttributeValue> item = new HashMap<>(ExportItemMapper.lockKey(tenant, name));
    item.put(OWNER, Attrs.s(owner));
    item.put(EXPIRES_AT, Attrs.n(until.toEpochMilli()));
    item.put(TTL, Attrs.n(until.getEpochSecond() + 1));
    try {
      dynamo.putItem(r -> r.tableName(tableName)
          .item(item)
          .conditionExpression("attribute_not_exists(#pk) OR #expiresAt <= :now OR #owner = :owner")
          .expressionAttributeNames(Map.of("#pk", PK, "#expiresAt", EXPIRES_AT, "#owner", OWNER))
          .expressionAttributeValues(Map.of(":now", Attrs.n(now.toEpochMilli()), ":owner", Attrs.s(owner))));
      return true;
    } catch (ConditionalCheckFailedException held) {
      return false;
    }
  }

  public void unlock(TenantId tenant, String name, String owner) {
    try {
      dynamo.deleteItem(r -> r.tableName(tableName)
          .key(ExportItemMapper.lockKey(tenant, name))
          .conditionExpression("#owner = :me")
          .expressionAttributeNames(Map.of("#owner", OWNER))
          .expressionAttributeValues(Map.of(":me", Attrs.s(owner))));
    } catch (ConditionalCheckFailedException notOurs) {
      // someone else's lock (ours expired and was taken), or none: leave it
    }
  }

  /**
   * One conditional put: written when the key is unknown or its record expired (DynamoDB's TTL
   * deletes lazily, so an expired record may still be there); else the earlier record comes back
   * with the refusal.
   */
  public Optional<IdempotencyRecord> rememberIdempotency(TenantId tenant, String keyHash, String requestHash,
      String exportId, Instant expiresAt) {
    Map<String, AttributeValue> item = new HashMap<>(ExportItemMapper.idempotencyKey(tenant, keyHash));
    item.put(REQUEST_HASH, Attrs.s(requestHash));
    item.put(ExportItemMapper.EXPORT_ID, Attrs.s(exportId));
    item.put(TTL, Attrs.n(expiresAt.getEpochSecond()));
    return DynamoCalls.putUnlessLive(dynamo, tableName, item, ExportItemMapper.idempotencyKey(tenant, keyHash), clock)
        .map(old -> new IdempotencyRecord(Attrs.getS(old, REQUEST_HASH), Attrs.getS(old, ExportItemMapper.EXPORT_ID)));
  }

  public void forgetIdempotency(TenantId tenant, String keyHash) {
    dynamo.deleteItem(r -> r.tableName(tableName).key(ExportItemMapper.idempotencyKey(tenant, keyHash)));
  }

}
