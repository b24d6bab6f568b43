package com.accountingexport.adapters.dynamodb;

import static com.accountingexport.adapters.dynamodb.DynamoCalls.backoff;
import static com.accountingexport.adapters.dynamodb.DynamoCalls.conditionFailed;
import static com.accountingexport.adapters.dynamodb.DynamoCalls.lastKey;
import static com.accountingexport.adapters.dynamodb.DynamoCalls.queryAll;
import static com.accountingexport.adapters.dynamodb.DynamoCalls.reasons;
import static com.accountingexport.adapters.dynamodb.ExportItemMapper.CANCELLED_AT;
import static com.accountingexport.adapters.dynamodb.ExportItemMapper.CANCELLED_BY;
import static com.accountingexport.adapters.dynamodb.ExportItemMapper.CHAIN_SEQ;
import static com.accountingexport.adapters.dynamodb.ExportItemMapper.CREDIT;
import static com.accountingexport.adapters.dynamodb.ExportItemMapper.DEBIT;
import static com.accountingexport.adapters.dynamodb.ExportItemMapper.DOCUMENT_COUNT;
import static com.accountingexport.adapters.dynamodb.ExportItemMapper.DOWNLOADED_AT;
import static com.accountingexport.adapters.dynamodb.ExportItemMapper.DOWNLOADED_BY;
import static com.accountingexport.adapters.dynamodb.ExportItemMapper.ENTRY_COUNT;
import static com.accountingexport.adapters.dynamodb.ExportItemMapper.FAILURE;
import static com.accountingexport.adapters.dynamodb.ExportItemMapper.FILES;
import static com.accountingexport.adapters.dynamodb.ExportItemMapper.FILE_KEYS;
import static com.accountingexport.adapters.dynamodb.ExportItemMapper.HASH;
import static com.accountingexport.adapters.dynamodb.ExportItemMapper.LEASE_UNTIL;
import static com.accountingexport.adapters.dynamodb.ExportItemMapper.NOTICES;
import static com.accountingexport.adapters.dynamodb.ExportItemMapper.PREVIOUS_HASH;
import static com.accountingexport.adapters.dynamodb.ExportItemMapper.PROGRESS;
import static com.accountingexport.adapters.dynamodb.ExportItemMapper.RECORD_HASH;
import static com.accountingexport.adapters.dynamodb.ExportItemMapper.RELEASED_AT;
import static com.accountingexport.adapters.dynamodb.ExportItemMapper.SEQ;
import static com.accountingexport.adapters.dynamodb.ExportItemMapper.SKIPPED;
import static com.accountingexport.adapters.dynamodb.ExportItemMapper.STATUS;
import static com.accountingexport.adapters.dynamodb.TableDefinition.GSI2PK;
import static com.accountingexport.adapters.dynamodb.TableDefinition.GSI2SK;
import static com.accountingexport.adapters.dynamodb.TableDefinition.PK;

import com.accountingexport.core.auth.TenantId;
import com.accountingexport.core.error.DomainException;
import com.accountingexport.core.error.ErrorKind;
import com.accountingexport.core.export.ClaimRequest;
import com.accountingexport.core.export.ClaimResult;
import com.accountingexport.core.export.Export;
import com.accountingexport.core.export.ExportFile;
import com.accountingexport.core.export.ExportNumbering;
import com.accountingexport.core.export.ExportService;
import com.accountingexport.core.export.ExportStatus;
import com.accountingexport.core.export.NewExport;
import com.accountingexport.core.export.Notice;
import com.accountingexport.core.export.Progress;
import com.accountingexport.core.export.RecordHash;
import com.accountingexport.core.export.SkippedDocument;
import com.accountingexport.core.money.Money;
import com.accountingexport.core.port.ExportRepository;
import com.accountingexport.core.port.Page;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Exports, their numbers, their claims on documents, the audit chain, locks and idempotency keys in
 * the single table ({@link ExportItemMapper} has the layout). Every invariant is guarded by a
 * conditional write, never by a read followed by a blind write:
 *
 * <ul>
 *   <li><b>numbers</b>: the tenant's counter and the new export record change in one transaction,
 *       on condition that the counter still holds the value read: numbers are unique and every
 *       number has its record (no gap), however many callers race;
 *   <li><b>claims</b>: a document joins an export by a conditional update
 *       ({@code attribute_exists(PK) AND attribute_not_exists(exportId)}), at most 100 per
 *       transaction; the cancellation reasons of a lost transaction say which documents another
 *       export holds or which vanished, and the rest is tried again without them. A claimed
 *       document carries {@code GSI2PK = T#<t>#EXPDOC#<exportId>}, so an export's documents are one
 *       Query away;
 *   <li><b>chain</b>: READY and the new chain head are written together, on condition that the head
 *       is still the one the caller hashed from;
 *   <li><b>recovery</b>: exports that may need it (GENERATING, FAILED or CANCELLED not yet released)
 *       carry {@code GSI2PK = T#<t>#OPEN}, so the sweep reads a small sparse partition.
 * </ul>
 *
 * <p>One file a concern: the export records, numbers, progress and chain here; the claims in
 * {@link DynamoClaims}; locks and idempotency keys in {@link DynamoLocks}; paging, cancellation
 * reasons and backoff in {@link DynamoCalls}.
 *
 * <p>The GSI reads ({@link #list}, {@link #heldDocuments}, {@link #needingRecovery}, {@link #chain})
 * are eventually consistent in AWS (typically well under a second behind). Their callers read long
 * after the writes that matter (a cancel reads the documents of a READY export, recovery waits for a
 * lease to expire), and a generation that fails releases the ids its claim returned, not a GSI read.
 */
public final class DynamoExportRepository implements ExportRepository {
  /** Items per Query page when listing. */
  static final int QUERY_PAGE = 200;
  /** Attempts to draw a number while other creations move the counter. */
  static final int MAX_CREATE_ATTEMPTS = 100;

  private final DynamoDbClient dynamo;
  private final String tableName;
  private final Clock clock;
  private final DynamoClaims claims;
  private final DynamoLocks locks;

  public DynamoExportRepository(DynamoDbClient dynamo, String tableName) {
    this(dynamo, tableName, Clock.systemUTC());
  }

  /** {@code clock} decides when an idempotency record has expired. */
  public DynamoExportRepository(DynamoDbClient dynamo, String tableName, Clock clock) {
    this.dynamo = Objects.requireNonNull(dynamo, "dynamo");
    this.tableName = Objects.requireNonNull(tableName, "tableName");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.claims = new DynamoClaims(dynamo, tableName);
    this.locks = new DynamoLocks(dynamo, tableName, clock);
  }

  // ------------------------------------------------------------------ create, find, list

  @Override
  public Export create(TenantId tenant, NewExport n) {
    LocalDate day = LocalDate.ofInstant(n.createdAt(), ZoneOffset.UTC);
    Map<String, AttributeValue> counterKey =
        ExportItemMapper.counterKey(tenant, ExportNumbering.scope(n.numberingPattern(), day));
    for (int attempt = 1; ; attempt++) {
      long current = readCounter(counterKey);
      long next = current + 1;
      Export export = new Export(n.id(), ExportNumbering.format(n.numberingPattern(), next, day),
          ExportStatus.GENERATING, n.period(), n.journals(), n.format(), n.pdf(), n.reexport(), 0, 0, Money.ZERO,
          Money.ZERO, n.createdAt(), n.createdBy(), null, null, null, null, List.of(), List.of(), n.leaseUntil(), null,
          0, null, null, null, Progress.start(n.planned()), List.of());
      Map<String, String> counterNames = new HashMap<>(Map.of("#seq", SEQ));
      Map<String, AttributeValue> counterValues = new HashMap<>(Map.of(":next", Attrs.n(next)));
      String counterCondition;
      if (current == 0) {
        counterCondition = "attribute_not_exists(#pk)";
        counterNames.put("#pk", PK);
      } else {
        counterCondition = "#seq = :cur";
        counterValues.put(":cur", Attrs.n(current));
      }
      TransactWriteItem drawNumber = TransactWriteItem.builder().update(Update.builder()
          .tableName(tableName)
          .key(counterKey)
          .updateExpression("SET #seq = :next")
          .conditionExpression(counterCondition)
          .expressionAttributeNames(counterNames)
          .expressionAttributeValues(counterValues)
          .build()).build();
      TransactWriteItem record = TransactWriteItem.builder().put(Put.builder()
          .tableName(tableName)
          .item(ExportItemMapper.toItem(tenant, export, true))
          .conditionExpression("attribute_not_exists(#pk)")
          .expressionAttributeNames(Map.of("#pk", PK))
          .build()).build();
      try {
        dynamo.transactWriteItems(r -> r.transactItems(drawNumber, record));
        return export;
      } catch (TransactionCanceledException cancelled) {
        List<CancellationReason> reasons = reasons(cancelled);
        if (reasons.size() == 2 && conditionFailed(reasons.get(1))) {
          return sameExport(tenant, n);
        }
        // the counter moved (another export drew this number) or the transaction met another one
        if (attempt >= MAX_CREATE_ATTEMPTS) {
          throw new DomainException(ErrorKind.UNAVAILABLE, "EXPORT_NUMBERING_BUSY",
              "Too many exports are being opened at once; retry later");
        }
        backoff(attempt);
      }
    }
  }

  /** The export {@code n.id()} exists already: ours (an earlier attempt that did land) or a clash. */
  private Export sameExport(TenantId tenant, NewExport n) {
    return find(tenant, n.id())
        .filter(e -> n.createdAt().equals(e.createdAt()) && Objects.equals(n.createdBy(), e.createdBy()))
        .orElseThrow(() -> DomainException.conflict("EXPORT_ID_TAKEN", "An export " + n.id() + " exists already"));
  }

  private long readCounter(Map<String, AttributeValue> counterKey) {
    Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(tableName)
        .key(counterKey)
        .consistentRead(true)
        .projectionExpression("#seq")
        .expressionAttributeNames(Map.of("#seq", SEQ))).item();
    Long seq = item == null ? null : Attrs.getLong(item, SEQ);
    return seq == null ? 0 : seq;
  }

  @Override
  public Optional<Export> find(TenantId tenant, String exportId) {
    Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(tableName)
        .key(ExportItemMapper.key(tenant, exportId))
        .consistentRead(true)).item();
    return item == null || item.isEmpty() ? Optional.empty() : Optional.of(ExportItemMapper.toExport(item));
  }

  /**
   * Reads GSI1 {@code T#<t>#EXPORTS} backwards (newest first, then id descending), keeping what
   * passes {@code filter}. The cursor points right after the last export returned; it is null when
   * no further export passes the filter (we read ahead to know).
   */
  @Override
  public Page<Export> list(TenantId tenant, Predicate<Export> filter, String cursor, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1, got " + limit);
    }
    Predicate<Export> keep = filter == null ? e -> true : filter;
    Map<String, AttributeValue> startKey = cursor == null ? null : ExportCursor.decode(tenant, cursor).startKey();
    int pageSize = Math.min(QUERY_PAGE, Math.max(limit + 1, 25));
    List<Export> items = new ArrayList<>();
    do {
      QueryResponse response = dynamo.query(historyQuery(tenant, false, pageSize, startKey).build());
      for (Map<String, AttributeValue> item : response.items()) {
        Export e = ExportItemMapper.toExport(item);
        if (!keep.test(e)) {
          continue;
        }
        if (items.size() == limit) {
          Export last = items.get(items.size() - 1);
          return new Page<>(items, new ExportCursor(tenant, last.createdAt(), last.id()).encode());
        }
        items.add(e);
      }
      startKey = lastKey(response);
    } while (startKey != null);
    return new Page<>(items, null);
  }

  private QueryRequest.Builder historyQuery(TenantId tenant, boolean forward, Integer pageSize,
      Map<String, AttributeValue> startKey) {
    return QueryRequest.builder()
        .tableName(tableName)
        .indexName(TableDefinition.GSI1)
        .keyConditionExpression("#pk = :pk")
        .expressionAttributeNames(Map.of("#pk", TableDefinition.GSI1PK))
        .expressionAttributeValues(Map.of(":pk", Attrs.s(ExportItemMapper.historyPk(tenant))))
        .scanIndexForward(forward)
        .limit(pageSize)
        .exclusiveStartKey(startKey);
  }

  // ------------------------------------------------------------------ claims

  @Override
  public ClaimResult claimVersions(TenantId tenant, Export export, List<ClaimRequest> documents) {
    return claims.claimVersions(tenant, export, documents);
  }

  @Override
  public void release(TenantId tenant, String exportId, Collection<String> documentIds) {
    claims.release(tenant, exportId, documentIds);
  }

  @Override
  public List<String> heldDocuments(TenantId tenant, String exportId) {
    return claims.heldDocuments(tenant, exportId);
  }

  // ------------------------------------------------------------------ lifecycle

  @Override
  public void renewLease(TenantId tenant, String exportId, Instant leaseUntil) {
    updateIfExists(tenant, exportId, "SET #leaseUntil = :lease", "attribute_exists(#pk)",
        Map.of("#leaseUntil", LEASE_UNTIL, "#pk", PK), Map.of(":lease", Attrs.s(leaseUntil.toString())));
  }

  @Override
  public boolean saveProgress(TenantId tenant, String exportId, Progress progress, Instant leaseUntil,
      List<SkippedDocument> newlySkipped) {
    Map<String, String> names = new HashMap<>(Map.of("#progress", PROGRESS, "#leaseUntil", LEASE_UNTIL, "#status", STATUS));
    Map<String, AttributeValue> values = new HashMap<>(Map.of(
        ":progress", ExportItemMapper.progress(progress),
        ":lease", Attrs.s(leaseUntil.toString()),
        ":generating", Attrs.s(ExportStatus.GENERATING.name())));
    String set = "SET #progress = :progress, #leaseUntil = :lease";
    if (newlySkipped != null && !newlySkipped.isEmpty()) {
      set += ", #skipped = list_append(if_not_exists(#skipped, :none), :skipped)";
      names.put("#skipped", SKIPPED);
      values.put(":none", Attrs.l(List.of()));
      values.put(":skipped", ExportItemMapper.skipped(newlySkipped));
    }
    return updateIfExists(tenant, exportId, set, "#status = :generating", names, values);
  }

  @Override
  public boolean saveRendered(TenantId tenant, String exportId, int documentCount, int entryCount, BigDecimal debit,
      BigDecimal credit, List<ExportFile> files, List<SkippedDocument> skipped, Progress progress, Instant leaseUntil) {
    Map<String, String> names = new HashMap<>(Map.of("#status", STATUS, "#leaseUntil", LEASE_UNTIL));
    Map<String, AttributeValue> values = new HashMap<>(Map.of(
        ":generating", Attrs.s(ExportStatus.GENERATING.name()), ":lease", Attrs.s(leaseUntil.toString())));
    String set = "SET " + content(documentCount, entryCount, debit, credit, files, skipped, progress, names, values)
        + ", #leaseUntil = :lease" + (files.isEmpty() ? " REMOVE #fileKeys" : "");
    return updateIfExists(tenant, exportId, set, "#status = :generating", names, values);
  }

  /**
   * The assignments of an export's content (counts, totals, files and their keys, skipped documents,
   * progress) for an update expression, adding their names and values.
   */
  private static String content(int documentCount, int entryCount, BigDecimal debit, BigDecimal credit,
      List<ExportFile> files, List<SkippedDocument> skipped, Progress progress, Map<String, String> names,
      Map<String, AttributeValue> values) {
    names.put("#documentCount", DOCUMENT_COUNT);
    names.put("#entryCount", ENTRY_COUNT);
    names.put("#debit", DEBIT);
    names.put("#credit", CREDIT);
    names.put("#files", FILES);
    names.put("#fileKeys", FILE_KEYS);
    names.put("#skipped", SKIPPED);
    names.put("#progress", PROGRESS);
    values.put(":documentCount", Attrs.n(documentCount));
    values.put(":entryCount", Attrs.n(entryCount));
    values.put(":debit", Attrs.s(Money.format(debit)));
    values.put(":credit", Attrs.s(Money.format(credit)));
    values.put(":files", ExportItemMapper.files(files));
    values.put(":skipped", ExportItemMapper.skipped(skipped == null ? List.of() : skipped));
    values.put(":progress", ExportItemMapper.progress(progress));
    String set = "#documentCount = :documentCount, #entryCount = :entryCount, #debit = :debit, #credit = :credit, "
        + "#files = :files, #skipped = :skipped, #progress = :progress";
    if (!files.isEmpty()) {
      set += ", #fileKeys = :fileKeys";
      values.put(":fileKeys", ExportItemMapper.fileKeys(files));
    }
    return set;
  }

  @Override
  public void addNotice(TenantId tenant, String exportId, Notice notice) {
    updateIfExists(tenant, exportId, "SET #notices = list_append(if_not_exists(#notices, :none), :notice)",
        "attribute_exists(#pk)", Map.of("#notices", NOTICES, "#pk", PK),
        Map.of(":none", Attrs.l(List.of()), ":notice", Attrs.l(List.of(ExportItemMapper.notice(notice)))));
  }

  @Override
  public Export markReady(TenantId tenant, String exportId, int documentCount, int entryCount, BigDecimal debit,
      BigDecimal credit, List<ExportFile> files, List<SkippedDocument> skipped, ChainLink link) {
    ChainLink head = chainHead(tenant);
    if (link.seq() != head.seq() + 1) {
      throw new ExportService.ChainMovedException();
    }
    List<ExportFile> fileList = files == null ? List.of() : files;
    Map<String, String> names = new HashMap<>();
    names.put("#status", STATUS);
    names.put("#chainSeq", CHAIN_SEQ);
    names.put("#previousHash", PREVIOUS_HASH);
    names.put("#recordHash", RECORD_HASH);
    names.put("#leaseUntil", LEASE_UNTIL);
    names.put("#failure", FAILURE);
    names.put("#gpk", GSI2PK);
    names.put("#gsk", GSI2SK);
    Map<String, AttributeValue> values = new HashMap<>();
    values.put(":generating", Attrs.s(ExportStatus.GENERATING.name()));
    values.put(":ready", Attrs.s(ExportStatus.READY.name()));
    values.put(":chainSeq", Attrs.n(link.seq()));
    values.put(":previousHash", Attrs.s(head.hash()));
    values.put(":recordHash", Attrs.s(link.hash()));
    String set = "SET #status = :ready, " + content(documentCount, entryCount, debit, credit, fileList, skipped,
        new Progress(Progress.DONE, documentCount, documentCount), names, values)
        + ", #chainSeq = :chainSeq, #previousHash = :previousHash, #recordHash = :recordHash";
    String remove = " REMOVE #leaseUntil, #failure, #gpk, #gsk" + (fileList.isEmpty() ? ", #fileKeys" : "");
    TransactWriteItem ready = TransactWriteItem.builder().update(Update.builder()
        .tableName(tableName)
        .key(ExportItemMapper.key(tenant, exportId))
        .updateExpression(set + remove)
        .conditionExpression("#status = :generating")
        .expressionAttributeNames(names)
        .expressionAttributeValues(values)
        .build()).build();

    long previousSeq = link.seq() - 1;
    Map<String, AttributeValue> headItem = new HashMap<>(ExportItemMapper.chainKey(tenant));
    headItem.put(SEQ, Attrs.n(link.seq()));
    headItem.put(HASH, Attrs.s(link.hash()));
    headItem.put(ExportItemMapper.EXPORT_ID, Attrs.s(exportId));
    Put.Builder newHead = Put.builder().tableName(tableName).item(headItem);
    if (previousSeq == 0) {
      newHead.conditionExpression("attribute_not_exists(#pk)").expressionAttributeNames(Map.of("#pk", PK));
    } else {
      newHead.conditionExpression("#seq = :previousSeq")
          .expressionAttributeNames(Map.of("#seq", SEQ))
          .expressionAttributeValues(Map.of(":previousSeq", Attrs.n(previousSeq)));
    }
    try {
      dynamo.transactWriteItems(r -> r.transactItems(ready, TransactWriteItem.builder().put(newHead.build()).build()));
    } catch (TransactionCanceledException cancelled) {
      List<CancellationReason> reasons = reasons(cancelled);
      boolean exportRefused = !reasons.isEmpty() && conditionFailed(reasons.get(0));
      boolean headMoved = reasons.size() > 1 && conditionFailed(reasons.get(1));
      if (headMoved || !exportRefused) {
        // another export joined the chain first, or met ours in flight: the caller rehashes and retries
        if (!headMoved) {
          backoff(1);
        }
        throw new ExportService.ChainMovedException();
      }
      throw new DomainException(ErrorKind.CONFLICT, "EXPORT_NOT_GENERATING", "export " + exportId + " is not generating");
    }
    return find(tenant, exportId).orElseThrow(() -> new IllegalStateException("export " + exportId + " vanished"));
  }

  @Override
  public ChainLink chainHead(TenantId tenant) {
    Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(tableName)
        .key(ExportItemMapper.chainKey(tenant))
        .consistentRead(true)).item();
    if (item == null || item.isEmpty()) {
      return new ChainLink(0, RecordHash.GENESIS);
    }
    return new ChainLink(Attrs.getLong(item, SEQ), Attrs.getS(item, HASH));
  }

  @Override
  public void markFailed(TenantId tenant, String exportId, String reason, Instant at) {
    updateIfExists(tenant, exportId,
        "SET #status = :failed, #failure = :reason, #gpk = :open, #gsk = :id REMOVE #leaseUntil, #releasedAt",
        "#status = :generating",
        Map.of("#status", STATUS, "#failure", FAILURE, "#gpk", GSI2PK, "#gsk", GSI2SK, "#leaseUntil", LEASE_UNTIL,
            "#releasedAt", RELEASED_AT),
        withReason(Map.of(
            ":failed", Attrs.s(ExportStatus.FAILED.name()),
            ":generating", Attrs.s(ExportStatus.GENERATING.name()),
            ":open", Attrs.s(ExportItemMapper.openPk(tenant)),
            ":id", Attrs.s(exportId)), reason));
  }

  private static Map<String, AttributeValue> withReason(Map<String, AttributeValue> values, String reason) {
    Map<String, AttributeValue> all = new HashMap<>(values);
    all.put(":reason", Attrs.s(reason == null ? "" : reason));
    return all;
  }

  @Override
  public boolean markDownloaded(TenantId tenant, String exportId, String by, Instant at) {
    Map<String, AttributeValue> values = new HashMap<>();
    values.put(":downloaded", Attrs.s(ExportStatus.DOWNLOADED.name()));
    values.put(":ready", Attrs.s(ExportStatus.READY.name()));
    values.put(":at", Attrs.s(at.toString()));
    String set = "SET #status = :downloaded, #downloadedAt = :at";
    String remove = "";
    if (by != null) {
      set += ", #downloadedBy = :by";
      values.put(":by", Attrs.s(by));
    } else {
      remove = " REMOVE #downloadedBy";
    }
    return updateIfExists(tenant, exportId, set + remove, "#status = :ready",
        Map.of("#status", STATUS, "#downloadedAt", DOWNLOADED_AT, "#downloadedBy", DOWNLOADED_BY), values);
  }

  @Override
  public Optional<Export> markCancelled(TenantId tenant, String exportId, String by, Instant at) {
    Map<String, AttributeValue> values = new HashMap<>();
    values.put(":cancelled", Attrs.s(ExportStatus.CANCELLED.name()));
    values.put(":ready", Attrs.s(ExportStatus.READY.name()));
    values.put(":downloaded", Attrs.s(ExportStatus.DOWNLOADED.name()));
    values.put(":at", Attrs.s(at.toString()));
    values.put(":open", Attrs.s(ExportItemMapper.openPk(tenant)));
    values.put(":id", Attrs.s(exportId));
    String set = "SET #status = :cancelled, #cancelledAt = :at, #gpk = :open, #gsk = :id";
    String remove = " REMOVE #releasedAt";
    if (by != null) {
      set += ", #cancelledBy = :by";
      values.put(":by", Attrs.s(by));
    } else {
      remove += ", #cancelledBy";
    }
    String expression = set + remove;
    try {
      Map<String, AttributeValue> item = dynamo.updateItem(r -> r.tableName(tableName)
          .key(ExportItemMapper.key(tenant, exportId))
          .updateExpression(expression)
          .conditionExpression("#status IN (:ready, :downloaded)")
          .expressionAttributeNames(Map.of("#status", STATUS, "#cancelledAt", CANCELLED_AT,
              "#cancelledBy", CANCELLED_BY, "#gpk", GSI2PK, "#gsk", GSI2SK, "#releasedAt", RELEASED_AT))
          .expressionAttributeValues(values)
          .returnValues(ReturnValue.ALL_NEW)).attributes();
      return Optional.of(ExportItemMapper.toExport(item));
    } catch (ConditionalCheckFailedException notCancellable) {
      return Optional.empty();
    }
  }

  /**
   * Sets {@code releasedAt} and takes the export out of the recovery index; a GENERATING export
   * (released before it could be marked FAILED) keeps its index entry: its lease will expire.
   */
  @Override
  public void markReleased(TenantId tenant, String exportId, Instant at) {
    Map<String, AttributeValue> values = Map.of(
        ":at", Attrs.s(at.toString()), ":generating", Attrs.s(ExportStatus.GENERATING.name()));
    boolean done = updateIfExists(tenant, exportId, "SET #releasedAt = :at REMOVE #gpk, #gsk",
        "attribute_exists(#pk) AND #status <> :generating",
        Map.of("#releasedAt", RELEASED_AT, "#gpk", GSI2PK, "#gsk", GSI2SK, "#pk", PK, "#status", STATUS), values);
    if (!done) {
      updateIfExists(tenant, exportId, "SET #releasedAt = :at", "#status = :generating",
          Map.of("#releasedAt", RELEASED_AT, "#status", STATUS), values);
    }
  }

  /** Appends unless a file of the same kind and format is there: one write, {@code fileKeys} decides. */
  @Override
  public void addFile(TenantId tenant, String exportId, ExportFile file) {
    String fileKey = ExportItemMapper.fileKey(file);
    updateIfExists(tenant, exportId,
        "SET #files = list_append(if_not_exists(#files, :none), :file) ADD #fileKeys :fileKeys",
        "attribute_exists(#pk) AND NOT contains(#fileKeys, :fileKey)",
        Map.of("#files", FILES, "#fileKeys", FILE_KEYS, "#pk", PK),
        Map.of(
            ":none", Attrs.l(List.of()),
            ":file", Attrs.l(List.of(ExportItemMapper.file(file))),
            ":fileKeys", AttributeValue.builder().ss(fileKey).build(),
            ":fileKey", Attrs.s(fileKey)));
  }

  /** Query GSI2 {@code T#<t>#OPEN}, then keep those whose lease expired or that await their release. */
  @Override
  public List<Export> needingRecovery(TenantId tenant, Instant now) {
    List<Export> found = new ArrayList<>();
    queryAll(dynamo, QueryRequest.builder()
        .tableName(tableName)
        .indexName(TableDefinition.GSI2)
        .keyConditionExpression("#gpk = :gpk")
        .expressionAttributeNames(Map.of("#gpk", GSI2PK))
        .expressionAttributeValues(Map.of(":gpk", Attrs.s(ExportItemMapper.openPk(tenant)))), item -> {
          Export e = ExportItemMapper.toExport(item);
          boolean expired = e.status() == ExportStatus.GENERATING && e.leaseUntil() != null
              && e.leaseUntil().isBefore(now);
          boolean unreleased = (e.status() == ExportStatus.FAILED || e.status() == ExportStatus.CANCELLED)
              && e.releasedAt() == null;
          if (expired || unreleased) {
            found.add(e);
          }
        });
    return found;
  }

  /** The history partition, sealed exports only, in chain order. */
  @Override
  public List<Export> chain(TenantId tenant) {
    List<Export> sealed = new ArrayList<>();
    queryAll(dynamo, historyQuery(tenant, true, null, null)
        .filterExpression("#chainSeq > :zero")
        .expressionAttributeNames(Map.of("#pk", TableDefinition.GSI1PK, "#chainSeq", CHAIN_SEQ))
        .expressionAttributeValues(Map.of(
            ":pk", Attrs.s(ExportItemMapper.historyPk(tenant)),
            ":zero", Attrs.n(0))), item -> sealed.add(ExportItemMapper.toExport(item)));
    sealed.sort(Comparator.comparingLong(Export::chainSeq));
    return sealed;
  }

  // ------------------------------------------------------------------ locks, idempotency

  @Override
  public boolean tryLock(TenantId tenant, String name, String owner, Instant until, Instant now) {
    return locks.tryLock(tenant, name, owner, until, now);
  }

  @Override
  public void unlock(TenantId tenant, String name, String owner) {
    locks.unlock(tenant, name, owner);
  }

  @Override
  public Optional<IdempotencyRecord> rememberIdempotency(TenantId tenant, String keyHash, String requestHash,
      String exportId, Instant expiresAt) {
    return locks.rememberIdempotency(tenant, keyHash, requestHash, exportId, expiresAt);
  }

  @Override
  public void forgetIdempotency(TenantId tenant, String keyHash) {
    locks.forgetIdempotency(tenant, keyHash);
  }

  // ------------------------------------------------------------------ helpers

  /** A conditional UpdateItem of an export item: true when written, false when its condition failed. */
  private boolean updateIfExists(TenantId tenant, String exportId, String update, String condition,
      Map<String, String> names, Map<String, AttributeValue> values) {
    try {
      dynamo.updateItem(r -> r.tableName(tableName)
          .key(ExportItemMapper.key(tenant, exportId))
          .updateExpression(update)
          .conditionExpression(condition)
          .expressionAttributeNames(names)
          .expressionAttributeValues(values));
      return true;
    } catch (ConditionalCheckFailedException refused) {
      return false;
    }
  }
}
