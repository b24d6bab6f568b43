package com.accountingexport.core.report;

import com.accountingexport.core.document.Document;
import com.accountingexport.core.document.DocumentLine;
import com.accountingexport.core.document.DocumentType;
import com.accountingexport.core.document.PieceOrder;
import com.accountingexport.core.money.Money;
import com.accountingexport.core.service.DocumentView;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code invoices}: the invoices, deposit invoices and credit notes of a period (seed 003 "factures
 * et avoirs"), one row per document as the documents API shows it, with its amounts per VAT rate
 * and its export state. Credit notes are negative, so that a column's total is what the customers
 * were invoiced net of credits. Amounts are in EUR (a foreign document at its exchange rate).
 *
 * <p>{@code net}, {@code vat} and {@code gross} are the printed totals; {@code vatByRate} sums the
 * lines per rate, as printed (ACCOUNTING.md §6: per-line rounding may leave a cent between the lines
 * and the totals, which the journals put on the largest line; this list does not). It reads
 * {@code "20.00: net 100.00 vat 20.00 / 5.50: net 10.00 vat 0.55"}, rates from the highest; the
 * totals row holds the same per rate over the whole list.
 *
 * <p>Each row is held (one per document) until {@link #table}: fine for a page or a period's list,
 * never for the lines. Not thread-safe: one per computation.
 */
public final class InvoiceList {
  public static final String ID = "invoices";

  public static final List<ReportColumn> COLUMNS = List.of(
      ReportColumn.date("date"), ReportColumn.text("number"), ReportColumn.text("type"),
      ReportColumn.text("counterpartyId"), ReportColumn.text("counterparty"), ReportColumn.money("net"),
      ReportColumn.money("vat"), ReportColumn.money("gross"), ReportColumn.text("vatByRate"),
      ReportColumn.text("exportState"), ReportColumn.text("exportNumber"));

  /** The document types this list shows. */
  public static final Set<DocumentType> TYPES = Set.of(DocumentType.INVOICE, DocumentType.DEPOSIT_INVOICE,
      DocumentType.CREDIT_NOTE);

  /** A rate's amounts: its base and its VAT. */
  private record RateAmounts(BigDecimal net, BigDecimal vat) {
    RateAmounts plus(RateAmounts o) {
      return new RateAmounts(net.add(o.net), vat.add(o.vat));
    }
  }

  private record Row(LocalDate date, String piece, String id, List<Object> cells, Map<BigDecimal, RateAmounts> rates) {}

  private static final Comparator<Row> ORDER = Comparator
      .comparing(Row::date, Comparator.nullsFirst(Comparator.naturalOrder()))
      .thenComparing(Row::piece, Comparator.nullsFirst(PieceOrder.NATURAL))
      .thenComparing(Row::id, Comparator.nullsFirst(Comparator.naturalOrder()));

  /** Rates from the highest; a line without a rate last. */
  private static final Comparator<BigDecimal> RATES = Comparator.nullsLast(Comparator.<BigDecimal>reverseOrder());

  private final List<Row> rows = new ArrayList<>();
  /** When set, rows go out as they come and only the totals are kept ({@link #streaming}). */
  private java.util.function.Consumer<List<Object>> sink;
  private BigDecimal streamedNet = Money.ZERO;
  private BigDecimal streamedVat = Money.ZERO;
  private BigDecimal streamedGross = Money.ZERO;
  private final Map<BigDecimal, RateAmounts> streamedRates = new TreeMap<>(RATES);

  /**
   * Rows go to {@code sink} as documents are added, in the order they come (the repository's:
   * booking date, then id), instead of being held and sorted; {@link #totals()} then gives the
   * totals row. What lets a list of any length stream into a file.
   */
  public InvoiceList streaming(java.util.function.Consumer<List<Object>> sink) {
    this.sink = sink;
    return this;
  }

  /** A document as the documents API shows it; other types than {@link #TYPES} are left out. */
  public void add(DocumentView view) {
    Document d = view.stored().document();
    if (!TYPES.contains(d.type())) {
      return;
    }
    BigDecimal sign = d.type() == DocumentType.CREDIT_NOTE ? BigDecimal.ONE.negate() : BigDecimal.ONE;
    BigDecimal net = d.totals() == null ? null : ListCells.eur(d, d.totals().net()).multiply(sign);
    BigDecimal vat = d.totals() == null ? null : ListCells.eur(d, d.totals().vat()).multiply(sign);
    BigDecimal gross = d.totals() == null ? null : ListCells.eur(d, d.totals().gross()).multiply(sign);
    Map<BigDecimal, RateAmounts> perRate = new TreeMap<>(RATES);
    Map<BigDecimal, RateAmounts> printed = new TreeMap<>(RATES);
    for (DocumentLine l : d.lines()) {
      BigDecimal rate = l.vatRate() == null ? null : l.vatRate().setScale(2, RoundingMode.HALF_UP);
      printed.merge(rate, new RateAmounts(orZero(l.netAmount()), orZero(l.vatAmount())), RateAmounts::plus);
    }
    // each rate converted once, from its printed sums, with the document's sign
    printed.forEach((rate, a) -> perRate.put(rate,
        new RateAmounts(ListCells.eur(d, a.net()).multiply(sign), ListCells.eur(d, a.vat()).multiply(sign))));
    List<Object> cells = new ArrayList<>();
    cells.add(d.date());
    cells.add(d.number());
    cells.add(d.type().wire());
    cells.add(ListCells.partyId(d));
    cells.add(ListCells.partyName(d));
    cells.add(net);
    cells.add(vat);
    cells.add(gross);
    cells.add(perRate.isEmpty() ? null : format(perRate));
    cells.add(ListCells.state(view));
    cells.add(ListCells.exportNumber(view.stored()));
    if (sink != null) {
      sink.accept(cells);
      streamedNet = add(streamedNet, net);
      streamedVat = add(streamedVat, vat);
      streamedGross = add(streamedGross, gross);
      perRate.forEach((rate, a) -> streamedRates.merge(rate, a, RateAmounts::plus));
      return;
    }
    rows.add(new Row(d.date(), d.pieceRef(), d.id(), cells, perRate));
  }

  /** The totals of the rows streamed so far ({@link #streaming}). */
  public List<Object> totals() {
    return totalsRow(streamedNet, streamedVat, streamedGross, streamedRates);
  }

  /** The documents dated {@code from}..{@code to}, by date and number, and the totals. */
  public ReportTable table(LocalDate from, LocalDate to) {
    List<Row> kept = new ArrayList<>();
    for (Row r : rows) {
      if (within(r.date(), from, to)) {
        kept.add(r);
      }
    }
    kept.sort(ORDER);
    BigDecimal net = Money.ZERO;
    BigDecimal vat = Money.ZERO;
    BigDecimal gross = Money.ZERO;
    Map<BigDecimal, RateAmounts> rates = new TreeMap<>(RATES);
    List<List<Object>> out = new ArrayList<>();
    for (Row r : kept) {
      net = add(net, r.cells().get(5));
      vat = add(vat, r.cells().get(6));
      gross = add(gross, r.cells().get(7));
      r.rates().forEach((rate, a) -> rates.merge(rate, a, RateAmounts::plus));
      out.add(r.cells());
    }
    return new ReportTable(ID, from, to, COLUMNS, out, totalsRow(net, vat, gross, rates));
  }

  private static List<Object> totalsRow(BigDecimal net, BigDecimal vat, BigDecimal gross,
      Map<BigDecimal, RateAmounts> rates) {
    List<Object> totals = new ArrayList<>(java.util.Collections.nCopies(COLUMNS.size(), null));
    totals.set(5, net);
    totals.set(6, vat);
    totals.set(7, gross);
    totals.set(8, rates.isEmpty() ? null : format(rates));
    return totals;
  }

  static boolean within(LocalDate date, LocalDate from, LocalDate to) {
    return date != null && (from == null || !date.isBefore(from)) && (to == null || !date.isAfter(to));
  }

  private static BigDecimal add(BigDecimal total, Object cell) {
    return cell == null ? total : total.add((BigDecimal) cell);
  }

  private static String format(Map<BigDecimal, RateAmounts> perRate) {
    StringBuilder b = new StringBuilder();
    perRate.forEach((rate, a) -> {
      if (b.length() > 0) {
        b.append(" / ");
      }
      b.append(rate == null ? "none" : rate.toPlainString()).append(": net ").append(Money.format(a.net()))
          .append(" vat ").append(Money.format(a.vat()));
    });
    return b.toString();
  }

  private static BigDecimal orZero(BigDecimal v) {
    return v == null ? BigDecimal.ZERO : v;
  }
}
