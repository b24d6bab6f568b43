package com.accountingexport.bench;

import com.accountingexport.core.booking.JournalEntry;
import com.accountingexport.core.format.ExportContext;
import com.accountingexport.core.format.FecWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * FecWriter against bare Apache Commons CSV writing the same FEC bytes: 250,000 balanced 4-line
 * entries (1,000,000 rows) built once in memory, written to a counting null stream. First one
 * checked round each (both outputs must be byte-identical: same length and CRC-32), then warm-up
 * rounds, then measured rounds, interleaved and alternating which side goes first. Prints the
 * median rows/s of each and the median of the per-round speed ratios (goal: FecWriter ≥ 0.8x
 * Commons CSV).
 *
 * <pre>java -Xmx1g -cp "bench/target/classes:$(cat bench/target/classpath.txt)" \
 *     com.accountingexport.bench.FecWriterBench [--entries 250000] [--warmup 3] [--rounds 5]</pre>
 */
public final class FecWriterBench {
  private static final ExportContext CONTEXT =
      new ExportContext("EXP-2026-000001", LocalDate.of(2027, 1, 15), "123456789", LocalDate.of(2026, 12, 31));

  private interface Side {
    void write(List<JournalEntry> entries, CountingOutputStream out) throws IOException;
  }

  public static void main(String[] argv) throws IOException {
    Args args = new Args(argv);
    int entries = args.integer("entries", 250_000);
    int warmup = args.integer("warmup", 3);
    int rounds = args.integer("rounds", 5);
    long rows = (long) entries * SyntheticEntries.LINES_PER_ENTRY;

    FecWriter fec = FecWriter.tab();
    Side fecSide = (list, out) -> fec.write(list.iterator(), CONTEXT, out);
    Side csvSide = (list, out) -> CommonsCsvFec.write(list.iterator(), CONTEXT, out);

    long t0 = System.nanoTime();
    List<JournalEntry> data = SyntheticEntries.materialise(entries);
    System.out.printf(Locale.ROOT, "FecWriterBench: %,d entries, %,d rows built in %.1f s (JVM %s, %d CPUs, max heap %d MiB)%n",
        entries, rows, (System.nanoTime() - t0) / 1e9, Runtime.version(), Runtime.getRuntime().availableProcessors(),
        Runtime.getRuntime().maxMemory() >> 20);

    CountingOutputStream fecOut = new CountingOutputStream(OutputStream.nullOutputStream(), true);
    CountingOutputStream csvOut = new CountingOutputStream(OutputStream.nullOutputStream(), true);
    fecSide.write(data, fecOut);
    csvSide.write(data, csvOut);
    boolean identical = fecOut.count() == csvOut.count() && fecOut.crc() == csvOut.crc();
    System.out.printf(Locale.ROOT, "check: FecWriter %,d bytes crc %08x, Commons CSV %,d bytes crc %08x -> %s%n",
        fecOut.count(), fecOut.crc(), csvOut.count(), csvOut.crc(), identical ? "identical" : "DIFFERENT");

    for (int r = 0; r < warmup; r++) {
      time(fecSide, data);
      time(csvSide, data);
    }
    double[] fecSec = new double[rounds];
    double[] csvSec = new double[rounds];
    for (int r = 0; r < rounds; r++) {
      if (r % 2 == 0) {
        fecSec[r] = time(fecSide, data);
        csvSec[r] = time(csvSide, data);
      } else {
        csvSec[r] = time(csvSide, data);
        fecSec[r] = time(fecSide, data);
      }
      System.out.printf(Locale.ROOT, "round %d: FecWriter %.3f s (%,.0f rows/s), Commons CSV %.3f s (%,.0f rows/s)%n",
          r + 1, fecSec[r], rows / fecSec[r], csvSec[r], rows / csvSec[r]);
    }
    double fecRate = rows / median(fecSec);
    double csvRate = rows / median(csvSec);
    double[] paired = new double[rounds];
    for (int r = 0; r < rounds; r++) {
      paired[r] = csvSec[r] / fecSec[r];
    }
    // The median of per-round ratios: each pair ran back to back, so it resists a noisy neighbour.
    double ratio = median(paired);
    System.out.printf(Locale.ROOT, "median: FecWriter %,.0f rows/s, Commons CSV %,.0f rows/s; FecWriter/Commons CSV "
        + "%.2fx (median of per-round ratios; %.2fx from the medians), goal >= 0.80x: %s%n",
        fecRate, csvRate, ratio, fecRate / csvRate, ratio >= 0.8 ? "met" : "NOT met");
    System.out.printf(Locale.ROOT, "RESULT bench=fec-writer rows=%d fecRowsPerSec=%.0f csvRowsPerSec=%.0f ratio=%.2f identical=%s bytes=%d%n",
        rows, fecRate, csvRate, ratio, identical, fecOut.count());
    if (!identical) {
      System.exit(2);
    }
  }

  private static double time(Side side, List<JournalEntry> data) throws IOException {
    System.gc();
    CountingOutputStream out = new CountingOutputStream();
    long start = System.nanoTime();
    side.write(data, out);
    double seconds = (System.nanoTime() - start) / 1e9;
    if (out.count() == 0) {
      throw new IllegalStateException("nothing written");
    }
    return seconds;
  }

  private static double median(double[] values) {
    double[] s = values.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }
}
