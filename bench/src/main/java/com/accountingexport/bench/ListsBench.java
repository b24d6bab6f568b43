package com.accountingexport.bench;

import com.accountingexport.core.document.Document;
import com.accountingexport.core.document.ExportState;
import com.accountingexport.core.document.StoredDocument;
import com.accountingexport.core.fakes.TestDocuments;
import com.accountingexport.core.format.TableFiles;
import com.accountingexport.core.report.InvoiceList;
import com.accountingexport.core.service.DocumentView;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Issue #11's goal for lists: the invoices list of a ledger of 1,000,000 entry lines (333,334
 * invoices of one services line: three entry lines each) streamed into a CSV file under
 * {@code -Xmx256m}, never one list in memory. The baseline, in the same run over the same documents,
 * is Commons CSV printing the fields read straight off each document (what any list file costs at
 * least). Prints rows/s, the ratio and the live heap while streaming.
 * Run: {@code java -Xmx256m -cp … com.accountingexport.bench.ListsBench [invoices]}.
 */
public final class ListsBench {
  private static final Instant AT = Instant.parse("2026-03-01T00:00:00Z");

  private ListsBench() {}

  static DocumentView view(int i) {
    Document d = TestDocuments.invoice("inv-" + i, LocalDate.of(2026, 1, 1).plusDays(i % 365),
        (100 + i % 9000) + ".00", (20 + i % 1800) + ".00");
    return new DocumentView(new StoredDocument(d, null, AT, AT, 1), ExportState.EXPORTABLE, List.of());
  }

  public static void main(String[] args) throws IOException {
    int invoices = args.length > 0 ? Integer.parseInt(args[0]) : 333_334;
    System.out.printf("max heap %d MiB, %,d invoices (%,d entry lines)%n", Runtime.getRuntime().maxMemory() >> 20,
        invoices, invoices * 3L);
    double bestBase = Double.MAX_VALUE;
    double bestList = Double.MAX_VALUE;
    long peakLive = 0;
    long bytes = 0;
    for (int round = 0; round < 4; round++) {
      CountingOutputStream base = new CountingOutputStream();
      long t0 = System.nanoTime();
      try (CSVPrinter csv = new CSVPrinter(new OutputStreamWriter(base, StandardCharsets.UTF_8), CSVFormat.RFC4180)) {
        for (int i = 0; i < invoices; i++) {
          Document d = view(i).stored().document();
          csv.printRecord(d.date(), d.number(), d.type().wire(), d.counterparty().id(), d.counterparty().name(),
              d.totals().net(), d.totals().vat(), d.totals().gross(), null, "exportable", null);
        }
      }
      double baseTook = (System.nanoTime() - t0) / 1e9;
      CountingOutputStream out = new CountingOutputStream();
      long live;
      try (HeapSampler heap = new HeapSampler(100)) {
        long t1 = System.nanoTime();
        TableFiles.RowWriter writer = TableFiles.open(InvoiceList.ID, InvoiceList.COLUMNS, TableFiles.Format.CSV, out);
        InvoiceList list = new InvoiceList().streaming(cells -> {
          try {
            writer.row(cells);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
        for (int i = 0; i < invoices; i++) {
          list.add(view(i));
          if (i == invoices / 2) {
            live = HeapSampler.liveNow(); // halfway: the list holds its totals only
            peakLive = Math.max(peakLive, live);
          }
        }
        writer.finish(list.totals());
        double took = (System.nanoTime() - t1) / 1e9;
        peakLive = Math.max(peakLive, heap.peakLive());
        bytes = out.count();
        if (round > 0) {
          bestBase = Math.min(bestBase, baseTook);
          bestList = Math.min(bestList, took);
        }
      }
    }
    System.out.printf("Commons CSV, fields off each document  %.3f s%n", bestBase);
    System.out.printf("invoices list streamed to CSV          %.3f s  %,.0f rows/s  ratio %.2fx  %,d bytes%n", bestList,
        invoices / bestList, bestBase / bestList, bytes);
    System.out.printf("live heap while streaming at most %.1f MiB%n", peakLive / 1048576.0);
    System.out.printf("RESULT lists invoices=%d rowsPerSec=%.0f ratio=%.2f peakLiveMiB=%.1f%n", invoices,
        invoices / bestList, bestBase / bestList, peakLive / 1048576.0);
  }
}
