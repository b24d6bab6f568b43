package com.accountingexport.pdf;

import static com.accountingexport.pdf.InvoicePdfFixtures.b2bInvoice;
import static com.accountingexport.pdf.InvoicePdfFixtures.company;
import static com.accountingexport.pdf.InvoicePdfFixtures.render;
import static com.accountingexport.pdf.InvoicePdfFixtures.settings;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.accountingexport.core.document.Document;
import com.accountingexport.core.document.DocumentLine;
import com.accountingexport.core.document.Totals;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.junit.jupiter.api.Test;

/** The same document and settings give the same bytes; anything printed that changes changes them. */
class InvoicePdfDeterminismTest {

  @Test
  void theSameDocumentRenderedTwiceGivesTheSameBytes() throws InterruptedException {
    byte[] first = render(b2bInvoice(), settings(company()), null);
    Thread.sleep(1100); // a clock-based date or identifier would differ by now
    byte[] second = render(b2bInvoice(), settings(company()), null);
    assertArrayEquals(first, second);
  }

  @Test
  void aDifferentDocumentGivesDifferentBytesAndAnotherFileId() throws IOException {
    Document d = b2bInvoice();
    DocumentLine l = d.lines().get(1);
    List<DocumentLine> lines = List.of(d.lines().get(0),
        new DocumentLine(l.label(), l.kind(), new BigDecimal("100.01"), l.vatRate(), l.vatAmount(), null, null));
    Document other = new Document(d.id(), d.type(), d.number(), d.date(), d.status(), d.currency(), null,
        d.counterparty(), lines, new Totals(new BigDecimal("1334.51"), d.totals().vat(), new BigDecimal("1586.91")),
        null, List.of(), null, null, null, null);
    byte[] a = render(d, settings(company()), null);
    byte[] b = render(other, settings(company()), null);
    assertFalse(java.util.Arrays.equals(a, b));
    assertNotEquals(fileId(a), fileId(b));
  }

  @Test
  void metadataIsFixedAndDatedAtTheDocumentDate() throws IOException {
    try (PDDocument doc = Loader.loadPDF(render(b2bInvoice(), settings(company()), null))) {
      PDDocumentInformation info = doc.getDocumentInformation();
      ZonedDateTime midnight = ZonedDateTime.of(2026, 3, 2, 0, 0, 0, 0, ZoneOffset.UTC);
      assertEquals(midnight.toInstant(), info.getCreationDate().toInstant());
      assertEquals(midnight.toInstant(), info.getModificationDate().toInstant());
      assertEquals(InvoicePdf.PRODUCER, info.getProducer());
      assertEquals(InvoicePdf.CREATOR, info.getCreator());
      assertEquals("Facture F-2026-042", info.getTitle());
    }
  }

  @Test
  void theFileIdIsTheMd5OfTheContentBeforeTheTrailer() throws Exception {
    byte[] pdf = render(b2bInvoice(), settings(company()), null);
    String latin1 = new String(pdf, StandardCharsets.ISO_8859_1);
    int trailer = latin1.lastIndexOf("trailer");
    byte[] md5 = MessageDigest.getInstance("MD5").digest(java.util.Arrays.copyOf(pdf, trailer));
    String expected = HexFormat.of().formatHex(md5);
    assertEquals(List.of(expected, expected), fileId(pdf));
    // the cross-reference table still points at every object: PDFBox loads it without repairing
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      assertFalse(doc.getDocument().isXRefStream());
      assertNotNull(doc.getDocumentCatalog().getPages().get(0));
    }
  }

  @Test
  void renderingInParallelGivesTheSameBytes() throws Exception {
    byte[] expected = render(b2bInvoice(), settings(company()), null);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<byte[]>> results = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        results.add(pool.submit(() -> render(b2bInvoice(), settings(company()), null)));
      }
      for (Future<byte[]> f : results) {
        assertArrayEquals(expected, f.get());
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static List<String> fileId(byte[] pdf) throws IOException {
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      COSArray id = doc.getDocument().getDocumentID();
      List<String> out = new ArrayList<>();
      for (int i = 0; i < id.size(); i++) {
        out.add(HexFormat.of().formatHex(((COSString) id.getObject(i)).getBytes()));
      }
      return out;
    }
  }
}
