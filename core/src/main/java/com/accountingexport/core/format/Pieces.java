package com.accountingexport.core.format;

import com.accountingexport.core.booking.EntryLine;
import com.accountingexport.core.booking.JournalEntry;
import java.io.IOException;
import java.util.Iterator;

/**
 * The walk the single-piece formats (Cegid TRA, Quadratus, Ciel XIMPORT, EBP) make over their
 * entries: one piece per entry, numbered 1, 2, 3… in file order like FEC's {@code EcritureNum}. A
 * line whose net is zero is left out (these importers refuse zero amounts), and an entry left with
 * no line takes no number, so the numbers in a file have no gap.
 */
final class Pieces {
  /** What a format does with each piece: {@link #piece} once, then {@link #line} per written line. */
  interface Visitor {
    void piece(JournalEntry entry, long number) throws IOException;

    void line(JournalEntry entry, EntryLine line) throws IOException;
  }

  private Pieces() {}

  /** Visits every piece and line in order; returns the number of pieces. */
  static long walk(Iterator<JournalEntry> entries, Visitor visitor) throws IOException {
    long number = 0;
    while (entries.hasNext()) {
      JournalEntry e = entries.next();
      if (!hasAmount(e)) {
        continue;
      }
      visitor.piece(e, ++number);
      for (EntryLine l : e.lines()) {
        if (Fields.net(l).signum() != 0) {
          visitor.line(e, l);
        }
      }
    }
    return number;
  }

  private static boolean hasAmount(JournalEntry e) {
    for (EntryLine l : e.lines()) {
      if (Fields.net(l).signum() != 0) {
        return true;
      }
    }
    return false;
  }
}
