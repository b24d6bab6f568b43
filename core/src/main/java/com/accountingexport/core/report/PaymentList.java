package com.accountingexport.core.report;

import com.accountingexport.core.booking.DocumentLookup;
import com.accountingexport.core.document.Allocation;
import com.accountingexport.core.document.Counterparty;
import com.accountingexport.core.document.Document;
import com.accountingexport.core.document.DocumentType;
import com.accountingexport.core.document.PieceOrder;
import com.accountingexport.core.money.Money;
import com.accountingexport.core.service.DocumentView;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code payments}: the customers' payments and refunds of a period (seed 003 "paiements et
 * remboursements"), one row per document, dated by when the money moved ({@code payment.paidAt},
 * the entry date, else the document date), refunds negative, in EUR. {@code settles} names what each
 * settles: the numbers of its {@code relatedDocumentIds} (with the amount each allocation gives) or
 * of its {@code relatedDocumentId}, e.g. {@code "F-1 (50.00), F-2"}; an id stands for a document the
 * lookup does not know. Payments made outside the platform are listed too: they were received.
 *
 * <p>Each row is held (one per document) until {@link #table}. Not thread-safe: one per computation.
 */
public final class PaymentList {
  public static final String ID = "payments";

  public static final List<ReportColumn> COLUMNS = List.of(
      ReportColumn.date("date"), ReportColumn.text("number"), ReportColumn.text("counterparty"),
      ReportColumn.text("method"), ReportColumn.money("amount"), ReportColumn.text("settles"),
      ReportColumn.text("exportState"), ReportColumn.text("exportNumber"));

  private record Row(LocalDate date, String piece, String id, List<Object> cells) {}

  private static final Comparator<Row> ORDER = Comparator
      .comparing(Row::date, Comparator.nullsFirst(Comparator.naturalOrder()))
      .thenComparing(Row::piece, Comparator.nullsFirst(PieceOrder.NATURAL))
      .thenComparing(Row::id, Comparator.nullsFirst(Comparator.naturalOrder()));

  private final DocumentLookup lookup;
  private final List<Row> rows = new ArrayList<>();
  /** When set, rows go out as they come and only the total is kept ({@link #streaming}). */
  private java.util.function.Consumer<List<Object>> sink;
  private BigDecimal streamed = Money.ZERO;

  /** Rows go to {@code sink} as documents are added, in their order, not held; see {@link InvoiceList#streaming}. */
  public PaymentList streaming(java.util.function.Consumer<List<Object>> sink) {
    this.sink = sink;
    return this;
  }

  /** The totals of the rows streamed so far. */
  public List<Object> totals() {
    return totalsRow(streamed);
  }

  /**
   * @param lookup finds the settled documents, for their numbers (and the party of a payment that
   *     names none): {@code ExportPlanner.cachingLookup} reads each once
   */
  public PaymentList(DocumentLookup lookup) {
    this.lookup = Objects.requireNonNull(lookup, "lookup");
  }

  /** Without a lookup: {@code settles} shows document ids. */
  public PaymentList() {
    this(DocumentLookup.none());
  }

  /** A document as the documents API shows it; anything but a payment or refund is left out. */
  public void add(DocumentView view) {
    Document d = view.stored().document();
    if (d.type() != DocumentType.PAYMENT && d.type() != DocumentType.REFUND) {
      return;
    }
    BigDecimal sign = d.type() == DocumentType.REFUND ? BigDecimal.ONE.negate() : BigDecimal.ONE;
    BigDecimal amount = d.totals() == null ? null : ListCells.eur(d, d.totals().gross()).multiply(sign);
    List<String> settled = new ArrayList<>();
    Counterparty party = d.counterparty();
    for (Allocation a : d.allocations()) {
      Optional<Document> related = find(a.documentId());
      if (party == null && related.isPresent()) {
        party = related.get().counterparty();
      }
      String ref = related.map(Document::pieceRef).orElse(a.documentId());
      settled.add(a.amount() == null ? ref : ref + " (" + Money.format(a.amount()) + ")");
    }
    List<Object> cells = new ArrayList<>();
    cells.add(d.bookingDate());
    cells.add(d.number());
    cells.add(party == null ? null : party.name());
    cells.add(d.payment() == null ? null : d.payment().method());
    cells.add(amount);
    cells.add(settled.isEmpty() ? null : String.join(", ", settled));
    cells.add(ListCells.state(view));
    cells.add(ListCells.exportNumber(view.stored()));
    if (sink != null) {
      sink.accept(cells);
      streamed = amount == null ? streamed : streamed.add(amount);
      return;
    }
    rows.add(new Row(d.bookingDate(), d.pieceRef(), d.id(), cells));
  }

  private Optional<Document> find(String id) {
    if (id == null) {
      return Optional.empty();
    }
    Optional<Document> found = lookup.find(id);
    return found == null ? Optional.empty() : found;
  }

  /** The payments and refunds dated {@code from}..{@code to}, by date and number, and the total. */
  public ReportTable table(LocalDate from, LocalDate to) {
    List<Row> kept = new ArrayList<>();
    for (Row r : rows) {
      if (InvoiceList.within(r.date(), from, to)) {
        kept.add(r);
      }
    }
    kept.sort(ORDER);
    BigDecimal amount = Money.ZERO;
    List<List<Object>> out = new ArrayList<>();
    for (Row r : kept) {
      Object a = r.cells().get(4);
      amount = a == null ? amount : amount.add((BigDecimal) a);
      out.add(r.cells());
    }
    return new ReportTable(ID, from, to, COLUMNS, out, totalsRow(amount));
  }

  private static List<Object> totalsRow(BigDecimal amount) {
    List<Object> totals = new ArrayList<>(java.util.Collections.nCopies(COLUMNS.size(), null));
    totals.set(4, amount);
    return totals;
  }
}
