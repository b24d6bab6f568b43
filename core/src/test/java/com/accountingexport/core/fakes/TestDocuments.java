package com.accountingexport.core.fakes;

import com.accountingexport.core.document.Address;
import com.accountingexport.core.document.Counterparty;
import com.accountingexport.core.document.Document;
import com.accountingexport.core.document.DocumentLine;
import com.accountingexport.core.document.DocumentStatus;
import com.accountingexport.core.document.DocumentType;
import com.accountingexport.core.document.LineKind;
import com.accountingexport.core.document.PaymentInfo;
import com.accountingexport.core.document.Totals;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** Small, readable documents for tests. Amounts are strings as on the wire. */
public final class TestDocuments {
  private TestDocuments() {}

  public static BigDecimal amount(String s) {
    return new BigDecimal(s);
  }

  public static Counterparty customer(String id, String name) {
    return new Counterparty(id, name, null, null, null, "FR",
        new Address("1 rue de la Paix", null, "75002", "Paris", "FR", null), null, false, null);
  }

  public static DocumentLine line(String label, LineKind kind, String net, String rate, String vat) {
    return new DocumentLine(label, kind, amount(net), amount(rate), amount(vat), null, null);
  }

  /** A validated EUR purchase invoice of one line on {@code account}, from supplier {@code supplierId}. */
  public static Document purchase(String id, LocalDate date, String supplierId, String account, String net, String vat) {
    BigDecimal n = amount(net);
    BigDecimal v = amount(vat);
    return new Document(id, DocumentType.PURCHASE_INVOICE, "A-" + id, date, DocumentStatus.VALIDATED, "EUR", null,
        customer(supplierId, "Fournisseur " + supplierId),
        List.of(new DocumentLine("Achat", LineKind.SERVICES, n, amount("20.00"), v, account, null)),
        new Totals(n, v, n.add(v)), null, List.of(), null, null, null, null);
  }

  /** A validated EUR invoice of one services line. */
  public static Document invoice(String id, LocalDate date, String net, String vat) {
    BigDecimal n = amount(net);
    BigDecimal v = amount(vat);
    return new Document(id, DocumentType.INVOICE, "F-" + id, date, DocumentStatus.VALIDATED, "EUR", null,
        customer("C" + id, "Client " + id),
        List.of(new DocumentLine("Prestation", LineKind.SERVICES, n, amount("20.00"), v, null, null)),
        new Totals(n, v, n.add(v)), null, List.of(), null, null, null, null);
  }

  public static Document withLines(Document d, DocumentType type, List<DocumentLine> lines, String net, String vat, String gross) {
    return new Document(d.id(), type, d.number(), d.date(), d.status(), d.currency(), d.exchangeRate(), d.counterparty(),
        lines, new Totals(amount(net), amount(vat), amount(gross)), d.relatedDocumentId(), d.depositDocumentIds(),
        d.payment(), d.engagementNumber(), d.purchaseOrderNumber(), d.accountingPeriodEnd());
  }

  /** A validated payment of {@code gross} for invoice {@code invoiceId}, into 512000. */
  public static Document payment(String id, LocalDate paidAt, String gross, String invoiceId) {
    BigDecimal g = amount(gross);
    return new Document(id, DocumentType.PAYMENT, "R-" + id, paidAt, DocumentStatus.VALIDATED, "EUR", null,
        customer("C" + invoiceId, "Client " + invoiceId), List.of(), new Totals(g, BigDecimal.ZERO.setScale(2), g),
        invoiceId, List.of(), new PaymentInfo("transfer", "512000", paidAt, false), null, null, null);
  }
}
