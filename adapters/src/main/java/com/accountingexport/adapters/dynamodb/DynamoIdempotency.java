package com.accountingexport.adapters.dynamodb;

import com.accountingexport.core.auth.TenantId;
import com.accountingexport.core.port.IdempotencyStore;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Idempotency-Key claims of the document batches: {@code PK = T#<t>#IDEMB#<keyHash>}, {@code SK =
 * IDEM}, the request's hash, the answer once known (binary, gzipped by the caller) and a TTL
 * (24 h). A claim is one conditional PutItem: two racing requests with one key, exactly one runs.
 */
public final class DynamoIdempotency implements IdempotencyStore {
  private static final String SK = "IDEM";
  private static final String REQUEST_HASH = "requestHash";
  private static final String ANSWER = "answer";

  private final DynamoDbClient dynamo;
  private final String tableName;
  private final Clock clock;

  public DynamoIdempotency(DynamoDbClient dynamo, String tableName, Clock clock) {
    this.dynamo = Objects.requireNonNull(dynamo, "dynamo");
    this.tableName = Objects.requireNonNull(tableName, "tableName");
    this.clock = clock;
  }

  private static Map<String, AttributeValue> key(TenantId tenant, String keyHash) {
    return Map.of(TableDefinition.PK, Attrs.s("T#" + tenant.value() + "#IDEMB#" + keyHash), TableDefinition.SK, Attrs.s(SK));
  }

  @Override
  public Optional<Remembered> claim(TenantId tenant, String keyHash, String requestHash, Instant expiresAt) {
    Map<String, AttributeValue> item = new HashMap<>(key(tenant, keyHash));
    item.put(REQUEST_HASH, Attrs.s(requestHash));
    item.put(TableDefinition.TTL, Attrs.n(expiresAt.getEpochSecond()));
    return DynamoCalls.putUnlessLive(dynamo, tableName, item, key(tenant, keyHash), clock).map(old -> {
      AttributeValue answer = old.get(ANSWER);
      return new Remembered(Attrs.getS(old, REQUEST_HASH), answer == null ? null : answer.b().asByteArray());
    });
  }

  @Override
  public void complete(TenantId tenant, String keyHash, byte[] answer) {
    dynamo.updateItem(r -> r.tableName(tableName).key(key(tenant, keyHash)).updateExpression("SET #a = :a")
        .expressionAttributeNames(Map.of("#a", ANSWER))
        .expressionAttributeValues(Map.of(":a", AttributeValue.builder().b(SdkBytes.fromByteArray(answer)).build())));
  }

  @Override
  public void forget(TenantId tenant, String keyHash) {
    dynamo.deleteItem(r -> r.tableName(tableName).key(key(tenant, keyHash)));
  }
}
