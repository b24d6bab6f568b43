package com.accountingexport.core.export;

import com.accountingexport.core.auth.Caller;
import com.accountingexport.core.auth.Screen;
import com.accountingexport.core.auth.TenantId;
import com.accountingexport.core.booking.Anomaly;
import com.accountingexport.core.booking.AnomalyCode;
import com.accountingexport.core.booking.Bookkeeper;
import com.accountingexport.core.document.Counterparty;
import com.accountingexport.core.document.Document;
import com.accountingexport.core.error.DomainException;
import com.accountingexport.core.error.Violation;
import com.accountingexport.core.format.AccountsWriter;
import com.accountingexport.core.format.ExportContext;
import com.accountingexport.core.format.ExportFormats;
import com.accountingexport.core.format.ExportWriter;
import com.accountingexport.core.money.Money;
import com.accountingexport.core.period.Period;
import com.accountingexport.core.port.ExportRepository;
import com.accountingexport.core.port.ExportRepository.ChainLink;
import com.accountingexport.core.port.FileStore;
import com.accountingexport.core.port.IdGenerator;
import com.accountingexport.core.port.Page;
import com.accountingexport.core.service.Access;
import com.accountingexport.core.service.Excluded;
import com.accountingexport.core.service.ExportPlanner;
import com.accountingexport.core.service.Plan;
import com.accountingexport.core.service.Planned;
import com.accountingexport.core.service.Selection;
import com.accountingexport.core.service.SettingsService;
import com.accountingexport.core.settings.TenantSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The export lifecycle: generate (claim each document once, write the files, join the audit chain),
 * list, download in any format, cancel, verify. Every failure after documents were claimed gives
 * them back: no document stays held by a FAILED export.
 */
public final class ExportService {
  public static final List<String> PDF_MODES = List.of("none", "zip", "merged", "both");
  public static final List<String> FILE_KINDS = List.of("journal", "accounts", "invoices-zip", "invoices-pdf", "report");
  private static final int CHAIN_RETRIES = 20;

  /** Where faults can be injected (tests) between the steps of a generation. */
  public enum Step { AFTER_CLAIM, DURING_UPLOAD, BEFORE_FINALIZE }

  /** Called at each {@link Step}; a test hook throws to simulate a crash of the generation there. */
  @FunctionalInterface
  public interface FaultHook {
    FaultHook NONE = (step, exportId) -> {};

    void at(Step step, String exportId);
  }

  /** Knobs: how long a generation may hold its documents without renewing, how long links live. */
  public record Options(Duration lease, Duration linkTtl) {
    public static Options defaults() {
      return new Options(Duration.ofMinutes(5), Duration.ofMinutes(15));
    }
  }

  /** {@code POST /exports}: the selection plus format, pdf bundle and the idempotency key's hashes. */
  public record GenerateRequest(Selection selection, String format, String pdf, String idempotencyKey, String requestHash) {}

  /** The export and whether this answer replays an earlier request with the same Idempotency-Key. */
  public record Generated(Export export, boolean replayed) {}

  private final ExportRepository exports;
  private final ExportPlanner planner;
  private final SettingsService settings;
  private final FileStore files;
  private final Clock clock;
  private final IdGenerator ids;
  private final Options options;
  private volatile FaultHook faults = FaultHook.NONE;

  public ExportService(ExportRepository exports, ExportPlanner planner, SettingsService settings, FileStore files,
      Clock clock, IdGenerator ids, Options options) {
    this.exports = exports;
    this.planner = planner;
    this.settings = settings;
    this.files = files;
    this.clock = clock;
    this.ids = ids;
    this.options = options;
  }

  /** For tests: simulate a crash at a step. */
  public void setFaultHook(FaultHook hook) {
    this.faults = hook == null ? FaultHook.NONE : hook;
  }

  // ------------------------------------------------------------------ generate

  public Generated generate(Caller caller, GenerateRequest request) {
    TenantId tenant = caller.tenant();
    TenantSettings s = settings.get(tenant);
    Access.require(caller, s, Screen.EXPORTS);
    ExportWriter writer = ExportFormats.byId(request.format() == null ? s.defaultFormat() : request.format());
    String pdf = request.pdf() == null ? "none" : request.pdf();
    if (!pdf.equals("none")) {
      throw DomainException.unprocessable("PDF_NOT_AVAILABLE",
          "Invoice PDF bundles are not produced yet: use \"pdf\": \"none\"",
          List.of(Violation.of("pdf", "PDF_NOT_AVAILABLE", "only \"none\" is available for now")));
    }
    String exportId = ids.newId();
    Instant now = clock.instant();
    String keyHash = request.idempotencyKey() == null ? null
        : RecordHash.sha256(request.idempotencyKey().getBytes(StandardCharsets.UTF_8));
    if (keyHash != null) {
      var earlier = exports.rememberIdempotency(tenant, keyHash, request.requestHash(), exportId,
          now.plus(Duration.ofHours(24)));
      if (earlier.isPresent()) {
        return replay(tenant, earlier.get(), request);
      }
    }
    boolean created = false; // a failed request forgets its key: retrying it after a 5xx runs it again
    try {
      recover(tenant);
      Plan plan = planner.plan(tenant, s, request.selection(), LocalDate.now(clock));
      refuseExplicitExclusions(request.selection(), plan);
      if (plan.included().isEmpty()) {
        throw DomainException.unprocessable("NOTHING_TO_EXPORT",
            "No document of the period " + plan.period().from() + " to " + plan.period().to()
                + " is exportable (" + plan.excluded().size() + " blocked; see POST /exports/preview for why)", List.of());
      }
      String lockName = lockName(plan, request.selection());
      if (!exports.tryLock(tenant, lockName, exportId, now.plus(options.lease()), now)) {
        throw DomainException.conflict("EXPORT_IN_PROGRESS",
            "An export of the same period and journals is being generated; try again when it is done");
      }
      try {
        Export opened = exports.create(tenant, new NewExport(exportId, s.numberingPattern(), plan.period(),
            plan.journals(), writer.id(), pdf, request.selection().reexport(), now, caller.actor(),
            now.plus(options.lease())));
        Generated done = new Generated(build(tenant, s, opened, plan, writer), false);
        created = true;
        return done;
      } finally {
        exports.unlock(tenant, lockName, exportId);
      }
    } finally {
      if (keyHash != null && !created) {
        exports.forgetIdempotency(tenant, keyHash);
      }
    }
  }

  private Generated replay(TenantId tenant, ExportRepository.IdempotencyRecord earlier, GenerateRequest request) {
    if (!earlier.requestHash().equals(request.requestHash())) {
      throw DomainException.conflict("IDEMPOTENCY_KEY_REUSED",
          "This Idempotency-Key was used with another request body; use a new key for a new export");
    }
    Export e = exports.find(tenant, earlier.exportId()).orElseThrow(() -> DomainException.conflict(
        "IDEMPOTENCY_IN_PROGRESS", "The first request with this Idempotency-Key is still being processed"));
    return new Generated(e, true);
  }

  /** An explicit selection must be exportable as a whole: every refused id is named. */
  private static void refuseExplicitExclusions(Selection selection, Plan plan) {
    if (!selection.isExplicit() || plan.excluded().isEmpty()) {
      return;
    }
    List<Violation> details = new ArrayList<>();
    boolean allExported = true;
    for (Excluded x : plan.excluded()) {
      for (Anomaly a : x.anomalies()) {
        details.add(Violation.of("documentIds:" + x.document().id(), a.code(), a.message()));
        allExported &= a.code().equals(AnomalyCode.ALREADY_EXPORTED.name());
      }
    }
    if (allExported) {
      throw DomainException.conflict("DOCUMENTS_ALREADY_EXPORTED",
          plan.excluded().size() + " of the documents are already in an active export", details);
    }
    throw DomainException.unprocessable("DOCUMENTS_NOT_EXPORTABLE",
        plan.excluded().size() + " of the documents cannot be exported", details);
  }

  private static String lockName(Plan plan, Selection selection) {
    String key = plan.period().from() + "|" + plan.period().to() + "|" + String.join(",", plan.journals())
        + (selection.isExplicit() ? "|" + String.join(",", selection.documentIds().stream().sorted().toList()) : "");
    return "GEN#" + RecordHash.sha256(key.getBytes(StandardCharsets.UTF_8)).substring(0, 24);
  }

  /** Claims, writes, finalises; on any failure gives back what it claimed and marks the export FAILED. */
  private Export build(TenantId tenant, TenantSettings s, Export export, Plan plan, ExportWriter writer) {
    List<String> claimed = List.of();
    try {
      List<String> toClaim = plan.included().stream().filter(p -> !p.document().isExported())
          .map(p -> p.document().id()).toList();
      ClaimResult claim = exports.claim(tenant, export, toClaim);
      claimed = claim.claimed();
      faults.at(Step.AFTER_CLAIM, export.id());

      Set<String> held = new HashSet<>(claim.claimed());
      List<SkippedDocument> skipped = new ArrayList<>();
      claim.taken().forEach(id -> skipped.add(new SkippedDocument(id, "claimed by a concurrent export")));
      claim.missing().forEach(id -> skipped.add(new SkippedDocument(id, "deleted or frozen meanwhile")));
      List<Planned> kept = plan.included().stream()
          .filter(p -> held.contains(p.document().id()) || p.document().isExported()).toList();
      if (kept.isEmpty()) {
        throw DomainException.conflict("NOTHING_LEFT_TO_EXPORT",
            "Every selected document was claimed by a concurrent export");
      }

      String prefix = "tenants/" + tenant.value() + "/exports/" + export.id() + "/";
      ExportContext context = context(export, s.siren());
      List<ExportFile> written = new ArrayList<>();
      written.add(writeFile(prefix + "entries.tsv", "text/tab-separated-values; charset=UTF-8", ExportFile.ENTRIES, "tsv",
          out -> {
            try (EntryCodec.Out codec = new EntryCodec.Out(out)) {
              int n = 0;
              for (Planned p : kept) {
                codec.append(p.entry());
                if (++n == kept.size() / 2 + 1) {
                  codec.flush(); // half the entries are on their way to S3 when the fault hits
                  faults.at(Step.DURING_UPLOAD, export.id());
                }
              }
            }
          }));
      written.add(writeFile(prefix + journalName(writer, context), writer.contentType(), ExportFile.JOURNAL, writer.id(),
          out -> writer.write(kept.stream().map(Planned::entry).iterator(), context, out)));
      written.add(writeFile(prefix + AccountsWriter.fileName(context), AccountsWriter.CONTENT_TYPE, ExportFile.ACCOUNTS, "csv",
          out -> new AccountsWriter().write(counterparties(kept), c -> auxAccount(s, c), out)));
      faults.at(Step.BEFORE_FINALIZE, export.id());

      BigDecimal debit = Money.sum(kept.stream().map(p -> p.entry().totalDebit()).toList());
      BigDecimal credit = Money.sum(kept.stream().map(p -> p.entry().totalCredit()).toList());
      int entryCount = kept.stream().mapToInt(p -> p.entry().lines().size()).sum();
      return finalise(tenant, export, kept.size(), entryCount, debit, credit, written, skipped);
    } catch (RuntimeException e) {
      fail(tenant, export.id(), claimed, e);
      throw e;
    }
  }

  private Export finalise(TenantId tenant, Export export, int documents, int entries, BigDecimal debit,
      BigDecimal credit, List<ExportFile> written, List<SkippedDocument> skipped) {
    for (int attempt = 0; ; attempt++) {
      ChainLink head = exports.chainHead(tenant);
      Export content = new Export(export.id(), export.number(), ExportStatus.READY, export.period(), export.journals(),
          export.format(), export.pdf(), export.reexport(), documents, entries, debit, credit, export.createdAt(),
          export.createdBy(), null, null, null, null, written, skipped, null, null, head.seq() + 1, head.hash(), null,
          null);
      String hash = RecordHash.of(tenant, content, head.seq() + 1, head.hash());
      try {
        return exports.markReady(tenant, export.id(), documents, entries, debit, credit, written, skipped,
            new ChainLink(head.seq() + 1, hash));
      } catch (ChainMovedException moved) {
        if (attempt >= CHAIN_RETRIES) {
          throw moved;
        }
      }
    }
  }

  /** Thrown by {@link ExportRepository#markReady} when another export joined the chain first. */
  public static final class ChainMovedException extends RuntimeException {
    public ChainMovedException() {
      super("the audit chain head moved", null, false, false);
    }
  }

  private void fail(TenantId tenant, String exportId, List<String> claimed, RuntimeException cause) {
    Instant now = clock.instant();
    String reason = cause instanceof DomainException d ? d.code() + ": " + d.getMessage()
        : "generation stopped: " + cause.getClass().getSimpleName();
    try {
      exports.markFailed(tenant, exportId, reason, now);
      exports.release(tenant, exportId, claimed);
      exports.markReleased(tenant, exportId, now);
    } catch (RuntimeException again) {
      // The recovery sweep (lease expiry) will finish the release; keep the first failure.
      cause.addSuppressed(again);
    }
  }

  /** What every file of an export is written with: its number, its generation day (ValidDate), the SIREN, its period end. */
  private static ExportContext context(Export e, String siren) {
    return new ExportContext(e.number(), LocalDate.ofInstant(e.createdAt(), ZoneOffset.UTC), siren, e.period().to());
  }

  private static String journalName(ExportWriter writer, ExportContext context) {
    return "journal-" + writer.id() + "." + writer.fileExtension();
  }

  private static Iterator<Counterparty> counterparties(List<Planned> kept) {
    return kept.stream().map(p -> p.document().document())
        .filter(d -> d.counterparty() != null && !d.type().isPurchaseSide()
            && d.type() != com.accountingexport.core.document.DocumentType.EXPENSE_REPORT)
        .map(Document::counterparty).iterator();
  }

  private static String auxAccount(TenantSettings s, Counterparty c) {
    return Bookkeeper.customerAuxiliaryAccount(s, c);
  }

  @FunctionalInterface
  private interface Body {
    void write(OutputStream out) throws IOException;
  }

  private ExportFile writeFile(String key, String contentType, String kind, String format, Body body) {
    FileStore.Upload upload = files.create(key, contentType);
    try {
      HashingOutputStream out = new HashingOutputStream(upload.stream());
      body.write(out);
      out.flush();
      upload.close();
      return new ExportFile(kind, format, key, out.bytes(), out.sha256());
    } catch (IOException e) {
      upload.abort();
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      upload.abort();
      throw e;
    }
  }

  // ------------------------------------------------------------------ read

  public Export find(Caller caller, String exportId) {
    Access.require(caller, settings.get(caller.tenant()), Screen.EXPORTS);
    return load(caller.tenant(), exportId);
  }

  private Export load(TenantId tenant, String exportId) {
    return exports.find(tenant, exportId)
        .orElseThrow(() -> DomainException.notFound("EXPORT_NOT_FOUND", "No export " + exportId));
  }

  /** History, newest first: exports whose period overlaps [from, to], in a status if given. */
  public Page<Export> list(Caller caller, LocalDate from, LocalDate to, ExportStatus status, String cursor, int limit) {
    Access.require(caller, settings.get(caller.tenant()), Screen.EXPORTS);
    if (from != null && to != null) {
      new Period(from, to);
    }
    Predicate<Export> filter = e -> (status == null || e.status() == status)
        && (from == null || !e.period().to().isBefore(from))
        && (to == null || !e.period().from().isAfter(to));
    return exports.list(caller.tenant(), filter, cursor, limit);
  }

  // ------------------------------------------------------------------ download

  public Download download(Caller caller, String exportId, String kind, String format) {
    TenantSettings s = settings.get(caller.tenant());
    Access.require(caller, s, Screen.EXPORTS);
    if (!FILE_KINDS.contains(kind)) {
      throw DomainException.invalid(List.of(Violation.of("kind", "INVALID_VALUE", "must be one of " + FILE_KINDS)));
    }
    TenantId tenant = caller.tenant();
    Export e = load(tenant, exportId);
    if (e.status() == ExportStatus.GENERATING) {
      throw DomainException.conflict("EXPORT_NOT_READY", "Export " + e.number() + " is still being generated");
    }
    if (e.status() == ExportStatus.FAILED) {
      throw DomainException.conflict("EXPORT_FAILED", "Export " + e.number() + " failed and has no files: " + e.failure());
    }
    ExportFile file = switch (kind) {
      case "journal" -> journalFile(tenant, e, format);
      case "accounts" -> {
        if (format != null && !format.equals("csv")) {
          throw DomainException.invalid(List.of(Violation.of("format", "UNKNOWN_FORMAT",
              "the accounts file exists as csv only")));
        }
        yield e.file(ExportFile.ACCOUNTS, null).orElseThrow(() -> notAvailable(kind, e));
      }
      default -> throw notAvailable(kind, e);
    };
    String name = file.key().substring(file.key().lastIndexOf('/') + 1);
    if (file.kind().equals(ExportFile.JOURNAL)) {
      ExportWriter w = ExportFormats.byId(file.format());
      name = ExportFormats.fileName(w, context(e, s.siren()));
    } else if (file.kind().equals(ExportFile.ACCOUNTS)) {
      name = e.number() + "-accounts.csv";
    }
    FileStore.Link link = files.link(file.key(), name, options.linkTtl());
    if (e.status() == ExportStatus.READY) {
      exports.markDownloaded(tenant, e.id(), caller.actor(), clock.instant());
    }
    return new Download(kind, file.format(), link.url(), link.expiresAt(), file.sha256(), file.bytes());
  }

  private static DomainException notAvailable(String kind, Export e) {
    return DomainException.notFound("FILE_NOT_AVAILABLE", "Export " + e.number() + " has no " + kind + " file"
        + (kind.startsWith("invoices") ? " (it was generated with pdf \"" + e.pdf() + "\")" : ""));
  }

  /** The journal in the asked format: the stored one, or rendered once from the frozen entries and kept. */
  private ExportFile journalFile(TenantId tenant, Export e, String format) {
    String wanted = format == null ? e.format() : format;
    ExportWriter writer = ExportFormats.byId(wanted);
    var existing = e.file(ExportFile.JOURNAL, writer.id());
    if (existing.isPresent()) {
      return existing.get();
    }
    ExportFile entries = e.file(ExportFile.ENTRIES, null).orElseThrow(() -> notAvailable("entries", e));
    ExportContext context = context(e, settings.get(tenant).siren());
    String key = entries.key().substring(0, entries.key().lastIndexOf('/') + 1) + journalName(writer, context);
    ExportFile rendered = writeFile(key, writer.contentType(), ExportFile.JOURNAL, writer.id(), out -> {
      try (InputStream in = files.open(entries.key())) {
        writer.write(EntryCodec.read(in), context, out);
      }
    });
    exports.addFile(tenant, e.id(), rendered);
    return rendered;
  }

  // ------------------------------------------------------------------ cancel

  public Export cancel(Caller caller, String exportId) {
    Access.require(caller, settings.get(caller.tenant()), Screen.EXPORTS);
    TenantId tenant = caller.tenant();
    Export e = load(tenant, exportId);
    if (e.status() == ExportStatus.CANCELLED) {
      finishRelease(tenant, e);
      throw DomainException.conflict("EXPORT_ALREADY_CANCELLED", "Export " + e.number() + " is already cancelled");
    }
    if (e.status() == ExportStatus.GENERATING || e.status() == ExportStatus.FAILED) {
      throw DomainException.conflict("EXPORT_NOT_CANCELLABLE",
          "Export " + e.number() + " is " + e.status() + "; only READY or DOWNLOADED exports can be cancelled");
    }
    Export cancelled = exports.markCancelled(tenant, exportId, caller.actor(), clock.instant())
        .orElseThrow(() -> DomainException.conflict("EXPORT_ALREADY_CANCELLED", "Export " + e.number() + " changed meanwhile"));
    finishRelease(tenant, cancelled);
    return load(tenant, exportId);
  }

  private void finishRelease(TenantId tenant, Export e) {
    if (e.releasedAt() != null) {
      return;
    }
    exports.release(tenant, e.id(), exports.heldDocuments(tenant, e.id()));
    exports.markReleased(tenant, e.id(), clock.instant());
  }

  // ------------------------------------------------------------------ recovery

  /**
   * Finishes what a dead generation or an interrupted cancel left: GENERATING exports whose lease
   * expired become FAILED, and every FAILED or CANCELLED export gives its documents back.
   *
   * @return how many exports were repaired
   */
  public int recover(TenantId tenant) {
    Instant now = clock.instant();
    int n = 0;
    for (Export e : exports.needingRecovery(tenant, now)) {
      if (e.status() == ExportStatus.GENERATING) {
        exports.markFailed(tenant, e.id(), "LEASE_EXPIRED: the generation stopped before finishing", now);
      }
      exports.release(tenant, e.id(), exports.heldDocuments(tenant, e.id()));
      exports.markReleased(tenant, e.id(), now);
      n++;
    }
    return n;
  }

  // ------------------------------------------------------------------ verify

  /** Every export of the tenant's audit chain, in chain order. */
  public List<Export> chain(TenantId tenant) {
    return exports.chain(tenant);
  }

  /** Recomputes the audit chain up to this export and the SHA-256 of its files; names what changed. */
  public Verification verify(Caller caller, String exportId) {
    Access.require(caller, settings.get(caller.tenant()), Screen.EXPORTS);
    return verify(caller.tenant(), exportId);
  }

  /** The same check for an operator's tool (no caller, no page access): local/VerifyChain. */
  public Verification verify(TenantId tenant, String exportId) {
    Export target = load(tenant, exportId);
    List<Verification.Problem> problems = new ArrayList<>();
    if (target.chainSeq() <= 0) {
      problems.add(new Verification.Problem("chain", target.number(),
          "Export " + target.number() + " is " + target.status() + " and was never sealed into the audit chain"));
      return new Verification(target.id(), target.number(), false, 0, 0, problems);
    }
    Map<Long, Export> bySeq = new LinkedHashMap<>();
    exports.chain(tenant).forEach(x -> bySeq.put(x.chainSeq(), x));
    String previous = RecordHash.GENESIS;
    int records = 0;
    for (long seq = 1; seq <= target.chainSeq(); seq++) {
      Export x = bySeq.get(seq);
      if (x == null) {
        problems.add(new Verification.Problem("chain", "#" + seq, "Record " + seq + " of the chain is missing"));
        previous = null;
        continue;
      }
      records++;
      if (previous != null && !previous.equals(x.previousHash())) {
        problems.add(new Verification.Problem("chain", x.number(),
            "Export " + x.number() + " does not follow the record before it (previous hash differs)"));
      }
      String recomputed = RecordHash.of(tenant, x, x.chainSeq(), x.previousHash());
      if (!recomputed.equals(x.recordHash())) {
        problems.add(new Verification.Problem("record", x.number(),
            "The record of export " + x.number() + " was altered after it was sealed"));
      }
      previous = x.recordHash();
    }
    int filesChecked = 0;
    for (ExportFile f : RecordHash.original(target)) {
      filesChecked++;
      try (InputStream in = files.open(f.key())) {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        long size = 0;
        try (DigestInputStream din = new DigestInputStream(in, md)) {
          byte[] buf = new byte[1 << 16];
          for (int r; (r = din.read(buf)) > 0; ) {
            size += r;
          }
        }
        String sha = HexFormat.of().formatHex(md.digest());
        if (!sha.equals(f.sha256()) || size != f.bytes()) {
          problems.add(new Verification.Problem("file", f.kind() + ":" + f.format(),
              "The " + f.kind() + " file (" + f.format() + ") of export " + target.number() + " was altered: SHA-256 "
                  + sha + " instead of " + f.sha256()));
        }
      } catch (DomainException missing) {
        problems.add(new Verification.Problem("file", f.kind() + ":" + f.format(),
            "The " + f.kind() + " file of export " + target.number() + " is missing"));
      } catch (IOException | java.security.NoSuchAlgorithmException ex) {
        throw new IllegalStateException(ex);
      }
    }
    return new Verification(target.id(), target.number(), problems.isEmpty(), records, filesChecked, problems);
  }
}
