package com.accountingexport.core.port;

import com.accountingexport.core.auth.TenantId;
import com.accountingexport.core.export.ClaimRequest;
import com.accountingexport.core.export.ClaimResult;
import com.accountingexport.core.export.Export;
import com.accountingexport.core.export.ExportFile;
import com.accountingexport.core.export.NewExport;
import com.accountingexport.core.export.Notice;
import com.accountingexport.core.export.Progress;
import com.accountingexport.core.export.SkippedDocument;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Exports of one tenant, their numbers, their claims on documents, the audit chain and the locks
 * that keep two identical generations apart. Every write that guards an invariant is conditional.
 */
public interface ExportRepository {

  /**
   * Opens a GENERATING export under the next number of the tenant's sequence, atomically (the
   * counter and the record in one transaction): numbers are unique and without gaps.
   */
  Export create(TenantId tenant, NewExport export);

  Optional<Export> find(TenantId tenant, String exportId);

  /** Newest first (by creation time), those passing {@code filter}, at most {@code limit}, from {@code cursor}. */
  Page<Export> list(TenantId tenant, java.util.function.Predicate<Export> filter, String cursor, int limit);

  /**
   * Claims documents for the export with conditional writes (at most 100 per transaction), each at
   * the version that was planned: a document another export holds, gone, or written since it was
   * planned is not claimed and is reported instead. A document this export already holds counts as
   * claimed, so that a step retried after a crash claims nothing twice.
   */
  ClaimResult claimVersions(TenantId tenant, Export export, List<ClaimRequest> documents);

  /** {@link #claimVersions} whatever the documents' versions. */
  default ClaimResult claim(TenantId tenant, Export export, List<String> documentIds) {
    return claimVersions(tenant, export, documentIds.stream().map(ClaimRequest::any).toList());
  }

  /**
   * Records a GENERATING export's progress, renews its lease and appends documents it had to skip.
   *
   * @return false when the export is no longer GENERATING (failed by recovery, or gone): the step stops
   */
  boolean saveProgress(TenantId tenant, String exportId, Progress progress, Instant leaseUntil,
      List<SkippedDocument> newlySkipped);

  /**
   * Records what the render step wrote (counts, totals, files, the documents it had to leave out)
   * on a GENERATING export; the seal then hashes exactly that.
   *
   * @return false when the export is no longer GENERATING
   */
  boolean saveRendered(TenantId tenant, String exportId, int documentCount, int entryCount, BigDecimal debit,
      BigDecimal credit, List<ExportFile> files, List<SkippedDocument> skipped, Progress progress, Instant leaseUntil);

  /** Appends a notification to the export's record, whatever its status (never part of its hash). */
  void addNotice(TenantId tenant, String exportId, Notice notice);

  /** Releases the documents this export holds (only those it holds); idempotent. */
  void release(TenantId tenant, String exportId, Collection<String> documentIds);

  /** The ids of the documents an export holds (for cancel and recovery, when the caller lost them). */
  List<String> heldDocuments(TenantId tenant, String exportId);

  /** Renews the generation lease of a GENERATING export. */
  void renewLease(TenantId tenant, String exportId, Instant leaseUntil);

  /**
   * GENERATING → READY with its content, appended to the tenant's audit chain in the same
   * transaction (the record hash is computed by the caller from the previous head).
   */
  Export markReady(TenantId tenant, String exportId, int documentCount, int entryCount, BigDecimal debit,
      BigDecimal credit, List<ExportFile> files, List<SkippedDocument> skipped, ChainLink link);

  /** The tenant's chain head: the last READY export's seq and hash (seq 0, hash of nothing, when none). */
  ChainLink chainHead(TenantId tenant);

  /** GENERATING → FAILED with a reason; no-op if it is no longer GENERATING. */
  void markFailed(TenantId tenant, String exportId, String reason, Instant at);

  /** READY → DOWNLOADED (first download only); false when it was not READY. */
  boolean markDownloaded(TenantId tenant, String exportId, String by, Instant at);

  /** READY/DOWNLOADED → CANCELLED; empty when the export was not in one of those states. */
  Optional<Export> markCancelled(TenantId tenant, String exportId, String by, Instant at);

  /** Records that an export's documents were all released (after cancel or failure). */
  void markReleased(TenantId tenant, String exportId, Instant at);

  /** Adds a file rendered later (another format of the same entries); no-op if already there. */
  void addFile(TenantId tenant, String exportId, ExportFile file);

  /** Exports needing recovery: GENERATING with an expired lease, or CANCELLED/FAILED not yet released. */
  List<Export> needingRecovery(TenantId tenant, Instant now);

  /** Every export in chain order (chainSeq 1..n), for verification. */
  List<Export> chain(TenantId tenant);

  /**
   * Takes the lock {@code name} until {@code until} unless another owner holds it unexpired (its
   * owner may take it again: that renews it).
   *
   * @return true when taken
   */
  boolean tryLock(TenantId tenant, String name, String owner, Instant until, Instant now);

  void unlock(TenantId tenant, String name, String owner);

  /**
   * Idempotency: remembers {@code keyHash} → (request hash, export id) unless already known, in
   * which case the earlier record is returned (and nothing is written).
   */
  Optional<IdempotencyRecord> rememberIdempotency(TenantId tenant, String keyHash, String requestHash, String exportId,
      Instant expiresAt);

  /** Forgets a key whose request failed before it created anything, so that a retry may run. */
  void forgetIdempotency(TenantId tenant, String keyHash);

  /** A link of the audit chain. */
  record ChainLink(long seq, String hash) {}

  /** What an earlier request with the same Idempotency-Key asked for and got. */
  record IdempotencyRecord(String requestHash, String exportId) {}
}
