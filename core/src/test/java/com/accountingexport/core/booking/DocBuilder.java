package com.accountingexport.core.booking;

import com.accountingexport.core.document.Allocation;
import com.accountingexport.core.document.Counterparty;
import com.accountingexport.core.document.Document;
import com.accountingexport.core.document.DocumentLine;
import com.accountingexport.core.document.DocumentStatus;
import com.accountingexport.core.document.DocumentType;
import com.accountingexport.core.document.LineKind;
import com.accountingexport.core.document.PaymentInfo;
import com.accountingexport.core.document.Totals;
import com.accountingexport.core.settings.VatRegime;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds documents for booking tests, amounts as wire strings. Totals default to the sum of the
 * lines; settlements take their amount with {@link #amount(String)}.
 */
final class DocBuilder {
  static final LocalDate DATE = LocalDate.of(2026, 3, 2);

  private final DocumentType type;
  private final String number;
  private String id;
  private LocalDate date = DATE;
  private DocumentStatus status = DocumentStatus.VALIDATED;
  private String currency = "EUR";
  private BigDecimal exchangeRate;
  private Counterparty counterparty;
  private final List<DocumentLine> lines = new ArrayList<>();
  private Totals totals;
  private String relatedDocumentId;
  private List<String> depositDocumentIds = List.of();
  private PaymentInfo payment;
  private List<Allocation> allocations = List.of();
  private VatRegime vatRegime;
  private java.time.Instant validatedAt;

  private DocBuilder(DocumentType type, String number) {
    this.type = type;
    this.number = number;
    this.id = "doc-" + number;
    if (type.isSettlement()) {
      payment = new PaymentInfo("transfer", "512000", DATE, false);
    }
  }

  static DocBuilder of(DocumentType type, String number) {
    return new DocBuilder(type, number);
  }

  static BigDecimal money(String s) {
    return new BigDecimal(s);
  }

  DocBuilder id(String value) {
    id = value;
    return this;
  }

  DocBuilder date(LocalDate value) {
    date = value;
    return this;
  }

  DocBuilder status(DocumentStatus value) {
    status = value;
    return this;
  }

  DocBuilder currency(String code, String rate) {
    currency = code;
    exchangeRate = rate == null ? null : money(rate);
    return this;
  }

  DocBuilder counterparty(String counterpartyId, String name) {
    counterparty = new Counterparty(counterpartyId, name, null, null, null, "FR", null, null, false, null);
    return this;
  }

  DocBuilder counterpartyWithAccount(String counterpartyId, String name, String accountNumber) {
    counterparty = new Counterparty(counterpartyId, name, accountNumber, null, null, "FR", null, null, false, null);
    return this;
  }

  DocBuilder noCounterparty() {
    counterparty = null;
    return this;
  }

  DocBuilder line(String label, LineKind kind, String net, String rate, String vat) {
    return line(label, kind, net, rate, vat, null);
  }

  DocBuilder line(String label, LineKind kind, String net, String rate, String vat, String account) {
    lines.add(new DocumentLine(label, kind, money(net), money(rate), money(vat), account, null));
    return this;
  }

  DocBuilder totals(String net, String vat, String gross) {
    totals = new Totals(money(net), money(vat), money(gross));
    return this;
  }

  /** A settlement's amount: totals {gross, 0.00, gross}. */
  DocBuilder amount(String gross) {
    return totals(gross, "0.00", gross);
  }

  DocBuilder related(String documentId) {
    relatedDocumentId = documentId;
    return this;
  }

  /** relatedDocumentIds: pairs of (document id, amount or null). */
  DocBuilder settles(String... idAndAmount) {
    List<Allocation> out = new ArrayList<>();
    for (int i = 0; i < idAndAmount.length; i += 2) {
      out.add(new Allocation(idAndAmount[i], idAndAmount[i + 1] == null ? null : new BigDecimal(idAndAmount[i + 1])));
    }
    this.allocations = out;
    return this;
  }

  DocBuilder vatRegime(VatRegime value) {
    this.vatRegime = value;
    return this;
  }

  DocBuilder validatedAt(java.time.Instant value) {
    this.validatedAt = value;
    return this;
  }

  DocBuilder deposits(String... ids) {
    depositDocumentIds = List.of(ids);
    return this;
  }

  DocBuilder paid(String bankAccount, LocalDate paidAt) {
    payment = new PaymentInfo("transfer", bankAccount, paidAt, false);
    return this;
  }

  DocBuilder externalPayment() {
    payment = new PaymentInfo("card", "512000", date, true);
    return this;
  }

  DocBuilder noPayment() {
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
    return new Document(id, type, number, date, status, currency, exchangeRate, counterparty, lines, t,
        relatedDocumentId, depositDocumentIds, payment, null, null, null, allocations, vatRegime, validatedAt);
  }
}
