package com.accountingexport.core.export;

import com.accountingexport.core.auth.TenantId;
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
import java.util.Iterator;
import java.util.List;

/**
 * The documents whose PDFs go into an export's bundles, in journal order (the order of the
 * entries): {@code pdfs.tsv} next to the entries, one line each {@code index, documentId, number,
 * title}, escaped as in {@link EntryCodec}, UTF-8. Written by the render step, read in
 * batches by the PDF steps (the workflow's Map state) and whole by the assembly, streaming.
 */
public final class PdfList {
  public static final String FILE_NAME = "pdfs.tsv";
  /** Documents per PDF batch: one iteration of the workflow's Map state. */
  public static final int BATCH = 100;

  /** One document of the bundles: its place, id, piece number and bookmark title. */
  public record Line(int index, String documentId, String number, String title) {}

  private PdfList() {}

  public static String key(TenantId tenant, String exportId) {
    return ExportFiles.prefix(tenant, exportId) + FILE_NAME;
  }

  /** The lines of batch {@code batch} alone ({@link #BATCH} at most), for one iteration of the Map state. */
  public static String batchKey(TenantId tenant, String exportId, int batch) {
    return ExportFiles.prefix(tenant, exportId) + "pdfs-batches/" + String.format("%06d", batch) + ".tsv";
  }

  /** Where the PDF of a document is prepared for the bundles. */
  public static String pdfKey(TenantId tenant, String exportId, String documentId) {
    return ExportFiles.prefix(tenant, exportId) + "pdfs/" + documentId + ".pdf";
  }

  /** Opens the list again for each pass over it (the ZIP, then the merged PDF). */
  @FunctionalInterface
  public interface Source {
    InputStream open() throws java.io.IOException;
  }

  /** How many batches {@code count} documents make. */
  public static int batches(int count) {
    return (count + BATCH - 1) / BATCH;
  }

  /** Writes lines as they come; close() flushes (the target stays open). */
  public static final class Out implements AutoCloseable {
    private final Writer w;
    private int count;

    public Out(OutputStream out) {
      this.w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
    }

    public void add(String documentId, String number, String title) {
      try {
        StringBuilder sb = new StringBuilder(64).append(count);
        EntryCodec.field(sb, documentId);
        EntryCodec.field(sb, number);
        EntryCodec.field(sb, title);
        w.write(sb.append('\n').toString());
        count++;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    public int count() {
      return count;
    }

    @Override
    public void close() {
      try {
        w.flush();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** Reads the lines in order, one at a time. */
  public static Iterator<Line> read(InputStream in) {
    BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
    return new Lookahead<>() {
      @Override
      protected Line advance() {
        try {
          String line = r.readLine();
          if (line == null || line.isEmpty()) {
            return null;
          }
          String[] f = line.split("\t", -1);
          if (f.length != 4) {
            throw new IllegalStateException("pdfs.tsv: malformed line " + line);
          }
          return new Line(Integer.parseInt(f[0]), EntryCodec.unescape(f[1]), EntryCodec.unescape(f[2]),
              EntryCodec.unescape(f[3]));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    };
  }

  /** The lines of batch {@code batch} (0-based) in a stream of the list or of that batch's own file. */
  public static List<Line> batch(InputStream in, int batch) {
    List<Line> out = new ArrayList<>();
    Iterator<Line> lines = read(in);
    int from = batch * BATCH;
    while (lines.hasNext() && out.size() < BATCH) {
      Line l = lines.next();
      if (l.index() >= from) {
        out.add(l);
      }
    }
    return out;
  }

}
