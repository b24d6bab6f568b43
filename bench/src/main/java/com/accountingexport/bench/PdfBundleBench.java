package com.accountingexport.bench;

import com.accountingexport.adapters.s3.S3FileStore;
import com.accountingexport.adapters.testing.LocalS3;
import com.accountingexport.core.document.Address;
import com.accountingexport.core.document.Counterparty;
import com.accountingexport.core.document.Document;
import com.accountingexport.core.document.DocumentLine;
import com.accountingexport.core.document.DocumentStatus;
import com.accountingexport.core.document.DocumentType;
import com.accountingexport.core.document.LineKind;
import com.accountingexport.core.document.Totals;
import com.accountingexport.core.port.FileStore;
import com.accountingexport.core.settings.Company;
import com.accountingexport.core.settings.TenantSettings;
import com.accountingexport.pdf.BundleItem;
import com.accountingexport.pdf.InvoicePdf;
import com.accountingexport.pdf.MergedPdfBundle;
import com.accountingexport.pdf.PdfSource;
import com.accountingexport.pdf.ZipBundle;
import com.lowagie.text.PageSize;
import com.lowagie.text.pdf.PdfWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Issue #8's benchmark. (1) A merged PDF of N invoices (default 5,000) rendered by {@link InvoicePdf}
 * one by one and merged by {@link MergedPdfBundle} into a counting null stream, against bare OpenPDF
 * writing the same N pages (the renderer's content, {@link InvoicePdf#addTo}) into one document:
 * pages/s of each, median of paired rounds, goal ours ≥ 0.7× bare. (2) A ZIP of N uploaded PDFs read
 * from S3Mock and streamed back to S3Mock by multipart upload ({@link ZipBundle}). Both under the
 * heap the JVM is given (run with -Xmx512m); the heap's peaks are printed.
 *
 * <pre>java -Xmx512m -cp "bench/target/classes:$(cat bench/target/classpath.txt)" \
 *     com.accountingexport.bench.PdfBundleBench [--invoices 5000] [--rounds 3] [--no-s3]</pre>
 */
public final class PdfBundleBench {
  public static void main(String[] argv) throws Exception {
    Args args = new Args(argv);
    int n = args.integer("invoices", 5000);
    int rounds = args.integer("rounds", 3);
    TenantSettings settings = TenantSettings.defaults().withInvoicing(new com.accountingexport.core.settings.Invoicing(
        new Company("Formations Dupont", "SAS", new BigDecimal("10000.00"),
            new Address("12 rue des Lilas", null, "69003", "Lyon", "FR", null), "732829320", "73282932000074",
            "RCS Lyon 732 829 320", "FR44732829320", null), 30, null, null));
    List<Document> invoices = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      invoices.add(invoice(i));
    }
    System.out.printf(Locale.ROOT, "PdfBundleBench: %,d invoices (JVM %s, %d CPUs, max heap %d MiB)%n", n,
        Runtime.version(), Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);

    // warm-up, then paired rounds alternating which side goes first
    ours(invoices.subList(0, Math.min(500, n)), settings);
    bare(invoices.subList(0, Math.min(500, n)), settings);
    double[] oursSec = new double[rounds];
    double[] bareSec = new double[rounds];
    long peak = 0;
    for (int r = 0; r < rounds; r++) {
      try (HeapSampler heap = new HeapSampler(500)) {
        if (r % 2 == 0) {
          oursSec[r] = ours(invoices, settings);
          bareSec[r] = bare(invoices, settings);
        } else {
          bareSec[r] = bare(invoices, settings);
          oursSec[r] = ours(invoices, settings);
        }
        peak = Math.max(peak, heap.peakLive());
      }
      System.out.printf(Locale.ROOT, "round %d: rendered + merged %.2f s (%,.0f pages/s), bare OpenPDF %.2f s (%,.0f pages/s)%n",
          r + 1, oursSec[r], n / oursSec[r], bareSec[r], n / bareSec[r]);
    }
    double[] ratios = new double[rounds];
    for (int r = 0; r < rounds; r++) {
      ratios[r] = bareSec[r] / oursSec[r];
    }
    double ratio = median(ratios);
    System.out.printf(Locale.ROOT, "rendered one by one + merged, one thread: %,.0f pages/s against bare OpenPDF %,.0f"
        + " pages/s: %.2fx; live heap peak %d MiB%n", n / median(oursSec), n / median(bareSec), ratio, peak >> 20);

    // the assemble step alone: the PDFs were rendered by the Map state's batches (side by side, in
    // other Lambdas); it only merges them
    List<byte[]> rendered = new ArrayList<>(n);
    for (Document d : invoices) {
      ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
      InvoicePdf.render(d, settings, null, out);
      rendered.add(out.toByteArray());
    }
    double[] mergeSec = new double[rounds];
    double[] mergeRatios = new double[rounds];
    for (int r = 0; r < rounds; r++) {
      mergeSec[r] = mergeOnly(invoices, rendered);
      double bareSec2 = bare(invoices, settings);
      mergeRatios[r] = bareSec2 / mergeSec[r];
      System.out.printf(Locale.ROOT, "round %d: merge of the rendered PDFs %.2f s (%,.0f pages/s), bare OpenPDF %.2f s%n",
          r + 1, mergeSec[r], n / mergeSec[r], bareSec2);
    }
    double mergeRatio = median(mergeRatios);
    System.out.printf(Locale.ROOT, "assemble step (merge only): %,.0f pages/s: %.2fx bare OpenPDF (goal >= 0.70x) %s%n",
        n / median(mergeSec), mergeRatio, mergeRatio >= 0.7 ? "OK" : "BELOW GOAL");

    if (!args.flag("no-s3")) {
      zipFromS3(invoices, settings);
    }
    System.exit(0); // S3Mock's threads would keep the JVM alive
  }

  /** The already rendered PDFs merged into a counting null stream; seconds. */
  private static double mergeOnly(List<Document> invoices, List<byte[]> rendered) throws IOException {
    long t0 = System.nanoTime();
    List<BundleItem> items = new ArrayList<>(invoices.size());
    java.util.Map<String, byte[]> byId = new java.util.HashMap<>();
    for (int i = 0; i < invoices.size(); i++) {
      Document d = invoices.get(i);
      items.add(new BundleItem(d.id(), d.number(), d.number() + " - " + d.counterparty().name()));
      byId.put(d.id(), rendered.get(i));
    }
    CountingOutputStream out = new CountingOutputStream(OutputStream.nullOutputStream(), false);
    new MergedPdfBundle().write(items, item -> new ByteArrayInputStream(byId.get(item.documentId())), out);
    return (System.nanoTime() - t0) / 1e9;
  }

  /** Each invoice rendered alone, then merged, into a counting null stream; seconds. */
  private static double ours(List<Document> invoices, TenantSettings s) throws IOException {
    long t0 = System.nanoTime();
    List<BundleItem> items = new ArrayList<>(invoices.size());
    invoices.forEach(d -> items.add(new BundleItem(d.id(), d.number(), d.number() + " - " + d.counterparty().name())));
    java.util.Map<String, Document> byId = new java.util.HashMap<>();
    invoices.forEach(d -> byId.put(d.id(), d));
    PdfSource render = item -> {
      ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
      InvoicePdf.render(byId.get(item.documentId()), s, null, out);
      return new ByteArrayInputStream(out.toByteArray());
    };
    CountingOutputStream out = new CountingOutputStream(OutputStream.nullOutputStream(), false);
    new MergedPdfBundle().write(items, render, out);
    return (System.nanoTime() - t0) / 1e9;
  }

  /**
   * The same pages written straight into one OpenPDF document (the renderer's own content, without
   * its per-invoice footer, file and merge); seconds.
   */
  private static double bare(List<Document> invoices, TenantSettings s) throws Exception {
    long t0 = System.nanoTime();
    CountingOutputStream out = new CountingOutputStream(OutputStream.nullOutputStream(), false);
    com.lowagie.text.Document doc = new com.lowagie.text.Document(PageSize.A4, 40, 40, 40, 60);
    PdfWriter.getInstance(doc, out);
    doc.open();
    for (Document d : invoices) {
      InvoicePdf.addTo(doc, d, s, null);
    }
    doc.close();
    return (System.nanoTime() - t0) / 1e9;
  }

  /** N rendered PDFs uploaded to S3Mock, then a ZIP of them streamed back by multipart upload. */
  private static void zipFromS3(List<Document> invoices, TenantSettings s) throws IOException {
    LocalS3 s3 = LocalS3.get();
    FileStore store = new S3FileStore(s3.s3(), s3.presigner(), s3.newBucket());
    long t0 = System.nanoTime();
    for (Document d : invoices) {
      FileStore.Upload up = store.create("uploads/" + d.id() + ".pdf", "application/pdf");
      InvoicePdf.render(d, s, null, up.stream());
      up.close();
    }
    System.out.printf(Locale.ROOT, "zip: %,d PDFs uploaded to S3Mock in %.1f s%n", invoices.size(), (System.nanoTime() - t0) / 1e9);
    List<BundleItem> items = new ArrayList<>();
    invoices.forEach(d -> items.add(new BundleItem(d.id(), d.number(), null)));
    long before = HeapSampler.liveNow();
    try (HeapSampler heap = new HeapSampler(500)) {
      long t1 = System.nanoTime();
      FileStore.Upload zip = store.create("bundles/invoices.zip", "application/zip");
      CountingOutputStream counted = new CountingOutputStream(zip.stream(), false);
      ZipBundle.Summary summary = new ZipBundle().write(items, item -> store.open("uploads/" + item.documentId() + ".pdf"), counted);
      zip.close();
      double sec = (System.nanoTime() - t1) / 1e9;
      System.out.printf(Locale.ROOT, "zip: %,d PDFs, %,d MiB streamed S3Mock -> ZIP -> S3Mock in %.1f s (%,.0f PDFs/s);"
          + " live heap before %d MiB, peak %d MiB, size in S3 %,d bytes%n", summary.count(), counted.count() >> 20, sec,
          summary.count() / sec, before >> 20, heap.peakLive() >> 20, store.size("bundles/invoices.zip"));
    }
  }

  private static Document invoice(int i) {
    List<DocumentLine> lines = new ArrayList<>();
    BigDecimal net = BigDecimal.ZERO;
    BigDecimal vat = BigDecimal.ZERO;
    for (int l = 0; l < 1 + i % 4; l++) {
      BigDecimal ln = BigDecimal.valueOf(5_000 + (i * 37L + l * 101L) % 200_000, 2);
      BigDecimal lv = ln.multiply(new BigDecimal("0.20")).setScale(2, RoundingMode.HALF_UP);
      lines.add(new DocumentLine("Formation module " + (l + 1), LineKind.SERVICES, ln, new BigDecimal("20.00"), lv, null, null));
      net = net.add(ln);
      vat = vat.add(lv);
    }
    Counterparty buyer = new Counterparty("C" + (i % 200), "Client " + (i % 200) + " SARL", null, "12345678900012",
        "FR12345678901", "FR", new Address((i % 90 + 1) + " rue de la Paix", null, "75002", "Paris", "FR", null), null,
        false, null);
    return new Document("inv-" + i, DocumentType.INVOICE, String.format("F-2026-%05d", i), LocalDate.of(2026, 1, 1).plusDays(i % 300),
        DocumentStatus.VALIDATED, "EUR", null, buyer, lines, new Totals(net, vat, net.add(vat)), null, List.of(), null, null,
        null, null);
  }

  private static double median(double[] values) {
    double[] v = values.clone();
    Arrays.sort(v);
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }
}
