package com.accountingexport.pdf;

import com.accountingexport.core.auth.Caller;
import com.accountingexport.core.auth.TenantId;
import com.accountingexport.core.booking.Anomaly;
import com.accountingexport.core.document.Document;
import com.accountingexport.core.document.DocumentType;
import com.accountingexport.core.document.StoredDocument;
import com.accountingexport.core.error.DomainException;
import com.accountingexport.core.error.Violation;
import com.accountingexport.core.export.Download;
import com.accountingexport.core.export.ExportFile;
import com.accountingexport.core.export.ExportFiles;
import com.accountingexport.core.export.HashingOutputStream;
import com.accountingexport.core.export.PdfList;
import com.accountingexport.core.export.RecordHash;
import com.accountingexport.core.port.DocumentRepository;
import com.accountingexport.core.port.FileStore;
import com.accountingexport.core.service.SettingsService;
import com.accountingexport.core.settings.TenantSettings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Each invoice's own PDF: the one the platform uploaded (it usually holds the PDF it sent its
 * customer), else one rendered from the document ({@link InvoicePdf}).
 *
 * <ul>
 *   <li>{@code PUT /documents/{id}/pdf} answers a presigned S3 PUT link to
 *       {@code tenants/<t>/documents/<id>/uploaded.pdf} (Content-Type {@code application/pdf}
 *       signed); a frozen document's PDF is frozen too (409).
 *   <li>An upload counts only once checked: at most {@code maxBytes} and starting with {@code %PDF-}.
 *       {@code GET /documents/{id}/pdf} refuses an upload that fails (422 {@code INVALID_PDF_UPLOAD});
 *       the export bundles render the document instead.
 *   <li>A document held by an export that built bundles is served from that export's copy: what
 *       the accountant received, even if an upload link issued before the freeze was used later.
 *   <li>A rendered PDF is kept next to it, named by the SHA-256 of what decides its bytes (the
 *       document, the settings it prints, the corrected invoice), so it is rendered once and a
 *       re-render gives the same file.
 * </ul>
 */
public final class DocumentPdfs {
  public static final String CONTENT_TYPE = "application/pdf";
  private static final byte[] MAGIC = "%PDF-".getBytes(StandardCharsets.US_ASCII);


  /** The answer of {@code PUT /documents/{id}/pdf}. */
  public record UploadLink(String url, Instant expiresAt, long maxBytes, String contentType) {}

  private final DocumentRepository documents;
  private final SettingsService settings;
  private final FileStore files;
  private final Duration linkTtl;
  private final long maxBytes;

  public DocumentPdfs(DocumentRepository documents, SettingsService settings, FileStore files, Duration linkTtl,
      long maxBytes) {
    this.documents = Objects.requireNonNull(documents, "documents");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.files = Objects.requireNonNull(files, "files");
    this.linkTtl = Objects.requireNonNull(linkTtl, "linkTtl");
    this.maxBytes = maxBytes;
  }

  public long maxBytes() {
    return maxBytes;
  }

  public static String uploadKey(TenantId tenant, String documentId) {
    return "tenants/" + tenant.value() + "/documents/" + documentId + "/uploaded.pdf";
  }

  /** {@code PUT /documents/{id}/pdf}: where the platform uploads the document's PDF itself. */
  public UploadLink uploadLink(Caller caller, String documentId) {
    StoredDocument stored = load(caller.tenant(), documentId);
    requirePdfType(stored.document());
    if (stored.isExported()) {
      throw DomainException.conflict("DOCUMENT_FROZEN", "Document " + documentId + " is in export "
          + stored.export().exportNumber() + ": its PDF can no longer change");
    }
    FileStore.Link link = files.uploadLink(uploadKey(caller.tenant(), documentId), CONTENT_TYPE, linkTtl);
    return new UploadLink(link.url(), link.expiresAt(), maxBytes, CONTENT_TYPE);
  }

  /** {@code GET /documents/{id}/pdf}: the uploaded PDF if it passes the checks, else the rendered one. */
  public Download download(Caller caller, String documentId) {
    TenantId tenant = caller.tenant();
    StoredDocument stored = load(tenant, documentId);
    Document d = stored.document();
    requirePdfType(d);
    if (stored.isExported()) {
      // frozen: the copy its export bundled, whatever was uploaded since through an older link
      String bundled = PdfList.pdfKey(tenant, stored.export().exportId(), documentId);
      long bundledSize = files.size(bundled);
      if (bundledSize >= 0) {
        return link(bundled, d, bundledSize, sha256Of(bundled));
      }
    }
    String upload = uploadKey(tenant, documentId);
    long size = files.size(upload);
    if (size >= 0) {
      Optional<String> problem = uploadProblem(upload, size);
      if (problem.isPresent()) {
        throw DomainException.unprocessable("INVALID_PDF_UPLOAD", "The PDF uploaded for document " + documentId
            + " does not count: " + problem.get() + ". Upload it again (PUT /documents/" + documentId + "/pdf)",
            List.of(Violation.of("pdf", "INVALID_PDF_UPLOAD", problem.get())));
      }
      return link(upload, d, size, sha256Of(upload));
    }
    ExportFile rendered = rendered(tenant, d, settings.get(tenant));
    return link(rendered.key(), d, rendered.bytes(), rendered.sha256());
  }

  /**
   * Writes the PDF an export bundles for {@code d} to {@code out}: its upload when it passes the
   * checks, else one rendered now (not stored: the export keeps its own copy).
   *
   * @throws DomainException 422 {@code PDF_INCOMPLETE} when neither exists
   */
  public void writeTo(TenantId tenant, Document d, TenantSettings s, OutputStream out) throws IOException {
    String upload = uploadKey(tenant, d.id());
    long size = files.size(upload);
    if (size >= 0 && uploadProblem(upload, size).isEmpty()) {
      try (InputStream in = files.open(upload)) {
        in.transferTo(out);
      }
      return;
    }
    Document corrected = corrected(tenant, d);
    List<Anomaly> problems = InvoicePdf.check(d, s, corrected);
    if (!problems.isEmpty()) {
      throw incomplete(d, problems);
    }
    InvoicePdf.render(d, s, corrected, out);
  }

  private static DomainException incomplete(Document d, List<Anomaly> problems) {
    return DomainException.unprocessable("PDF_INCOMPLETE", "Document " + d.id() + " has no uploaded PDF and cannot"
        + " be rendered: " + problems.get(0).message(),
        problems.stream().map(a -> Violation.of("pdf", a.code(), a.message())).toList());
  }

  /**
   * What keeps {@code d} from having a PDF in a bundle: nothing when it has a valid upload or can be
   * rendered, else the renderer's anomalies (an invalid upload does not count).
   */
  public List<Anomaly> check(TenantId tenant, Document d, TenantSettings s) {
    if (!InvoicePdf.hasPdf(d.type())) {
      return List.of();
    }
    List<Anomaly> problems = InvoicePdf.check(d, s, corrected(tenant, d));
    if (problems.isEmpty()) {
      return problems;
    }
    String upload = uploadKey(tenant, d.id());
    long size = files.size(upload);
    return size >= 0 && uploadProblem(upload, size).isEmpty() ? List.of() : problems;
  }

  /** Renders {@code d} once into a key named by what decides its bytes, and answers that key. */
  private ExportFile rendered(TenantId tenant, Document d, TenantSettings s) {
    Document corrected = corrected(tenant, d);
    List<Anomaly> problems = InvoicePdf.check(d, s, corrected);
    if (!problems.isEmpty()) {
      throw incomplete(d, problems);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
    InvoicePdf.render(d, s, corrected, out);
    byte[] bytes = out.toByteArray();
    String sha256 = RecordHash.sha256(bytes);
    String key = "tenants/" + tenant.value() + "/documents/" + d.id() + "/rendered-" + sha256.substring(0, 16) + ".pdf";
    if (!files.exists(key)) {
      new ExportFiles(files).write(key, CONTENT_TYPE, "pdf", "pdf", stream -> stream.write(bytes));
    }
    return new ExportFile("pdf", "pdf", key, bytes.length, sha256);
  }

  /** A credit note's corrected invoice, when it names a known one. */
  private Document corrected(TenantId tenant, Document d) {
    if (d.type() != DocumentType.CREDIT_NOTE || d.relatedDocumentId() == null) {
      return null;
    }
    return documents.find(tenant, d.relatedDocumentId()).map(StoredDocument::document).orElse(null);
  }

  /** Why an upload does not count, if it does not: too large, or not a PDF. */
  private Optional<String> uploadProblem(String key, long size) {
    if (size > maxBytes) {
      return Optional.of("it holds " + size + " bytes, more than the " + maxBytes + " allowed");
    }
    if (size < MAGIC.length) {
      return Optional.of("it is not a PDF (" + size + " bytes)");
    }
    try (InputStream in = files.open(key)) {
      byte[] head = in.readNBytes(MAGIC.length);
      return java.util.Arrays.equals(head, MAGIC) ? Optional.empty()
          : Optional.of("it is not a PDF (it does not start with %PDF-)");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The SHA-256 of a stored PDF (read once: at most {@code maxBytes}). */
  private String sha256Of(String key) {
    HashingOutputStream hashed = new HashingOutputStream(OutputStream.nullOutputStream());
    try (InputStream in = files.open(key)) {
      in.transferTo(hashed);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return hashed.sha256();
  }

  private Download link(String key, Document d, long size, String sha256) {
    String name = fileName(d);
    FileStore.Link link = files.link(key, name, linkTtl);
    return new Download("pdf", "pdf", link.url(), link.expiresAt(), sha256, size, name);
  }

  /** {@code <number>.pdf}, made safe for every file system, the id when there is no number. */
  public static String fileName(Document d) {
    String base = d.number() != null && !d.number().isBlank() ? d.number() : d.id();
    String safe = base.replaceAll("[^A-Za-z0-9._-]", "_");
    return (safe.isEmpty() ? "document" : safe) + ".pdf";
  }

  private StoredDocument load(TenantId tenant, String documentId) {
    return documents.find(tenant, documentId).orElseThrow(() -> DomainException.notFound("DOCUMENT_NOT_FOUND",
        "No document " + documentId));
  }

  private static void requirePdfType(Document d) {
    if (!InvoicePdf.hasPdf(d.type())) {
      throw DomainException.unprocessable("NO_PDF_FOR_TYPE", "A " + d.type().wire() + " has no invoice PDF: only"
          + " invoices, credit notes and deposit invoices do", List.of(Violation.of("documentId", "NO_PDF_FOR_TYPE",
              "is a " + d.type().wire())));
    }
  }
}
