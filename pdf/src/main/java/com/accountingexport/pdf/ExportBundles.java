package com.accountingexport.pdf;

import com.accountingexport.core.auth.TenantId;
import com.accountingexport.core.booking.Anomaly;
import com.accountingexport.core.document.Document;
import com.accountingexport.core.document.StoredDocument;
import com.accountingexport.core.export.Export;
import com.accountingexport.core.export.ExportFile;
import com.accountingexport.core.export.ExportFiles;
import com.accountingexport.core.export.PdfList;
import com.accountingexport.core.port.DocumentRepository;
import com.accountingexport.core.port.InvoiceBundles;
import com.accountingexport.core.settings.PdfBundle;
import com.accountingexport.core.settings.TenantSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * The invoice PDFs of an export and its two bundles: each document's PDF (uploaded, else rendered)
 * is put into the export's folder by the PDF steps, then the assembly streams
 * {@code invoices.zip} ({@link ZipBundle}) and {@code invoices.pdf} ({@link MergedPdfBundle}) from
 * them through multipart uploads, reading one PDF at a time: memory does not grow with the number
 * of invoices.
 */
public final class ExportBundles implements InvoiceBundles {

  private final DocumentRepository documents;
  private final DocumentPdfs pdfs;
  private final ExportFiles files;

  public ExportBundles(DocumentRepository documents, DocumentPdfs pdfs, ExportFiles files) {
    this.documents = Objects.requireNonNull(documents, "documents");
    this.pdfs = Objects.requireNonNull(pdfs, "pdfs");
    this.files = Objects.requireNonNull(files, "files");
  }

  @Override
  public List<Anomaly> check(TenantId tenant, Document d, TenantSettings s) {
    return pdfs.check(tenant, d, s);
  }

  @Override
  public void prepare(TenantId tenant, Export export, TenantSettings s, List<PdfList.Line> lines) {
    Map<String, StoredDocument> found = documents.findAll(tenant, lines.stream().map(PdfList.Line::documentId).toList());
    for (PdfList.Line line : lines) {
      StoredDocument d = found.get(line.documentId());
      if (d == null) {
        throw new IllegalStateException("document " + line.documentId() + " of export " + export.number() + " vanished");
      }
      files.write(PdfList.pdfKey(tenant, export.id(), line.documentId()), DocumentPdfs.CONTENT_TYPE, "pdf", "pdf",
          out -> pdfs.writeTo(tenant, d.document(), s, out));
    }
  }

  @Override
  public List<ExportFile> assemble(TenantId tenant, Export export, PdfList.Source lines) {
    PdfBundle which = PdfBundle.fromWire(export.pdf()).orElse(PdfBundle.NONE);
    PdfSource source = item -> files.store().open(PdfList.pdfKey(tenant, export.id(), item.documentId()));
    Iterable<BundleItem> items = () -> items(lines);
    String prefix = ExportFiles.prefix(tenant, export.id());
    List<ExportFile> out = new ArrayList<>();
    if (which.zip()) {
      out.add(files.write(prefix + "invoices.zip", "application/zip", ExportFile.INVOICES_ZIP, "zip",
          stream -> new ZipBundle().write(items, source, stream)));
    }
    if (which.merged()) {
      out.add(files.write(prefix + "invoices.pdf", DocumentPdfs.CONTENT_TYPE, ExportFile.INVOICES_PDF, "pdf",
          stream -> new MergedPdfBundle().write(items, source, stream)));
    }
    return out;
  }

  /** The list's lines as bundle items, read as they are used; the list is closed at its end. */
  private static Iterator<BundleItem> items(PdfList.Source lines) {
    InputStream in;
    try {
      in = lines.open();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Iterator<PdfList.Line> read = PdfList.read(in);
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        boolean more = read.hasNext();
        if (!more) {
          try {
            in.close();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }
        return more;
      }

      @Override
      public BundleItem next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        PdfList.Line l = read.next();
        return new BundleItem(l.documentId(), l.number(), l.title());
      }
    };
  }
}
