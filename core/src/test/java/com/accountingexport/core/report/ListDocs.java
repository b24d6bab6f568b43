package com.accountingexport.core.report;

import com.accountingexport.core.booking.DocumentLookup;
import com.accountingexport.core.document.Allocation;
import com.accountingexport.core.document.Counterparty;
import com.accountingexport.core.document.Document;
import com.accountingexport.core.document.DocumentLine;
import com.accountingexport.core.document.DocumentStatus;
import com.accountingexport.core.document.DocumentType;
import com.accountingexport.core.document.ExportRef;
import com.accountingexport.core.document.ExportState;
import com.accountingexport.core.document.LineKind;
import com.accountingexport.core.document.PaymentInfo;
import com.accountingexport.core.document.StoredDocument;
import com.accountingexport.core.document.Totals;
import com.accountingexport.core.fakes.TestDocuments;
import com.accountingexport.core.service.DocumentView;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Documents for the list tests, on top of {@link TestDocuments}: any type, number, customer, lines,
 * allocations and payment, amounts as wire strings. Totals default to the sum of the lines
 * (settlements: {@link #amount}).
 */
final class ListDocs {
  private final DocumentType type;
  private final String id;
  private String number;
  private LocalDate date = LocalDate.of(2026, 3, 2);
  private LocalDate dueDate;
  private DocumentStatus status = DocumentStatus.VALIDATED;
  private String currency = "EUR";
  private BigDecimal exchangeRate;
  private Counterparty counterparty;
  private final List<DocumentLine> lines = new ArrayList<>();
  private Totals totals;
  private String related;
  private List<Allocation> allocations = List.of();
  private PaymentInfo payment;

  private ListDocs(DocumentType type, String id) {
    this.type = type;
    this.id = id;
    this.number = id.toUpperCase();
    if (type.isSettlement()) {
      payment = new PaymentInfo("transfer", "512000", null, false);
    }
  }

  static ListDocs of(DocumentType type, String id) {
    return new ListDocs(type, id);
  }

  ListDocs number(String value) {
    number = value;
    return this;
  }

  ListDocs date(LocalDate value) {
    date = value;
    return this;
  }

  ListDocs due(LocalDate value) {
    dueDate = value;
    return this;
  }

  ListDocs status(DocumentStatus value) {
    status = value;
    return this;
  }

  ListDocs currency(String code, String rate) {
    currency = code;
    exchangeRate = TestDocuments.amount(rate);
    return this;
  }

  ListDocs customer(String customerId, String name) {
    counterparty = TestDocuments.customer(customerId, name);
    return this;
  }

  ListDocs noCustomer() {
    counterparty = null;
    return this;
  }

  ListDocs line(String net, String rate, String vat) {
    lines.add(TestDocuments.line("Prestation", LineKind.SERVICES, net, rate, vat));
    return this;
  }

  ListDocs totals(String net, String vat, String gross) {
    totals = new Totals(TestDocuments.amount(net), TestDocuments.amount(vat), TestDocuments.amount(gross));
    return this;
  }

  /** A settlement's amount: totals {gross, 0.00, gross}. */
  ListDocs amount(String gross) {
    return totals(gross, "0.00", gross);
  }

  ListDocs related(String documentId) {
    related = documentId;
    return this;
  }

  /** relatedDocumentIds: pairs of (document id, amount or null). */
  ListDocs settles(String... idAndAmount) {
    List<Allocation> out = new ArrayList<>();
    for (int i = 0; i < idAndAmount.length; i += 2) {
      out.add(new Allocation(idAndAmount[i], idAndAmount[i + 1] == null ? null : TestDocuments.amount(idAndAmount[i + 1])));
    }
    allocations = out;
    return this;
  }

  ListDocs paid(String method, String account, LocalDate paidAt) {
    payment = new PaymentInfo(method, account, paidAt, false);
    return this;
  }

  ListDocs external(String method, LocalDate paidAt) {
    payment = new PaymentInfo(method, "512000", paidAt, true);
    return this;
  }

  ListDocs noPayment() {
    payment = null;
    return this;
  }

  Document build() {
    Totals t = totals;
    if (t == null) {
      BigDecimal net = lines.stream().map(DocumentLine::netAmount).reduce(BigDecimal.ZERO, BigDecimal::add);
      BigDecimal vat = lines.stream().map(DocumentLine::vatAmount).reduce(BigDecimal.ZERO, BigDecimal::add);
      t = new Totals(net, vat, net.add(vat));
    }
    return new Document(id, type, number, date, status, currency, exchangeRate, counterparty, lines, t, related,
        List.of(), payment, null, null, null, allocations, null, null, dueDate);
  }

  // ---------------------------------------------------------------- stored documents and views

  static final Instant STORED = Instant.parse("2026-03-01T08:00:00Z");

  static StoredDocument stored(Document d) {
    return new StoredDocument(d, null, STORED, STORED, 1);
  }

  static StoredDocument exported(Document d, String exportNumber) {
    return new StoredDocument(d, new ExportRef("exp-" + exportNumber, exportNumber), STORED, STORED, 1);
  }

  /** A view as the documents API gives it: exported when an export holds it, else {@code state}. */
  static DocumentView view(StoredDocument s, ExportState state) {
    return new DocumentView(s, s.isExported() ? ExportState.EXPORTED : state, List.of());
  }

  static DocumentView view(Document d) {
    return view(stored(d), ExportState.EXPORTABLE);
  }

  /** A lookup over these documents. */
  static DocumentLookup lookup(Collection<Document> docs) {
    Map<String, Document> byId = new HashMap<>();
    docs.forEach(d -> byId.put(d.id(), d));
    return new DocumentLookup() {
      @Override
      public Optional<Document> find(String documentId) {
        return Optional.ofNullable(byId.get(documentId));
      }

      @Override
      public List<Document> settlementsOf(String documentId) {
        return byId.values().stream().filter(d -> d.type().isSettlement()
            && d.allocations().stream().anyMatch(a -> documentId.equals(a.documentId()))).toList();
      }
    };
  }

  /** The cells of a column, row by row. */
  static List<Object> column(ReportTable t, String columnId) {
    int i = t.column(columnId);
    return t.rows().stream().map(r -> r.get(i)).toList();
  }

  /** The row whose {@code columnId} cell is {@code value}. */
  static List<Object> row(ReportTable t, String columnId, Object value) {
    int i = t.column(columnId);
    return t.rows().stream().filter(r -> value.equals(r.get(i))).findFirst()
        .orElseThrow(() -> new AssertionError("no row with " + columnId + " = " + value + " in " + t.rows()));
  }

  static Object cell(ReportTable t, List<Object> row, String columnId) {
    return row.get(t.column(columnId));
  }

  static Object total(ReportTable t, String columnId) {
    return t.totals().get(t.column(columnId));
  }
}
