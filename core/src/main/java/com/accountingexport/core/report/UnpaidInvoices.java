package com.accountingexport.core.report;

import com.accountingexport.core.document.Allocation;
import com.accountingexport.core.document.Document;
import com.accountingexport.core.document.DocumentStatus;
import com.accountingexport.core.document.DocumentType;
import com.accountingexport.core.document.PieceOrder;
import com.accountingexport.core.money.Money;
import com.accountingexport.core.settings.TenantSettings;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code unpaid}: the invoices not (fully) paid and the credit notes not (fully) used at a date
 * (seed 003 "factures non réglées et avoirs non utilisés"), each with what is left and its age.
 *
 * <p>What settles what follows the booking rules (Bookkeeper, ACCOUNTING.md §5): a payment settles
 * invoices and deposit invoices, a refund settles credit notes, and a credit note settles the
 * invoice it names; each names its documents in {@code relatedDocumentIds} (with the amount it pays
 * on each, in that document's currency; none = what the settlement has left after the allocations
 * before it) or {@code relatedDocumentId} (its whole amount; in another currency, the rest of the
 * document). A document takes its settlements dated up to {@code at} (a payment's {@code paidAt})
 * in order of date, number and id, each capped at what is still open: an overpayment stays on the
 * customer's account, not on the invoice. A credit note is used first by the invoices it settles,
 * then by its refunds. Drafts are neither open nor settle anything; documents dated after
 * {@code at} are left out.
 *
 * <p>Per row: {@code gross} the document's total, {@code paid} what was settled, {@code outstanding}
 * = gross − paid, in EUR at the document's rate; credit notes negative (the firm owes them). Age:
 * {@code dueDate} is the document's, else its date + {@code paymentTermsDays} (the same rule for
 * credit notes); {@code daysOverdue} = days from it to {@code at}, 0 when not yet past; {@code bucket}
 * is {@code "not due"}, {@code "0-30"} (1 to 30 days past due), {@code "31-60"}, {@code "61-90"} or
 * {@code "90+"} (91 and more). The totals row sums gross, paid and outstanding, and its
 * {@code bucket} cell counts the rows of each bucket with their outstanding amount:
 * {@code "not due: 1 (100.00) / 0-30: 2 (150.00) / 31-60: 0 (0.00) / 61-90: 0 (0.00) / 90+: 0 (0.00)"}.
 *
 * <p>Settlements may arrive before or after the documents they settle: each document and
 * settlement is held (a few fields, never its lines) until {@link #table}. Feed it every sales
 * document up to {@code at} that may still be open, with their settlements. Not thread-safe.
 */
public final class UnpaidInvoices {
  public static final String ID = "unpaid";

  public static final List<ReportColumn> COLUMNS = List.of(
      ReportColumn.text("number"), ReportColumn.date("date"), ReportColumn.date("dueDate"),
      ReportColumn.text("counterparty"), ReportColumn.money("gross"), ReportColumn.money("paid"),
      ReportColumn.money("outstanding"), ReportColumn.count("daysOverdue"), ReportColumn.text("bucket"));

  public static final String NOT_DUE = "not due";
  /** The buckets, in order. */
  public static final List<String> BUCKETS = List.of(NOT_DUE, "0-30", "31-60", "61-90", "90+");

  /** An invoice, deposit invoice or credit note that may be open. */
  private record Open(String id, DocumentType type, String number, String piece, LocalDate date, LocalDate due,
      String party, String currency, BigDecimal rate, BigDecimal gross) {}

  /** A payment, refund or credit note as a settlement of other documents. */
  private record Settlement(String id, DocumentType type, String piece, LocalDate date, String currency,
      BigDecimal gross, List<Allocation> allocations) {}

  /** What one settlement asks of one document: {@code asked} null = all that is left. */
  private record Share(Settlement from, BigDecimal asked) {}

  private static final Comparator<Share> SETTLEMENT_ORDER = Comparator
      .comparing((Share s) -> s.from().date())
      .thenComparing(s -> s.from().piece(), Comparator.nullsFirst(PieceOrder.NATURAL))
      .thenComparing(s -> s.from().id(), Comparator.nullsFirst(Comparator.naturalOrder()));

  private static final Comparator<Open> ROW_ORDER = Comparator.comparing(Open::date)
      .thenComparing(Open::piece, Comparator.nullsFirst(PieceOrder.NATURAL))
      .thenComparing(Open::id, Comparator.nullsFirst(Comparator.naturalOrder()));

  private final LocalDate at;
  private final int paymentTermsDays;
  private final Map<String, Open> open = new LinkedHashMap<>();
  private final Map<String, Settlement> settlements = new LinkedHashMap<>();

  /**
   * @param at the date the list is drawn at
   * @param paymentTermsDays a document without {@code dueDate} is due this many days after its date
   */
  public UnpaidInvoices(LocalDate at, int paymentTermsDays) {
    this.at = Objects.requireNonNull(at, "at");
    this.paymentTermsDays = paymentTermsDays;
  }

  /** With the tenant's payment terms ({@code settings.invoicing().paymentTermsDays()}). */
  public UnpaidInvoices(TenantSettings settings, LocalDate at) {
    this(at, settings.invoicing().paymentTermsDays());
  }

  /** A document: kept when it may be open or settle one; anything else is left out. */
  public void add(Document d) {
    if (d.status() == DocumentStatus.DRAFT || d.totals() == null || d.totals().gross() == null || d.date() == null) {
      return;
    }
    DocumentType t = d.type();
    if ((t == DocumentType.INVOICE || t == DocumentType.DEPOSIT_INVOICE || t == DocumentType.CREDIT_NOTE)
        && !d.date().isAfter(at)) {
      open.put(d.id(), new Open(d.id(), t, d.number(), d.pieceRef(), d.date(), d.dueDateOr(paymentTermsDays),
          ListCells.partyName(d), d.currency(), d.exchangeRate(), d.totals().gross()));
    }
    if ((t == DocumentType.PAYMENT || t == DocumentType.REFUND || t == DocumentType.CREDIT_NOTE)
        && d.bookingDate() != null && !d.bookingDate().isAfter(at) && !d.allocations().isEmpty()) {
      settlements.put(d.id(), new Settlement(d.id(), t, d.pieceRef(), d.bookingDate(), d.currency(),
          d.totals().gross(), d.allocations()));
    }
  }

  /** Whether a settlement of this type settles a document of that type (as the journals book them). */
  private static boolean settles(DocumentType settlement, DocumentType document) {
    return switch (settlement) {
      case PAYMENT, CREDIT_NOTE -> document == DocumentType.INVOICE || document == DocumentType.DEPOSIT_INVOICE;
      case REFUND -> document == DocumentType.CREDIT_NOTE;
      default -> false;
    };
  }

  /** The bucket of a document {@code daysPastDue} days past its due date (0 or less: not due). */
  public static String bucket(long daysPastDue) {
    if (daysPastDue <= 0) {
      return NOT_DUE;
    }
    if (daysPastDue <= 30) {
      return "0-30";
    }
    if (daysPastDue <= 60) {
      return "31-60";
    }
    return daysPastDue <= 90 ? "61-90" : "90+";
  }

  /**
   * The documents dated {@code from}..{@code to} (null: no bound; {@code to} is normally {@code at})
   * that are still open at {@code at}, by date and number, and the totals.
   */
  public ReportTable table(LocalDate from, LocalDate to) {
    Map<String, List<Share>> shares = shares();
    Map<String, BigDecimal> left = new HashMap<>();
    Map<String, BigDecimal> creditUsed = new HashMap<>();
    // invoices first: what they take of their credit notes is then what the refunds find used
    for (Open o : open.values()) {
      if (o.type() == DocumentType.CREDIT_NOTE) {
        continue;
      }
      BigDecimal rest = settle(o.gross(), shares.get(o.id()), (s, covered) -> {
        if (s.from().type() == DocumentType.CREDIT_NOTE) {
          creditUsed.merge(s.from().id(), covered, BigDecimal::add);
        }
      });
      left.put(o.id(), rest);
    }
    for (Open o : open.values()) {
      if (o.type() == DocumentType.CREDIT_NOTE) {
        BigDecimal applied = creditUsed.getOrDefault(o.id(), BigDecimal.ZERO);
        BigDecimal start = o.gross().subtract(applied).max(BigDecimal.ZERO);
        left.put(o.id(), settle(start, shares.get(o.id()), (s, covered) -> {}));
      }
    }

    List<Open> rows = new ArrayList<>();
    for (Open o : open.values()) {
      if (left.get(o.id()).signum() != 0 && InvoiceList.within(o.date(), from, to)) {
        rows.add(o);
      }
    }
    rows.sort(ROW_ORDER);
    BigDecimal gross = Money.ZERO;
    BigDecimal paid = Money.ZERO;
    BigDecimal outstanding = Money.ZERO;
    long[] counts = new long[BUCKETS.size()];
    BigDecimal[] perBucket = new BigDecimal[BUCKETS.size()];
    java.util.Arrays.fill(perBucket, Money.ZERO);
    List<List<Object>> out = new ArrayList<>();
    for (Open o : rows) {
      BigDecimal sign = o.type() == DocumentType.CREDIT_NOTE ? BigDecimal.ONE.negate() : BigDecimal.ONE;
      BigDecimal g = ListCells.eur(o.currency(), o.rate(), o.gross()).multiply(sign);
      BigDecimal p = ListCells.eur(o.currency(), o.rate(), o.gross().subtract(left.get(o.id()))).multiply(sign);
      BigDecimal rest = g.subtract(p);
      long days = o.due() == null ? 0 : ChronoUnit.DAYS.between(o.due(), at);
      String bucket = bucket(days);
      int b = BUCKETS.indexOf(bucket);
      counts[b]++;
      perBucket[b] = perBucket[b].add(rest);
      gross = gross.add(g);
      paid = paid.add(p);
      outstanding = outstanding.add(rest);
      List<Object> row = new ArrayList<>();
      row.add(o.number());
      row.add(o.date());
      row.add(o.due());
      row.add(o.party());
      row.add(g);
      row.add(p);
      row.add(rest);
      row.add(Math.max(0, days));
      row.add(bucket);
      out.add(row);
    }
    StringBuilder buckets = new StringBuilder();
    for (int i = 0; i < BUCKETS.size(); i++) {
      buckets.append(i == 0 ? "" : " / ").append(BUCKETS.get(i)).append(": ").append(counts[i])
          .append(" (").append(Money.format(perBucket[i])).append(")");
    }
    List<Object> totals = new ArrayList<>(java.util.Collections.nCopies(COLUMNS.size(), null));
    totals.set(4, gross);
    totals.set(5, paid);
    totals.set(6, outstanding);
    totals.set(8, buckets.toString());
    return new ReportTable(ID, from, to, COLUMNS, out, totals);
  }

  /** The date the list is drawn at. */
  public LocalDate at() {
    return at;
  }

  /**
   * What each settlement asks of each open document it settles, as the journals read an
   * allocation: an amount, else what the settlement has left (in the document's currency), else,
   * in another currency, all that is left of the document.
   */
  private Map<String, List<Share>> shares() {
    Map<String, List<Share>> out = new HashMap<>();
    for (Settlement s : settlements.values()) {
      BigDecimal remaining = s.gross();
      for (Allocation a : s.allocations()) {
        Open target = a.documentId() == null ? null : open.get(a.documentId());
        boolean sameCurrency = target == null || target.currency().equals(s.currency());
        BigDecimal asked = a.amount() != null ? a.amount() : sameCurrency ? remaining : null;
        if (target != null && !target.id().equals(s.id()) && settles(s.type(), target.type())) {
          out.computeIfAbsent(target.id(), k -> new ArrayList<>()).add(new Share(s, asked));
        }
        if (asked != null) {
          remaining = remaining.subtract(asked).max(BigDecimal.ZERO);
        }
      }
    }
    return out;
  }

  /** What is left of {@code whole} after its settlements in order, each capped at what is left. */
  private static BigDecimal settle(BigDecimal whole, List<Share> shares,
      java.util.function.BiConsumer<Share, BigDecimal> each) {
    BigDecimal left = whole.max(BigDecimal.ZERO);
    if (shares == null) {
      return left;
    }
    shares.sort(SETTLEMENT_ORDER);
    for (Share s : shares) {
      BigDecimal covered = s.asked() == null ? left : s.asked().max(BigDecimal.ZERO).min(left);
      if (covered.signum() != 0) {
        each.accept(s, covered);
        left = left.subtract(covered);
      }
    }
    return left;
  }
}
