package com.accountingexport.core.export;

import com.accountingexport.core.auth.TenantId;
import com.accountingexport.core.error.DomainException;
import com.accountingexport.core.error.Violation;
import com.accountingexport.core.format.AccountsCsv;
import com.accountingexport.core.format.AccountsFormat;
import com.accountingexport.core.format.BalancedEntries;
import com.accountingexport.core.format.ExportContext;
import com.accountingexport.core.format.FormatCatalog;
import com.accountingexport.core.format.TextChanges;
import com.accountingexport.core.format.FecReport;
import com.accountingexport.core.format.FecValidator;
import com.accountingexport.core.format.FecViolation;
import com.accountingexport.core.format.FecWriter;
import com.accountingexport.core.format.ExportWriter;
import com.accountingexport.core.lettering.LetterLookup;
import com.accountingexport.core.lettering.Lettering;
import com.accountingexport.core.port.FileStore;
import com.accountingexport.core.port.LetterCodes;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Iterator;
import java.util.List;
import com.accountingexport.core.booking.JournalEntry;

/**
 * Where an export's files live and how they are written: streamed to the file store (multipart),
 * their SHA-256 and size computed on the way. One place for the keys, so the steps that write and
 * the routes that read always agree.
 */
public final class ExportFiles {
  private final FileStore files;
  private final LetterCodes letterCodes;
  private final FormatCatalog formats;

  /** Files without lettering (tests of other things). */
  public ExportFiles(FileStore files) {
    this(files, null);
  }

  /** Files in the built-in formats. */
  public ExportFiles(FileStore files, LetterCodes letterCodes) {
    this(files, letterCodes, FormatCatalog.builtIn());
  }

  /**
   * @param letterCodes the tenant's lettering codes: formats that letter ({@link ExportWriter#lettered()})
   *     get EcritureLet/DateLet from them; null = nothing is lettered
   * @param formats the formats a tenant may name (built-in and its templates)
   */
  public ExportFiles(FileStore files, LetterCodes letterCodes, FormatCatalog formats) {
    this.files = files;
    this.letterCodes = letterCodes;
    this.formats = formats;
  }

  public FormatCatalog formats() {
    return formats;
  }

  /** Whether {@code writer}'s files carry lettering here (the entries are then read once more first). */
  public boolean letters(ExportWriter writer) {
    return letterCodes != null && writer.lettered();
  }

  /** The lettering of the entries at {@code entriesKey} for a writer that letters (one read); none otherwise. */
  private LetterLookup lettering(TenantId tenant, ExportWriter writer, String entriesKey) {
    if (!letters(writer)) {
      return LetterLookup.none();
    }
    try (InputStream in = files.open(entriesKey)) {
      return lettering(tenant, writer, EntryCodec.read(in));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The lettering of {@code entries} (read once, not kept) for a writer that letters; none otherwise. */
  public LetterLookup lettering(TenantId tenant, ExportWriter writer, Iterator<JournalEntry> entries) {
    return letters(writer) ? Lettering.of(tenant, entries, letterCodes) : LetterLookup.none();
  }

  /** What writes a file's bytes. */
  @FunctionalInterface
  public interface Body {
    void write(OutputStream out) throws IOException;
  }

  /** What writes a file's bytes in a format that may have to change its text, and says what it changed. */
  @FunctionalInterface
  public interface Rendered {
    TextChanges write(OutputStream out) throws IOException;
  }

  public FileStore store() {
    return files;
  }

  /** {@code tenants/<tenant>/exports/<exportId>/}. */
  public static String prefix(TenantId tenant, String exportId) {
    return "tenants/" + tenant.value() + "/exports/" + exportId + "/";
  }

  public static String planKey(TenantId tenant, String exportId) {
    return prefix(tenant, exportId) + PlanManifest.FILE_NAME;
  }

  public static String entriesKey(TenantId tenant, String exportId) {
    return prefix(tenant, exportId) + "entries.tsv";
  }

  /** {@code journal-<format>[-<revision>].<ext>}: a template's new version is a new file. */
  public static String journalName(ExportWriter writer) {
    return "journal-" + writer.id() + (writer.revision().isEmpty() ? "" : "-" + writer.revision()) + "."
        + writer.fileExtension();
  }

  /** {@code accounts-<format>[-<revision>].<ext>}, next to the stored CSV it is rendered from. */
  public static String accountsName(ExportWriter writer, AccountsFormat format) {
    return "accounts-" + writer.id() + (writer.revision().isEmpty() ? "" : "-" + writer.revision()) + "."
        + format.fileExtension();
  }

  /**
   * Renders the accounts file in {@code writer}'s accounts format from the stored CSV one at
   * {@code csvKey}, next to it.
   */
  public ExportFile accounts(String csvKey, ExportWriter writer, AccountsFormat format) {
    String key = csvKey.substring(0, csvKey.lastIndexOf('/') + 1) + accountsName(writer, format);
    return render(key, format.contentType(), ExportFile.ACCOUNTS, writer.id(), out -> {
      try (InputStream in = files.open(csvKey)) {
        return format.write(new AccountsCsv(in), out);
      }
    });
  }

  /** What every file of an export is written with: its number, its generation day (ValidDate), the SIREN, its period end. */
  public static ExportContext context(Export e, String siren) {
    return new ExportContext(e.number(), LocalDate.ofInstant(e.createdAt(), ZoneOffset.UTC), siren, e.period().to());
  }

  /**
   * Renders the journal in {@code writer}'s format from the frozen entries at {@code entriesKey},
   * next to them, and checks it ({@link #checked}): at generation and when a download asks another
   * format, the same path.
   */
  public ExportFile journal(TenantId tenant, String entriesKey, ExportWriter writer, ExportContext context) {
    String key = entriesKey.substring(0, entriesKey.lastIndexOf('/') + 1) + journalName(writer);
    // lettering first (one pass over the entries), then the file (a second pass): codes are stable,
    // so rendering the same entries again gives the same bytes
    ExportContext lettered = context.withLetters(lettering(tenant, writer, entriesKey));
    return checked(render(key, writer.contentType(), ExportFile.JOURNAL, writer.id(), out -> {
      try (InputStream in = files.open(entriesKey)) {
        return writer.write(BalancedEntries.check(EntryCodec.read(in)), lettered, out);
      }
    }), writer, context.exportNumber());
  }

  /** At most this many of the validator's findings go into the error (the first ones). */
  static final int FINDINGS_SHOWN = 20;

  /**
   * Reads a journal file just written back through {@link FecValidator} when its format is a FEC:
   * a FEC the administration's checks would refuse is never handed out.
   *
   * @throws DomainException 422 {@code INVALID_FEC} with the validator's first findings
   */
  ExportFile checked(ExportFile file, ExportWriter writer, String exportNumber) {
    if (!(writer instanceof FecWriter)) {
      return file;
    }
    requireValidFec(file, StandardCharsets.UTF_8, "The " + writer.id() + " file of export " + exportNumber);
    return file;
  }

  /**
   * Reads a FEC just written back through {@link FecValidator}, in {@code encoding}.
   *
   * @param what the file, for the message ("The fec file of export EXP-2026-00001")
   * @throws DomainException 422 {@code INVALID_FEC} with the validator's first findings, each with
   *     its code and {@code line:column} as the field
   */
  void requireValidFec(ExportFile file, java.nio.charset.Charset encoding, String what) {
    FecReport report;
    try (InputStream in = files.open(file.key())) {
      report = FecValidator.check(in, FecValidator.Options.defaults().withMaxViolations(FINDINGS_SHOWN).withEncoding(encoding));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (report.valid()) {
      return;
    }
    List<Violation> details = report.violations().stream().map(v -> Violation.of(
        "line " + v.line() + (v.column() == null ? "" : ", " + v.column()), v.code(), v.message())).toList();
    FecViolation first = report.violations().get(0);
    throw DomainException.unprocessable("INVALID_FEC", what + " does not pass the FEC checks ("
        + report.violations().size() + (report.truncated() ? "+" : "") + " problems), first: line " + first.line()
        + " " + first.code() + ": " + first.message(), details);
  }

  /** Streams {@code body} to {@code key}; the upload is thrown away if the body fails. */
  public ExportFile write(String key, String contentType, String kind, String format, Body body) {
    return render(key, contentType, kind, format, out -> {
      body.write(out);
      return TextChanges.NONE;
    });
  }

  /**
   * Streams {@code body} to {@code key}, keeping what it says it changed with the file; the upload is
   * thrown away if the body fails.
   */
  public ExportFile render(String key, String contentType, String kind, String format, Rendered body) {
    FileStore.Upload upload = files.create(key, contentType);
    try {
      HashingOutputStream out = new HashingOutputStream(upload.stream());
      TextChanges changes = body.write(out);
      out.flush();
      upload.close();
      return new ExportFile(kind, format, key, out.bytes(), out.sha256(), changes);
    } catch (IOException e) {
      upload.abort();
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      upload.abort();
      throw e;
    }
  }
}
