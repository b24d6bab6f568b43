package com.accountingexport.bench;

import com.accountingexport.core.booking.JournalEntry;
import com.accountingexport.core.format.ExportContext;
import com.accountingexport.core.format.ExportFormats;
import com.accountingexport.core.format.ExportWriter;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Every text format of the registry ({@link ExportFormats#all()}, so that a format added later is
 * measured too) against bare Apache Commons CSV printing the same lines' fields
 * ({@link CommonsCsvLines}), over the same entries built once in memory (default 50,000 balanced
 * 4-line entries = 200,000 lines), each into a counting null stream. Warm-up rounds, then measured
 * rounds in which every side runs once, the order turning from round to round; each side's best
 * round counts. Rows/s are entry lines read per second (a centralised format writes fewer rows
 * from the same lines). Prints rows/s and the ratio to the baseline of this run per format
 * (goal ≥ 1.0×), and the median of the per-round ratios as a check on the noise. Binary formats
 * (xlsx) are left to {@link XlsxBench}.
 *
 * <pre>java -Xmx1g -cp "bench/target/classes:core/target/classes:$(cat bench/target/classpath.txt)" \
 *     com.accountingexport.bench.FormatsBench [--entries 50000] [--warmup 3] [--rounds 7]</pre>
 */
public final class FormatsBench {
  private static final ExportContext CONTEXT =
      new ExportContext("EXP-2026-000001", LocalDate.of(2027, 1, 15), "123456789", LocalDate.of(2026, 12, 31));

  private interface Side {
    void write(List<JournalEntry> entries, CountingOutputStream out) throws IOException;
  }

  private record Named(String name, Side side) {}

  public static void main(String[] argv) throws IOException {
    Args args = new Args(argv);
    int entries = args.integer("entries", 50_000);
    int warmup = args.integer("warmup", 3);
    int rounds = args.integer("rounds", 7);
    long rows = (long) entries * SyntheticEntries.LINES_PER_ENTRY;

    List<JournalEntry> data = SyntheticEntries.materialise(entries);
    System.out.printf(Locale.ROOT, "FormatsBench: %,d entries, %,d lines (JVM %s, %d CPUs, max heap %d MiB, load %s)%n",
        entries, rows, Runtime.version(), Runtime.getRuntime().availableProcessors(),
        Runtime.getRuntime().maxMemory() >> 20, load());

    List<Named> sides = new ArrayList<>();
    sides.add(new Named("commons-csv", (list, out) -> CommonsCsvLines.write(list.iterator(), out)));
    for (ExportWriter w : ExportFormats.all()) {
      if (w.binary()) {
        System.out.printf(Locale.ROOT, "%s: binary, measured by XlsxBench%n", w.id());
        continue;
      }
      sides.add(new Named(w.id(), (list, out) -> w.write(list.iterator(), CONTEXT, out)));
    }
    int n = sides.size();
    // check round: every side writes something, and no exception
    for (Named s : sides) {
      CountingOutputStream out = new CountingOutputStream();
      s.side.write(data, out);
      System.out.printf(Locale.ROOT, "check: %-16s %,12d bytes%n", s.name, out.count());
    }
    for (int r = 0; r < warmup; r++) {
      for (Named s : sides) {
        time(s.side, data);
      }
    }
    double[][] seconds = new double[n][rounds];
    for (int r = 0; r < rounds; r++) {
      for (int k = 0; k < n; k++) {
        int i = (k + r) % n;
        seconds[i][r] = time(sides.get(i).side, data);
      }
    }
    double baseBest = min(seconds[0]);
    System.out.printf(Locale.ROOT, "%n%-16s %12s %14s %8s %14s%n", "format", "best s", "lines/s", "ratio", "median ratio");
    System.out.printf(Locale.ROOT, "%-16s %12.3f %,14.0f %8s %14s%n", sides.get(0).name, baseBest, rows / baseBest, "1.00x", "");
    for (int i = 1; i < n; i++) {
      double best = min(seconds[i]);
      double[] paired = new double[rounds];
      for (int r = 0; r < rounds; r++) {
        paired[r] = seconds[0][r] / seconds[i][r];
      }
      double ratio = baseBest / best;
      System.out.printf(Locale.ROOT, "%-16s %12.3f %,14.0f %7.2fx %13.2fx%s%n", sides.get(i).name, best, rows / best,
          ratio, median(paired), ratio >= 1.0 ? "" : "   below the 1.0x goal");
    }
    System.out.println();
    for (int i = 1; i < n; i++) {
      double best = min(seconds[i]);
      System.out.printf(Locale.ROOT, "RESULT formats id=%s rowsPerSec=%.0f csvRowsPerSec=%.0f ratio=%.2f%n",
          sides.get(i).name, rows / best, rows / baseBest, baseBest / best);
    }
  }

  private static double time(Side side, List<JournalEntry> data) throws IOException {
    System.gc();
    CountingOutputStream out = new CountingOutputStream();
    long start = System.nanoTime();
    side.write(data, out);
    double s = (System.nanoTime() - start) / 1e9;
    if (out.count() == 0) {
      throw new IllegalStateException("nothing written");
    }
    return s;
  }

  /** The 1-, 5- and 15-minute load averages (Linux), or "?" elsewhere. */
  static String load() {
    try {
      String[] f = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException | RuntimeException e) {
      return "?";
    }
  }

  static double min(double[] values) {
    return Arrays.stream(values).min().orElseThrow();
  }

  static double median(double[] values) {
    double[] s = values.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }
}
