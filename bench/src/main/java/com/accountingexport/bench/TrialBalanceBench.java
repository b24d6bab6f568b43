package com.accountingexport.bench;

import com.accountingexport.core.booking.EntryLine;
import com.accountingexport.core.booking.JournalEntry;
import com.accountingexport.core.report.ReportTable;
import com.accountingexport.core.report.TrialBalance;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Issue #11's goal: a trial balance of 1,000,000 entry lines under {@code -Xmx256m}, aggregated as
 * the entries stream (never a list of lines). The entries are generated lazily (SyntheticEntries,
 * four lines each); the baseline, measured in the same run over the same entries, is the least any
 * aggregation must do: a HashMap of debit/credit sums per account. Prints the ratio and the live
 * heap. Run: {@code java -Xmx256m -cp … com.accountingexport.bench.TrialBalanceBench [lines]}.
 */
public final class TrialBalanceBench {
  private TrialBalanceBench() {}

  public static void main(String[] args) {
    int lines = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int entries = lines / SyntheticEntries.LINES_PER_ENTRY;
    System.out.printf("max heap %d MiB, %,d entries (%,d lines)%n", Runtime.getRuntime().maxMemory() >> 20, entries,
        entries * SyntheticEntries.LINES_PER_ENTRY);
    long liveBefore = HeapSampler.liveNow();
    double bestBase = Double.MAX_VALUE;
    double bestTb = Double.MAX_VALUE;
    long peakLive = 0;
    long peakUsed = 0;
    int rows = 0;
    for (int round = 0; round < 5; round++) {
      long t0 = System.nanoTime();
      Map<String, BigDecimal[]> sums = baseline(SyntheticEntries.lazy(entries));
      double base = (System.nanoTime() - t0) / 1e9;
      if (sums.isEmpty()) {
        throw new IllegalStateException("nothing summed");
      }
      try (HeapSampler heap = new HeapSampler(200)) {
        long t1 = System.nanoTime();
        TrialBalance tb = new TrialBalance(TrialBalance.Level.GENERAL, "411000", "401000");
        Iterator<JournalEntry> it = SyntheticEntries.lazy(entries);
        it.forEachRemaining(tb::period);
        ReportTable table = tb.table(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31));
        double took = (System.nanoTime() - t1) / 1e9;
        long liveWithTheBalance = HeapSampler.liveNow(); // the aggregator and its table still referenced
        if (table.rows().isEmpty() || tb == null) {
          throw new IllegalStateException("empty");
        }
        peakLive = Math.max(peakLive, liveWithTheBalance);
        rows = table.rows().size();
        if (((BigDecimal) table.totals().get(4)).compareTo((BigDecimal) table.totals().get(5)) != 0) {
          throw new IllegalStateException("unbalanced totals");
        }
        peakLive = Math.max(peakLive, heap.peakLive());
        peakUsed = Math.max(peakUsed, heap.peakUsed());
        if (round > 0) {
          bestBase = Math.min(bestBase, base);
          bestTb = Math.min(bestTb, took);
        }
      }
    }
    double linesPerSec = entries * (double) SyntheticEntries.LINES_PER_ENTRY / bestTb;
    System.out.printf("baseline HashMap sums  %.3f s%n", bestBase);
    System.out.printf("TrialBalance           %.3f s  %,.0f lines/s  ratio %.2fx  %d accounts%n", bestTb, linesPerSec,
        bestBase / bestTb, rows);
    System.out.printf("live heap before %.1f MiB, live with the aggregated balance %.1f MiB, peak used %.1f MiB%n",
        liveBefore / 1048576.0, peakLive / 1048576.0, peakUsed / 1048576.0);
    System.out.printf("RESULT trialBalance lines=%d linesPerSec=%.0f ratio=%.2f peakLiveMiB=%.1f%n",
        entries * SyntheticEntries.LINES_PER_ENTRY, linesPerSec, bestBase / bestTb, peakLive / 1048576.0);
  }

  private static Map<String, BigDecimal[]> baseline(Iterator<JournalEntry> entries) {
    Map<String, BigDecimal[]> sums = new HashMap<>();
    while (entries.hasNext()) {
      for (EntryLine l : entries.next().lines()) {
        BigDecimal[] s = sums.computeIfAbsent(l.account(), k -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
        s[0] = s[0].add(l.debit());
        s[1] = s[1].add(l.credit());
      }
    }
    return sums;
  }
}
