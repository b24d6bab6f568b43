package com.accountingexport.core.export;

import com.accountingexport.core.auth.Caller;
import com.accountingexport.core.auth.Screen;
import com.accountingexport.core.auth.TenantId;
import com.accountingexport.core.error.DomainException;
import com.accountingexport.core.error.Violation;
import com.accountingexport.core.format.AccountsFormat;
import com.accountingexport.core.format.ExportContext;
import com.accountingexport.core.format.ExportWriter;
import com.accountingexport.core.period.Period;
import com.accountingexport.core.port.ExportRepository;
import com.accountingexport.core.port.FileStore;
import com.accountingexport.core.port.Page;
import com.accountingexport.core.service.Access;
import com.accountingexport.core.service.SettingsService;
import com.accountingexport.core.settings.TenantSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The export lifecycle after generation (which {@link ExportGenerator} and {@link GenerationSteps}
 * do): find, list, download in any format, cancel, verify the audit chain.
 */
public final class ExportService {
  public static final List<String> FILE_KINDS = List.of("journal", "accounts", "invoices-zip", "invoices-pdf", "report");

  /** Knobs: how long download links live. */
  public record Options(Duration linkTtl) {
    public static Options defaults() {
      return new Options(Duration.ofMinutes(15));
    }
  }

  /** Thrown by {@link ExportRepository#markReady} when another export joined the chain first. */
  public static final class ChainMovedException extends RuntimeException {
    public ChainMovedException() {
      super("the audit chain head moved", null, false, false);
    }
  }

  private final ExportRepository exports;
  private final SettingsService settings;
  private final ExportFiles files;
  private final Clock clock;
  private final Options options;
  private final ExportEvents events;

  public ExportService(ExportRepository exports, SettingsService settings, ExportFiles files, Clock clock,
      Options options) {
    this(exports, settings, files, clock, options, ExportEvents.NONE);
  }

  /** @param events told when an export is cancelled or first downloaded (the tenant's webhooks) */
  public ExportService(ExportRepository exports, SettingsService settings, ExportFiles files, Clock clock,
      Options options, ExportEvents events) {
    this.events = events == null ? ExportEvents.NONE : events;
    this.exports = exports;
    this.settings = settings;
    this.files = files;
    this.clock = clock;
    this.options = options;
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

  /** One file of an export: the export, the stored file and the name a browser saves it under. */
  public record Resolved(Export export, ExportFile file, String fileName) {}

  public Download download(Caller caller, String exportId, String kind, String format) {
    Resolved r = resolve(caller, exportId, kind, format);
    ExportFile file = r.file();
    FileStore.Link link = files.store().link(file.key(), r.fileName(), options.linkTtl());
    downloaded(caller, r.export());
    return new Download(kind, file.format(), link.url(), link.expiresAt(), file.sha256(), file.bytes(), r.fileName(),
        file.changes());
  }

  /**
   * The first download of a READY export makes it DOWNLOADED, and only that transition publishes
   * {@code export.downloaded} (every file link and the all-files ZIP come through here).
   */
  public void downloaded(Caller caller, Export e) {
    if (e.status() != ExportStatus.READY) {
      return;
    }
    if (exports.markDownloaded(caller.tenant(), e.id(), caller.actor(), clock.instant())) {
      exports.find(caller.tenant(), e.id())
          .ifPresent(now -> ExportEvents.safely(events, caller.tenant(), now, ExportEvents.DOWNLOADED));
    }
  }

  /**
   * The stored file of {@code kind} in {@code format} (rendered from the frozen entries, or the stored
   * accounts, the first time), with the name it downloads under; no link, no state change.
   */
  public Resolved resolve(Caller caller, String exportId, String kind, String format) {
    TenantSettings s = settings.get(caller.tenant());
    Access.require(caller, s, Screen.EXPORTS);
    if (!FILE_KINDS.contains(kind)) {
      throw DomainException.invalid(List.of(Violation.of("kind", "INVALID_VALUE", "must be one of " + FILE_KINDS)));
    }
    TenantId tenant = caller.tenant();
    Export e = withFiles(load(tenant, exportId));
    ExportContext context = ExportFiles.context(e, s.siren());
    ExportFile file = switch (kind) {
      case "journal" -> journalFile(tenant, e, format);
      case "accounts" -> accountsFile(tenant, e, format);
      case ExportFile.INVOICES_ZIP, ExportFile.INVOICES_PDF -> {
        String only = kind.equals(ExportFile.INVOICES_ZIP) ? "zip" : "pdf";
        if (format != null && !format.equals(only)) {
          throw DomainException.invalid(List.of(Violation.of("format", "UNKNOWN_FORMAT",
              "the " + kind + " file exists as " + only + " only")));
        }
        yield e.file(kind, null).orElseThrow(() -> notAvailable(kind, e));
      }
      default -> throw notAvailable(kind, e);
    };
    String name = file.key().substring(file.key().lastIndexOf('/') + 1);
    Optional<ExportWriter> fileFormat = files.formats().find(tenant, file.format());
    if (file.kind().equals(ExportFile.JOURNAL) && fileFormat.isPresent()) {
      name = fileFormat.get().fileName(context);
    } else if (file.kind().equals(ExportFile.ACCOUNTS)) {
      name = fileFormat.flatMap(ExportWriter::accounts).map(a -> a.fileName(context))
          .orElse(e.number() + "-accounts" + name.substring(name.lastIndexOf('.')));
    } else if (file.kind().equals(ExportFile.INVOICES_ZIP)) {
      name = e.number() + "-invoices.zip";
    } else if (file.kind().equals(ExportFile.INVOICES_PDF)) {
      name = e.number() + "-invoices.pdf";
    }
    return new Resolved(e, file, name);
  }

  /**
   * An export whose files may be read (by the exports page's roles): 409 {@code EXPORT_NOT_READY}
   * while it is generated, 409 {@code EXPORT_FAILED} when it failed.
   */
  public Export withFiles(Caller caller, String exportId) {
    Access.require(caller, settings.get(caller.tenant()), Screen.EXPORTS);
    return withFiles(load(caller.tenant(), exportId));
  }

  private static Export withFiles(Export e) {
    if (e.status() == ExportStatus.GENERATING) {
      throw DomainException.conflict("EXPORT_NOT_READY", "Export " + e.number() + " is still being generated");
    }
    if (e.status() == ExportStatus.FAILED) {
      throw DomainException.conflict("EXPORT_FAILED", "Export " + e.number() + " failed and has no files: " + e.failure());
    }
    return e;
  }

  private static DomainException notAvailable(String kind, Export e) {
    return DomainException.notFound("FILE_NOT_AVAILABLE", "Export " + e.number() + " has no " + kind + " file"
        + (kind.startsWith("invoices") ? " (it was generated with pdf \"" + e.pdf() + "\")" : ""));
  }

  /**
   * The journal in the asked format: the stored one, or rendered once from the frozen entries and
   * kept. Without a format, the one it was generated in (even if that template was deleted since).
   */
  private ExportFile journalFile(TenantId tenant, Export e, String format) {
    if (format == null) {
      Optional<ExportFile> generated = e.file(ExportFile.JOURNAL, e.format());
      if (generated.isPresent() && files.formats().find(tenant, e.format())
          .map(w -> named(generated.get(), ExportFiles.journalName(w))).orElse(true)) {
        return generated.get();
      }
    }
    String wanted = format == null ? e.format() : format;
    ExportWriter writer = files.formats().resolve(tenant, wanted);
    Optional<ExportFile> existing = stored(e, ExportFile.JOURNAL, writer.id(), ExportFiles.journalName(writer));
    if (existing.isPresent()) {
      return existing.get();
    }
    ExportFile entries = e.file(ExportFile.ENTRIES, null).orElseThrow(() -> notAvailable("entries", e));
    ExportContext context = ExportFiles.context(e, settings.get(tenant).siren());
    ExportFile rendered = files.journal(tenant, entries.key(), writer, context);
    exports.addFile(tenant, e.id(), rendered);
    return rendered;
  }

  /**
   * The accounts file: the stored CSV without a format (or with {@code csv}), else rendered once in the
   * format's accounts layout from that CSV and kept; 400 {@code NO_ACCOUNTS_FILE} for a format without one.
   */
  private ExportFile accountsFile(TenantId tenant, Export e, String format) {
    ExportFile csv = e.file(ExportFile.ACCOUNTS, "csv").orElseThrow(() -> notAvailable(ExportFile.ACCOUNTS, e));
    if (format == null || format.equals("csv")) {
      return csv;
    }
    ExportWriter writer = files.formats().resolve(tenant, format);
    AccountsFormat layout = writer.accounts().orElseThrow(() -> DomainException.invalid(List.of(Violation.of("format",
        "NO_ACCOUNTS_FILE", "the " + writer.id() + " format has no accounts file; formats with one: "
            + String.join(", ", files.formats().all(tenant).stream().filter(w -> w.accounts().isPresent())
                .map(ExportWriter::id).toList())))));
    Optional<ExportFile> existing = stored(e, ExportFile.ACCOUNTS, writer.id(), ExportFiles.accountsName(writer, layout));
    if (existing.isPresent()) {
      return existing.get();
    }
    ExportFile rendered = files.accounts(csv.key(), writer, layout);
    exports.addFile(tenant, e.id(), rendered);
    return rendered;
  }

  /** The stored file of this kind and format whose object is named {@code name} (a template's version). */
  private static Optional<ExportFile> stored(Export e, String kind, String format, String name) {
    return e.files().stream().filter(f -> f.kind().equals(kind) && format.equals(f.format()) && named(f, name)).findFirst();
  }

  private static boolean named(ExportFile f, String name) {
    return f.key().endsWith("/" + name);
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
    Export now = load(tenant, exportId);
    ExportEvents.safely(events, tenant, now, ExportEvents.CANCELLED);
    return now;
  }

  private void finishRelease(TenantId tenant, Export e) {
    if (e.releasedAt() != null) {
      return;
    }
    exports.release(tenant, e.id(), exports.heldDocuments(tenant, e.id()));
    exports.markReleased(tenant, e.id(), clock.instant());
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
      try (InputStream in = files.store().open(f.key())) {
        HashingOutputStream hashed = new HashingOutputStream(OutputStream.nullOutputStream());
        in.transferTo(hashed);
        String sha = hashed.sha256();
        if (!sha.equals(f.sha256()) || hashed.bytes() != f.bytes()) {
          problems.add(new Verification.Problem("file", f.kind() + ":" + f.format(),
              "The " + f.kind() + " file (" + f.format() + ") of export " + target.number() + " was altered: SHA-256 "
                  + sha + " instead of " + f.sha256()));
        }
      } catch (DomainException missing) {
        problems.add(new Verification.Problem("file", f.kind() + ":" + f.format(),
            "The " + f.kind() + " file of export " + target.number() + " is missing"));
      } catch (IOException ex) {
        throw new IllegalStateException(ex);
      }
    }
    return new Verification(target.id(), target.number(), problems.isEmpty(), records, filesChecked, problems);
  }
}
