package com.accountingexport.core.report;

import com.accountingexport.core.booking.DocumentLookup;
import com.accountingexport.core.document.Allocation;
import com.accountingexport.core.document.Document;
import com.accountingexport.core.document.DocumentType;
import com.accountingexport.core.document.PieceOrder;
import com.accountingexport.core.money.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The collections journal (journal des encaissements, seed 003): the payments received per day and
 * payment method, with the invoices they settle. Entries do not carry the method, so it is fed with
 * the settlement documents themselves: a {@code payment} counts positive, a {@code refund} negative
 * (money given back), every other type is ignored. Aggregated as documents stream by: one running
 * row per (day, method), holding the references of the invoices settled that day by that method.
 *
 * <ul>
 *   <li>{@code date}: the accounting date of the settlement ({@code payment.paidAt}, else its date),
 *       as in the bank journal;
 *   <li>{@code method}: {@code payment.method} as the platform sends it, trimmed; null when absent;
 *   <li>{@code count}: how many settlements (a refund counts one too);
 *   <li>{@code amount}: {@code totals.gross} in EUR (a foreign settlement at its own exchange rate,
 *       half-up, as its bank line is booked), refunds negative;
 *   <li>{@code invoices}: the documents settled (its {@code relatedDocumentIds}, else its
 *       {@code relatedDocumentId}), by number when the lookup knows them, else by id; in natural
 *       order, joined with ", "; null when none is named.
 * </ul>
 * Every settlement fed counts, one paid outside the platform ({@code payment.external}) too: choosing
 * which documents belong to the period is the feeder's job. A foreign settlement without an exchange
 * rate cannot be converted and is left out (the journals block it as UNBALANCED). The totals row holds
 * the count and the amount. Not thread-safe: one per computation.
 */
public final class CollectionsJournal {
  public static final String ID = "collections";
  public static final List<ReportColumn> COLUMNS = List.of(
      ReportColumn.date("date"), ReportColumn.text("method"), ReportColumn.count("count"), ReportColumn.money("amount"),
      ReportColumn.text("invoices"));

  private static final Comparator<Key> ORDER = Comparator.comparing(Key::date)
      .thenComparing(Key::method, Comparator.nullsLast(Comparator.naturalOrder()));

  private final DocumentLookup invoices;
  private final Map<Key, Row> rows = new TreeMap<>(ORDER);

  /** Settled documents shown by id. */
  public CollectionsJournal() {
    this(DocumentLookup.none());
  }

  /** Settled documents shown by number (piece reference) when {@code invoices} finds them. */
  public CollectionsJournal(DocumentLookup invoices) {
    this.invoices = invoices == null ? DocumentLookup.none() : invoices;
  }

  private record Key(LocalDate date, String method) {}

  private static final class Row {
    long count;
    BigDecimal amount = Money.ZERO;
    final TreeSet<String> invoices = new TreeSet<>(PieceOrder.NATURAL);
  }

  /**
   * A settlement: a payment adds its amount, a refund takes it off; anything else is ignored.
   *
   * @return whether it counted
   */
  public boolean add(Document d) {
    if (d == null || (d.type() != DocumentType.PAYMENT && d.type() != DocumentType.REFUND) || d.totals() == null
        || d.totals().gross() == null || d.bookingDate() == null) {
      return false;
    }
    Optional<BigDecimal> eur = eur(d);
    if (eur.isEmpty()) {
      return false;
    }
    String method = d.payment() == null || d.payment().method() == null || d.payment().method().isBlank() ? null
        : d.payment().method().trim();
    Row r = rows.computeIfAbsent(new Key(d.bookingDate(), method), k -> new Row());
    r.count++;
    r.amount = r.amount.add(d.type() == DocumentType.REFUND ? eur.get().negate() : eur.get());
    for (Allocation a : d.allocations()) {
      if (a.documentId() != null && !a.documentId().isBlank()) {
        r.invoices.add(reference(a.documentId()));
      }
    }
    return true;
  }

  private static Optional<BigDecimal> eur(Document d) {
    BigDecimal gross = d.totals().gross();
    if (d.isEuro()) {
      return Optional.of(Money.round(gross));
    }
    if (d.exchangeRate() == null || d.exchangeRate().signum() <= 0) {
      return Optional.empty();
    }
    return Optional.of(gross.divide(d.exchangeRate(), Money.SCALE, RoundingMode.HALF_UP));
  }

  private String reference(String id) {
    Optional<Document> found = invoices.find(id);
    return found != null && found.isPresent() ? Objects.requireNonNullElse(found.get().pieceRef(), id) : id;
  }

  /** The report: a row per day and method in that order (no method last), and the totals. */
  public ReportTable table(LocalDate from, LocalDate to) {
    List<List<Object>> out = new ArrayList<>();
    long count = 0;
    BigDecimal amount = Money.ZERO;
    for (Map.Entry<Key, Row> e : rows.entrySet()) {
      Row r = e.getValue();
      List<Object> row = new ArrayList<>(5);
      row.add(e.getKey().date());
      row.add(e.getKey().method());
      row.add(r.count);
      row.add(r.amount);
      row.add(r.invoices.isEmpty() ? null : String.join(", ", r.invoices));
      out.add(row);
      count += r.count;
      amount = amount.add(r.amount);
    }
    List<Object> totals = new ArrayList<>(5);
    totals.add(null);
    totals.add(null);
    totals.add(count);
    totals.add(amount);
    totals.add(null);
    return new ReportTable(ID, from, to, COLUMNS, out, totals);
  }
}
