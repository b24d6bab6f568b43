package com.accountingexport.core.report;

import com.accountingexport.core.booking.EntryLine;
import com.accountingexport.core.booking.JournalEntry;
import com.accountingexport.core.money.Money;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The journal centralised per journal and day (ACCOUNTING §9, the report form of the
 * {@code centralised-csv} format): one row per (journal, day, account, auxiliary account) with the
 * debits and the credits summed apart, so that a day that moved an account both ways shows both.
 * Unlike the file writer it takes entries in any order: one running row per key, never the lines.
 * Rows are sorted by journal code, date, account, then auxiliary account (none first);
 * {@code label} is the account's label (the first non-blank one its lines carry, else the number).
 * The totals row holds the total debit and credit, equal when every entry fed balances. Not
 * thread-safe: one per computation.
 */
public final class JournalByDay {
  public static final String ID = "journal-by-day";
  public static final List<ReportColumn> COLUMNS = List.of(
      ReportColumn.text("journal"), ReportColumn.date("date"), ReportColumn.text("account"),
      ReportColumn.text("auxiliaryAccount"), ReportColumn.text("label"), ReportColumn.money("debit"),
      ReportColumn.money("credit"));

  private static final Comparator<String> TEXT = Comparator.nullsFirst(Comparator.naturalOrder());
  private static final Comparator<Key> ORDER = Comparator.comparing(Key::journal, TEXT)
      .thenComparing(Key::date, Comparator.nullsFirst(Comparator.naturalOrder()))
      .thenComparing(Key::account, TEXT)
      .thenComparing(Key::aux, TEXT);

  private final Map<Key, Row> rows = new TreeMap<>(ORDER);

  private record Key(String journal, LocalDate date, String account, String aux) {}

  private static final class Row {
    String label;
    BigDecimal debit = Money.ZERO;
    BigDecimal credit = Money.ZERO;
  }

  /** An entry of the period, whatever its place in the stream. */
  public void add(JournalEntry e) {
    for (EntryLine l : e.lines()) {
      String aux = l.auxAccount() == null || l.auxAccount().isBlank() ? null : l.auxAccount();
      Row r = rows.computeIfAbsent(new Key(e.journalCode(), e.date(), l.account(), aux), k -> new Row());
      if (r.label == null && l.accountLabel() != null && !l.accountLabel().isBlank()) {
        r.label = l.accountLabel();
      }
      if (l.debit() != null) {
        r.debit = r.debit.add(l.debit());
      }
      if (l.credit() != null) {
        r.credit = r.credit.add(l.credit());
      }
    }
  }

  /** The report: a row per journal, day, account and auxiliary account, and the totals. */
  public ReportTable table(LocalDate from, LocalDate to) {
    List<List<Object>> out = new ArrayList<>();
    BigDecimal debit = Money.ZERO;
    BigDecimal credit = Money.ZERO;
    for (Map.Entry<Key, Row> e : rows.entrySet()) {
      Key k = e.getKey();
      Row r = e.getValue();
      List<Object> row = new ArrayList<>(7);
      row.add(k.journal());
      row.add(k.date());
      row.add(k.account());
      row.add(k.aux());
      row.add(r.label == null ? k.account() : r.label);
      row.add(Money.round(r.debit));
      row.add(Money.round(r.credit));
      out.add(row);
      debit = debit.add(r.debit);
      credit = credit.add(r.credit);
    }
    List<Object> totals = new ArrayList<>(7);
    for (int i = 0; i < 5; i++) {
      totals.add(null);
    }
    totals.add(Money.round(debit));
    totals.add(Money.round(credit));
    return new ReportTable(ID, from, to, COLUMNS, out, totals);
  }
}
