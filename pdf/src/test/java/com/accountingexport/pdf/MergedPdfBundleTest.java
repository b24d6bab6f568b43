package com.accountingexport.pdf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PageMode;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.outline.PDDocumentOutline;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.outline.PDOutlineItem;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

class MergedPdfBundleTest {
  private static final List<BundleItem> ITEMS = List.of(
      new BundleItem("inv-1", "F-2026-001", "F-2026-001 - Durand SARL"),
      new BundleItem("cn-2", "AV-2026-002", "AV-2026-002 - Société Générale d'Été"), // not Latin-1 only: "–" below
      new BundleItem("inv-3", "F-2026-003", "F-2026-003 – Café Œnologie"),
      new BundleItem("dep-4", null, null)); // no title, no number: the bookmark is the id

  /** Pages per document, in order: 2, 1, 3, 1. */
  private static final Map<String, byte[]> PDFS = TestPdfs.byId("inv-1", TestPdfs.pdf(1, 2), "cn-2", TestPdfs.pdf(2, 1),
      "inv-3", TestPdfs.pdf(3, 3), "dep-4", TestPdfs.pdf(4, 1));

  private static byte[] merge(MergedPdfBundle bundle, List<BundleItem> items, Map<String, byte[]> pdfs) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    bundle.write(items, new TestPdfs.Source(pdfs), out);
    return out.toByteArray();
  }

  private static List<String> pageTexts(PDDocument pdf) throws IOException {
    List<String> texts = new ArrayList<>();
    PDFTextStripper stripper = new PDFTextStripper();
    for (int page = 1; page <= pdf.getNumberOfPages(); page++) {
      stripper.setStartPage(page);
      stripper.setEndPage(page);
      texts.add(stripper.getText(pdf).strip());
    }
    return texts;
  }

  @Test
  void write_shouldConcatenateEveryDocumentsPages_inTheOrderGiven() throws Exception {
    // given
    TestPdfs.Source source = new TestPdfs.Source(PDFS);
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    // when
    MergedPdfBundle.Summary summary = new MergedPdfBundle().write(ITEMS, source, out);

    // then: read back with PDFBox
    try (PDDocument pdf = Loader.loadPDF(out.toByteArray())) {
      assertEquals(7, pdf.getNumberOfPages());
      assertEquals(List.of("doc 1 page 1", "doc 1 page 2", "doc 2 page 1", "doc 3 page 1", "doc 3 page 2",
          "doc 3 page 3", "doc 4 page 1"), pageTexts(pdf));
    }
    assertEquals(List.of(
        new MergedPdfBundle.Part("inv-1", "F-2026-001 - Durand SARL", 1, 2),
        new MergedPdfBundle.Part("cn-2", "AV-2026-002 - Société Générale d'Été", 3, 1),
        new MergedPdfBundle.Part("inv-3", "F-2026-003 – Café Œnologie", 4, 3),
        new MergedPdfBundle.Part("dep-4", "dep-4", 7, 1)), summary.parts());
    assertEquals(7, summary.pages());
    assertEquals(4, summary.documents());
    // one source PDF held at a time, every stream closed
    assertEquals(1, source.maxOpen());
    assertEquals(0, source.stillOpen());
  }

  @Test
  void write_shouldBookmarkEachDocument_onItsFirstPage_withItsTitle() throws Exception {
    // when
    byte[] merged = merge(new MergedPdfBundle(), ITEMS, PDFS);

    // then
    try (PDDocument pdf = Loader.loadPDF(merged)) {
      PDDocumentOutline outline = pdf.getDocumentCatalog().getDocumentOutline();
      assertNotNull(outline, "no outline");
      List<String> titles = new ArrayList<>();
      List<Integer> pages = new ArrayList<>();
      for (PDOutlineItem bookmark : outline.children()) {
        titles.add(bookmark.getTitle());
        pages.add(pdf.getPages().indexOf(bookmark.findDestinationPage(pdf)) + 1);
        assertFalse(bookmark.hasChildren(), bookmark.getTitle());
      }
      assertEquals(List.of("F-2026-001 - Durand SARL", "AV-2026-002 - Société Générale d'Été",
          "F-2026-003 – Café Œnologie", "dep-4"), titles);
      assertEquals(List.of(1, 3, 4, 7), pages);
      assertEquals(PageMode.USE_OUTLINES, pdf.getDocumentCatalog().getPageMode(), "opens on the bookmarks");
    }
  }

  @Test
  void write_shouldGiveTheSameBytes_forTheSameInputs_whateverTheTimeZone() throws Exception {
    TimeZone zone = TimeZone.getDefault();
    byte[] first;
    byte[] second;
    try {
      TimeZone.setDefault(TimeZone.getTimeZone("Europe/Paris"));
      first = merge(new MergedPdfBundle(), ITEMS, PDFS);
      TimeZone.setDefault(TimeZone.getTimeZone("America/New_York"));
      second = merge(new MergedPdfBundle(), ITEMS, PDFS);
    } finally {
      TimeZone.setDefault(zone);
    }
    assertArrayEquals(first, second);
  }

  @Test
  void write_shouldDateTheInfo_withTheDateGiven_andDeriveTheFileIdFromTheInputs() throws Exception {
    // given
    Instant date = Instant.parse("2026-03-31T16:05:42Z");

    // when: the same documents twice, then one title changed
    byte[] merged = merge(new MergedPdfBundle(date), ITEMS, PDFS);
    byte[] again = merge(new MergedPdfBundle(date), ITEMS, PDFS);
    List<BundleItem> retitled = new ArrayList<>(ITEMS);
    retitled.set(0, new BundleItem("inv-1", "F-2026-001", "F-2026-001 - Durand & Fils"));
    byte[] other = merge(new MergedPdfBundle(date), retitled, PDFS);

    // then
    try (PDDocument pdf = Loader.loadPDF(merged); PDDocument otherPdf = Loader.loadPDF(other)) {
      assertEquals(date, pdf.getDocumentInformation().getCreationDate().toInstant());
      assertEquals(date, pdf.getDocumentInformation().getModificationDate().toInstant());
      byte[][] id = fileId(pdf);
      assertEquals(16, id[0].length);
      assertArrayEquals(id[0], id[1], "a new file's two identifiers are the same");
      assertArrayEquals(id[0], fileIdOf(again)[0]);
      assertFalse(Arrays.equals(id[0], fileId(otherPdf)[0]), "other inputs, other file id");
    }
    assertFalse(Arrays.equals(merged, merge(new MergedPdfBundle(), ITEMS, PDFS)), "the date is in the bytes");
  }

  private static byte[][] fileIdOf(byte[] merged) throws IOException {
    try (PDDocument pdf = Loader.loadPDF(merged)) {
      return fileId(pdf);
    }
  }

  private static byte[][] fileId(PDDocument pdf) {
    COSArray id = pdf.getDocument().getTrailer().getCOSArray(COSName.ID);
    assertNotNull(id, "no /ID in the trailer");
    assertEquals(2, id.size());
    return new byte[][] {((COSString) id.getObject(0)).getBytes(), ((COSString) id.getObject(1)).getBytes()};
  }

  @Test
  void write_shouldStopNamingTheDocument_whenItsPdfIsCorrupt() {
    byte[] valid = PDFS.get("inv-3");
    for (byte[] corrupt : List.of(
        "%PDF-1.4\nthis is no PDF at all\n%%EOF\n".getBytes(StandardCharsets.US_ASCII),
        "<html>503 Service Unavailable</html>".getBytes(StandardCharsets.US_ASCII),
        Arrays.copyOf(valid, 40),
        Arrays.copyOf(valid, valid.length / 2))) { // cut in the middle of an upload
      // given: the third document's PDF is corrupt
      Map<String, byte[]> pdfs = new LinkedHashMap<>(PDFS);
      pdfs.put("inv-3", corrupt);

      // when
      BundleException e = assertThrows(BundleException.class,
          () -> new MergedPdfBundle().write(ITEMS, new TestPdfs.Source(pdfs), OutputStream.nullOutputStream()));

      // then
      assertEquals("inv-3", e.documentId());
      assertTrue(e.getMessage().startsWith("document inv-3: "), e.getMessage());
    }
  }

  @Test
  void write_shouldLetTheOutputFailureThrough_asItWas() {
    // given: an upload that breaks after 100 KB; the documents weigh more than that
    List<BundleItem> items = new ArrayList<>();
    Map<String, byte[]> pdfs = new LinkedHashMap<>();
    for (int i = 0; i < 10; i++) {
      items.add(new BundleItem("d" + i, "F-" + i, "F-" + i));
      pdfs.put("d" + i, TestPdfs.pdf(i, 1, 30_000));
    }

    // when
    IOException e = assertThrows(IOException.class,
        () -> new MergedPdfBundle().write(items, new TestPdfs.Source(pdfs), new TestPdfs.FailingOutputStream(100_000)));

    // then: the upload's failure, not one blamed on a document
    assertFalse(e instanceof BundleException, e.toString());
    assertEquals("upload part failed", e.getMessage());
  }

  @Test
  void write_shouldWriteAStreamSharedByDocumentsOnce() throws Exception {
    // given: five invoices with the same 30 KB logo, five with each its own
    List<BundleItem> items = new ArrayList<>();
    Map<String, byte[]> sameLogo = new LinkedHashMap<>();
    Map<String, byte[]> ownLogo = new LinkedHashMap<>();
    for (int i = 0; i < 5; i++) {
      items.add(new BundleItem("d" + i, "F-" + i, "F-" + i));
      sameLogo.put("d" + i, TestPdfs.pdf(i, 1, 30_000, 42));
      ownLogo.put("d" + i, TestPdfs.pdf(i, 1, 30_000, i));
    }

    // when
    int shared = merge(new MergedPdfBundle(), items, sameLogo).length;
    int distinct = merge(new MergedPdfBundle(), items, ownLogo).length;

    // then: the shared logo is written once
    assertTrue(distinct > 5 * 30_000, "distinct: " + distinct);
    assertTrue(shared < 2 * 30_000, "shared: " + shared);
  }

  @Test
  void write_shouldRefuseNoDocument() {
    assertThrows(IllegalArgumentException.class,
        () -> new MergedPdfBundle().write(List.of(), new TestPdfs.Source(PDFS), OutputStream.nullOutputStream()));
  }
}
