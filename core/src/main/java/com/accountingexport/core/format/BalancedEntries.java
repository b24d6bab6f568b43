package com.accountingexport.core.format;

import com.accountingexport.core.booking.EntryLine;
import com.accountingexport.core.booking.JournalEntry;
import com.accountingexport.core.error.DomainException;
import com.accountingexport.core.error.Violation;
import java.math.BigDecimal;
import java.util.Iterator;
import java.util.List;

/**
 * The entries a format is given, checked as they pass: every piece (entry) must balance, and so
 * must the file when the last one has passed. Every format writes one piece per entry, so a file
 * that came through here is balanced piece by piece and in total, or its export fails with the
 * reason: 422 {@code UNBALANCED_PIECE} (journal, piece, debit, credit) or {@code UNBALANCED_FILE}.
 */
public final class BalancedEntries implements Iterator<JournalEntry> {
  private final Iterator<JournalEntry> entries;
  private BigDecimal debit = BigDecimal.ZERO;
  private BigDecimal credit = BigDecimal.ZERO;
  private boolean finished;

  private BalancedEntries(Iterator<JournalEntry> entries) {
    this.entries = entries;
  }

  public static Iterator<JournalEntry> check(Iterator<JournalEntry> entries) {
    return new BalancedEntries(entries);
  }

  @Override
  public boolean hasNext() {
    boolean more = entries.hasNext();
    if (!more && !finished) {
      finished = true;
      if (debit.compareTo(credit) != 0) {
        throw DomainException.unprocessable("UNBALANCED_FILE", "The file does not balance: debit "
            + debit.toPlainString() + ", credit " + credit.toPlainString(), List.of());
      }
    }
    return more;
  }

  @Override
  public JournalEntry next() {
    JournalEntry e = entries.next();
    BigDecimal d = BigDecimal.ZERO;
    BigDecimal c = BigDecimal.ZERO;
    for (EntryLine l : e.lines()) {
      if (l.debit() != null) {
        d = d.add(l.debit());
      }
      if (l.credit() != null) {
        c = c.add(l.credit());
      }
    }
    if (d.compareTo(c) != 0) {
      String piece = Fields.pieceRef(e);
      throw DomainException.unprocessable("UNBALANCED_PIECE", "Piece " + piece + " of journal " + e.journalCode()
          + " does not balance: debit " + d.toPlainString() + ", credit " + c.toPlainString(),
          List.of(Violation.of(e.journalCode() + "/" + piece, "UNBALANCED_PIECE",
              "debit " + d.toPlainString() + " ≠ credit " + c.toPlainString())));
    }
    debit = debit.add(d);
    credit = credit.add(c);
    return e;
  }
}
