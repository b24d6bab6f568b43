package com.accountingexport.pdf;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.AbstractList;
import java.util.HexFormat;
import java.util.List;

/**
 * Measures the heap the bundles keep while they stream: N generated one-page PDFs (each with an
 * incompressible image, so that holding them would show) go into a bundle written to a stream that
 * keeps nothing; every N/10 documents the heap in use after a GC is printed. Not a test: run it by
 * hand, with a heap smaller than the documents together to make the point, e.g.
 *
 * <pre>java -Xmx48m -cp ... com.accountingexport.pdf.BundleMemory 2000 30000 pdf</pre>
 *
 * Arguments: documents (2000), bytes of noise per PDF (30000), {@code pdf}, {@code zip} or
 * {@code both}. The last line of each bundle gives its size and SHA-256: run it twice to see the
 * same bytes come out of two JVMs.
 */
public final class BundleMemory {
  private BundleMemory() {}

  public static void main(String[] args) throws Exception {
    int documents = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
    int noise = args.length > 1 ? Integer.parseInt(args[1]) : 30_000;
    String which = args.length > 2 ? args[2] : "both";
    System.out.printf("max heap %d MiB, %d documents of ~%d KB%n", Runtime.getRuntime().maxMemory() >> 20, documents,
        TestPdfs.pdf(0, 1, noise).length >> 10);
    if (!which.equals("zip")) {
      run("invoices-pdf", documents, noise, (items, source, out) -> new MergedPdfBundle().write(items, source, out));
    }
    if (!which.equals("pdf")) {
      run("invoices-zip", documents, noise, (items, source, out) -> new ZipBundle().write(items, source, out));
    }
  }

  interface Bundle {
    void write(List<BundleItem> items, PdfSource source, OutputStream out) throws IOException;
  }

  /** What {@link #run} measured: heap in use after GC when document i (1-based) is opened. */
  record Samples(long[] documents, long[] usedBytes, long outputBytes, String sha256) {
    /** Bytes of heap kept per document between the first sample and the last. */
    double bytesPerDocument() {
      int last = documents.length - 1;
      return (usedBytes[last] - usedBytes[0]) / (double) (documents[last] - documents[0]);
    }
  }

  static Samples run(String name, int documents, int noise, Bundle bundle) throws Exception {
    System.out.printf("%s:%n%10s %12s %14s%n", name, "documents", "used MiB", "since first");
    Samples samples = measure(documents, noise, 10, bundle);
    for (int i = 0; i < samples.documents().length; i++) {
      System.out.printf("%10d %12.1f %+14.1f%n", samples.documents()[i], samples.usedBytes()[i] / 1048576.0,
          (samples.usedBytes()[i] - samples.usedBytes()[0]) / 1048576.0);
    }
    System.out.printf("kept per document: %.0f bytes; output %d MiB, sha256 %s%n", samples.bytesPerDocument(),
        samples.outputBytes() >> 20, samples.sha256());
    return samples;
  }

  /**
   * Writes {@code documents} generated PDFs through {@code bundle}, sampling the heap after GC
   * {@code samples} times (when documents N/samples, 2N/samples, … N are opened).
   */
  static Samples measure(int documents, int noise, int samples, Bundle bundle) throws Exception {
    List<BundleItem> items = new AbstractList<>() { // made on demand: the list itself holds nothing
      @Override
      public BundleItem get(int index) {
        return new BundleItem("doc-" + index, "F-2026-" + index, "F-2026-" + index + " - Client " + index);
      }

      @Override
      public int size() {
        return documents;
      }
    };
    long[] at = new long[samples];
    long[] used = new long[samples];
    int[] opened = {0};
    int every = Math.max(1, documents / samples);
    TestPdfs.Source pdfs = new TestPdfs.Source(item -> TestPdfs.pdf(Integer.parseInt(item.documentId().substring(4)), 1, noise));
    PdfSource source = item -> {
      InputStream in = pdfs.open(item);
      opened[0]++;
      if (opened[0] % every == 0 && opened[0] / every <= samples) {
        int i = opened[0] / every - 1;
        at[i] = opened[0];
        used[i] = usedAfterGc();
      }
      return in;
    };
    TestPdfs.CountingOutputStream counting = new TestPdfs.CountingOutputStream();
    DigestOutputStream out = new DigestOutputStream(counting, MessageDigest.getInstance("SHA-256"));
    bundle.write(items, source, out);
    return new Samples(at, used, counting.bytes, HexFormat.of().formatHex(out.getMessageDigest().digest()));
  }

  static long usedAfterGc() {
    Runtime runtime = Runtime.getRuntime();
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 3; i++) { // the smallest of a few, as a GC may leave some garbage behind
      System.gc();
      used = Math.min(used, runtime.totalMemory() - runtime.freeMemory());
    }
    return used;
  }
}
