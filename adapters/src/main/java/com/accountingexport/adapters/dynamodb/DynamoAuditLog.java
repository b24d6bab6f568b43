package com.accountingexport.adapters.dynamodb;

import static com.accountingexport.adapters.dynamodb.TableDefinition.PK;
import static com.accountingexport.adapters.dynamodb.TableDefinition.SK;

import com.accountingexport.core.audit.AuditCursor;
import com.accountingexport.core.audit.AuditHash;
import com.accountingexport.core.audit.AuditLog;
import com.accountingexport.core.audit.AuditQuery;
import com.accountingexport.core.audit.AuditRecord;
import com.accountingexport.core.auth.TenantId;
import com.accountingexport.core.error.DomainException;
import com.accountingexport.core.error.ErrorKind;
import com.accountingexport.core.port.Page;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * The audit log in the single table ({@link AuditItemMapper} for the items). An append is one
 * TransactWriteItems of two writes: the head moves from seq n to n+1 only if it is still at n (or
 * absent for the first entry), and entry n+1 is put only if no entry has that key. Two requests that
 * read the same head cannot both win: the loser re-reads the head, re-chains its entry and tries
 * again after a short jittered pause, so that parallel appends give entries 1..n without gaps or
 * forks. Each attempt carries its own ClientRequestToken: if the SDK resends an attempt that did
 * succeed, DynamoDB answers it as done instead of failing it, so no entry is written twice.
 */
public final class DynamoAuditLog implements AuditLog {
  /** Attempts of one append before giving up (the caller logs it; the request's answer is unchanged). */
  static final int MAX_ATTEMPTS = 60;

  private final DynamoDbClient dynamo;
  private final String tableName;

  public DynamoAuditLog(DynamoDbClient dynamo, String tableName) {
    this.dynamo = dynamo;
    this.tableName = tableName;
  }

  private record Head(long seq, String hash) {}

  @Override
  public AuditRecord append(AuditRecord draft) {
    TenantId tenant = draft.tenant();
    for (int attempt = 1; ; attempt++) {
      Head head = head(tenant);
      AuditRecord sealed = draft.sealed(head.seq() + 1, head.hash());
      try {
        dynamo.transactWriteItems(r -> r.clientRequestToken(UUID.randomUUID().toString())
            .transactItems(moveHead(tenant, head, sealed), putRecord(sealed)));
        return sealed;
      } catch (TransactionCanceledException moved) {
        // another entry took seq n+1 first (or met ours in flight): re-read the head and try again
        if (attempt >= MAX_ATTEMPTS) {
          throw new DomainException(ErrorKind.UNAVAILABLE, "AUDIT_BUSY",
              "The audit log of " + tenant + " stayed busy for " + MAX_ATTEMPTS + " attempts");
        }
        DynamoCalls.backoff(attempt);
      }
    }
  }

  private TransactWriteItem moveHead(TenantId tenant, Head head, AuditRecord sealed) {
    Map<String, String> names = new HashMap<>(Map.of("#seq", AuditItemMapper.SEQ, "#hash", AuditItemMapper.HASH));
    Map<String, AttributeValue> values = new HashMap<>(Map.of(
        ":next", Attrs.n(sealed.seq()), ":hash", Attrs.s(sealed.hash())));
    String condition;
    if (head.seq() == 0) {
      condition = "attribute_not_exists(#pk)";
      names.put("#pk", PK);
    } else {
      condition = "#seq = :current";
      values.put(":current", Attrs.n(head.seq()));
    }
    return TransactWriteItem.builder().update(Update.builder()
        .tableName(tableName)
        .key(AuditItemMapper.headKey(tenant))
        .updateExpression("SET #seq = :next, #hash = :hash")
        .conditionExpression(condition)
        .expressionAttributeNames(names)
        .expressionAttributeValues(values)
        .build()).build();
  }

  private TransactWriteItem putRecord(AuditRecord sealed) {
    return TransactWriteItem.builder().put(Put.builder()
        .tableName(tableName)
        .item(AuditItemMapper.item(sealed))
        .conditionExpression("attribute_not_exists(#pk)")
        .expressionAttributeNames(Map.of("#pk", PK))
        .build()).build();
  }

  private Head head(TenantId tenant) {
    Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(tableName)
        .key(AuditItemMapper.headKey(tenant)).consistentRead(true)).item();
    if (item == null || item.isEmpty()) {
      return new Head(0, AuditHash.GENESIS);
    }
    return new Head(Attrs.getLong(item, AuditItemMapper.SEQ), Attrs.getS(item, AuditItemMapper.HASH));
  }

  @Override
  public long headSeq(TenantId tenant) {
    return head(tenant).seq();
  }

  /**
   * Reads the partition backwards from the cursor's entry (or the newest), filtering on the day,
   * actor and action, until one entry more than the page is found (then there is a next page).
   */
  @Override
  public Page<AuditRecord> page(AuditQuery q) {
    long before = q.cursor() == null ? Long.MAX_VALUE : AuditCursor.decode(q.tenant(), q.cursor());
    String upper = before == Long.MAX_VALUE ? AuditItemMapper.REC_PREFIX + "~" : AuditItemMapper.recordSk(before - 1);
    Map<String, String> names = new HashMap<>(Map.of("#pk", PK, "#sk", SK));
    Map<String, AttributeValue> values = new HashMap<>(Map.of(
        ":pk", Attrs.s(AuditItemMapper.pk(q.tenant())),
        ":lo", Attrs.s(AuditItemMapper.REC_PREFIX),
        ":hi", Attrs.s(upper)));
    List<String> filters = new ArrayList<>();
    if (q.from() != null) {
      names.put("#day", AuditItemMapper.DAY);
      values.put(":from", Attrs.s(q.from().toString()));
      filters.add("#day >= :from");
    }
    if (q.to() != null) {
      names.put("#day", AuditItemMapper.DAY);
      values.put(":to", Attrs.s(q.to().toString()));
      filters.add("#day <= :to");
    }
    if (q.actor() != null) {
      names.put("#sub", AuditItemMapper.SUB);
      names.put("#email", AuditItemMapper.EMAIL);
      values.put(":actor", Attrs.s(q.actor()));
      filters.add("(#sub = :actor OR #email = :actor)");
    }
    if (q.action() != null) {
      names.put("#action", AuditItemMapper.ACTION);
      values.put(":action", Attrs.s(q.action()));
      filters.add("#action = :action");
    }
    QueryRequest.Builder query = QueryRequest.builder()
        .tableName(tableName)
        .keyConditionExpression("#pk = :pk AND #sk BETWEEN :lo AND :hi")
        .expressionAttributeNames(names)
        .expressionAttributeValues(values)
        .scanIndexForward(false)
        .limit(Math.min(1000, q.limit() + 1));
    if (!filters.isEmpty()) {
      query.filterExpression(String.join(" AND ", filters));
    }
    List<AuditRecord> found = new ArrayList<>();
    Map<String, AttributeValue> startKey = null;
    do {
      QueryResponse response = dynamo.query(query.exclusiveStartKey(startKey).build());
      for (Map<String, AttributeValue> item : response.items()) {
        found.add(AuditItemMapper.record(item));
        if (found.size() > q.limit()) {
          break;
        }
      }
      startKey = DynamoCalls.lastKey(response);
    } while (startKey != null && found.size() <= q.limit());
    if (found.size() <= q.limit()) {
      return new Page<>(found, null);
    }
    List<AuditRecord> items = found.subList(0, q.limit());
    return new Page<>(items, AuditCursor.encode(q.tenant(), items.get(items.size() - 1).seq()));
  }

  @Override
  public List<AuditRecord> all(TenantId tenant) {
    List<AuditRecord> out = new ArrayList<>();
    DynamoCalls.queryAll(dynamo, QueryRequest.builder()
        .tableName(tableName)
        .keyConditionExpression("#pk = :pk AND begins_with(#sk, :rec)")
        .expressionAttributeNames(Map.of("#pk", PK, "#sk", SK))
        .expressionAttributeValues(Map.of(":pk", Attrs.s(AuditItemMapper.pk(tenant)),
            ":rec", Attrs.s(AuditItemMapper.REC_PREFIX)))
        .consistentRead(true), item -> out.add(AuditItemMapper.record(item)));
    return out;
  }
}
