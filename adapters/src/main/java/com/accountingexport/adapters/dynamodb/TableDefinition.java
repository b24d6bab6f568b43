package com.accountingexport.adapters.dynamodb;

import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.IndexStatus;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/**
 * The single table of the service (STYLE.md "DynamoDB"): {@code PK}/{@code SK} string keys, two
 * global secondary indexes projecting every attribute, {@code GSI1} on {@code GSI1PK}/{@code GSI1SK}
 * and the sparse {@code GSI2} on {@code GSI2PK}/{@code GSI2SK}, on-demand billing, TTL on {@code ttl}. In AWS the table comes from {@code template.yaml}; this
 * class creates the same shape in emulators (tests, local runtime).
 */
public final class TableDefinition {
  /**
   * Partition key of the table: every value starts with {@code T#<tenant>#}. The item layouts:
   * documents {@code T#<t>#DOC#<id>} ({@link DocumentItemMapper}); exports, export-number counters,
   * chain head, locks, idempotency keys ({@link ExportItemMapper}); settings {@code T#<t>#SETTINGS}
   * ({@link SettingsItemMapper}); lettering counters and codes {@code T#<t>#LET#<account>}, SK
   * {@code SEQ} / {@code A#<anchor>} ({@link DynamoLetterCodes}); the audit log {@code T#<t>#AUDIT}, SK
   * {@code HEAD} / {@code REC#<seq>} ({@link AuditItemMapper}).
   */
  public static final String PK = "PK";
  /** Sort key of the table. */
  public static final String SK = "SK";
  /**
   * The first global secondary index: documents by month ({@code T#<tenant>#DOCMONTH#yyyy-MM}),
   * export history ({@code T#<tenant>#EXPORTS}), and — the one partition not prefixed by a tenant,
   * sparse — the tenants whose monthly export runs on a day ({@code AUTOEXPORT#DAY#<dd>}, settings
   * items only, read by the daily schedule; see {@link SettingsItemMapper}).
   */
  public static final String GSI1 = "GSI1";
  public static final String GSI1PK = "GSI1PK";
  public static final String GSI1SK = "GSI1SK";
  /**
   * The second, sparse, global secondary index: the documents an export holds
   * ({@code T#<tenant>#EXPDOC#<exportId>}, set only while claimed) and the exports that may need
   * recovery ({@code T#<tenant>#OPEN}, set only while they may).
   */
  public static final String GSI2 = "GSI2";
  public static final String GSI2PK = "GSI2PK";
  public static final String GSI2SK = "GSI2SK";
  /** Epoch seconds after which DynamoDB may delete the item (idempotency records). */
  public static final String TTL = "ttl";

  private static final Duration ACTIVE_TIMEOUT = Duration.ofMinutes(5);
  private static final long POLL_MILLIS = 500;

  private TableDefinition() {}

  /**
   * Creates the table unless it exists, then waits until it and its index are ACTIVE. Enabling TTL
   * is best effort: some emulators refuse it, which does not matter there.
   */
  public static void createIfMissing(DynamoDbClient dynamo, String tableName) {
    if (describe(dynamo, tableName) != null) {
      waitUntilActive(dynamo, tableName);
      return;
    }
    try {
      dynamo.createTable(createRequest(tableName));
    } catch (ResourceInUseException alreadyBeingCreated) {
      // another caller created it between our describe and create: wait for theirs
    }
    waitUntilActive(dynamo, tableName);
    try {
      dynamo.updateTimeToLive(r -> r.tableName(tableName)
          .timeToLiveSpecification(s -> s.attributeName(TTL).enabled(true)));
    } catch (SdkException ttlNotSupported) {
      // DynamoDB Local and some emulators do not support (or already have) TTL: not needed there
    }
  }

  /** The request that creates the table, as {@code template.yaml} declares it. */
  public static CreateTableRequest createRequest(String tableName) {
    return CreateTableRequest.builder()
        .tableName(tableName)
        .billingMode(BillingMode.PAY_PER_REQUEST)
        .attributeDefinitions(
            stringAttribute(PK), stringAttribute(SK), stringAttribute(GSI1PK), stringAttribute(GSI1SK),
            stringAttribute(GSI2PK), stringAttribute(GSI2SK))
        .keySchema(hash(PK), range(SK))
        .globalSecondaryIndexes(index(GSI1, GSI1PK, GSI1SK), index(GSI2, GSI2PK, GSI2SK))
        .build();
  }

  private static GlobalSecondaryIndex index(String name, String partitionKey, String sortKey) {
    return GlobalSecondaryIndex.builder()
        .indexName(name)
        .keySchema(hash(partitionKey), range(sortKey))
        .projection(Projection.builder().projectionType(ProjectionType.ALL).build())
        .build();
  }

  private static TableDescription describe(DynamoDbClient dynamo, String tableName) {
    try {
      return dynamo.describeTable(r -> r.tableName(tableName)).table();
    } catch (ResourceNotFoundException e) {
      return null;
    }
  }

  private static void waitUntilActive(DynamoDbClient dynamo, String tableName) {
    long deadline = System.nanoTime() + ACTIVE_TIMEOUT.toNanos();
    while (true) {
      TableDescription table = describe(dynamo, tableName);
      if (table != null && isActive(table)) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("table " + tableName + " did not become ACTIVE within " + ACTIVE_TIMEOUT);
      }
      try {
        Thread.sleep(POLL_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for table " + tableName, e);
      }
    }
  }

  private static boolean isActive(TableDescription table) {
    if (table.tableStatus() != TableStatus.ACTIVE) {
      return false;
    }
    List<GlobalSecondaryIndexDescription> indexes = table.globalSecondaryIndexes();
    // DynamoDB Local reports no index status at all; AWS reports CREATING then ACTIVE
    return indexes.stream().allMatch(i -> i.indexStatus() == null || i.indexStatus() == IndexStatus.ACTIVE);
  }

  private static AttributeDefinition stringAttribute(String name) {
    return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
  }

  private static KeySchemaElement hash(String name) {
    return KeySchemaElement.builder().attributeName(name).keyType(KeyType.HASH).build();
  }

  private static KeySchemaElement range(String name) {
    return KeySchemaElement.builder().attributeName(name).keyType(KeyType.RANGE).build();
  }
}
