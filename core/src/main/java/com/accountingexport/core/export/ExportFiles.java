package com.accountingexport.core.export;

import com.accountingexport.core.auth.TenantId;
import com.accountingexport.core.error.DomainException;
import com.accountingexport.core.error.Violation;
import com.accountingexport.core.format.ExportContext;
import com.accountingexport.core.format.FecValidator;
import com.accountingexport.core.format.FecWriter;
import com.accountingexport.core.format.ExportWriter;
import com.accountingexport.core.port.FileStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Where an export's files live and how they are written: streamed to the file store (multipart),
 * their SHA-256 and size computed on the way. One place for the keys, so the steps that write and
 * the routes that read always agree.
 */
public final class ExportFiles {
  private final FileStore files;

  public ExportFiles(FileStore files) {
    this.files = files;
  }

  /** What writes a file's bytes. */
  @FunctionalInterface
  public interface Body {
    void write(OutputStream out) throws IOException;
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

  public static String journalName(ExportWriter writer) {
    return "journal-" + writer.id() + "." + writer.fileExtension();
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
  public ExportFile journal(String entriesKey, ExportWriter writer, ExportContext context) {
    String key = entriesKey.substring(0, entriesKey.lastIndexOf('/') + 1) + journalName(writer);
    return checked(write(key, writer.contentType(), ExportFile.JOURNAL, writer.id(), out -> {
      try (InputStream in = files.open(entriesKey)) {
        writer.write(EntryCodec.read(in), context, out);
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
    List<String> problems;
    try (InputStream in = files.open(file.key())) {
      problems = FecValidator.validate(in, FINDINGS_SHOWN);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (problems.isEmpty()) {
      return file;
    }
    List<Violation> details = problems.stream().map(p -> Violation.of("journal", "FEC_RULE", p)).toList();
    throw DomainException.unprocessable("INVALID_FEC", "The " + writer.id() + " file of export " + exportNumber
        + " does not pass the FEC checks (" + problems.size() + (problems.size() == FINDINGS_SHOWN ? "+" : "")
        + " problems), first: " + problems.get(0), details);
  }

  /** Streams {@code body} to {@code key}; the upload is thrown away if the body fails. */
  public ExportFile write(String key, String contentType, String kind, String format, Body body) {
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
}
