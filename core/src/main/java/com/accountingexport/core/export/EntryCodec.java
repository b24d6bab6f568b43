package com.accountingexport.core.export;

import com.accountingexport.core.booking.EntryLine;
import com.accountingexport.core.booking.JournalEntry;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The frozen entries of an export, one text line per entry header ({@code E}) and per line
 * ({@code L}), tab-separated with \t \n \r \\ escaped, UTF-8. Every journal format is rendered from
 * this file, so that a format asked for later shows exactly what was exported. Streams both ways.
 *
 * <p>Version 2 ({@link #VERSION_LINE}, written) adds the entry's links after the eight fields of
 * an {@code E} line, one field each (none when it links to nothing). Version 1
 * ({@link #VERSION_LINE_V1}, the files frozen before links existed) is still read: its {@code E}
 * lines have exactly eight fields and its entries link to nothing.
 */
public final class EntryCodec {
  public static final String VERSION_LINE = "#accounting-export entries v2";
  /** The version line of files written before entries had links: read, never written. */
  public static final String VERSION_LINE_V1 = "#accounting-export entries v1";
  private static final int HEAD_FIELDS = 8;
  private static final int LINE_FIELDS = 9;

  private EntryCodec() {}

  /** Writes entries as they come; close() flushes. */
  public static final class Out implements AutoCloseable {
    private final Writer w;

    public Out(OutputStream out) {
      this.w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
      write(VERSION_LINE + "\n");
    }

    public void append(JournalEntry e) {
      StringBuilder sb = new StringBuilder(256);
      sb.append('E');
      field(sb, e.journalCode());
      field(sb, e.journalLabel());
      field(sb, e.date().toString());
      field(sb, e.pieceRef());
      field(sb, e.pieceDate().toString());
      field(sb, e.label());
      field(sb, e.documentId());
      field(sb, Integer.toString(e.lines().size()));
      for (String link : e.links()) {
        field(sb, link);
      }
      sb.append('\n');
      for (EntryLine l : e.lines()) {
        sb.append('L');
        field(sb, l.account());
        field(sb, l.accountLabel());
        field(sb, l.auxAccount());
        field(sb, l.auxLabel());
        field(sb, l.label());
        field(sb, l.debit().toPlainString());
        field(sb, l.credit().toPlainString());
        field(sb, l.currencyAmount() == null ? null : l.currencyAmount().toPlainString());
        field(sb, l.currency());
        sb.append('\n');
      }
      write(sb.toString());
    }

    private void write(String s) {
      try {
        w.write(s);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** Pushes what was appended so far to the underlying stream. */
    public void flush() {
      try {
        w.flush();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** Flushes; the underlying stream stays open (its owner completes the upload). */
    @Override
    public void close() {
      flush();
    }
  }

  /** A tab, then {@code v} escaped (\t \n \r \\, null as \0): shared with {@link PdfList}. */
  static void field(StringBuilder sb, String v) {
    sb.append('\t');
    if (v == null) {
      sb.append('\u0000');
      return;
    }
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      switch (c) {
        case '\t' -> sb.append("\\t");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\\' -> sb.append("\\\\");
        case '\u0000' -> sb.append("\\0");
        default -> sb.append(c);
      }
    }
  }

  static String unescape(String s) {
    if (s.equals("\u0000")) {
      return null;
    }
    if (s.indexOf('\\') < 0) {
      return s;
    }
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length()) {
        char n = s.charAt(++i);
        sb.append(switch (n) {
          case 't' -> '\t';
          case 'n' -> '\n';
          case 'r' -> '\r';
          case '0' -> '\u0000';
          default -> n;
        });
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  private static String[] split(String line, int expected) {
    return split(line, expected, false);
  }

  /** The line's fields after its tag ({@code [0]}); {@code more}: extra fields allowed. */
  private static String[] split(String line, int expected, boolean more) {
    if (line == null) {
      throw new IllegalStateException("corrupt entries file: it ends inside an entry");
    }
    String[] parts = line.split("\t", -1);
    if (more ? parts.length < expected + 1 : parts.length != expected + 1) {
      throw new IllegalStateException("corrupt entries file: expected " + expected + (more ? " or more" : "")
          + " fields in " + (line.isEmpty() ? "an empty" : line.charAt(0)) + " line");
    }
    return parts;
  }

  private static List<String> links(String[] head) {
    if (head.length == HEAD_FIELDS + 1) {
      return List.of();
    }
    List<String> links = new ArrayList<>(head.length - HEAD_FIELDS - 1);
    for (int i = HEAD_FIELDS + 1; i < head.length; i++) {
      String link = unescape(head[i]);
      if (link == null) {
        throw new IllegalStateException("corrupt entries file: a null link");
      }
      links.add(link);
    }
    return links;
  }

  /** Reads entries back lazily. */
  public static Iterator<JournalEntry> read(InputStream in) {
    BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
    boolean withLinks;
    try {
      String first = r.readLine();
      if (VERSION_LINE.equals(first)) {
        withLinks = true;
      } else if (VERSION_LINE_V1.equals(first)) {
        withLinks = false;
      } else {
        throw new IllegalStateException("not an entries file: " + first);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    final boolean v2 = withLinks;
    return new Lookahead<>() {
      @Override
      protected JournalEntry advance() {
        try {
          String head = r.readLine();
          if (head == null) {
            r.close();
            return null;
          }
          String[] h = split(head, HEAD_FIELDS, v2);
          int n = Integer.parseInt(h[8]);
          List<EntryLine> lines = new ArrayList<>(n);
          for (int i = 0; i < n; i++) {
            String[] l = split(r.readLine(), LINE_FIELDS);
            String cur = unescape(l[8]);
            lines.add(new EntryLine(unescape(l[1]), unescape(l[2]), unescape(l[3]), unescape(l[4]), unescape(l[5]),
                new BigDecimal(l[6]), new BigDecimal(l[7]), cur == null ? null : new BigDecimal(cur), unescape(l[9])));
          }
          return new JournalEntry(unescape(h[1]), unescape(h[2]), LocalDate.parse(h[3]), unescape(h[4]),
              LocalDate.parse(h[5]), unescape(h[6]), unescape(h[7]), lines, links(h));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    };
  }
}
