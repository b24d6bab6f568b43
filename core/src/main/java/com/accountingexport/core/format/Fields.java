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

  /**
   * {@code d} in one of the patterns the formats use, hand-formatted for the common ones
   * ({@code yyyyMMdd}, {@code yyyy-MM-dd}, {@code dd/MM/yyyy}, {@code ddMMyyyy}, {@code ddMMyy}),
   * else through {@link java.time.format.DateTimeFormatter}.
   */
  static String date(LocalDate d, String pattern) {
    switch (pattern) {
      case "yyyyMMdd":
        return compactDate(d);
      case "yyyy-MM-dd":
        return d.toString();
      default:
        break;
    }
    String c = compactDate(d);
    return switch (pattern) {
      case "dd/MM/yyyy" -> c.substring(6, 8) + "/" + c.substring(4, 6) + "/" + c.substring(0, 4);
      case "ddMMyyyy" -> c.substring(6, 8) + c.substring(4, 6) + c.substring(0, 4);
      case "ddMMyy" -> c.substring(6, 8) + c.substring(4, 6) + c.substring(2, 4);
      case "dd/MM/yy" -> c.substring(6, 8) + "/" + c.substring(4, 6) + "/" + c.substring(2, 4);
      default -> java.time.format.DateTimeFormatter.ofPattern(pattern).format(d);
    };
  }

  /** A positive or negative amount with exactly two decimals (half-up) and {@code mark} as decimal mark; null is zero. */
  static String amount(java.math.BigDecimal a, char mark) {
    java.math.BigDecimal v = a == null ? java.math.BigDecimal.ZERO : a;
    String plain = (v.scale() == 2 ? v : v.setScale(2, java.math.RoundingMode.HALF_UP)).toPlainString();
    return mark == '.' ? plain : plain.replace('.', mark);
  }

  /** The amount in cents (half-up); null is zero. */
  static long cents(java.math.BigDecimal a) {
    return a == null ? 0 : a.setScale(2, java.math.RoundingMode.HALF_UP).movePointRight(2).longValueExact();
  }

  /** Debit minus credit of a line (nulls are zero). */
  static java.math.BigDecimal net(EntryLine l) {
    java.math.BigDecimal d = l.debit() == null ? java.math.BigDecimal.ZERO : l.debit();
    return l.credit() == null ? d : d.subtract(l.credit());
  }

  /**
   * The amount formats with a D/C column write: the line's net, always positive ({@code direction}
   * says which side). A line with a negative debit is a credit of its opposite.
   */
  static java.math.BigDecimal amountOf(EntryLine l) {
    return net(l).abs();
  }

  /** 'D' when the line's net is a debit, 'C' otherwise. */
  static char direction(EntryLine l) {
    return net(l).signum() > 0 ? 'D' : 'C';
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
