package com.accountingexport.pdf;

import com.accountingexport.core.export.RecordHash;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The {@code invoices-zip} bundle: one entry per document, in the order given, each the document's
 * PDF byte for byte, named by {@link EntryNames} ({@code F-2026-042.pdf}), then {@value #MANIFEST_NAME}
 * last.
 *
 * <p>Entries are STORED, not deflated: a PDF's streams are already compressed (deflating them again
 * gains a few percent for the CPU of a second pass), a stored entry's size and CRC are in its local
 * header (any streaming unzip reads it), and the bytes owe nothing to the zlib version of the
 * machine, so they are the same everywhere. Every entry carries the same timestamp ({@link
 * #DEFAULT_ENTRY_TIME} unless given), set as a local date-time (the JVM's time zone plays no part)
 * and no extra field: the same items and PDFs give the same ZIP, byte for byte.
 *
 * <p>Memory: one document's PDF at a time (read whole, written, dropped); what stays per document is
 * its name, its manifest row and the ZIP's central-directory record, a few hundred bytes.
 */
public final class ZipBundle {
  public static final String MANIFEST_NAME = "manifest.csv";

  /** The manifest's header line: its columns. */
  public static final String MANIFEST_HEADER = "name,documentId,number,bytes,sha256";

  /**
   * The entries' timestamp unless one is given: 1980-02-01, the earliest a ZIP can hold with a
   * month's margin (tools that shift 1980-01-01 by a time zone would land before the ZIP epoch).
   */
  public static final LocalDateTime DEFAULT_ENTRY_TIME = LocalDateTime.of(1980, 2, 1, 0, 0);

  private static final int BUFFER = 64 * 1024;

  /** One PDF of the ZIP: its entry name, its document, its size and SHA-256 (hex, lower case). */
  public record Entry(String name, String documentId, String number, long bytes, String sha256) {}

  /** What was written: the PDFs' entries in order (the manifest not counted). */
  public record Summary(List<Entry> entries) {
    public Summary {
      entries = List.copyOf(entries);
    }

    public int count() {
      return entries.size();
    }

    public List<String> names() {
      return entries.stream().map(Entry::name).toList();
    }
  }

  private final LocalDateTime entryTime;

  /** Entries dated {@link #DEFAULT_ENTRY_TIME}. */
  public ZipBundle() {
    this(DEFAULT_ENTRY_TIME);
  }

  /**
   * @param entryTime the local date-time every entry carries (e.g. the export's generation time,
   *     which keeps the bytes reproducible), between 1980 and 2107 as a ZIP's DOS time holds
   */
  public ZipBundle(LocalDateTime entryTime) {
    Objects.requireNonNull(entryTime, "entryTime");
    if (entryTime.getYear() < 1980 || entryTime.getYear() > 2107) {
      throw new IllegalArgumentException("a ZIP entry time is between 1980 and 2107: " + entryTime);
    }
    this.entryTime = entryTime.withNano(0);
  }

  /**
   * Writes the ZIP of {@code items}' PDFs to {@code out}, read from {@code source} one at a time.
   * {@code out} is flushed, not closed: its owner completes (or aborts) the upload.
   *
   * @throws BundleException naming the document whose PDF could not be read, or is no PDF (its
   *     first 1024 bytes hold no {@code %PDF-}); the ZIP written so far is then to be thrown away
   * @throws IOException as {@code out} threw it
   */
  public Summary write(Iterable<? extends BundleItem> items, PdfSource source, OutputStream out) throws IOException {
    Objects.requireNonNull(items, "items");
    Objects.requireNonNull(source, "source");
    BufferedOutputStream buffered = new BufferedOutputStream(Objects.requireNonNull(out, "out"), BUFFER);
    ZipOutputStream zip = new ZipOutputStream(buffered, StandardCharsets.UTF_8);
    zip.setMethod(ZipOutputStream.STORED);
    EntryNames names = new EntryNames();
    List<Entry> entries = new ArrayList<>();
    for (BundleItem item : items) {
      byte[] pdf = SinglePdf.read(source, item);
      String name = names.next(item);
      put(zip, name, pdf);
      entries.add(new Entry(name, item.documentId(), item.number(), pdf.length, RecordHash.sha256(pdf)));
    }
    put(zip, MANIFEST_NAME, manifest(entries));
    zip.finish(); // not close(): that would close the caller's stream
    buffered.flush();
    return new Summary(entries);
  }

  private void put(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
    ZipEntry entry = new ZipEntry(name);
    entry.setMethod(ZipEntry.STORED);
    entry.setTimeLocal(entryTime);
    CRC32 crc = new CRC32();
    crc.update(bytes);
    entry.setCrc(crc.getValue());
    entry.setSize(bytes.length);
    entry.setCompressedSize(bytes.length);
    zip.putNextEntry(entry);
    zip.write(bytes);
    zip.closeEntry();
  }

  /** {@value #MANIFEST_HEADER}, one row per PDF in entry order: RFC 4180 (comma, CRLF, quotes where needed), UTF-8. */
  static byte[] manifest(List<Entry> entries) {
    StringBuilder csv = new StringBuilder(64 + entries.size() * 128).append(MANIFEST_HEADER).append("\r\n");
    for (Entry e : entries) {
      csv.append(field(e.name())).append(',').append(field(e.documentId())).append(',')
          .append(field(e.number() == null ? "" : e.number())).append(',').append(e.bytes()).append(',')
          .append(e.sha256()).append("\r\n");
    }
    return csv.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static String field(String value) {
    if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\r') < 0 && value.indexOf('\n') < 0) {
      return value;
    }
    return '"' + value.replace("\"", "\"\"") + '"';
  }
}
