package com.accountingexport.core.report;

import com.accountingexport.core.booking.AccountLabels;
import com.accountingexport.core.booking.Bookkeeper;
import com.accountingexport.core.booking.EntryLine;
import com.accountingexport.core.booking.JournalEntry;
import com.accountingexport.core.booking.JournalKind;
import com.accountingexport.core.document.Document;
import com.accountingexport.core.document.DocumentLine;
import com.accountingexport.core.document.DocumentType;
import com.accountingexport.core.document.PieceOrder;
import com.accountingexport.core.document.ServicePeriod;
import com.accountingexport.core.money.Money;
import com.accountingexport.core.settings.AccountMapping;
import com.accountingexport.core.settings.TenantSettings;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Deferred revenue (produits constatés d'avance) at a date {@code at}: for every sales line whose
 * {@code servicePeriod} runs past {@code at}, the share of its net not yet earned, by days:
 * {@code net × days of the period after at / days of the period}, both counted inclusive, half-up
 * to the cent; and the closing entry it implies (D revenue account / C 487000) per revenue account.
 *
 * <p>What counts: invoices and cash sales positive, credit notes negative, dated (accounting date)
 * on or before {@code at}: a document issued later is not in the books at {@code at}. Deposit
 * invoices and deposit deductions (4191 lines) are not revenue and are left out, as are purchases,
 * lines without a service period (or with one ending before it starts) and foreign documents
 * without an exchange rate. A line's net is converted to EUR at the document's rate, half-up, line
 * by line (the journal converts per account and rate: a foreign document may differ by a cent).
 *
 * <p>The revenue account of a line is the Bookkeeper's (ACCOUNTING §1): its {@code accountNumber},
 * else 707 for goods, 706 otherwise ({@code revenueGoods}/{@code revenueServices}), read from
 * {@link Bookkeeper#revenueAccount}; a test books documents with the Bookkeeper to check the
 * amounts per account agree. {@link #add(Document, String)} puts every line on one account instead.
 *
 * <p>Rows: one per (revenue account, document, service period), the lines of one document sharing
 * an account and a period summed (their share is computed once, on the sum); sorted by account,
 * document number (natural order), period. Totals: net and deferred. Aggregated as documents stream
 * by (one running row per key, never a list of lines). Not thread-safe: one per computation.
 */
public final class DeferredRevenue {
  public static final String ID = "deferred-revenue";
  /** PCG 487 "Produits constatés d'avance". */
  public static final String DEFERRED_REVENUE_ACCOUNT = "487000";
  public static final String DEFERRED_REVENUE_LABEL = "Produits constatés d'avance";
  public static final List<ReportColumn> COLUMNS = List.of(
      ReportColumn.text("account"), ReportColumn.text("documentNumber"), ReportColumn.date("from"),
      ReportColumn.date("to"), ReportColumn.money("net"), ReportColumn.money("deferred"));

  private static final Comparator<Key> ORDER = Comparator.comparing(Key::account)
      .thenComparing(Key::documentNumber, PieceOrder.NATURAL)
      .thenComparing(Key::from)
      .thenComparing(Key::to)
      .thenComparing(Key::documentId, Comparator.nullsFirst(Comparator.naturalOrder()));

  private final TenantSettings settings;
  private final AccountMapping accounts;
  private final LocalDate at;
  private final String deferredAccount;
  private final Map<Key, Row> rows = new TreeMap<>(ORDER);

  /** Deferred revenue at {@code at}, closed on 487000. */
  public DeferredRevenue(TenantSettings settings, LocalDate at) {
    this(settings, at, DEFERRED_REVENUE_ACCOUNT);
  }

  /** Deferred revenue at {@code at}, closed on {@code deferredAccount} (a 487 sub-account). */
  public DeferredRevenue(TenantSettings settings, LocalDate at, String deferredAccount) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.accounts = Objects.requireNonNull(settings.accounts(), "settings.accounts");
    this.at = Objects.requireNonNull(at, "at");
    this.deferredAccount = Objects.requireNonNull(deferredAccount, "deferredAccount");
  }

  private record Key(String account, String documentNumber, String documentId, LocalDate from, LocalDate to) {}

  private static final class Row {
    /** Before rounding: the EUR nets of the lines. */
    BigDecimal net = BigDecimal.ZERO;
  }

  /** A sales document, each line on the revenue account the Bookkeeper books it on. */
  public void add(Document d) {
    add(d, null);
  }

  /**
   * A sales document, every revenue line on {@code revenueAccount} (null: the Bookkeeper's account
   * of each line).
   */
  public void add(Document d, String revenueAccount) {
    int sign = sign(d);
    if (sign == 0 || d.bookingDate() == null || d.bookingDate().isAfter(at)) {
      return;
    }
    if (!d.isEuro() && (d.exchangeRate() == null || d.exchangeRate().signum() <= 0)) {
      return;
    }
    String forced = revenueAccount == null || revenueAccount.isBlank() ? null : revenueAccount.trim();
    for (DocumentLine line : d.lines()) {
      ServicePeriod p = line.servicePeriod();
      if (p == null || p.from() == null || p.to() == null || p.from().isAfter(p.to()) || !p.to().isAfter(at)
          || line.netAmount() == null || isDeposit(line.accountNumber())) {
        continue;
      }
      String account = forced != null ? forced : Bookkeeper.revenueAccount(accounts, line);
      BigDecimal net = d.isEuro() ? line.netAmount()
          : line.netAmount().divide(d.exchangeRate(), Money.SCALE, RoundingMode.HALF_UP);
      String number = d.pieceRef() == null ? "" : d.pieceRef();
      Row r = rows.computeIfAbsent(new Key(account, number, d.id(), p.from(), p.to()), k -> new Row());
      r.net = r.net.add(sign > 0 ? net : net.negate());
    }
  }

  private static int sign(Document d) {
    if (d == null || d.type() == null) {
      return 0;
    }
    return switch (d.type()) {
      case INVOICE, CASH_SALE -> 1;
      case CREDIT_NOTE -> -1;
      default -> 0;
    };
  }

  private boolean isDeposit(String account) {
    String a = account == null ? "" : account.trim();
    return !a.isEmpty() && (a.startsWith("4191") || a.equals(accounts.customerDeposits()));
  }

  /** The share of {@code net} not earned at {@code at}: days of the period after it over all its days. */
  private BigDecimal deferred(BigDecimal net, LocalDate from, LocalDate to) {
    long total = ChronoUnit.DAYS.between(from, to) + 1;
    LocalDate first = from.isAfter(at) ? from : at.plusDays(1);
    long left = ChronoUnit.DAYS.between(first, to) + 1;
    return net.multiply(BigDecimal.valueOf(left)).divide(BigDecimal.valueOf(total), Money.SCALE, RoundingMode.HALF_UP);
  }

  /** The date the report is at. */
  public LocalDate at() {
    return at;
  }

  /** The report (from = to = {@code at}): a row per account, document and period, and the totals. */
  public ReportTable table() {
    List<List<Object>> out = new ArrayList<>();
    BigDecimal net = Money.ZERO;
    BigDecimal deferred = Money.ZERO;
    for (Map.Entry<Key, Row> e : rows.entrySet()) {
      Key k = e.getKey();
      BigDecimal rowNet = Money.round(e.getValue().net);
      BigDecimal rowDeferred = deferred(rowNet, k.from(), k.to());
      List<Object> row = new ArrayList<>(6);
      row.add(k.account());
      row.add(k.documentNumber());
      row.add(k.from());
      row.add(k.to());
      row.add(rowNet);
      row.add(rowDeferred);
      out.add(row);
      net = net.add(rowNet);
      deferred = deferred.add(rowDeferred);
    }
    List<Object> totals = new ArrayList<>(6);
    for (int i = 0; i < 4; i++) {
      totals.add(null);
    }
    totals.add(net);
    totals.add(deferred);
    return new ReportTable(ID, at, at, COLUMNS, out, totals);
  }

  /** The deferred amount per revenue account, in account order (the table's rows summed). */
  public Map<String, BigDecimal> byAccount() {
    Map<String, BigDecimal> out = new TreeMap<>();
    rows.forEach((k, r) -> out.merge(k.account(), deferred(Money.round(r.net), k.from(), k.to()), BigDecimal::add));
    return out;
  }

  /**
   * The closing entry the deferred revenue implies, dated {@code at} in the miscellaneous journal:
   * per revenue account D its deferred amount (C when credit notes outweigh), and C 487000 for the
   * total (the other side when negative); no 0.00 line. Empty when nothing is deferred. Its reversal
   * on the first day of the next period is the accountant's (not built here).
   */
  public Optional<JournalEntry> closingEntry() {
    String label = DEFERRED_REVENUE_LABEL + " au " + at;
    List<EntryLine> lines = new ArrayList<>();
    BigDecimal total = Money.ZERO;
    for (Map.Entry<String, BigDecimal> e : byAccount().entrySet()) {
      BigDecimal amount = e.getValue();
      if (amount.signum() == 0) {
        continue;
      }
      lines.add(line(e.getKey(), AccountLabels.of(e.getKey()), label, amount));
      total = total.add(amount);
    }
    if (lines.isEmpty()) {
      return Optional.empty();
    }
    if (total.signum() != 0) {
      lines.add(line(deferredAccount, DEFERRED_REVENUE_LABEL, label, total.negate()));
    }
    String piece = "PCA-" + at.toString().replace("-", "");
    JournalKind misc = JournalKind.MISC;
    return Optional.of(new JournalEntry(settings.journalCode(misc), misc.defaultLabel(), at, piece, at, label,
        "deferred-revenue-" + at, lines));
  }

  /** A line of {@code signed} (positive = debit). */
  private static EntryLine line(String account, String accountLabel, String label, BigDecimal signed) {
    BigDecimal debit = signed.signum() > 0 ? signed : Money.ZERO;
    BigDecimal credit = signed.signum() < 0 ? signed.negate() : Money.ZERO;
    return new EntryLine(account, accountLabel, null, null, label, debit, credit, null, null);
  }
}
