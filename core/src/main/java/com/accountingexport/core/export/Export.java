package com.accountingexport.core.export;

import com.accountingexport.core.period.Period;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A numbered export. Its content fields (number, period, journals, counts, totals, files) are fixed
 * once READY and covered by {@code recordHash}, which also covers {@code previousHash}: the hash of
 * the tenant's previous export in the chain ({@code chainSeq} - 1).
 */
public record Export(
    String id,
    String number,
    ExportStatus status,
    Period period,
    List<String> journals,
    String format,
    String pdf,
    boolean reexport,
    int documentCount,
    int entryCount,
    BigDecimal debit,
    BigDecimal credit,
    Instant createdAt,
    String createdBy,
    Instant downloadedAt,
    String downloadedBy,
    Instant cancelledAt,
    String cancelledBy,
    List<ExportFile> files,
    List<SkippedDocument> skipped,
    Instant leaseUntil,
    String failure,
    long chainSeq,
    String previousHash,
    String recordHash,
    Instant releasedAt,
    Progress progress,
    List<Notice> notices) {

  public Export {
    journals = List.copyOf(journals);
    files = files == null ? List.of() : List.copyOf(files);
    skipped = skipped == null ? List.of() : List.copyOf(skipped);
    notices = notices == null ? List.of() : List.copyOf(notices);
  }

  /** An export without progress or notices (a record as it was before background generation). */
  public Export(String id, String number, ExportStatus status, Period period, List<String> journals, String format,
      String pdf, boolean reexport, int documentCount, int entryCount, BigDecimal debit, BigDecimal credit,
      Instant createdAt, String createdBy, Instant downloadedAt, String downloadedBy, Instant cancelledAt,
      String cancelledBy, List<ExportFile> files, List<SkippedDocument> skipped, Instant leaseUntil, String failure,
      long chainSeq, String previousHash, String recordHash, Instant releasedAt) {
    this(id, number, status, period, journals, format, pdf, reexport, documentCount, entryCount, debit, credit,
        createdAt, createdBy, downloadedAt, downloadedBy, cancelledAt, cancelledBy, files, skipped, leaseUntil, failure,
        chainSeq, previousHash, recordHash, releasedAt, null, null);
  }

  public Optional<ExportFile> file(String kind, String format) {
    return files.stream().filter(f -> f.kind().equals(kind) && (format == null || format.equals(f.format()))).findFirst();
  }

  public Export withStatus(ExportStatus s) {
    return new Export(id, number, s, period, journals, format, pdf, reexport, documentCount, entryCount, debit, credit,
        createdAt, createdBy, downloadedAt, downloadedBy, cancelledAt, cancelledBy, files, skipped, leaseUntil, failure,
        chainSeq, previousHash, recordHash, releasedAt, progress, notices);
  }
}
