package com.accountingexport.pdf;

import com.lowagie.text.Document;
import com.lowagie.text.Image;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.pdf.PdfDate;
import com.lowagie.text.pdf.PdfEncryption;
import com.lowagie.text.pdf.PdfName;
import com.lowagie.text.pdf.PdfWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TimeZone;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/** Small input PDFs made with OpenPDF, and sources that serve them. */
final class TestPdfs {
  private TestPdfs() {}

  /** A PDF of {@code pages} pages, page M reading "doc {@code doc} page M". */
  static byte[] pdf(int doc, int pages) {
    return pdf(doc, pages, 0);
  }

  /**
   * Same, with an image of {@code noiseBytes} random (incompressible) bytes on the first page, so
   * that the PDF weighs about that much more.
   */
  static byte[] pdf(int doc, int pages, int noiseBytes) {
    return pdf(doc, pages, noiseBytes, doc);
  }

  /**
   * Same, the noise drawn from {@code noiseSeed}: documents with the same seed carry the same image
   * (as invoices carry the same logo). The same arguments give the same bytes (fixed dates and id).
   */
  static byte[] pdf(int doc, int pages, int noiseBytes, long noiseSeed) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Document document = new Document(PageSize.A4);
    PdfWriter writer = PdfWriter.getInstance(document, out);
    document.open();
    for (int page = 1; page <= pages; page++) {
      if (page > 1) {
        document.newPage();
      }
      document.add(new Paragraph("doc " + doc + " page " + page));
      if (page == 1 && noiseBytes > 0) {
        int side = (int) Math.ceil(Math.sqrt(noiseBytes / 3.0));
        byte[] rgb = new byte[side * side * 3];
        new Random(noiseSeed).nextBytes(rgb);
        Image noise = Image.getInstance(side, side, 3, 8, rgb);
        noise.scaleToFit(100, 100);
        document.add(noise);
      }
    }
    Calendar date = new GregorianCalendar(TimeZone.getTimeZone("UTC"), Locale.ROOT);
    date.setTimeInMillis(0);
    writer.getInfo().put(PdfName.CREATIONDATE, new PdfDate(date));
    byte[] id = ByteBuffer.allocate(16).putInt(doc).putInt(pages).putInt(noiseBytes).putInt((int) noiseSeed).array();
    writer.getInfo().put(PdfName.FILEID, PdfEncryption.createInfoId(id, id));
    document.close();
    return out.toByteArray();
  }

  /** Serves PDFs by document id; counts opens and checks that one stream at most is open at a time. */
  static final class Source implements PdfSource {
    private final Function<BundleItem, byte[]> pdfs;
    private final AtomicInteger open = new AtomicInteger();
    private int maxOpen;
    private int opened;

    Source(Map<String, byte[]> pdfs) {
      this(item -> pdfs.get(item.documentId()));
    }

    Source(Function<BundleItem, byte[]> pdfs) {
      this.pdfs = pdfs;
    }

    @Override
    public InputStream open(BundleItem item) throws IOException {
      byte[] bytes = pdfs.apply(item);
      if (bytes == null) {
        throw new IOException("no such object: " + item.documentId());
      }
      opened++;
      maxOpen = Math.max(maxOpen, open.incrementAndGet());
      return new FilterInputStream(new ByteArrayInputStream(bytes)) {
        private boolean closed;

        @Override
        public void close() throws IOException {
          if (!closed) {
            closed = true;
            open.decrementAndGet();
          }
          super.close();
        }
      };
    }

    int opened() {
      return opened;
    }

    int maxOpen() {
      return maxOpen;
    }

    int stillOpen() {
      return open.get();
    }
  }

  static Map<String, byte[]> byId(Object... idsAndPdfs) {
    Map<String, byte[]> map = new HashMap<>();
    for (int i = 0; i < idsAndPdfs.length; i += 2) {
      map.put((String) idsAndPdfs[i], (byte[]) idsAndPdfs[i + 1]);
    }
    return map;
  }

  /** Counts what is written and keeps nothing. */
  static final class CountingOutputStream extends OutputStream {
    long bytes;

    @Override
    public void write(int b) {
      bytes++;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      bytes += len;
    }
  }

  /** Fails once {@code limit} bytes have gone through, as an upload that breaks. */
  static final class FailingOutputStream extends OutputStream {
    private final long limit;
    private long bytes;

    FailingOutputStream(long limit) {
      this.limit = limit;
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      bytes += len;
      if (bytes > limit) {
        throw new IOException("upload part failed");
      }
    }
  }
}
