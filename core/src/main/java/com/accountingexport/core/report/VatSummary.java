package com.accountingexport.core.report;

import com.accountingexport.core.booking.EntryLine;
import com.accountingexport.core.booking.JournalEntry;
import com.accountingexport.core.money.Money;
import com.accountingexport.core.settings.AccountMapping;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The VAT summary per month of the entry date, aggregated as entries stream by (one running amount
 * per month, kind and VAT account, never the lines). Per month, in this order:
 * <ul>
 *   <li>{@code collected}: credits minus debits of each collected-VAT account ({@code vatCollected} and
 *       every {@code vatCollectedByRate} account) that moved that month. {@code rate} is the rate a
 *       per-rate account is mapped from ("20.00"; several rates mapped to one account are joined
 *       "5.50,10.00"), null for the general account, which holds every rate not listed;
 *   <li>{@code deductible}: debits minus credits of {@code vatDeductible} and
 *       {@code vatDeductibleFixedAssets} (rate null: entry lines do not carry their rate);
 *   <li>{@code pending-collected}, {@code pending-deductible}: the balance at the end of the month of
 *       {@code vatCollectedPending} (credits minus debits) and {@code vatDeductiblePending} (debits
 *       minus credits): the VAT invoiced on collections and not yet paid. It starts from the entries
 *       given to {@link #opening} (none: zero at the start of the period) and carries over months
 *       without movement; an account shows once it has moved;
 *   <li>{@code net-due}: collected minus deductible of the month (account and rate null); every month
 *       of the table's period has one, 0.00 when nothing moved.
 * </ul>
 * An account named in two roles counts once, in the first of: collected, deductible, pending
 * collected, pending deductible. The totals row holds the net VAT due over the period: kind
 * {@code net-due}, amount = the sum of the months' net due, the other cells null (collected,
 * deductible and pending amounts of different kinds do not add up into one meaningful figure).
 * Not thread-safe: one per computation.
 */
public final class VatSummary {
  public static final String ID = "vat-summary";
  public static final List<ReportColumn> COLUMNS = List.of(
      ReportColumn.text("month"), ReportColumn.text("kind"), ReportColumn.text("account"), ReportColumn.text("rate"),
      ReportColumn.money("amount"));

  /** What a row holds; {@link #wire()} is its {@code kind} cell. */
  public enum Kind {
    COLLECTED, DEDUCTIBLE, PENDING_COLLECTED, PENDING_DEDUCTIBLE, NET_DUE;

    public String wire() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Whether the account's amount is credits minus debits (collected side) rather than debits minus credits. */
    boolean creditSide() {
      return this == COLLECTED || this == PENDING_COLLECTED;
    }
  }

  private final Map<String, Kind> kinds = new HashMap<>();
  private final Map<String, String> rates = new HashMap<>();
  /** month → (kind, account) → the month's movement, signed as the kind reads it. */
  private final Map<YearMonth, Map<Key, BigDecimal>> months = new TreeMap<>();
  /** pending account → its balance from the entries before the period. */
  private final Map<Key, BigDecimal> openingPending = new TreeMap<>();

  public VatSummary(AccountMapping accounts) {
    Map<String, TreeSet<String>> byAccount = new HashMap<>();
    accounts.vatCollectedByRate().forEach((rate, account) -> {
      if (account != null && !account.isBlank()) {
        byAccount.computeIfAbsent(account.trim(), a -> new TreeSet<>(VatSummary::compareRates)).add(rate);
      }
    });
    classify(accounts.vatCollected(), Kind.COLLECTED);
    byAccount.keySet().forEach(a -> classify(a, Kind.COLLECTED));
    byAccount.forEach((account, rs) -> {
      if (!account.equals(trim(accounts.vatCollected()))) {
        rates.put(account, String.join(",", rs));
      }
    });
    classify(accounts.vatDeductible(), Kind.DEDUCTIBLE);
    classify(accounts.vatDeductibleFixedAssets(), Kind.DEDUCTIBLE);
    classify(accounts.vatCollectedPending(), Kind.PENDING_COLLECTED);
    classify(accounts.vatDeductiblePending(), Kind.PENDING_DEDUCTIBLE);
  }

  private void classify(String account, Kind kind) {
    String a = trim(account);
    if (a != null) {
      kinds.putIfAbsent(a, kind);
    }
  }

  private static String trim(String account) {
    return account == null || account.isBlank() ? null : account.trim();
  }

  private static int compareRates(String a, String b) {
    try {
      int c = new BigDecimal(a).compareTo(new BigDecimal(b));
      return c != 0 ? c : a.compareTo(b);
    } catch (NumberFormatException e) {
      return a.compareTo(b);
    }
  }

  /** (kind, account), in row order. */
  private record Key(Kind kind, String account) implements Comparable<Key> {
    @Override
    public int compareTo(Key o) {
      int c = kind.compareTo(o.kind);
      return c != 0 ? c : account.compareTo(o.account);
    }
  }

  /**
   * An entry dated before the period: only its pending-VAT lines count, as the opening balance of
   * the pending rows (collected and deductible VAT are the period's).
   */
  public void opening(JournalEntry e) {
    for (EntryLine l : e.lines()) {
      Key key = key(l);
      if (key != null && (key.kind() == Kind.PENDING_COLLECTED || key.kind() == Kind.PENDING_DEDUCTIBLE)) {
        openingPending.merge(key, signed(key.kind(), l), BigDecimal::add);
      }
    }
  }

  /** An entry of the period, counted in the month of its date. */
  public void add(JournalEntry e) {
    Map<Key, BigDecimal> month = null;
    for (EntryLine l : e.lines()) {
      Key key = key(l);
      if (key == null) {
        continue;
      }
      if (month == null) {
        month = months.computeIfAbsent(YearMonth.from(e.date()), m -> new TreeMap<>());
      }
      month.merge(key, signed(key.kind(), l), BigDecimal::add);
    }
  }

  private Key key(EntryLine l) {
    String account = trim(l.account());
    Kind kind = account == null ? null : kinds.get(account);
    return kind == null ? null : new Key(kind, account);
  }

  private static BigDecimal signed(Kind kind, EntryLine l) {
    BigDecimal d = l.debit() == null ? BigDecimal.ZERO : l.debit();
    BigDecimal c = l.credit() == null ? BigDecimal.ZERO : l.credit();
    return kind.creditSide() ? c.subtract(d) : d.subtract(c);
  }

  /**
   * The report: per month of {@code from}..{@code to} (and of any entry given outside it), the rows
   * described above; the totals row holds the net VAT due over all of them.
   */
  public ReportTable table(LocalDate from, LocalDate to) {
    TreeSet<YearMonth> all = new TreeSet<>(months.keySet());
    if (from != null && to != null && !from.isAfter(to)) {
      for (YearMonth m = YearMonth.from(from); !m.isAfter(YearMonth.from(to)); m = m.plusMonths(1)) {
        all.add(m);
      }
    }
    Map<Key, BigDecimal> pending = new TreeMap<>(openingPending);
    List<List<Object>> rows = new ArrayList<>();
    BigDecimal totalDue = Money.ZERO;
    for (YearMonth m : all) {
      String month = m.toString();
      Map<Key, BigDecimal> moved = months.getOrDefault(m, Map.of());
      BigDecimal collected = Money.ZERO;
      BigDecimal deductible = Money.ZERO;
      for (Map.Entry<Key, BigDecimal> e : moved.entrySet()) {
        Key k = e.getKey();
        BigDecimal amount = Money.round(e.getValue());
        if (k.kind() == Kind.COLLECTED) {
          collected = collected.add(amount);
          rows.add(row(month, k.kind(), k.account(), rates.get(k.account()), amount));
        } else if (k.kind() == Kind.DEDUCTIBLE) {
          deductible = deductible.add(amount);
          rows.add(row(month, k.kind(), k.account(), null, amount));
        } else {
          pending.merge(k, amount, BigDecimal::add);
        }
      }
      pending.forEach((k, balance) -> rows.add(row(month, k.kind(), k.account(), null, Money.round(balance))));
      BigDecimal due = collected.subtract(deductible);
      totalDue = totalDue.add(due);
      rows.add(row(month, Kind.NET_DUE, null, null, due));
    }
    List<Object> totals = new ArrayList<>();
    totals.add(null);
    totals.add(Kind.NET_DUE.wire());
    totals.add(null);
    totals.add(null);
    totals.add(totalDue);
    return new ReportTable(ID, from, to, COLUMNS, rows, totals);
  }

  private static List<Object> row(String month, Kind kind, String account, String rate, BigDecimal amount) {
    List<Object> row = new ArrayList<>(5);
    row.add(month);
    row.add(kind.wire());
    row.add(account);
    row.add(rate);
    row.add(amount);
    return row;
  }
}
