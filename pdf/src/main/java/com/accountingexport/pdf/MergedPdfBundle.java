package com.accountingexport.pdf;

import com.lowagie.text.Document;
import com.lowagie.text.pdf.PdfCopy;
import com.lowagie.text.pdf.PdfDate;
import com.lowagie.text.pdf.PdfDestination;
import com.lowagie.text.pdf.PdfDictionary;
import com.lowagie.text.pdf.PdfEncryption;
import com.lowagie.text.pdf.PdfName;
import com.lowagie.text.pdf.PdfOutline;
import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.PdfSmartCopy;
import com.lowagie.text.pdf.PdfWriter;
import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.TimeZone;

/**
 * The {@code invoices-pdf} bundle: one PDF with every document's pages, in the order given, and one
 * top-level bookmark per document ({@link BundleItem#bookmark()}) that opens its first page.
 *
 * <p>Streaming: each document's PDF is read whole (one at a time), its pages are copied to the output
 * with OpenPDF's {@link PdfSmartCopy} (identical streams — a logo, an embedded font — are written
 * once for the whole bundle), then its reader is freed ({@link PdfCopy#freeReader}) and closed, so
 * its objects are written and dropped before the next document is opened. What stays in memory per
 * document is bookkeeping: its bookmark, its pages' references, its objects' cross-reference entries
 * and a digest per distinct stream, a few hundred bytes a page.
 *
 * <p>Deterministic: the same items and PDFs give the same bytes. The info dictionary's dates are the
 * {@code date} given (UTC, whatever the JVM's time zone) instead of the clock, and the file
 * identifier (the trailer's {@code /ID}, random in OpenPDF unless {@code /FileId} is set in the info
 * dictionary, which OpenPDF then also writes there) is the first 16 bytes of a SHA-256 of the
 * documents' ids, titles and PDF bytes: stable for the same inputs, different for others.
 */
public final class MergedPdfBundle {
  /** The info dictionary's dates unless one is given (the ZIP bundle's default entry time, in UTC). */
  public static final Instant DEFAULT_DATE = Instant.parse("1980-02-01T00:00:00Z");

  private static final int BUFFER = 64 * 1024;

  /**
   * One document of the merged PDF: its bookmark text, its first page (1-based) and its page count.
   */
  public record Part(String documentId, String title, int firstPage, int pages) {}

  /** What was written: the documents in order. */
  public record Summary(List<Part> parts) {
    public Summary {
      parts = List.copyOf(parts);
    }

    public int documents() {
      return parts.size();
    }

    /** Pages of the merged PDF. */
    public int pages() {
      return parts.stream().mapToInt(Part::pages).sum();
    }
  }

  private final Instant date;

  /** Dated {@link #DEFAULT_DATE}. */
  public MergedPdfBundle() {
    this(DEFAULT_DATE);
  }

  /**
   * @param date the info dictionary's creation and modification date (e.g. the export's generation
   *     time, which keeps the bytes reproducible), written in UTC to the second
   */
  public MergedPdfBundle(Instant date) {
    this.date = Objects.requireNonNull(date, "date");
  }

  /**
   * Writes the merged PDF of {@code items}' PDFs to {@code out}, read from {@code source} one at a
   * time. {@code out} is flushed, not closed: its owner completes (or aborts) the upload.
   *
   * @throws IllegalArgumentException when there are no items (a PDF has at least one page)
   * @throws BundleException naming the document whose PDF could not be read or is not a readable PDF
   *     (or has no page); what was written so far is then to be thrown away
   * @throws IOException as {@code out} threw it
   */
  public Summary write(Iterable<? extends BundleItem> items, PdfSource source, OutputStream out) throws IOException {
    Objects.requireNonNull(source, "source");
    Iterator<? extends BundleItem> it = Objects.requireNonNull(items, "items").iterator();
    if (!it.hasNext()) {
      throw new IllegalArgumentException("a merged PDF needs at least one document");
    }
    GuardedOutput guarded = new GuardedOutput(new BufferedOutputStream(Objects.requireNonNull(out, "out"), BUFFER));
    MessageDigest identity = sha256();
    List<Part> parts = new ArrayList<>();
    Document document = new Document();
    try {
      PdfCopy copy = new PdfSmartCopy(document, guarded);
      copy.setCloseStream(false); // the caller's stream: completed or aborted by its owner
      copy.setViewerPreferences(PdfWriter.PageModeUseOutlines); // viewers open on the bookmarks
      document.open();
      PdfOutline bookmarks = copy.getRootOutline();
      int nextPage = 1;
      while (it.hasNext()) {
        BundleItem item = it.next();
        byte[] pdf = SinglePdf.read(source, item);
        remember(identity, item, pdf);
        int pages = append(copy, item, pdf, guarded);
        PdfDestination firstPage = new PdfDestination(PdfDestination.FIT);
        firstPage.addPage(copy.getPageReference(nextPage));
        new PdfOutline(bookmarks, firstPage, item.bookmark(), false);
        parts.add(new Part(item.documentId(), item.bookmark(), nextPage, pages));
        nextPage += pages;
      }
      stamp(copy.getInfo(), Arrays.copyOf(identity.digest(), 16));
      document.close(); // outlines, info, cross-reference table, trailer
    } catch (RuntimeException e) {
      guarded.rethrowFailure(); // OpenPDF wraps the output's IOException: give it back as it was
      throw e;
    }
    guarded.rethrowFailure();
    guarded.flush();
    return new Summary(parts);
  }

  /** Copies every page of {@code pdf}, then frees and closes its reader; its page count. */
  private static int append(PdfCopy copy, BundleItem item, byte[] pdf, GuardedOutput guarded) throws IOException {
    PdfReader reader = null;
    try {
      reader = new PdfReader(pdf);
      int pages = reader.getNumberOfPages();
      if (pages < 1) {
        throw new BundleException(item.documentId(), "its PDF has no page");
      }
      for (int page = 1; page <= pages; page++) {
        copy.addPage(copy.getImportedPage(reader, page));
      }
      copy.freeReader(reader);
      return pages;
    } catch (BundleException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      guarded.rethrowFailure(); // the output failed, not the document
      throw new BundleException(item.documentId(), "not a readable PDF", e);
    } finally {
      if (reader != null) {
        reader.close();
      }
    }
  }

  /** Fixed dates instead of the clock's, and a file identifier from the inputs instead of a random one. */
  private void stamp(PdfDictionary info, byte[] id) {
    Calendar calendar = new GregorianCalendar(TimeZone.getTimeZone("UTC"), Locale.ROOT);
    calendar.setTimeInMillis(date.getEpochSecond() * 1000);
    info.put(PdfName.CREATIONDATE, new PdfDate(calendar));
    info.put(PdfName.MODDATE, new PdfDate(calendar));
    // OpenPDF writes the trailer's /ID from /FileId of the info dictionary when it is there; a new
    // file's two identifiers are the same (ISO 32000-1, 14.4)
    info.put(PdfName.FILEID, PdfEncryption.createInfoId(id, id));
  }

  private static void remember(MessageDigest identity, BundleItem item, byte[] pdf) {
    for (String s : new String[] {item.documentId(), item.bookmark()}) {
      byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
      identity.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
      identity.update(bytes);
    }
    identity.update(ByteBuffer.allocate(4).putInt(pdf.length).array());
    identity.update(pdf);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Remembers the first failure of the caller's stream, so that a failed upload is told apart from
   * an unreadable document (OpenPDF turns both into its own exceptions).
   */
  private static final class GuardedOutput extends FilterOutputStream {
    private IOException failure;

    GuardedOutput(OutputStream out) {
      super(out);
    }

    @Override
    public void write(int b) throws IOException {
      try {
        out.write(b);
      } catch (IOException e) {
        throw failed(e);
      }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      try {
        out.write(b, off, len);
      } catch (IOException e) {
        throw failed(e);
      }
    }

    @Override
    public void flush() throws IOException {
      try {
        out.flush();
      } catch (IOException e) {
        throw failed(e);
      }
    }

    @Override
    public void close() throws IOException {
      flush(); // never closes the caller's stream
    }

    private IOException failed(IOException e) {
      if (failure == null) {
        failure = e;
      }
      return e;
    }

    void rethrowFailure() throws IOException {
      if (failure != null) {
        throw failure;
      }
    }
  }
}
