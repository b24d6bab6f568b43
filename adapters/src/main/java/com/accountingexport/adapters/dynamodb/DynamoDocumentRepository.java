package com.accountingexport.adapters.dynamodb;

import com.accountingexport.core.auth.TenantId;
import com.accountingexport.core.document.Document;
import com.accountingexport.core.document.ExportRef;
import com.accountingexport.core.document.StoredDocument;
import com.accountingexport.core.error.DomainException;
import com.accountingexport.core.error.ErrorKind;
import com.accountingexport.core.period.Period;
import com.accountingexport.core.port.DocumentRepository;
import com.accountingexport.core.port.Page;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/**
 * Documents in the single table, one item each ({@link DocumentItemMapper} has the layout), listed
 * month by month through {@code GSI1}. Every key starts with {@code T#<tenant>#}, so no call can
 * reach another tenant's items. No Scan.
 *
 * <p>Writes are optimistic: {@link #upsert} reads the current version, then puts on condition that
 * the document is still not exported and still at that version; a lost race is retried with
 * jittered backoff, an exported document is refused with 409 DOCUMENT_FROZEN.
 */
public final class DynamoDocumentRepository implements DocumentRepository {
  /** Items per Query page when listing. */
  static final int QUERY_PAGE = 200;
  static final int MAX_WRITE_ATTEMPTS = 32;
  static final int MAX_BATCH_ATTEMPTS = 10;
  /** TransactWriteItems takes at most 100 actions: the settlement, then a put and maybe a delete per document. */
  static final int MAX_TRANSACTION_ITEMS = 100;
  private static final long BACKOFF_BASE_MILLIS = 5;
  private static final long BACKOFF_CAP_MILLIS = 200;
  /** U+10FFFF: sorts after every character in DynamoDB's UTF-8 byte order. */
  private static final String MAX_CHAR = new String(Character.toChars(Character.MAX_CODE_POINT));

  private static final String PUT_CONDITION =
      "attribute_not_exists(#exportId) AND (attribute_not_exists(#pk) OR #version = :version)";
  private static final Map<String, String> PUT_NAMES = Map.of(
      "#exportId", DocumentItemMapper.EXPORT_ID, "#pk", TableDefinition.PK, "#version", DocumentItemMapper.VERSION);

  private final DynamoDbClient dynamo;
  private final String tableName;

  public DynamoDocumentRepository(DynamoDbClient dynamo, String tableName) {
    this.dynamo = Objects.requireNonNull(dynamo, "dynamo");
    this.tableName = Objects.requireNonNull(tableName, "tableName");
  }

  @Override
  public StoredDocument upsert(TenantId tenant, Document document, Instant now) {
    Map<String, AttributeValue> key = DocumentItemMapper.key(tenant, document.id());
    Map<String, AttributeValue> current = readForWrite(key);
    for (int attempt = 1; ; attempt++) {
      ExportRef export = current == null ? null : DocumentItemMapper.exportRef(current);
      if (export != null) {
        throw frozen(document.id(), export);
      }
      long version = versionOf(current);
      Instant createdAt = current == null ? null : Attrs.getInstant(current, DocumentItemMapper.CREATED_AT);
      StoredDocument stored = new StoredDocument(document, null, createdAt == null ? now : createdAt, now, version + 1);
      List<String> before = DocumentItemMapper.settledIds(current);
      List<String> after = document.type() != null && document.type().isSettlement()
          ? document.allocations().stream().map(a -> a.documentId()).filter(Objects::nonNull).distinct().toList()
          : List.of();
      if (!before.isEmpty() || !after.isEmpty()) {
        Optional<StoredDocument> written = putWithRelations(tenant, stored, version, before, after, attempt);
        if (written.isPresent()) {
          return written.get();
        }
        current = readForWrite(key);
        continue;
      }
      try {
        dynamo.putItem(r -> r.tableName(tableName)
            .item(DocumentItemMapper.toItem(tenant, stored))
            .conditionExpression(PUT_CONDITION)
            .expressionAttributeNames(PUT_NAMES)
            .expressionAttributeValues(Map.of(":version", Attrs.n(version)))
            .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
        return stored;
      } catch (ConditionalCheckFailedException e) {
        // exported meanwhile, or another writer won the race
        Map<String, AttributeValue> old = e.hasItem() && !e.item().isEmpty() ? e.item() : null;
        if (old != null && DocumentItemMapper.exportRef(old) != null) {
          throw frozen(document.id(), DocumentItemMapper.exportRef(old));
        }
        if (attempt >= MAX_WRITE_ATTEMPTS) {
          throw busy(document.id());
        }
        backoff(attempt);
        current = readForWrite(key); // after the pause: the version the winners left
      }
    }
  }

  /**
   * Puts a settlement (or a document that was one) with its relation items in one transaction: a
   * {@code SETTLEDBY#} item in the partition of each document it names, and the removal of those it
   * no longer names. Empty when the condition failed for a reason worth retrying (after the backoff).
   */
  private Optional<StoredDocument> putWithRelations(TenantId tenant, StoredDocument stored, long version,
      List<String> before, List<String> after, int attempt) {
    String id = stored.id();
    List<TransactWriteItem> writes = new ArrayList<>();
    writes.add(TransactWriteItem.builder().put(Put.builder().tableName(tableName)
        .item(DocumentItemMapper.toItem(tenant, stored))
        .conditionExpression(PUT_CONDITION)
        .expressionAttributeNames(PUT_NAMES)
        .expressionAttributeValues(Map.of(":version", Attrs.n(version)))
        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD).build()).build());
    for (String related : after) {
      writes.add(TransactWriteItem.builder().put(Put.builder().tableName(tableName)
          .item(DocumentItemMapper.settledByItem(tenant, related, id)).build()).build());
    }
    for (String related : before) {
      if (!after.contains(related)) {
        writes.add(TransactWriteItem.builder().delete(Delete.builder().tableName(tableName)
            .key(DocumentItemMapper.settledByKey(tenant, related, id)).build()).build());
      }
    }
    if (writes.size() > MAX_TRANSACTION_ITEMS) {
      throw DomainException.invalid(List.of(com.accountingexport.core.error.Violation.of("relatedDocumentIds",
          "TOO_MANY", "a settlement names at most " + (MAX_TRANSACTION_ITEMS / 2 - 1) + " documents")));
    }
    try {
      dynamo.transactWriteItems(r -> r.transactItems(writes));
      return Optional.of(stored);
    } catch (TransactionCanceledException e) {
      CancellationReason first = e.hasCancellationReasons() && !e.cancellationReasons().isEmpty()
          ? e.cancellationReasons().get(0) : null;
      Map<String, AttributeValue> old = first != null && first.hasItem() && !first.item().isEmpty() ? first.item() : null;
      if (old != null && DocumentItemMapper.exportRef(old) != null) {
        throw frozen(id, DocumentItemMapper.exportRef(old));
      }
      if (attempt >= MAX_WRITE_ATTEMPTS) {
        throw busy(id);
      }
      backoff(attempt); // another writer won, or the transaction met another one
      return Optional.empty();
    }
  }

  @Override
  public List<StoredDocument> settlementsOf(TenantId tenant, String documentId) {
    List<String> ids = new ArrayList<>();
    DynamoCalls.queryAll(dynamo, QueryRequest.builder().tableName(tableName)
        .keyConditionExpression("#pk = :pk AND begins_with(#sk, :prefix)")
        .expressionAttributeNames(Map.of("#pk", TableDefinition.PK, "#sk", TableDefinition.SK))
        .expressionAttributeValues(Map.of(
            ":pk", Attrs.s(DocumentItemMapper.pk(tenant, documentId)),
            ":prefix", Attrs.s(DocumentItemMapper.SK_SETTLED_BY)))
        .consistentRead(true), item -> ids.add(Attrs.getS(item, DocumentItemMapper.SETTLEMENT_ID)));
    List<StoredDocument> out = new ArrayList<>();
    for (StoredDocument d : findAll(tenant, ids).values()) {
      // the relation and the settlement are written together; the check only guards against a hand-edited table
      if (d.document().allocations().stream().anyMatch(a -> documentId.equals(a.documentId()))) {
        out.add(d);
      }
    }
    return out;
  }

  @Override
  public Optional<StoredDocument> find(TenantId tenant, String documentId) {
    Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(tableName)
        .key(DocumentItemMapper.key(tenant, documentId))
        .consistentRead(true)).item();
    return item == null || item.isEmpty() ? Optional.empty() : Optional.of(DocumentItemMapper.toStoredDocument(item));
  }

  @Override
  public Map<String, StoredDocument> findAll(TenantId tenant, Collection<String> ids) {
    List<String> unique = new ArrayList<>(new LinkedHashSet<>(ids)); // BatchGetItem refuses duplicate keys
    unique.removeIf(Objects::isNull);
    Map<String, StoredDocument> found = new HashMap<>();
    DynamoCalls.batchGetAll(dynamo, tableName, unique.stream().map(id -> DocumentItemMapper.key(tenant, id)).toList(),
        MAX_BATCH_ATTEMPTS, BACKOFF_BASE_MILLIS, BACKOFF_CAP_MILLIS, "The document store is throttling reads; retry later",
        item -> {
          StoredDocument d = DocumentItemMapper.toStoredDocument(item);
          found.put(d.id(), d);
        });
    Map<String, StoredDocument> out = new LinkedHashMap<>();
    for (String id : unique) {
      StoredDocument d = found.get(id);
      if (d != null) {
        out.put(id, d);
      }
    }
    return out;
  }

  /**
   * Reads GSI1 month by month from {@code period.from} to {@code period.to}, ascending by date then
   * id, keeping what passes {@code filter}. The cursor points right after the last item returned;
   * it is null when no further item of the period passes the filter (we read ahead to know).
   */
  @Override
  public Page<StoredDocument> list(TenantId tenant, Period period, Predicate<StoredDocument> filter, String cursor, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1, got " + limit);
    }
    Predicate<StoredDocument> keep = filter == null ? d -> true : filter;
    DocumentCursor after = cursor == null ? null : DocumentCursor.decode(tenant, cursor);
    if (after != null && after.date().isBefore(period.from())) {
      after = null; // every item of the period comes after it
    }
    if (after != null && after.date().isAfter(period.to())) {
      return new Page<>(List.of(), null);
    }
    String low = period.from() + "#";
    String high = period.to() + "#" + MAX_CHAR;
    int pageSize = Math.min(QUERY_PAGE, Math.max(limit + 1, 25));
    YearMonth first = after != null ? after.month() : YearMonth.from(period.from());
    YearMonth last = YearMonth.from(period.to());

    List<StoredDocument> items = new ArrayList<>();
    StoredDocument lastReturned = null;
    for (YearMonth month = first; !month.isAfter(last); month = month.plusMonths(1)) {
      Map<String, AttributeValue> startKey = after != null && month.equals(after.month())
          ? DocumentItemMapper.indexKey(tenant, after.date(), after.documentId())
          : null;
      do {
        QueryResponse response = dynamo.query(monthQuery(tenant, month, low, high, pageSize, startKey));
        for (Map<String, AttributeValue> item : response.items()) {
          StoredDocument d = DocumentItemMapper.toStoredDocument(item);
          if (!keep.test(d)) {
            continue;
          }
          if (items.size() == limit) {
            // one more passes: there is a next page, starting right after the last one returned
            return new Page<>(items, new DocumentCursor(tenant, lastReturned.document().bookingDate(), lastReturned.id()).encode());
          }
          items.add(d);
          lastReturned = d;
        }
        startKey = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
            ? response.lastEvaluatedKey()
            : null;
      } while (startKey != null);
    }
    return new Page<>(items, null);
  }

  private QueryRequest monthQuery(TenantId tenant, YearMonth month, String low, String high, int pageSize,
      Map<String, AttributeValue> startKey) {
    return QueryRequest.builder()
        .tableName(tableName)
        .indexName(TableDefinition.GSI1)
        .keyConditionExpression("#pk = :pk AND #sk BETWEEN :low AND :high")
        .expressionAttributeNames(Map.of("#pk", TableDefinition.GSI1PK, "#sk", TableDefinition.GSI1SK))
        .expressionAttributeValues(Map.of(
            ":pk", Attrs.s(DocumentItemMapper.monthPk(tenant, month)),
            ":low", Attrs.s(low),
            ":high", Attrs.s(high)))
        .scanIndexForward(true)
        .limit(pageSize)
        .exclusiveStartKey(startKey)
        .build();
  }

  /** What upsert needs of the current item: its export, creation time, version and the documents it names. */
  private Map<String, AttributeValue> readForWrite(Map<String, AttributeValue> key) {
    Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(tableName)
        .key(key)
        .consistentRead(true)
        .projectionExpression("#exportId, #exportNumber, #createdAt, #version, #type, #related, #allocations")
        .expressionAttributeNames(Map.of(
            "#exportId", DocumentItemMapper.EXPORT_ID,
            "#exportNumber", DocumentItemMapper.EXPORT_NUMBER,
            "#createdAt", DocumentItemMapper.CREATED_AT,
            "#version", DocumentItemMapper.VERSION,
            "#type", DocumentItemMapper.TYPE,
            "#related", DocumentItemMapper.RELATED_DOCUMENT_ID,
            "#allocations", DocumentItemMapper.RELATED_DOCUMENT_IDS))).item();
    return item == null || item.isEmpty() ? null : item;
  }

  private static long versionOf(Map<String, AttributeValue> item) {
    if (item == null) {
      return 0;
    }
    Long version = Attrs.getLong(item, DocumentItemMapper.VERSION);
    return version == null ? 0 : version;
  }

  private static DomainException busy(String documentId) {
    return new DomainException(ErrorKind.UNAVAILABLE, "DOCUMENT_BUSY",
        "Document " + documentId + " is being changed by other requests; retry later");
  }

  private static DomainException frozen(String documentId, ExportRef export) {
    String number = export.exportNumber() != null ? export.exportNumber() : export.exportId();
    return DomainException.conflict("DOCUMENT_FROZEN",
        "Document " + documentId + " is in export " + number + " and can no longer change");
  }

  /** Full-jitter exponential backoff from 5 ms, at most 200 ms (writes of documents). */
  private static void backoff(int attempt) {
    DynamoCalls.backoff(attempt, BACKOFF_BASE_MILLIS, BACKOFF_CAP_MILLIS);
  }
}
