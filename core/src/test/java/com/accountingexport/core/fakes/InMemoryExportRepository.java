package com.accountingexport.core.fakes;

import com.accountingexport.core.auth.TenantId;
import com.accountingexport.core.document.ExportRef;
import com.accountingexport.core.document.StoredDocument;
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
import com.accountingexport.core.port.ExportRepository;
import com.accountingexport.core.port.Page;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The export port in memory, claims applied to an {@link InMemoryDocumentRepository}: the
 * reference semantics the DynamoDB implementation must match. Synchronized: one writer at a time.
 */
public final class InMemoryExportRepository implements ExportRepository {
  private final InMemoryDocumentRepository documents;
  private final Map<String, Export> exports = new HashMap<>();
  private final Map<String, Long> counters = new HashMap<>();
  private final Map<String, ChainLink> heads = new HashMap<>();
  private final Map<String, String[]> locks = new HashMap<>();
  private final Map<String, IdempotencyRecord> idempotency = new HashMap<>();
  public int claimCalls;

  public InMemoryExportRepository(InMemoryDocumentRepository documents) {
    this.documents = documents;
  }

  private static String k(TenantId t, String id) {
    return t.value() + "\u0000" + id;
  }

  @Override
  public synchronized Export create(TenantId tenant, NewExport n) {
    LocalDate day = LocalDate.ofInstant(n.createdAt(), ZoneOffset.UTC);
    String counter = k(tenant, ExportNumbering.scope(n.numberingPattern(), day));
    long seq = counters.merge(counter, 1L, Long::sum);
    Export e = new Export(n.id(), ExportNumbering.format(n.numberingPattern(), seq, day), ExportStatus.GENERATING,
        n.period(), n.journals(), n.format(), n.pdf(), n.reexport(), 0, 0, BigDecimal.ZERO.setScale(2),
        BigDecimal.ZERO.setScale(2), n.createdAt(), n.createdBy(), null, null, null, null, List.of(), List.of(),
        n.leaseUntil(), null, 0, null, null, null, Progress.start(n.planned()), List.of());
    exports.put(k(tenant, n.id()), e);
    return e;
  }

  @Override
  public synchronized Optional<Export> find(TenantId tenant, String exportId) {
    return Optional.ofNullable(exports.get(k(tenant, exportId)));
  }

  @Override
  public synchronized Page<Export> list(TenantId tenant, Predicate<Export> filter, String cursor, int limit) {
    List<Export> all = exports.entrySet().stream().filter(e -> e.getKey().startsWith(tenant.value() + "\u0000"))
        .map(Map.Entry::getValue).filter(filter)
        .sorted(Comparator.comparing(Export::createdAt).thenComparing(Export::id).reversed()).toList();
    int start = cursor == null ? 0 : Integer.parseInt(cursor);
    int end = Math.min(all.size(), start + limit);
    return new Page<>(all.subList(start, end), end < all.size() ? Integer.toString(end) : null);
  }

  @Override
  public synchronized ClaimResult claimVersions(TenantId tenant, Export export, List<ClaimRequest> requests) {
    List<String> claimed = new ArrayList<>();
    List<String> taken = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    List<String> changed = new ArrayList<>();
    for (ClaimRequest r : requests) {
      String id = r.documentId();
      Optional<StoredDocument> d = documents.find(tenant, id);
      if (d.isEmpty()) {
        missing.add(id);
      } else if (d.get().isExported() && !d.get().export().exportId().equals(export.id())) {
        taken.add(id);
      } else if (r.version() != ClaimRequest.ANY_VERSION && d.get().version() != r.version()) {
        changed.add(id);
      } else {
        if (!d.get().isExported()) {
          documents.markExported(tenant, id, new ExportRef(export.id(), export.number()));
        }
        claimed.add(id);
      }
    }
    int calls = (requests.size() + 99) / 100;
    claimCalls += calls;
    return new ClaimResult(claimed, taken, missing, changed, calls);
  }

  @Override
  public synchronized boolean saveProgress(TenantId tenant, String exportId, Progress progress, Instant leaseUntil,
      List<SkippedDocument> newlySkipped) {
    Export e = exports.get(k(tenant, exportId));
    if (e == null || e.status() != ExportStatus.GENERATING) {
      return false;
    }
    List<SkippedDocument> skipped = new ArrayList<>(e.skipped());
    skipped.addAll(newlySkipped);
    exports.put(k(tenant, exportId), new Export(e.id(), e.number(), e.status(), e.period(), e.journals(), e.format(),
        e.pdf(), e.reexport(), e.documentCount(), e.entryCount(), e.debit(), e.credit(), e.createdAt(), e.createdBy(),
        null, null, null, null, e.files(), skipped, leaseUntil, null, 0, null, null, null, progress, e.notices()));
    return true;
  }

  @Override
  public synchronized boolean saveRendered(TenantId tenant, String exportId, int documentCount, int entryCount,
      BigDecimal debit, BigDecimal credit, List<ExportFile> files, List<SkippedDocument> skipped, Progress progress,
      Instant leaseUntil) {
    Export e = exports.get(k(tenant, exportId));
    if (e == null || e.status() != ExportStatus.GENERATING) {
      return false;
    }
    exports.put(k(tenant, exportId), new Export(e.id(), e.number(), e.status(), e.period(), e.journals(), e.format(),
        e.pdf(), e.reexport(), documentCount, entryCount, debit, credit, e.createdAt(), e.createdBy(), null, null, null,
        null, files, skipped, leaseUntil, null, 0, null, null, null, progress, e.notices()));
    return true;
  }

  @Override
  public synchronized void addNotice(TenantId tenant, String exportId, Notice notice) {
    update(tenant, exportId, e -> {
      List<Notice> notices = new ArrayList<>(e.notices());
      notices.add(notice);
      return new Export(e.id(), e.number(), e.status(), e.period(), e.journals(), e.format(), e.pdf(), e.reexport(),
          e.documentCount(), e.entryCount(), e.debit(), e.credit(), e.createdAt(), e.createdBy(), e.downloadedAt(),
          e.downloadedBy(), e.cancelledAt(), e.cancelledBy(), e.files(), e.skipped(), e.leaseUntil(), e.failure(),
          e.chainSeq(), e.previousHash(), e.recordHash(), e.releasedAt(), e.progress(), notices);
    });
  }

  @Override
  public synchronized void release(TenantId tenant, String exportId, Collection<String> ids) {
    for (String id : ids) {
      documents.find(tenant, id).filter(d -> d.isExported() && d.export().exportId().equals(exportId))
          .ifPresent(d -> documents.markExported(tenant, id, null));
    }
  }

  @Override
  public synchronized List<String> heldDocuments(TenantId tenant, String exportId) {
    return documents.heldBy(tenant, exportId);
  }

  @Override
  public synchronized void renewLease(TenantId tenant, String exportId, Instant leaseUntil) {
    update(tenant, exportId, e -> copy(e, e.status(), leaseUntil, e.failure(), e.releasedAt()));
  }

  @Override
  public synchronized Export markReady(TenantId tenant, String exportId, int documentCount, int entryCount,
      BigDecimal debit, BigDecimal credit, List<ExportFile> files, List<SkippedDocument> skipped, ChainLink link) {
    ChainLink head = chainHead(tenant);
    if (link.seq() != head.seq() + 1) {
      throw new ExportService.ChainMovedException();
    }
    Export e = exports.get(k(tenant, exportId));
    if (e == null || e.status() != ExportStatus.GENERATING) {
      throw new DomainException(ErrorKind.CONFLICT, "EXPORT_NOT_GENERATING", "export " + exportId + " is not generating");
    }
    Export ready = new Export(e.id(), e.number(), ExportStatus.READY, e.period(), e.journals(), e.format(), e.pdf(),
        e.reexport(), documentCount, entryCount, debit, credit, e.createdAt(), e.createdBy(), null, null, null, null,
        files, skipped, null, null, link.seq(), head.hash(), link.hash(), null,
        new Progress(Progress.DONE, documentCount, documentCount), e.notices());
    exports.put(k(tenant, exportId), ready);
    heads.put(tenant.value(), link);
    return ready;
  }

  @Override
  public synchronized ChainLink chainHead(TenantId tenant) {
    return heads.getOrDefault(tenant.value(), new ChainLink(0, RecordHash.GENESIS));
  }

  @Override
  public synchronized void markFailed(TenantId tenant, String exportId, String reason, Instant at) {
    update(tenant, exportId, e -> e.status() == ExportStatus.GENERATING ? copy(e, ExportStatus.FAILED, null, reason, null) : e);
  }

  @Override
  public synchronized boolean markDownloaded(TenantId tenant, String exportId, String by, Instant at) {
    Export e = exports.get(k(tenant, exportId));
    if (e == null || e.status() != ExportStatus.READY) {
      return false;
    }
    exports.put(k(tenant, exportId), new Export(e.id(), e.number(), ExportStatus.DOWNLOADED, e.period(), e.journals(),
        e.format(), e.pdf(), e.reexport(), e.documentCount(), e.entryCount(), e.debit(), e.credit(), e.createdAt(),
        e.createdBy(), at, by, null, null, e.files(), e.skipped(), e.leaseUntil(), e.failure(), e.chainSeq(),
        e.previousHash(), e.recordHash(), e.releasedAt(), e.progress(), e.notices()));
    return true;
  }

  @Override
  public synchronized Optional<Export> markCancelled(TenantId tenant, String exportId, String by, Instant at) {
    Export e = exports.get(k(tenant, exportId));
    if (e == null || (e.status() != ExportStatus.READY && e.status() != ExportStatus.DOWNLOADED)) {
      return Optional.empty();
    }
    Export c = new Export(e.id(), e.number(), ExportStatus.CANCELLED, e.period(), e.journals(), e.format(), e.pdf(),
        e.reexport(), e.documentCount(), e.entryCount(), e.debit(), e.credit(), e.createdAt(), e.createdBy(),
        e.downloadedAt(), e.downloadedBy(), at, by, e.files(), e.skipped(), e.leaseUntil(), e.failure(), e.chainSeq(),
        e.previousHash(), e.recordHash(), null, e.progress(), e.notices());
    exports.put(k(tenant, exportId), c);
    return Optional.of(c);
  }

  @Override
  public synchronized void markReleased(TenantId tenant, String exportId, Instant at) {
    update(tenant, exportId, e -> copy(e, e.status(), e.leaseUntil(), e.failure(), at));
  }

  @Override
  public synchronized void addFile(TenantId tenant, String exportId, ExportFile file) {
    update(tenant, exportId, e -> {
      if (e.file(file.kind(), file.format()).isPresent()) {
        return e;
      }
      List<ExportFile> files = new ArrayList<>(e.files());
      files.add(file);
      return new Export(e.id(), e.number(), e.status(), e.period(), e.journals(), e.format(), e.pdf(), e.reexport(),
          e.documentCount(), e.entryCount(), e.debit(), e.credit(), e.createdAt(), e.createdBy(), e.downloadedAt(),
          e.downloadedBy(), e.cancelledAt(), e.cancelledBy(), files, e.skipped(), e.leaseUntil(), e.failure(),
          e.chainSeq(), e.previousHash(), e.recordHash(), e.releasedAt(), e.progress(), e.notices());
    });
  }

  @Override
  public synchronized List<Export> needingRecovery(TenantId tenant, Instant now) {
    return exports.entrySet().stream().filter(e -> e.getKey().startsWith(tenant.value() + "\u0000"))
        .map(Map.Entry::getValue)
        .filter(e -> (e.status() == ExportStatus.GENERATING && e.leaseUntil() != null && e.leaseUntil().isBefore(now))
            || ((e.status() == ExportStatus.FAILED || e.status() == ExportStatus.CANCELLED) && e.releasedAt() == null))
        .toList();
  }

  @Override
  public synchronized List<Export> chain(TenantId tenant) {
    return exports.entrySet().stream().filter(e -> e.getKey().startsWith(tenant.value() + "\u0000"))
        .map(Map.Entry::getValue).filter(e -> e.chainSeq() > 0)
        .sorted(Comparator.comparingLong(Export::chainSeq)).toList();
  }

  @Override
  public synchronized boolean tryLock(TenantId tenant, String name, String owner, Instant until, Instant now) {
    String[] held = locks.get(k(tenant, name));
    if (held != null && Instant.parse(held[1]).isAfter(now) && !held[0].equals(owner)) {
      return false;
    }
    locks.put(k(tenant, name), new String[] {owner, until.toString()});
    return true;
  }

  @Override
  public synchronized void unlock(TenantId tenant, String name, String owner) {
    String[] held = locks.get(k(tenant, name));
    if (held != null && held[0].equals(owner)) {
      locks.remove(k(tenant, name));
    }
  }

  public synchronized boolean isLocked(TenantId tenant, String name) {
    return locks.containsKey(k(tenant, name));
  }

  public synchronized int lockCount() {
    return locks.size();
  }

  @Override
  public synchronized Optional<IdempotencyRecord> rememberIdempotency(TenantId tenant, String keyHash,
      String requestHash, String exportId, Instant expiresAt) {
    IdempotencyRecord existing = idempotency.get(k(tenant, keyHash));
    if (existing != null) {
      return Optional.of(existing);
    }
    idempotency.put(k(tenant, keyHash), new IdempotencyRecord(requestHash, exportId));
    return Optional.empty();
  }

  @Override
  public synchronized void forgetIdempotency(TenantId tenant, String keyHash) {
    idempotency.remove(k(tenant, keyHash));
  }

  /** Test helper: alter a sealed record as an attacker would. */
  public synchronized void tamper(TenantId tenant, String exportId, java.util.function.UnaryOperator<Export> change) {
    update(tenant, exportId, change);
  }

  private void update(TenantId tenant, String exportId, java.util.function.UnaryOperator<Export> f) {
    exports.computeIfPresent(k(tenant, exportId), (key, e) -> f.apply(e));
  }

  private static Export copy(Export e, ExportStatus status, Instant lease, String failure, Instant releasedAt) {
    return new Export(e.id(), e.number(), status, e.period(), e.journals(), e.format(), e.pdf(), e.reexport(),
        e.documentCount(), e.entryCount(), e.debit(), e.credit(), e.createdAt(), e.createdBy(), e.downloadedAt(),
        e.downloadedBy(), e.cancelledAt(), e.cancelledBy(), e.files(), e.skipped(), lease, failure, e.chainSeq(),
        e.previousHash(), e.recordHash(), releasedAt, e.progress(), e.notices());
  }
}
