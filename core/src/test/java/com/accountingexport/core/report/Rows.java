package com.accountingexport.core.report;

import com.accountingexport.core.booking.AccountLabels;
import com.accountingexport.core.booking.EntryLine;
import com.accountingexport.core.booking.JournalEntry;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Hand-built entries and lookups in report tables, for the report tests. */
final class Rows {
  private Rows() {}

  static BigDecimal money(String s) {
    return new BigDecimal(s);
  }

  /** A line: debit when {@code amount} is positive, credit when negative ("-20.00"). */
  static EntryLine line(String account, String amount) {
    return line(account, null, amount);
  }

  static EntryLine line(String account, String aux, String amount) {
    BigDecimal a = money(amount);
    BigDecimal zero = BigDecimal.ZERO.setScale(2);
    return new EntryLine(account, AccountLabels.of(account), aux, aux == null ? null : "Tiers " + aux, "label",
        a.signum() > 0 ? a : zero, a.signum() < 0 ? a.negate() : zero, null, null);
  }

  static JournalEntry entry(String journal, LocalDate date, String piece, EntryLine... lines) {
    return new JournalEntry(journal, "Journal " + journal, date, piece, date, piece, "doc-" + piece, List.of(lines));
  }

  /** The cell of {@code column} in {@code row}. */
  static Object cell(ReportTable t, List<Object> row, String column) {
    return row.get(t.column(column));
  }

  static BigDecimal money(ReportTable t, List<Object> row, String column) {
    return (BigDecimal) cell(t, row, column);
  }

  /** Rows keyed by the given columns' cells joined with "|" (null as ""): each key must be unique. */
  static Map<String, List<Object>> byKey(ReportTable t, String... columns) {
    Map<String, List<Object>> out = new TreeMap<>();
    for (List<Object> row : t.rows()) {
      StringBuilder key = new StringBuilder();
      for (int i = 0; i < columns.length; i++) {
        Object v = cell(t, row, columns[i]);
        key.append(i == 0 ? "" : "|").append(v == null ? "" : v);
      }
      if (out.put(key.toString(), row) != null) {
        throw new AssertionError("two rows of " + t.id() + " for " + key);
      }
    }
    return out;
  }

  /** Every MONEY cell has scale 2, every row the column types (for the file writers). */
  static void assertTyped(ReportTable t) {
    for (List<Object> row : t.rows()) {
      checkTypes(t, row);
    }
    if (t.totals() != null) {
      checkTypes(t, t.totals());
    }
  }

  private static void checkTypes(ReportTable t, List<Object> row) {
    for (int i = 0; i < t.columns().size(); i++) {
      Object v = row.get(i);
      if (v == null) {
        continue;
      }
      ReportColumn c = t.columns().get(i);
      boolean ok = switch (c.type()) {
        case TEXT -> v instanceof String;
        case DATE -> v instanceof LocalDate;
        case MONEY -> v instanceof BigDecimal b && b.scale() == 2;
        case COUNT -> v instanceof Long || v instanceof Integer;
      };
      if (!ok) {
        throw new AssertionError(t.id() + ": cell " + c.id() + " = " + v + " (" + v.getClass().getSimpleName()
            + ") is not a " + c.type() + " in " + row);
      }
    }
  }
}
