package com.accountingexport.pdf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;

class ZipBundleTest {
  private static final byte[] PDF_1 = TestPdfs.pdf(1, 1);
  private static final byte[] PDF_2 = TestPdfs.pdf(2, 2);
  private static final byte[] PDF_3 = TestPdfs.pdf(3, 3);
  private static final byte[] PDF_4 = TestPdfs.pdf(4, 1);

  private static final List<BundleItem> ITEMS = List.of(
      new BundleItem("inv-1", "F-2026-001", "F-2026-001 - Durand SARL"),
      new BundleItem("inv-2", "f-2026-001", "f-2026-001 - Martin"), // same number but for the case
      new BundleItem("cn-3", "AV 2026/3", "AV 2026/3 - Durand SARL"),
      new BundleItem("dep,4", null, "acompte")); // no number, an id that needs quoting in the CSV

  private static final Map<String, byte[]> PDFS = TestPdfs.byId("inv-1", PDF_1, "inv-2", PDF_2, "cn-3", PDF_3,
      "dep,4", PDF_4);

  /** The ZIP's entries in order, name to bytes, read back with java.util.zip. */
  private static Map<String, byte[]> unzip(byte[] zip) throws IOException {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip), StandardCharsets.UTF_8)) {
      for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
        assertEquals(ZipEntry.STORED, e.getMethod(), e.getName());
        assertEquals(ZipBundle.DEFAULT_ENTRY_TIME, e.getTimeLocal(), e.getName());
        byte[] bytes = in.readAllBytes();
        assertEquals(bytes.length, e.getSize(), "size in the local header: " + e.getName());
        assertSame(null, entries.put(e.getName(), bytes), "entry twice: " + e.getName());
      }
    }
    return entries;
  }

  private static byte[] zip(ZipBundle bundle, List<BundleItem> items, PdfSource source) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    bundle.write(items, source, out);
    return out.toByteArray();
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  @Test
  void write_shouldStoreEachPdfOnce_byteForByte_inTheOrderGiven_thenTheManifest() throws Exception {
    // given
    TestPdfs.Source source = new TestPdfs.Source(PDFS);
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    // when
    ZipBundle.Summary summary = new ZipBundle().write(ITEMS, source, out);

    // then: safe, unique names (the second F-2026-001 differs only by case: suffixed), bytes untouched
    Map<String, byte[]> entries = unzip(out.toByteArray());
    assertEquals(List.of("F-2026-001.pdf", "f-2026-001-2.pdf", "AV_2026_3.pdf", "dep_4.pdf", "manifest.csv"),
        new ArrayList<>(entries.keySet()));
    assertArrayEquals(PDF_1, entries.get("F-2026-001.pdf"));
    assertArrayEquals(PDF_2, entries.get("f-2026-001-2.pdf"));
    assertArrayEquals(PDF_3, entries.get("AV_2026_3.pdf"));
    assertArrayEquals(PDF_4, entries.get("dep_4.pdf"));
    assertEquals(4, summary.count());
    assertEquals(List.of("F-2026-001.pdf", "f-2026-001-2.pdf", "AV_2026_3.pdf", "dep_4.pdf"), summary.names());
    // one PDF held at a time, every stream closed
    assertEquals(4, source.opened());
    assertEquals(1, source.maxOpen());
    assertEquals(0, source.stillOpen());
  }

  @Test
  void write_shouldListEveryPdfInTheManifest_withItsDocumentSizeAndSha256() throws Exception {
    // when
    Map<String, byte[]> entries = unzip(zip(new ZipBundle(), ITEMS, new TestPdfs.Source(PDFS)));

    // then
    String manifest = new String(entries.get(ZipBundle.MANIFEST_NAME), StandardCharsets.UTF_8);
    assertEquals(String.join("\r\n",
        "name,documentId,number,bytes,sha256",
        "F-2026-001.pdf,inv-1,F-2026-001," + PDF_1.length + "," + sha256(PDF_1),
        "f-2026-001-2.pdf,inv-2,f-2026-001," + PDF_2.length + "," + sha256(PDF_2),
        "AV_2026_3.pdf,cn-3,AV 2026/3," + PDF_3.length + "," + sha256(PDF_3),
        "dep_4.pdf,\"dep,4\",," + PDF_4.length + "," + sha256(PDF_4)) + "\r\n", manifest);
    // and each row's digest is that of the entry it names, as read back
    for (String row : manifest.split("\r\n")) {
      if (!row.startsWith("name,")) {
        String name = row.substring(0, row.indexOf(','));
        assertTrue(row.endsWith("," + entries.get(name).length + "," + sha256(entries.get(name))), row);
      }
    }
  }

  @Test
  void write_shouldGiveTheSameBytes_forTheSameInputs_whateverTheTimeZone() throws Exception {
    TimeZone zone = TimeZone.getDefault();
    try {
      TimeZone.setDefault(TimeZone.getTimeZone("Europe/Paris"));
      byte[] first = zip(new ZipBundle(), ITEMS, new TestPdfs.Source(PDFS));
      TimeZone.setDefault(TimeZone.getTimeZone("Pacific/Kiritimati"));
      byte[] second = zip(new ZipBundle(), ITEMS, new TestPdfs.Source(PDFS));
      assertArrayEquals(first, second);
    } finally {
      TimeZone.setDefault(zone);
    }
  }

  @Test
  void write_shouldDateEveryEntry_withTheTimeGiven() throws Exception {
    LocalDateTime time = LocalDateTime.of(2026, 3, 31, 18, 5, 42);
    byte[] zip = zip(new ZipBundle(time), ITEMS.subList(0, 1), new TestPdfs.Source(PDFS));
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
        assertEquals(time, e.getTimeLocal(), e.getName());
      }
    }
    assertNotEquals(-1, indexOf(zip, "F-2026-001.pdf".getBytes(StandardCharsets.US_ASCII)));
    assertFalse(java.util.Arrays.equals(zip, zip(new ZipBundle(), ITEMS.subList(0, 1), new TestPdfs.Source(PDFS))));
  }

  @Test
  void write_shouldWriteOnlyTheManifest_whenThereIsNoDocument() throws Exception {
    Map<String, byte[]> entries = unzip(zip(new ZipBundle(), List.of(), new TestPdfs.Source(PDFS)));
    assertEquals(List.of(ZipBundle.MANIFEST_NAME), new ArrayList<>(entries.keySet()));
    assertEquals(ZipBundle.MANIFEST_HEADER + "\r\n", new String(entries.get(ZipBundle.MANIFEST_NAME), StandardCharsets.UTF_8));
  }

  @Test
  void write_shouldStopNamingTheDocument_whenItsPdfIsNoPdf() {
    // given: the third document's bytes are an HTML error page
    Map<String, byte[]> pdfs = new LinkedHashMap<>(PDFS);
    pdfs.put("cn-3", "<html>503 Service Unavailable</html>".getBytes(StandardCharsets.UTF_8));

    // when
    BundleException e = assertThrows(BundleException.class,
        () -> new ZipBundle().write(ITEMS, new TestPdfs.Source(pdfs), OutputStream.nullOutputStream()));

    // then
    assertEquals("cn-3", e.documentId());
    assertTrue(e.getMessage().contains("cn-3") && e.getMessage().contains("not a PDF"), e.getMessage());
  }

  @Test
  void write_shouldStopNamingTheDocument_whenItsSourceFails() {
    PdfSource source = item -> {
      if (item.documentId().equals("inv-2")) {
        throw new UncheckedIOException(new IOException("NoSuchKey"));
      }
      return new ByteArrayInputStream(PDFS.get(item.documentId()));
    };

    BundleException e = assertThrows(BundleException.class,
        () -> new ZipBundle().write(ITEMS, source, OutputStream.nullOutputStream()));

    assertEquals("inv-2", e.documentId());
    assertTrue(e.getMessage().contains("inv-2") && e.getMessage().contains("NoSuchKey"), e.getMessage());
  }

  @Test
  void write_shouldLetTheOutputFailureThrough_asItWas() {
    IOException e = assertThrows(IOException.class,
        () -> new ZipBundle().write(ITEMS, new TestPdfs.Source(PDFS), new TestPdfs.FailingOutputStream(1000)));
    assertFalse(e instanceof BundleException);
    assertEquals("upload part failed", e.getMessage());
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
