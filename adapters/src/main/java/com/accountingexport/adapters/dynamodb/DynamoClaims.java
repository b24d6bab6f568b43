package com.accountingexport.adapters.dynamodb;

import static com.accountingexport.adapters.dynamodb.DynamoCalls.MAX_BUSY_ATTEMPTS;
import static com.accountingexport.adapters.dynamodb.DynamoCalls.TRANSACTION_SIZE;
import static com.accountingexport.adapters.dynamodb.DynamoCalls.backoff;
import static com.accountingexport.adapters.dynamodb.DynamoCalls.conditionFailed;
import static com.accountingexport.adapters.dynamodb.DynamoCalls.queryAll;
import static com.accountingexport.adapters.dynamodb.DynamoCalls.reasons;
import static com.accountingexport.adapters.dynamodb.TableDefinition.GSI2PK;
import static com.accountingexport.adapters.dynamodb.TableDefinition.GSI2SK;
import static com.accountingexport.adapters.dynamodb.TableDefinition.PK;

import com.accountingexport.core.auth.TenantId;
import com.accountingexport.core.error.DomainException;
import com.accountingexport.core.error.ErrorKind;
import com.accountingexport.core.export.ClaimRequest;
import com.accountingexport.core.export.ClaimResult;
import com.accountingexport.core.export.Export;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.TransactionConflictException;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * The claims of an export on documents: conditional updates of the document items, at most 100
 * per transaction (see {@link DynamoExportRepository}), their release, and the documents an export
 * holds (GSI2 {@code T#<t>#EXPDOC#<exportId>}).
 */
final class DynamoClaims {
  private final DynamoDbClient dynamo;
  private final String tableName;

  DynamoClaims(DynamoDbClient dynamo, String tableName) {
    this.dynamo = dynamo;
    this.tableName = tableName;

  }

  /**
   * Chunks of at most 100 conditional updates, one TransactWriteItems each (counted in
   * {@code writeCalls}: uncontended, ceil(n / 100)). A cancelled chunk is read through its
   * cancellation reasons, aligned with its items: ConditionalCheckFailed with the old item
   * returned = held by an export ({@code taken}), without = gone ({@code missing}); the chunk is
   * then sent again without them. A chunk cancelled for no condition (a conflict with another
   * transaction, throttling) is sent again as is after a jittered pause, a bounded number of times;
   * when it gives up, what this call claimed is released before the 503 is thrown.
   */
  public ClaimResult claimVersions(TenantId tenant, Export export, List<ClaimRequest> documents) {
    List<ClaimRequest> requests = new ArrayList<>();
    List<String> repeated = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (ClaimRequest r : documents) {
      if (seen.add(r.documentId())) {
        requests.add(r);
      } else {
        repeated.add(r.documentId()); // a transaction may not touch an item twice
      }
    }
    List<String> claimed = new ArrayList<>();
    List<String> taken = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    List<String> changed = new ArrayList<>();
    int calls = 0;
    try {
      for (int from = 0; from < requests.size(); from += TRANSACTION_SIZE) {
        List<ClaimRequest> pending = requests.subList(from, Math.min(requests.size(), from + TRANSACTION_SIZE));
        for (int busy = 0; !pending.isEmpty(); ) {
          calls++;
          List<ClaimRequest> attempt = pending;
          try {
            dynamo.transactWriteItems(r -> r.transactItems(attempt.stream().map(c -> claimItem(tenant, export, c)).toList()));
            attempt.forEach(c -> claimed.add(c.documentId()));
            break;
          } catch (TransactionCanceledException cancelled) {
            List<CancellationReason> reasons = reasons(cancelled);
            List<ClaimRequest> again = new ArrayList<>();
            boolean settled = false;
            for (int i = 0; i < attempt.size(); i++) {
              ClaimRequest c = attempt.get(i);
              CancellationReason reason = i < reasons.size() ? reasons.get(i) : null;
              if (reason == null || !conditionFailed(reason)) {
                again.add(c); // not refused by its condition: this transaction failed because of another item
                continue;
              }
              settled = true;
              if (!reason.hasItem() || reason.item().isEmpty()) {
                missing.add(c.documentId());
                continue;
              }
              var holder = DocumentItemMapper.exportRef(reason.item());
              if (holder != null && !export.id().equals(holder.exportId())) {
                taken.add(c.documentId());
              } else {
                changed.add(c.documentId()); // free (or ours) yet refused: its version is not the planned one
              }
            }
            if (!settled) {
              // a conflict with another transaction (or throttling): same chunk again, after a pause
              if (++busy >= MAX_BUSY_ATTEMPTS) {
                throw new DomainException(ErrorKind.UNAVAILABLE, "CLAIM_BUSY",
                    "The documents are being claimed by other exports; retry later");
              }
              backoff(busy);
            }
            pending = again;
          }
        }
      }
    } catch (RuntimeException e) {
      // give back what this call took: the caller learns nothing of it
      try {
        release(tenant, export.id(), claimed);
      } catch (RuntimeException again) {
        e.addSuppressed(again);
      }
      throw e;
    }
    Set<String> gone = new HashSet<>(missing);
    for (String id : repeated) {
      (gone.contains(id) ? missing : taken).add(id); // as the second claim of a same document would find it
    }
    return new ClaimResult(claimed, taken, missing, changed, calls);
  }

  /**
   * {@code attribute_exists(PK) AND (attribute_not_exists(exportId) OR exportId = :me)}, and the
   * planned version when one is given: a document this export already holds is claimed again
   * (a retried step), one another export holds or written since it was planned is refused.
   */
  private TransactWriteItem claimItem(TenantId tenant, Export export, ClaimRequest c) {
    Map<String, String> names = new HashMap<>(Map.of(
        "#pk", PK,
        "#exportId", DocumentItemMapper.EXPORT_ID,
        "#exportNumber", DocumentItemMapper.EXPORT_NUMBER,
        "#gpk", GSI2PK,
        "#gsk", GSI2SK));
    Map<String, AttributeValue> values = new HashMap<>(Map.of(
        ":exportId", Attrs.s(export.id()),
        ":exportNumber", Attrs.s(export.number()),
        ":gpk", Attrs.s(ExportItemMapper.heldPk(tenant, export.id())),
        ":documentId", Attrs.s(c.documentId())));
    String condition = "attribute_exists(#pk) AND (attribute_not_exists(#exportId) OR #exportId = :exportId)";
    if (c.version() != ClaimRequest.ANY_VERSION) {
      condition += " AND #version = :version";
      names.put("#version", DocumentItemMapper.VERSION);
      values.put(":version", Attrs.n(c.version()));
    }
    return TransactWriteItem.builder().update(Update.builder()
        .tableName(tableName)
        .key(DocumentItemMapper.key(tenant, c.documentId()))
        .updateExpression("SET #exportId = :exportId, #exportNumber = :exportNumber, #gpk = :gpk, #gsk = :documentId")
        .conditionExpression(condition)
        .expressionAttributeNames(names)
        .expressionAttributeValues(values)
        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
        .build()).build();
  }

  /**
   * Transactions of 100; a chunk refused by a condition (a document this export does not hold, or
   * gone) is redone one conditional update per document, each refusal ignored.
   */
  public void release(TenantId tenant, String exportId, Collection<String> documentIds) {
    List<String> ids = new ArrayList<>(new LinkedHashSet<>(documentIds));
    ids.removeIf(Objects::isNull);
    for (int from = 0; from < ids.size(); from += TRANSACTION_SIZE) {
      List<String> chunk = ids.subList(from, Math.min(ids.size(), from + TRANSACTION_SIZE));
      List<TransactWriteItem> items = chunk.stream()
          .map(id -> TransactWriteItem.builder().update(releaseUpdate(tenant, exportId, id)).build()).toList();
      for (int attempt = 1; ; attempt++) {
        try {
          dynamo.transactWriteItems(r -> r.transactItems(items));
          break;
        } catch (TransactionCanceledException cancelled) {
          if (reasons(cancelled).stream().anyMatch(DynamoCalls::conditionFailed)
              || attempt >= MAX_BUSY_ATTEMPTS) {
            chunk.forEach(id -> releaseOne(tenant, exportId, id));
            break;
          }
          backoff(attempt);
        }
      }
    }
  }

  private void releaseOne(TenantId tenant, String exportId, String documentId) {
    Update u = releaseUpdate(tenant, exportId, documentId);
    UpdateItemRequest request = UpdateItemRequest.builder()
        .tableName(u.tableName())
        .key(u.key())
        .updateExpression(u.updateExpression())
        .conditionExpression(u.conditionExpression())
        .expressionAttributeNames(u.expressionAttributeNames())
        .expressionAttributeValues(u.expressionAttributeValues())
        .build();
    for (int attempt = 1; ; attempt++) {
      try {
        dynamo.updateItem(request);
        return;
      } catch (ConditionalCheckFailedException notHeld) {
        return; // not held by this export (any more), or gone: nothing to release
      } catch (TransactionConflictException busy) {
        if (attempt >= MAX_BUSY_ATTEMPTS) {
          throw new DomainException(ErrorKind.UNAVAILABLE, "RELEASE_BUSY",
              "Document " + documentId + " is being changed by other requests; retry later");
        }
        backoff(attempt);
      }
    }
  }

  private Update releaseUpdate(TenantId tenant, String exportId, String documentId) {
    return Update.builder()
        .tableName(tableName)
        .key(DocumentItemMapper.key(tenant, documentId))
        .updateExpression("REMOVE #exportId, #exportNumber, #gpk, #gsk")
        .conditionExpression("#exportId = :me")
        .expressionAttributeNames(Map.of(
            "#exportId", DocumentItemMapper.EXPORT_ID,
            "#exportNumber", DocumentItemMapper.EXPORT_NUMBER,
            "#gpk", GSI2PK,
            "#gsk", GSI2SK))
        .expressionAttributeValues(Map.of(":me", Attrs.s(exportId)))
        .build();
  }

  /** Query GSI2 {@code T#<t>#EXPDOC#<exportId>}: the ids, sorted. */
  public List<String> heldDocuments(TenantId tenant, String exportId) {
    List<String> ids = new ArrayList<>();
    queryAll(dynamo, QueryRequest.builder()
        .tableName(tableName)
        .indexName(TableDefinition.GSI2)
        .keyConditionExpression("#gpk = :gpk")
        .projectionExpression("#gsk, #exportId")
        .expressionAttributeNames(Map.of("#gpk", GSI2PK, "#gsk", GSI2SK, "#exportId", DocumentItemMapper.EXPORT_ID))
        .expressionAttributeValues(Map.of(":gpk", Attrs.s(ExportItemMapper.heldPk(tenant, exportId)))), item -> {
          if (exportId.equals(Attrs.getS(item, DocumentItemMapper.EXPORT_ID))) {
            ids.add(Attrs.getS(item, GSI2SK));
          }
        });
    ids.sort(Comparator.naturalOrder());
    return ids;
  }

}
