package com.accountingexport.core.report;

import com.accountingexport.core.booking.EntryLine;
import com.accountingexport.core.booking.JournalEntry;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The trial balance (balance générale, or balance auxiliaire of customers or suppliers), aggregated
 * as entries stream by: one running row per account, never the lines. Per account: the opening
 * balance (the entries of the fiscal year before the period), the period's debits and credits, the
 * closing balance; each balance shown on its side (debit or credit), so that every pair of total
 * columns is equal. Not thread-safe: one per computation.
 */
public final class TrialBalance {
  /** Which accounts: the general ones, or the sub-accounts of customers (411…) or suppliers (401…). */
  public enum Level {
    GENERAL, CUSTOMERS, SUPPLIERS;

    public String wire() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Level> fromWire(String s) {
      for (Level l : values()) {
        if (l.wire().equals(s)) {
          return Optional.of(l);
        }
      }
      return Optional.empty();
    }
  }

  public static final List<ReportColumn> COLUMNS = List.of(
      ReportColumn.text("account"), ReportColumn.text("label"), ReportColumn.money("openingDebit"),
      ReportColumn.money("openingCredit"), ReportColumn.money("debit"), ReportColumn.money("credit"),
      ReportColumn.money("closingDebit"), ReportColumn.money("closingCredit"));

  private static final BigDecimal ZERO = new BigDecimal("0.00");

  private final Level level;
  private final String customerRoot;
  private final String supplierRoot;
  private final Map<String, Row> rows = new TreeMap<>();

  /**
   * @param customerCollective the customers' general account (411000): its first three digits
   *     tell a customer line
   * @param supplierCollective the suppliers' (401000)
   */
  public TrialBalance(Level level, String customerCollective, String supplierCollective) {
    this.level = level;
    this.customerRoot = customerCollective.substring(0, 3);
    this.supplierRoot = supplierCollective.substring(0, 3);
  }

  private static final class Row {
    String label;
    BigDecimal openingDebit = ZERO;
    BigDecimal openingCredit = ZERO;
    BigDecimal debit = ZERO;
    BigDecimal credit = ZERO;
  }

  /** An entry dated before the period, in the same fiscal year: it makes the opening balances. */
  public void opening(JournalEntry e) {
    add(e, true);
  }

  /** An entry of the period. */
  public void period(JournalEntry e) {
    add(e, false);
  }

  private void add(JournalEntry e, boolean opening) {
    for (EntryLine l : e.lines()) {
      String key;
      String label;
      if (level == Level.GENERAL) {
        key = l.account();
        label = l.accountLabel();
      } else {
        String root = level == Level.CUSTOMERS ? customerRoot : supplierRoot;
        if (l.auxAccount() == null || l.auxAccount().isBlank() || !l.account().startsWith(root)) {
          continue;
        }
        key = l.auxAccount();
        label = l.auxLabel();
      }
      Row r = rows.computeIfAbsent(key, k -> new Row());
      if (r.label == null || r.label.isBlank()) {
        r.label = label;
      }
      BigDecimal d = l.debit() == null ? BigDecimal.ZERO : l.debit();
      BigDecimal c = l.credit() == null ? BigDecimal.ZERO : l.credit();
      if (opening) {
        r.openingDebit = r.openingDebit.add(d);
        r.openingCredit = r.openingCredit.add(c);
      } else {
        r.debit = r.debit.add(d);
        r.credit = r.credit.add(c);
      }
    }
  }

  /** The report: a row per account in account order, and the totals. */
  public ReportTable table(LocalDate from, LocalDate to) {
    List<List<Object>> out = new ArrayList<>();
    BigDecimal[] totals = new BigDecimal[6];
    Arrays.fill(totals, ZERO);
    rows.forEach((account, r) -> {
      BigDecimal opening = r.openingDebit.subtract(r.openingCredit);
      BigDecimal closing = opening.add(r.debit).subtract(r.credit);
      BigDecimal[] cells = {debitSide(opening), creditSide(opening), r.debit, r.credit, debitSide(closing),
          creditSide(closing)};
      List<Object> row = new ArrayList<>(List.of(account, r.label == null ? account : r.label));
      for (int i = 0; i < cells.length; i++) {
        row.add(cells[i]);
        totals[i] = totals[i].add(cells[i]);
      }
      out.add(row);
    });
    List<Object> total = new ArrayList<>();
    total.add(null);
    total.add(null);
    total.addAll(Arrays.asList(totals));
    return new ReportTable("trial-balance", from, to, COLUMNS, out, total);
  }

  private static BigDecimal debitSide(BigDecimal net) {
    return net.signum() > 0 ? net : ZERO;
  }

  private static BigDecimal creditSide(BigDecimal net) {
    return net.signum() < 0 ? net.negate() : ZERO;
  }
}
