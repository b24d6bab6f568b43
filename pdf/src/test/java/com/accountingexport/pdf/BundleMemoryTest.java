package com.accountingexport.pdf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The bundles keep a bounded bookkeeping per document, never the documents: 2,000 one-page PDFs of
 * ~16 KB each (32 MB in all) go through each bundle into a stream that keeps nothing, and the heap in
 * use after GC may grow between the 500th document and the 2,000th by far less than the PDFs would
 * take (16 KB each). {@link BundleMemory} prints the whole curve.
 */
class BundleMemoryTest {
  private static final int DOCUMENTS = 2000;
  private static final int NOISE = 16_000;

  @Test
  void mergedPdf_shouldKeepUnder4KbPerDocument_notTheDocuments() throws Exception {
    BundleMemory.Samples samples = BundleMemory.measure(DOCUMENTS, NOISE, 4,
        (items, source, out) -> assertEquals(DOCUMENTS, new MergedPdfBundle().write(items, source, out).pages()));

    assertTrue(samples.outputBytes() > (long) DOCUMENTS * NOISE, "output " + samples.outputBytes());
    assertTrue(samples.bytesPerDocument() < 4096, "kept per document: " + samples.bytesPerDocument());
  }

  @Test
  void zip_shouldKeepUnder2KbPerDocument_notTheDocuments() throws Exception {
    BundleMemory.Samples samples = BundleMemory.measure(DOCUMENTS, NOISE, 4,
        (items, source, out) -> assertEquals(DOCUMENTS, new ZipBundle().write(items, source, out).count()));

    assertTrue(samples.outputBytes() > (long) DOCUMENTS * NOISE, "output " + samples.outputBytes());
    assertTrue(samples.bytesPerDocument() < 2048, "kept per document: " + samples.bytesPerDocument());
  }
}
