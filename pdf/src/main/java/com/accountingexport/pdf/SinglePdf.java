package com.accountingexport.pdf;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Reads one item's PDF whole (an invoice PDF is small), the only document the bundles hold at a time. */
final class SinglePdf {
  /** A single document's PDF larger than this stops the bundle rather than the heap. */
  static final int MAX_BYTES = 64 * 1024 * 1024;

  /** PDF readers accept the header anywhere in the first 1024 bytes. */
  private static final int HEADER_WINDOW = 1024;

  private static final byte[] HEADER = "%PDF-".getBytes(StandardCharsets.US_ASCII);

  private SinglePdf() {}

  /**
   * The bytes of {@code item}'s PDF.
   *
   * @throws BundleException naming the document when its source fails, gives nothing, gives more
   *     than {@link #MAX_BYTES} or gives something without a PDF header
   */
  static byte[] read(PdfSource source, BundleItem item) throws BundleException {
    byte[] bytes;
    try (InputStream in = source.open(item)) {
      if (in == null) {
        throw new BundleException(item.documentId(), "its source gave no PDF");
      }
      bytes = in.readNBytes(MAX_BYTES + 1);
    } catch (BundleException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw new BundleException(item.documentId(), "its PDF could not be read", e);
    }
    if (bytes.length > MAX_BYTES) {
      throw new BundleException(item.documentId(), "its PDF is larger than " + (MAX_BYTES >> 20) + " MiB");
    }
    if (bytes.length == 0) {
      throw new BundleException(item.documentId(), "its PDF is empty");
    }
    if (!hasHeader(bytes)) {
      throw new BundleException(item.documentId(), "not a PDF (no %PDF- header in its first " + HEADER_WINDOW + " bytes)");
    }
    return bytes;
  }

  static boolean hasHeader(byte[] bytes) {
    int last = Math.min(bytes.length, HEADER_WINDOW) - HEADER.length;
    for (int start = 0; start <= last; start++) {
      int i = 0;
      while (i < HEADER.length && bytes[start + i] == HEADER[i]) {
        i++;
      }
      if (i == HEADER.length) {
        return true;
      }
    }
    return false;
  }
}
