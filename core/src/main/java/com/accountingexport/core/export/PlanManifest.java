package com.accountingexport.core.export;

import com.accountingexport.core.service.ExportPlanner.PlanKey;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The documents an export will hold, in the order their entries are written (journal, date,
 * piece, id), each at the version that was planned: one line {@code C<tab>id<tab>version} per
 * document to claim, {@code R<tab>id<tab>version} per document already exported that a re-export
 * takes again without claiming it. Written once when the export opens, next to its files; the
 * claim and render steps read it page by page, so a generation never holds every document in memory
 * and only ids and counts travel between the workflow's states.
 */
public final class PlanManifest {
  public static final String VERSION_LINE = "#accounting-export plan v1";
  public static final String FILE_NAME = "plan.tsv";

  /** One document of the plan. */
  public record Line(String documentId, long version, boolean claim) {}

  private PlanManifest() {}

  /** Writes the plan's included documents, in order. @return how many lines */
  public static long write(List<PlanKey> included, OutputStream out) throws IOException {
    Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
    w.write(VERSION_LINE);
    w.write('\n');
    long n = 0;
    for (PlanKey p : included) {
      w.write(p.exported() ? 'R' : 'C');
      w.write('\t');
      w.write(p.documentId()); // ids are letters, digits and . _ : @ - (DocumentRules): no escaping needed
      w.write('\t');
      w.write(Long.toString(p.version()));
      w.write('\n');
      n++;
    }
    w.flush();
    return n;
  }

  /** Reads the manifest page by page. */
  public static final class Reader implements AutoCloseable {
    private final BufferedReader r;
    private long position;

    public Reader(InputStream in) {
      this.r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
      String first = readLine();
      if (!VERSION_LINE.equals(first)) {
        throw new IllegalStateException("not a plan manifest: " + first);
      }
    }

    /** Skips {@code lines} lines (a step resuming where the previous one stopped). */
    public void skip(long lines) {
      while (position < lines && next() != null) {
        // skipped
      }
    }

    /** The next line, or null at the end. */
    public Line next() {
      String s = readLine();
      if (s == null || s.isEmpty()) {
        return null;
      }
      String[] f = s.split("\t", -1);
      if (f.length != 3 || !(f[0].equals("C") || f[0].equals("R"))) {
        throw new IllegalStateException("corrupt plan manifest at line " + (position + 2));
      }
      position++;
      return new Line(f[1], Long.parseLong(f[2]), f[0].equals("C"));
    }

    /** Up to {@code size} next lines (empty at the end). */
    public List<Line> page(int size) {
      List<Line> out = new ArrayList<>(Math.min(size, 1024));
      for (Line l; out.size() < size && (l = next()) != null; ) {
        out.add(l);
      }
      return out;
    }

    /** Lines read (and skipped) so far. */
    public long position() {
      return position;
    }

    private String readLine() {
      try {
        return r.readLine();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public void close() {
      try {
        r.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
