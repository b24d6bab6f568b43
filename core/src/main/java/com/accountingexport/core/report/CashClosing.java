package com.accountingexport.core.report;

import com.accountingexport.core.booking.JournalKind;
import com.accountingexport.core.document.Document;
import com.accountingexport.core.document.DocumentStatus;
import com.accountingexport.core.document.DocumentType;
import com.accountingexport.core.document.PaymentInfo;
import com.accountingexport.core.money.Money;
import com.accountingexport.core.settings.TenantSettings;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * {@code cash-closing}: the till's takings per day and payment method (seed 003 "clôture de
 * caisse"): how many documents and how much, to check against what was counted. The till holds the
 * cash journal's documents (those whose {@link Document#journal()} is {@link JournalKind#CASH}: cash
 * sales) and the payments and refunds paid into the till, i.e. into a cash account (their
 * {@code payment.bankAccount} starts with the first three digits of {@code AccountMapping.cash()},
 * 530); so each day's total is what the journals debit (payments) less what they credit (refunds)
 * on the cash accounts. A payment made outside the platform never went through the till.
 *
 * <p>The method is the document's {@code payment.method}, else {@code "cash"} for a cash sale
 * without payment details. Amounts are gross, in EUR, refunds negative and counted as one document
 * each. Drafts are left out. Aggregates as documents stream by: one running row per (day, method).
 * Not thread-safe.
 */
public final class CashClosing {
  public static final String ID = "cash-closing";

  public static final List<ReportColumn> COLUMNS = List.of(
      ReportColumn.date("date"), ReportColumn.text("method"), ReportColumn.count("count"),
      ReportColumn.money("amount"));

  /** The method shown for a cash sale that names none. */
  public static final String DEFAULT_METHOD = "cash";

  private record Key(LocalDate date, String method) implements Comparable<Key> {
    @Override
    public int compareTo(Key o) {
      int c = date.compareTo(o.date);
      return c != 0 ? c : method.compareTo(o.method);
    }
  }

  private static final class Total {
    long count;
    BigDecimal amount = Money.ZERO;
  }

  private final String cashRoot;
  private final Map<Key, Total> totals = new TreeMap<>();

  /** @param cashAccount the tenant's cash account (530000): its first three digits tell a till account */
  public CashClosing(String cashAccount) {
    this.cashRoot = Objects.requireNonNull(cashAccount, "cashAccount").trim().substring(0, 3);
  }

  /** For the tenant's accounts: {@code settings.accounts().cash()}. */
  public CashClosing(TenantSettings settings) {
    this(settings.accounts().cash());
  }

  /** A document: counted when it went through the till. */
  public void add(Document d) {
    if (d.status() == DocumentStatus.DRAFT || d.totals() == null || d.totals().gross() == null
        || d.bookingDate() == null) {
      return;
    }
    BigDecimal sign;
    if (d.journal() == JournalKind.CASH) {
      sign = BigDecimal.ONE;
    } else if ((d.type() == DocumentType.PAYMENT || d.type() == DocumentType.REFUND) && intoTill(d.payment())) {
      sign = d.type() == DocumentType.REFUND ? BigDecimal.ONE.negate() : BigDecimal.ONE;
    } else {
      return;
    }
    PaymentInfo p = d.payment();
    String method = p != null && p.method() != null && !p.method().isBlank() ? p.method() : DEFAULT_METHOD;
    Total t = totals.computeIfAbsent(new Key(d.bookingDate(), method), k -> new Total());
    t.count++;
    t.amount = t.amount.add(ListCells.eur(d, d.totals().gross()).multiply(sign));
  }

  private boolean intoTill(PaymentInfo p) {
    return p != null && !p.external() && p.bankAccount() != null && p.bankAccount().trim().startsWith(cashRoot);
  }

  /** A row per day (from {@code from} to {@code to}) and method, in that order, and the totals. */
  public ReportTable table(LocalDate from, LocalDate to) {
    List<List<Object>> out = new ArrayList<>();
    long count = 0;
    BigDecimal amount = Money.ZERO;
    for (Map.Entry<Key, Total> e : totals.entrySet()) {
      if (!InvoiceList.within(e.getKey().date(), from, to)) {
        continue;
      }
      List<Object> row = new ArrayList<>();
      row.add(e.getKey().date());
      row.add(e.getKey().method());
      row.add(e.getValue().count);
      row.add(e.getValue().amount);
      out.add(row);
      count += e.getValue().count;
      amount = amount.add(e.getValue().amount);
    }
    List<Object> total = new ArrayList<>();
    total.add(null);
    total.add(null);
    total.add(count);
    total.add(amount);
    return new ReportTable(ID, from, to, COLUMNS, out, total);
  }
}
