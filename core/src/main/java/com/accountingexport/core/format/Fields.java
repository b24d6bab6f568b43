package com.accountingexport.core.format;

import com.accountingexport.core.booking.EntryLine;
import com.accountingexport.core.booking.JournalEntry;
import java.time.LocalDate;

/** How every format reads the fields of an entry, so that FEC and CSV agree. */
final class Fields {
  private Fields() {}

  /** {@code AAAAMMJJ}, hand-formatted. */
  static String compactDate(LocalDate d) {
    int y = d.getYear();
    if (y < 0 || y > 9999) {
      throw new IllegalArgumentException("year out of range for AAAAMMJJ: " + d);
    }
    int m = d.getMonthValue();
    int day = d.getDayOfMonth();
    char[] c = new char[8];
    c[0] = (char) ('0' + y / 1000);
    c[1] = (char) ('0' + y / 100 % 10);
    c[2] = (char) ('0' + y / 10 % 10);
    c[3] = (char) ('0' + y % 10);
    c[4] = (char) ('0' + m / 10);
    c[5] = (char) ('0' + m % 10);
    c[6] = (char) ('0' + day / 10);
    c[7] = (char) ('0' + day % 10);
    return new String(c);
  }

  static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }

  static String firstNonBlank(String a, String b) {
    return isBlank(a) ? b : a;
  }

  /** PieceRef: the document number, else the document id (ACCOUNTING §8). */
  static String pieceRef(JournalEntry e) {
    return firstNonBlank(e.pieceRef(), e.documentId());
  }

  /** PieceDate: the document date, else the entry date. */
  static LocalDate pieceDate(JournalEntry e) {
    return e.pieceDate() != null ? e.pieceDate() : e.date();
  }

  /** JournalLib, never empty: the label, else the code. */
  static String journalLabel(JournalEntry e) {
    return firstNonBlank(e.journalLabel(), e.journalCode());
  }

  /** EcritureLib, never empty: the line's label, else the entry's, else the piece reference. */
  static String lineLabel(JournalEntry e, EntryLine l) {
    if (!isBlank(l.label())) {
      return l.label();
    }
    return isBlank(e.label()) ? pieceRef(e) : e.label();
  }

  /** CompteLib, never empty: the account's label, else its number. */
  static String accountLabel(EntryLine l) {
    return firstNonBlank(l.accountLabel(), l.account());
  }

  /** The auxiliary account, or null: the pair is written both or neither. */
  static String auxAccount(EntryLine l) {
    return isBlank(l.auxAccount()) ? null : l.auxAccount();
  }

  /** The auxiliary label when there is an auxiliary account: its label, else its number. */
  static String auxLabel(EntryLine l) {
    return isBlank(l.auxAccount()) ? null : firstNonBlank(l.auxLabel(), l.auxAccount());
  }

  /** Foreign-currency columns are written (both) only for a non-EUR currency with its amount. */
  static boolean hasCurrency(EntryLine l) {
    return l.currencyAmount() != null && !isBlank(l.currency()) && !"EUR".equalsIgnoreCase(l.currency());
  }
}
