package com.accountingexport.adapters.dynamodb;

import com.accountingexport.core.auth.TenantId;
import com.accountingexport.core.export.ClaimResult;
import com.accountingexport.core.export.Export;
import com.accountingexport.core.export.ExportFile;
import com.accountingexport.core.export.NewExport;
import com.accountingexport.core.export.SkippedDocument;
import com.accountingexport.core.port.ExportRepository;
import com.accountingexport.core.port.Page;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Placeholder: being written. */
public final class DynamoExportRepository implements ExportRepository {
  public DynamoExportRepository(DynamoDbClient dynamo, String tableName) {}

  private static UnsupportedOperationException todo() {
    return new UnsupportedOperationException("DynamoExportRepository is being written");
  }

  @Override public Export create(TenantId tenant, NewExport export) { throw todo(); }
  @Override public Optional<Export> find(TenantId tenant, String exportId) { throw todo(); }
  @Override public Page<Export> list(TenantId tenant, Predicate<Export> filter, String cursor, int limit) { throw todo(); }
  @Override public ClaimResult claim(TenantId tenant, Export export, List<String> documentIds) { throw todo(); }
  @Override public void release(TenantId tenant, String exportId, Collection<String> documentIds) { throw todo(); }
  @Override public List<String> heldDocuments(TenantId tenant, String exportId) { throw todo(); }
  @Override public void renewLease(TenantId tenant, String exportId, Instant leaseUntil) { throw todo(); }
  @Override public Export markReady(TenantId tenant, String exportId, int documentCount, int entryCount, BigDecimal debit,
      BigDecimal credit, List<ExportFile> files, List<SkippedDocument> skipped, ChainLink link) { throw todo(); }
  @Override public ChainLink chainHead(TenantId tenant) { throw todo(); }
  @Override public void markFailed(TenantId tenant, String exportId, String reason, Instant at) { throw todo(); }
  @Override public boolean markDownloaded(TenantId tenant, String exportId, String by, Instant at) { throw todo(); }
  @Override public Optional<Export> markCancelled(TenantId tenant, String exportId, String by, Instant at) { throw todo(); }
  @Override public void markReleased(TenantId tenant, String exportId, Instant at) { throw todo(); }
  @Override public void addFile(TenantId tenant, String exportId, ExportFile file) { throw todo(); }
  @Override public List<Export> needingRecovery(TenantId tenant, Instant now) { throw todo(); }
  @Override public List<Export> chain(TenantId tenant) { throw todo(); }
  @Override public boolean tryLock(TenantId tenant, String name, String owner, Instant until, Instant now) { throw todo(); }
  @Override public void unlock(TenantId tenant, String name, String owner) { throw todo(); }
  @Override public Optional<IdempotencyRecord> rememberIdempotency(TenantId tenant, String keyHash, String requestHash,
      String exportId, Instant expiresAt) { throw todo(); }
  @Override public void forgetIdempotency(TenantId tenant, String keyHash) { throw todo(); }
}
