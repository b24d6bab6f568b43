package com.accountingexport.core.format;

import com.accountingexport.core.booking.EntryLine;
import com.accountingexport.core.booking.JournalEntry;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The pieces a format writes, for the formats that number pieces themselves (Sage, Cegid, EBP,
 * Quadratus, Ciel, ACD): one per entry, in the order given, numbered 1, 2, 3… in the file like FEC's
 * {@code EcritureNum}. A line whose net is zero is left out (these importers refuse zero amounts),
 * and an entry left with no line takes no number, so the numbers of a file have no gap. Entries pass
 * through {@link BalancedEntries}, so a file written from here is balanced per piece and in total, or
 * fails with 422. Read either as a cursor ({@link #next}) or through {@link #walk}. Not thread-safe:
 * one per written file.
 */
final class Pieces {
  /** What a format does with each piece: {@link #piece} once, then {@link #line} per written line. */
  interface Visitor {
    void piece(JournalEntry entry, long number) throws IOException;

    void line(JournalEntry entry, EntryLine line) throws IOException;
  }

  private final Iterator<JournalEntry> entries;
  private long count;
  private String number;
  private JournalEntry entry;
  private List<EntryLine> lines;

  Pieces(Iterator<JournalEntry> entries) {
    this.entries = BalancedEntries.check(entries);
  }

  /** Visits every piece and its lines in order; returns the number of pieces. */
  static long walk(Iterator<JournalEntry> entries, Visitor visitor) throws IOException {
    Pieces pieces = new Pieces(entries);
    while (pieces.next()) {
      visitor.piece(pieces.entry, pieces.count);
      for (EntryLine l : pieces.lines) {
        visitor.line(pieces.entry, l);
      }
    }
    return pieces.count;
  }

  /** Moves to the next entry that has a line to write; false at the end. */
  boolean next() {
    while (entries.hasNext()) {
      JournalEntry e = entries.next();
      List<EntryLine> written = nonZero(e.lines());
      if (!written.isEmpty()) {
        entry = e;
        lines = written;
        number = Long.toString(++count);
        return true;
      }
    }
    entry = null;
    lines = null;
    number = null;
    return false;
  }

  JournalEntry entry() {
    return entry;
  }

  /** The piece number, in decimal: {@code "1"} for the first piece written. */
  String number() {
    return number;
  }

  /** The entry's lines whose net is not zero, in their order. */
  List<EntryLine> lines() {
    return lines;
  }

  /** {@code lines} itself when no line nets to zero (the usual case), else a copy without them. */
  private static List<EntryLine> nonZero(List<EntryLine> lines) {
    int n = lines.size();
    for (int i = 0; i < n; i++) {
      if (Fields.net(lines.get(i)).signum() == 0) {
        List<EntryLine> kept = new ArrayList<>(lines.subList(0, i));
        for (int j = i + 1; j < n; j++) {
          EntryLine l = lines.get(j);
          if (Fields.net(l).signum() != 0) {
            kept.add(l);
          }
        }
        return kept;
      }
    }
    return lines;
  }
}
