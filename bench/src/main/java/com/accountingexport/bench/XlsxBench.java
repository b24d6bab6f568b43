package com.accountingexport.bench;

import com.accountingexport.core.booking.EntryLine;
import com.accountingexport.core.booking.JournalEntry;
import com.accountingexport.core.format.ExportContext;
import com.accountingexport.core.format.XlsxWriter;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * The xlsx format at scale: 1,000,000 journal lines (250,000 synthetic 4-line entries built lazily,
 * never all in memory) written by {@link XlsxWriter}, and the same rows written by Apache POI's
 * streaming SXSSF (100-row window, its temporary file, inline strings, the same cell types and
 * formats: text, numeric EcritureNum, date cells, 0.00 amounts), each into a counting null stream.
 * Meant for {@code -Xmx256m}: the main refuses a larger heap unless {@code --any-heap}.
 *
 * <p>A check round writes both to temporary files: the XlsxWriter sheet must hold the header and
 * every line, and no formula. A warm-up on a tenth of the entries, then measured rounds alternating
 * the order; each side's best counts, ratio = SXSSF time / XlsxWriter time (goal ≥ 1.0×). Heap:
 * peak used during the timed rounds (sampled every 10 ms, no forced GC) and, in one more round per
 * side, the peak live heap (a full GC every 5% of the entries, read from the writing thread) and
 * the heap pools' own peaks. The time of generating the entries alone is printed: it is in both
 * sides.
 *
 * <pre>java -Xmx256m -cp "bench/target/classes:core/target/classes:$(cat bench/target/classpath.txt)" \
 *     com.accountingexport.bench.XlsxBench [--entries 250000] [--rounds 3] [--any-heap]</pre>
 */
public final class XlsxBench {
  private static final ExportContext CONTEXT =
      new ExportContext("EXP-2026-000001", LocalDate.of(2027, 1, 15), "123456789", LocalDate.of(2026, 12, 31));
  private static final long MAX_HEAP = 256L << 20;

  private interface Side {
    void write(Iterator<JournalEntry> entries, OutputStream out) throws IOException;
  }

  public static void main(String[] argv) throws Exception {
    Args args = new Args(argv);
    int entries = args.integer("entries", 250_000);
    int rounds = args.integer("rounds", 3);
    long rows = (long) entries * SyntheticEntries.LINES_PER_ENTRY;
    long max = Runtime.getRuntime().maxMemory();
    System.out.printf(Locale.ROOT, "XlsxBench: %,d entries, %,d rows (JVM %s, %d CPUs, max heap %d MiB, load %s)%n",
        entries, rows, Runtime.version(), Runtime.getRuntime().availableProcessors(), max >> 20, FormatsBench.load());
    if (max > MAX_HEAP && !args.flag("any-heap")) {
      System.out.println("Run it with -Xmx256m (or pass --any-heap): the point is a million rows in 256 MiB.");
      System.exit(2);
    }
    XlsxWriter writer = new XlsxWriter();
    Side ours = (it, out) -> writer.write(it, CONTEXT, out);
    Side poi = XlsxBench::sxssf;

    check(ours, poi, entries, rows);
    time(ours, Math.max(1, entries / 10), false);
    time(poi, Math.max(1, entries / 10), false);
    double generation = generationOnly(entries);

    double[] oursSec = new double[rounds];
    double[] poiSec = new double[rounds];
    long oursPeak = 0;
    long poiPeak = 0;
    for (int r = 0; r < rounds; r++) {
      Timed a;
      Timed b;
      if (r % 2 == 0) {
        a = time(ours, entries, false);
        b = time(poi, entries, false);
      } else {
        b = time(poi, entries, false);
        a = time(ours, entries, false);
      }
      oursSec[r] = a.seconds;
      poiSec[r] = b.seconds;
      oursPeak = Math.max(oursPeak, a.peakUsed);
      poiPeak = Math.max(poiPeak, b.peakUsed);
      System.out.printf(Locale.ROOT, "round %d: XlsxWriter %.2f s (%,.0f rows/s, %,d bytes), SXSSF %.2f s (%,.0f rows/s, %,d bytes)%n",
          r + 1, a.seconds, rows / a.seconds, a.bytes, b.seconds, rows / b.seconds, b.bytes);
    }
    long liveBefore = HeapSampler.liveNow();
    Timed oursMem = time(ours, entries, true);
    Timed poiMem = time(poi, entries, true);

    double oursBest = FormatsBench.min(oursSec);
    double poiBest = FormatsBench.min(poiSec);
    double ratio = poiBest / oursBest;
    System.out.printf(Locale.ROOT, "generating the entries alone: %.2f s (in both sides' times)%n", generation);
    System.out.printf(Locale.ROOT, "best: XlsxWriter %.2f s = %,.0f rows/s, SXSSF %.2f s = %,.0f rows/s; "
        + "XlsxWriter/SXSSF %.2fx (goal >= 1.0x: %s)%n", oursBest, rows / oursBest, poiBest, rows / poiBest, ratio,
        ratio >= 1.0 ? "met" : "NOT met");
    System.out.printf(Locale.ROOT, "heap: live before the heap rounds %.1f MiB%n", mib(liveBefore));
    System.out.printf(Locale.ROOT, "heap, XlsxWriter: peak used %.1f MiB (timed rounds), peak live %.1f MiB, pool peaks %.1f MiB%n",
        mib(oursPeak), mib(oursMem.peakLive), mib(oursMem.poolPeaks));
    System.out.printf(Locale.ROOT, "heap, SXSSF:      peak used %.1f MiB (timed rounds), peak live %.1f MiB, pool peaks %.1f MiB%n",
        mib(poiPeak), mib(poiMem.peakLive), mib(poiMem.poolPeaks));
    System.out.printf(Locale.ROOT, "RESULT bench=xlsx rows=%d xmxMiB=%d xlsxRowsPerSec=%.0f sxssfRowsPerSec=%.0f ratio=%.2f "
        + "xlsxBytes=%d sxssfBytes=%d liveBeforeMiB=%.1f xlsxPeakUsedMiB=%.1f xlsxPeakLiveMiB=%.1f sxssfPeakUsedMiB=%.1f "
        + "sxssfPeakLiveMiB=%.1f%n",
        rows, max >> 20, rows / oursBest, rows / poiBest, ratio, oursMem.bytes, poiMem.bytes, mib(liveBefore), mib(oursPeak),
        mib(oursMem.peakLive), mib(poiPeak), mib(poiMem.peakLive));
  }

  private record Timed(double seconds, long bytes, long peakUsed, long peakLive, long poolPeaks) {}

  private static Timed time(Side side, int entries, boolean liveHeap) throws IOException {
    System.gc();
    CountingOutputStream out = new CountingOutputStream();
    // the sampler never forces a GC: the heap round measures the live set from the writing thread
    try (HeapSampler heap = new HeapSampler(3_600_000L)) {
      LiveProbe probe = new LiveProbe(SyntheticEntries.lazy(entries), liveHeap ? Math.max(1, entries / 20) : 0);
      long start = System.nanoTime();
      side.write(probe, out);
      double seconds = (System.nanoTime() - start) / 1e9;
      return new Timed(seconds, out.count(), heap.peakUsed(), probe.peakLive, heap.poolPeaks());
    }
  }

  /**
   * The entries, and every {@code every} entries (0: never) a full GC then the heap used, from the
   * writer's own thread: nothing is allocated between the GC and the reading, so it is the writer's
   * live set at that row (the sampler thread's reading would add whatever garbage the writer made
   * while it waited for a CPU).
   */
  private static final class LiveProbe implements Iterator<JournalEntry> {
    private final Iterator<JournalEntry> entries;
    private final int every;
    private int n;
    long peakLive;

    LiveProbe(Iterator<JournalEntry> entries, int every) {
      this.entries = entries;
      this.every = every;
    }

    @Override
    public boolean hasNext() {
      return entries.hasNext();
    }

    @Override
    public JournalEntry next() {
      if (every > 0 && ++n % every == 0) {
        peakLive = Math.max(peakLive, HeapSampler.liveNow());
      }
      return entries.next();
    }
  }

  /** Both sides into temporary files; the XlsxWriter sheet must hold every row and no formula. */
  private static void check(Side ours, Side poi, int entries, long rows) throws IOException {
    Path a = Files.createTempFile("xlsx-bench-", ".xlsx");
    Path b = Files.createTempFile("sxssf-bench-", ".xlsx");
    try {
      try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(a))) {
        ours.write(SyntheticEntries.lazy(entries), out);
      }
      try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(b))) {
        poi.write(SyntheticEntries.lazy(entries), out);
      }
      long[] counts = count(a);
      boolean ok = counts[0] == rows + 1 && counts[1] == 0;
      System.out.printf(Locale.ROOT, "check: XlsxWriter %,d bytes, %,d rows, %d formulas -> %s; SXSSF %,d bytes%n",
          Files.size(a), counts[0], counts[1], ok ? "ok" : "WRONG", Files.size(b));
      if (!ok) {
        System.exit(3);
      }
    } finally {
      Files.deleteIfExists(a);
      Files.deleteIfExists(b);
    }
  }

  /** {@code <row } and {@code <f>} occurrences in the sheet part, streamed. */
  private static long[] count(Path file) throws IOException {
    long rowTags = 0;
    long formulas = 0;
    try (ZipFile zip = new ZipFile(file.toFile())) {
      ZipEntry sheet = zip.getEntry("xl/worksheets/sheet1.xml");
      try (InputStream in = zip.getInputStream(sheet)) {
        byte[] buf = new byte[1 << 16];
        byte[] carry = new byte[0];
        for (int n; (n = in.read(buf)) > 0; ) {
          byte[] chunk = new byte[carry.length + n];
          System.arraycopy(carry, 0, chunk, 0, carry.length);
          System.arraycopy(buf, 0, chunk, carry.length, n);
          String s = new String(chunk, StandardCharsets.ISO_8859_1);
          rowTags += occurrences(s, "<row ");
          formulas += occurrences(s, "<f>") + occurrences(s, "<f ");
          int keep = Math.min(4, chunk.length);
          carry = new byte[keep];
          System.arraycopy(chunk, chunk.length - keep, carry, 0, keep);
        }
      }
    }
    return new long[] {rowTags, formulas};
  }

  private static int occurrences(String s, String tag) {
    int n = 0;
    for (int i = s.indexOf(tag); i >= 0; i = s.indexOf(tag, i + 1)) {
      n++;
    }
    return n;
  }

  /** Each entry escapes here, so that the JIT cannot leave out building it. */
  private static volatile JournalEntry escaped;

  private static double generationOnly(int entries) {
    long start = System.nanoTime();
    for (Iterator<JournalEntry> it = SyntheticEntries.lazy(entries); it.hasNext(); ) {
      escaped = it.next();
    }
    return (System.nanoTime() - start) / 1e9;
  }

  /** The same rows and cell types with POI's streaming workbook. */
  private static void sxssf(Iterator<JournalEntry> entries, OutputStream out) throws IOException {
    SXSSFWorkbook book = new SXSSFWorkbook(100);
    try {
      CellStyle date = book.createCellStyle();
      date.setDataFormat(book.createDataFormat().getFormat("yyyy-mm-dd"));
      CellStyle amount = book.createCellStyle();
      amount.setDataFormat(book.createDataFormat().getFormat("0.00"));
      CellStyle header = book.createCellStyle();
      Font bold = book.createFont();
      bold.setBold(true);
      header.setFont(bold);
      SXSSFSheet sheet = book.createSheet("Journal");
      sheet.createFreezePane(0, 1);
      Row top = sheet.createRow(0);
      for (int c = 0; c < CommonsCsvLines.HEADER.size(); c++) {
        top.createCell(c).setCellValue(CommonsCsvLines.HEADER.get(c));
        top.getCell(c).setCellStyle(header);
      }
      int r = 1;
      long number = 0;
      while (entries.hasNext()) {
        JournalEntry e = entries.next();
        if (e.lines().isEmpty()) {
          continue;
        }
        number++;
        LocalDate pieceDate = e.pieceDate() != null ? e.pieceDate() : e.date();
        for (EntryLine l : e.lines()) {
          Row row = sheet.createRow(r++);
          row.createCell(0).setCellValue(e.journalCode());
          row.createCell(1).setCellValue(e.journalLabel());
          row.createCell(2).setCellValue(number);
          row.createCell(3).setCellValue(e.date());
          row.getCell(3).setCellStyle(date);
          row.createCell(4).setCellValue(l.account());
          row.createCell(5).setCellValue(l.accountLabel());
          if (l.auxAccount() != null) {
            row.createCell(6).setCellValue(l.auxAccount());
            row.createCell(7).setCellValue(l.auxLabel());
          }
          row.createCell(8).setCellValue(e.pieceRef());
          row.createCell(9).setCellValue(pieceDate);
          row.getCell(9).setCellStyle(date);
          row.createCell(10).setCellValue(l.label() != null ? l.label() : e.label());
          row.createCell(11).setCellValue(l.debit().doubleValue());
          row.getCell(11).setCellStyle(amount);
          row.createCell(12).setCellValue(l.credit().doubleValue());
          row.getCell(12).setCellStyle(amount);
          if (l.currencyAmount() != null) {
            row.createCell(13).setCellValue(l.currencyAmount().doubleValue());
            row.getCell(13).setCellStyle(amount);
            row.createCell(14).setCellValue(l.currency());
          }
        }
      }
      book.write(out);
      out.flush();
    } finally {
      book.close();
    }
  }

  private static double mib(long bytes) {
    return bytes / (1024.0 * 1024.0);
  }
}
