package com.accountingexport.core.booking;

import static com.accountingexport.core.booking.Entries.anomaly;
import static com.accountingexport.core.booking.Entries.assertBlocked;
import static com.accountingexport.core.booking.Entries.assertLines;
import static com.accountingexport.core.booking.Entries.booked;
import static com.accountingexport.core.booking.Entries.lookup;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.accountingexport.core.document.Document;
import com.accountingexport.core.document.DocumentType;
import com.accountingexport.core.document.LineKind;
import com.accountingexport.core.settings.AccountMapping;
import com.accountingexport.core.settings.TenantSettings;
import com.accountingexport.core.settings.VatRegime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every anomaly the bookkeeper emits, with its code and a message that names the problem. */
class BookkeeperAnomaliesTest {
  private static final Bookkeeper DEBITS = new Bookkeeper(Entries.debits());
  private static final Bookkeeper COLLECTIONS = new Bookkeeper(Entries.collections());

  private static Document deposit() {
    return DocBuilder.of(DocumentType.DEPOSIT_INVOICE, "FA-AC-1").id("dep-1").counterparty("C1", "Durand")
        .line("Acompte", LineKind.SERVICES, "300.00", "20.00", "60.00").build();
  }

  private static DocBuilder finalInvoice(String deduction, String deductionVat) {
    return DocBuilder.of(DocumentType.INVOICE, "F-FIN").counterparty("C1", "Durand")
        .line("Chantier", LineKind.SERVICES, "1000.00", "20.00", "200.00")
        .line("Acompte", LineKind.SERVICES, deduction, "20.00", deductionVat, "419100");
  }

  @Test
  void purchaseLineWithoutAccount_isMissingAccount_namingTheLine() {
    Document purchase = DocBuilder.of(DocumentType.PURCHASE_INVOICE, "FA-9").counterparty("S1", "Fournisseur")
        .line("Papier", LineKind.GOODS, "100.00", "20.00", "20.00", "606400")
        .line("Cartouches", LineKind.GOODS, "50.00", "20.00", "10.00")
        .line("Toner", LineKind.GOODS, "10.00", "20.00", "2.00", " ")
        .build();

    BookingResult result = DEBITS.book(purchase, DocumentLookup.none());

    assertBlocked(result, AnomalyCode.MISSING_ACCOUNT);
    List<Anomaly> missing = result.anomalies().stream().filter(a -> a.code().equals("MISSING_ACCOUNT")).toList();
    assertEquals(2, missing.size(), result.anomalies()::toString);
    assertTrue(missing.get(0).message().contains("lines[1]") && missing.get(0).message().contains("Cartouches"),
        missing.get(0).message());
    assertTrue(missing.get(1).message().contains("lines[2]") && missing.get(1).message().contains("Toner"),
        missing.get(1).message());
  }

  @Test
  void purchaseCreditNoteLineWithoutAccount_isMissingAccount() {
    Document credit = DocBuilder.of(DocumentType.PURCHASE_CREDIT_NOTE, "AVF-9").counterparty("S1", "Fournisseur")
        .line("Retour", LineKind.GOODS, "100.00", "20.00", "20.00").build();

    assertBlocked(DEBITS.book(credit, DocumentLookup.none()), AnomalyCode.MISSING_ACCOUNT);
  }

  @Test
  void invoiceWithoutCounterparty_isMissingAccount() {
    Document invoice = DocBuilder.of(DocumentType.INVOICE, "F-NC").noCounterparty()
        .line("Audit", LineKind.SERVICES, "100.00", "20.00", "20.00").build();

    BookingResult result = DEBITS.book(invoice, DocumentLookup.none());

    assertBlocked(result, AnomalyCode.MISSING_ACCOUNT);
    assertTrue(anomaly(result, AnomalyCode.MISSING_ACCOUNT).message().contains("customer"));
  }

  @Test
  void totalsThatDoNotAddUp_areUnbalanced() {
    Document invoice = DocBuilder.of(DocumentType.INVOICE, "F-U").counterparty("C1", "Durand")
        .line("Audit", LineKind.SERVICES, "100.00", "20.00", "20.00").totals("100.00", "20.00", "121.00").build();

    BookingResult result = DEBITS.book(invoice, DocumentLookup.none());

    assertBlocked(result, AnomalyCode.UNBALANCED);
    assertTrue(anomaly(result, AnomalyCode.UNBALANCED).message().contains("121.00"));
  }

  @Test
  void foreignCurrencyWithoutRate_isUnbalanced() {
    Document invoice = DocBuilder.of(DocumentType.INVOICE, "F-USD").currency("USD", null).counterparty("C1", "Durand")
        .line("Audit", LineKind.SERVICES, "100.00", "0.00", "0.00").build();

    assertBlocked(DEBITS.book(invoice, DocumentLookup.none()), AnomalyCode.UNBALANCED);
  }

  @Test
  void deductionsThatDifferFromTheDeposit_areDepositInvoice() {
    Document invoice = finalInvoice("-250.00", "-50.00").deposits("dep-1").build();

    BookingResult result = DEBITS.book(invoice, lookup(deposit()));

    assertBlocked(result, AnomalyCode.DEPOSIT_INVOICE);
    String message = anomaly(result, AnomalyCode.DEPOSIT_INVOICE).message();
    assertTrue(message.contains("250.00") && message.contains("300.00") && message.contains("dep-1"), message);
  }

  @Test
  void depositNamedButNotDeducted_isDepositInvoice() {
    Document invoice = DocBuilder.of(DocumentType.INVOICE, "F-FIN2").counterparty("C1", "Durand")
        .line("Chantier", LineKind.SERVICES, "1000.00", "20.00", "200.00").deposits("dep-1").build();

    assertBlocked(DEBITS.book(invoice, lookup(deposit())), AnomalyCode.DEPOSIT_INVOICE);
  }

  @Test
  void deductionWithoutAnyDeposit_isDepositInvoice() {
    assertBlocked(DEBITS.book(finalInvoice("-300.00", "-60.00").build(), DocumentLookup.none()), AnomalyCode.DEPOSIT_INVOICE);
  }

  @Test
  void depositThatIsNotADepositInvoice_isDepositInvoice() {
    Document notADeposit = DocBuilder.of(DocumentType.INVOICE, "F-OTHER").id("dep-1").counterparty("C1", "Durand")
        .line("Acompte", LineKind.SERVICES, "300.00", "20.00", "60.00").build();

    assertBlocked(DEBITS.book(finalInvoice("-300.00", "-60.00").deposits("dep-1").build(), lookup(notADeposit)),
        AnomalyCode.DEPOSIT_INVOICE);
  }

  @Test
  void deductionThroughRelatedDocumentId_isChecked() {
    Document invoice = finalInvoice("-300.00", "-60.00").related("dep-1").build();

    assertLines(booked(DEBITS.book(invoice, lookup(deposit()))),
        "411000 411C1 D 840.00", "419100 D 300.00", "706000 C 1000.00", "445710 C 140.00");
  }

  @Test
  void unknownDeposit_isMissingRelatedDocument() {
    Document invoice = finalInvoice("-300.00", "-60.00").deposits("dep-1", "dep-404").build();

    BookingResult result = DEBITS.book(invoice, lookup(deposit()));

    assertBlocked(result, AnomalyCode.MISSING_RELATED_DOCUMENT);
    assertTrue(anomaly(result, AnomalyCode.MISSING_RELATED_DOCUMENT).message().contains("dep-404"));
  }

  @Test
  void paymentOnCollections_withoutItsInvoice_isMissingRelatedDocument() {
    Document unknown = DocBuilder.of(DocumentType.PAYMENT, "R-1").counterparty("C1", "Durand").amount("120.00")
        .related("inv-404").build();
    Document none = DocBuilder.of(DocumentType.PAYMENT, "R-2").counterparty("C1", "Durand").amount("120.00").build();

    BookingResult result = COLLECTIONS.book(unknown, DocumentLookup.none());
    assertBlocked(result, AnomalyCode.MISSING_RELATED_DOCUMENT);
    assertTrue(anomaly(result, AnomalyCode.MISSING_RELATED_DOCUMENT).message().contains("inv-404"));
    assertBlocked(COLLECTIONS.book(none, DocumentLookup.none()), AnomalyCode.MISSING_RELATED_DOCUMENT);
  }

  @Test
  void paymentOnDebits_needsNoInvoice() {
    Document payment = DocBuilder.of(DocumentType.PAYMENT, "R-3").counterparty("C1", "Durand").amount("120.00")
        .related("inv-404").build();

    assertLines(booked(DEBITS.book(payment, DocumentLookup.none())), "512000 D 120.00", "411000 411C1 C 120.00");
  }

  @Test
  void supplierPaymentAndRefundOnCollections_withAnUnknownDocument_areMissingRelatedDocument() {
    Document supplierPayment = DocBuilder.of(DocumentType.SUPPLIER_PAYMENT, "VIR-1").counterparty("S1", "Fournisseur")
        .amount("120.00").related("pur-404").build();
    Document refund = DocBuilder.of(DocumentType.REFUND, "RB-1").counterparty("C1", "Durand")
        .amount("120.00").related("cn-404").build();
    Document refundOfAnOverpayment = DocBuilder.of(DocumentType.REFUND, "RB-2").counterparty("C1", "Durand")
        .amount("20.00").build();

    assertBlocked(COLLECTIONS.book(supplierPayment, DocumentLookup.none()), AnomalyCode.MISSING_RELATED_DOCUMENT);
    assertBlocked(COLLECTIONS.book(refund, DocumentLookup.none()), AnomalyCode.MISSING_RELATED_DOCUMENT);
    assertLines(booked(COLLECTIONS.book(refundOfAnOverpayment, DocumentLookup.none())),
        "411000 411C1 D 20.00", "512000 C 20.00");
  }

  @Test
  void externalPayment_isExternalPayment() {
    Document payment = DocBuilder.of(DocumentType.PAYMENT, "R-EXT").counterparty("C1", "Durand").amount("120.00")
        .externalPayment().build();

    BookingResult result = DEBITS.book(payment, DocumentLookup.none());

    assertBlocked(result, AnomalyCode.EXTERNAL_PAYMENT);
    assertEquals(1, result.anomalies().size());
  }

  @Test
  void settlementWithoutPaymentDetails_isMissingPaymentDetails() {
    for (DocumentType type : List.of(DocumentType.PAYMENT, DocumentType.REFUND, DocumentType.SUPPLIER_PAYMENT)) {
      Document settlement = DocBuilder.of(type, "S-1").counterparty("C1", "Durand").amount("120.00").noPayment().build();
      assertBlocked(DEBITS.book(settlement, DocumentLookup.none()), AnomalyCode.MISSING_PAYMENT_DETAILS);
    }
  }

  @Test
  void documentWithNothingToBook_isNothingToBook() {
    Document free = DocBuilder.of(DocumentType.INVOICE, "F-0").counterparty("C1", "Durand")
        .line("Échantillon", LineKind.GOODS, "0.00", "20.00", "0.00").build();
    Document zeroPayment = DocBuilder.of(DocumentType.PAYMENT, "R-0").counterparty("C1", "Durand").amount("0.00").build();

    assertBlocked(DEBITS.book(free, DocumentLookup.none()), AnomalyCode.NOTHING_TO_BOOK);
    assertBlocked(DEBITS.book(zeroPayment, DocumentLookup.none()), AnomalyCode.NOTHING_TO_BOOK);
  }

  @Test
  void blockedResult_collectsEveryAnomaly() {
    Document purchase = DocBuilder.of(DocumentType.PURCHASE_INVOICE, "FA-X").noCounterparty()
        .line("Papier", LineKind.GOODS, "100.00", "20.00", "20.00").build();

    BookingResult result = DEBITS.book(purchase, DocumentLookup.none());

    assertEquals(2, result.anomalies().size(), result.anomalies()::toString);
    assertTrue(result.anomalies().stream().allMatch(a -> a.code().equals("MISSING_ACCOUNT")));
  }
}
