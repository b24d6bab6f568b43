package com.accountingexport.core.booking;

import static com.accountingexport.core.booking.Entries.anomaly;
import static com.accountingexport.core.booking.Entries.assertBlocked;
import static com.accountingexport.core.booking.Entries.assertLines;
import static com.accountingexport.core.booking.Entries.booked;
import static com.accountingexport.core.booking.Entries.lookup;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.accountingexport.core.document.Document;
import com.accountingexport.core.document.DocumentType;
import com.accountingexport.core.document.LineKind;
import com.accountingexport.core.settings.AccountMapping;
import com.accountingexport.core.settings.TenantSettings;
import com.accountingexport.core.settings.VatRegime;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** ACCOUNTING.md §6: book the totals, the residual cent on the largest line of its kind. */
class BookkeeperRoundingTest {
  /** One collected-VAT account per rate, so the test can see which rate took the cent. */
  private static TenantSettings perRate() {
    AccountMapping d = AccountMapping.defaults();
    return Entries.settings(VatRegime.DEBITS, new AccountMapping(d.customer(), d.supplier(), d.employee(),
        d.revenueServices(), d.revenueGoods(), d.vatCollected(), Map.of("20.00", "445711", "5.50", "445712"),
        d.vatCollectedPending(), d.vatDeductible(), d.vatDeductibleFixedAssets(), d.vatDeductiblePending(),
        d.customerDeposits(), d.bank(), d.cash(), d.expenses(), d.fxLoss(), d.fxGain(), d.customerAuxPrefix(),
        d.supplierAuxPrefix(), d.employeeAuxPrefix()));
  }

  @Test
  void vatResidualCent_goesToTheRateWithTheLargestBase() {
    // per line: 10.33 x 20 % = 2.066 -> 2.07 (twice), 5.00 x 5.5 % = 0.275 -> 0.28: 4.42
    // per rate (the legal breakdown): 20.66 x 20 % = 4.132 -> 4.13, 0.28: 4.41
    Document invoice = DocBuilder.of(DocumentType.INVOICE, "F-R1").counterparty("C1", "Durand")
        .line("A", LineKind.SERVICES, "10.33", "20.00", "2.07")
        .line("B", LineKind.SERVICES, "10.33", "20.00", "2.07")
        .line("C", LineKind.GOODS, "5.00", "5.50", "0.28")
        .totals("25.66", "4.41", "30.07").build();

    assertLines(booked(new Bookkeeper(perRate()).book(invoice, DocumentLookup.none())),
        "411000 411C1 D 30.07",
        "706000 C 20.66",
        "707000 C 5.00",
        "445711 C 4.13",
        "445712 C 0.28");
  }

  @Test
  void vatResidualCent_goesToTheLargestBaseEvenWhenItIsNotTheLargestVat() {
    // 5.5 % on 100.00 is the largest base though 20 % on 10.00 has more lines
    Document invoice = DocBuilder.of(DocumentType.INVOICE, "F-R2").counterparty("C1", "Durand")
        .line("A", LineKind.SERVICES, "4.99", "20.00", "1.00")
        .line("B", LineKind.SERVICES, "5.01", "20.00", "1.00")
        .line("C", LineKind.GOODS, "100.00", "5.50", "5.50")
        .totals("110.00", "7.51", "117.51").build();

    assertLines(booked(new Bookkeeper(perRate()).book(invoice, DocumentLookup.none())),
        "411000 411C1 D 117.51",
        "706000 C 10.00",
        "707000 C 100.00",
        "445711 C 2.00",
        "445712 C 5.51");
  }

  @Test
  void netResidualCent_goesToTheLargestRevenueLine() {
    Document invoice = DocBuilder.of(DocumentType.INVOICE, "F-R3").counterparty("C1", "Durand")
        .line("Petit", LineKind.GOODS, "20.00", "0.00", "0.00")
        .line("Grand", LineKind.SERVICES, "100.00", "0.00", "0.00")
        .line("Moyen", LineKind.SERVICES, "50.00", "0.00", "0.00", "708500")
        .totals("170.01", "0.00", "170.01").build();

    assertLines(booked(new Bookkeeper(Entries.debits()).book(invoice, DocumentLookup.none())),
        "411000 411C1 D 170.01",
        "706000 C 100.01",
        "707000 C 20.00",
        "708500 C 50.00");
  }

  @Test
  void roundingCents_neverLandOnAZeroRateBase_evenWhenItIsTheLargest() {
    // an exempt training (0 %) of 1,000.00 beside a 20 % book of 10.33 (VAT 2.066 -> 2.07 on the line);
    // the totals, rounded by the platform once: net 1,010.34, VAT 2.06
    Document invoice = DocBuilder.of(DocumentType.INVOICE, "F-R6").counterparty("C1", "Durand")
        .line("Formation exonérée", LineKind.SERVICES, "1000.00", "0.00", "0.00")
        .line("Livre", LineKind.GOODS, "10.33", "20.00", "2.07")
        .totals("1010.34", "2.06", "1012.40").build();

    // the net cent goes to the line that carries VAT, the VAT cent to the 20 % account: nothing on the 0 % base
    assertLines(booked(new Bookkeeper(perRate()).book(invoice, DocumentLookup.none())),
        "411000 411C1 D 1012.40",
        "706000 C 1000.00",
        "707000 C 10.34",
        "445711 C 2.06");
  }

  @Test
  void aVatDifferenceWithNoLineCarryingVat_isUnbalanced_notPutOnAVatAccountNoLineUses() {
    Document invoice = DocBuilder.of(DocumentType.INVOICE, "F-R7").counterparty("C1", "Durand")
        .line("Formation exonérée", LineKind.SERVICES, "100.00", "0.00", "0.00")
        .line("Autre", LineKind.SERVICES, "50.00", "0.00", "0.00")
        .totals("150.00", "0.01", "150.01").build();

    BookingResult result = new Bookkeeper(perRate()).book(invoice, DocumentLookup.none());
    assertBlocked(result, AnomalyCode.UNBALANCED);
    assertTrue(anomaly(result, AnomalyCode.UNBALANCED).message().contains("no line carries VAT"),
        anomaly(result, AnomalyCode.UNBALANCED).message());
  }

  @Test
  void purchaseResidualCent_goesToTheLargestExpenseLineAndItsVat() {
    Document purchase = DocBuilder.of(DocumentType.PURCHASE_INVOICE, "FA-R4").counterparty("S1", "Fournisseur")
        .line("Encre", LineKind.GOODS, "10.33", "20.00", "2.07", "606300")
        .line("Papier", LineKind.GOODS, "10.34", "20.00", "2.07", "606400")
        .line("Stylos", LineKind.GOODS, "10.33", "20.00", "2.07", "606300")
        .totals("31.00", "6.20", "37.20").build();

    // lines 31.00 net / 6.21 VAT; totals VAT 6.20; net exact
    assertLines(booked(new Bookkeeper(Entries.debits()).book(purchase, DocumentLookup.none())),
        "606300 D 20.66",
        "606400 D 10.34",
        "445660 D 6.20",
        "401000 401S1 C 37.20");
  }

  @Test
  void residualBeyondHalfACentPerLine_isUnbalanced() {
    // three lines tolerate 0.015: a 0.02 gap is not rounding
    Document invoice = DocBuilder.of(DocumentType.INVOICE, "F-R5").counterparty("C1", "Durand")
        .line("A", LineKind.SERVICES, "10.33", "20.00", "2.07")
        .line("B", LineKind.SERVICES, "10.33", "20.00", "2.07")
        .line("C", LineKind.SERVICES, "10.33", "20.00", "2.07")
        .totals("30.99", "6.19", "37.18").build();

    BookingResult result = new Bookkeeper(Entries.debits()).book(invoice, DocumentLookup.none());

    assertBlocked(result, AnomalyCode.UNBALANCED);
    String message = anomaly(result, AnomalyCode.UNBALANCED).message();
    assertTrue(message.contains("6.21") && message.contains("6.19") && message.contains("0.015"), message);
  }

  @Test
  void residualOfExactlyOneCentOnThreeLines_isBooked() {
    Document invoice = DocBuilder.of(DocumentType.INVOICE, "F-R6").counterparty("C1", "Durand")
        .line("A", LineKind.SERVICES, "10.33", "20.00", "2.07")
        .line("B", LineKind.SERVICES, "10.33", "20.00", "2.07")
        .line("C", LineKind.SERVICES, "10.33", "20.00", "2.07")
        .totals("30.99", "6.20", "37.19").build();

    assertLines(booked(new Bookkeeper(Entries.debits()).book(invoice, DocumentLookup.none())),
        "411000 411C1 D 37.19",
        "706000 C 30.99",
        "445710 C 6.20");
  }

  @Test
  void netResidualOnOneLine_beyondHalfACent_isUnbalanced() {
    Document invoice = DocBuilder.of(DocumentType.INVOICE, "F-R7").counterparty("C1", "Durand")
        .line("A", LineKind.SERVICES, "100.00", "0.00", "0.00")
        .totals("100.01", "0.00", "100.01").build();

    assertBlocked(new Bookkeeper(Entries.debits()).book(invoice, DocumentLookup.none()), AnomalyCode.UNBALANCED);
  }

  @Test
  void vatTransferredByAPartialPayment_isRoundedHalfUp() {
    Document invoice = DocBuilder.of(DocumentType.INVOICE, "F-R8").id("inv-r8").counterparty("C1", "Durand")
        .line("Prestation", LineKind.SERVICES, "400.00", "15.00", "60.00").build();
    // 60.00 x 0.04 / 460.00 = 0.0052 -> 0.01; 60.00 x 0.03 / 460.00 = 0.0039 -> 0.00 (no line)
    Document small = DocBuilder.of(DocumentType.PAYMENT, "R-R8").counterparty("C1", "Durand")
        .amount("0.04").related("inv-r8").build();
    Document smaller = DocBuilder.of(DocumentType.PAYMENT, "R-R9").counterparty("C1", "Durand")
        .amount("0.03").related("inv-r8").build();
    Bookkeeper bookkeeper = new Bookkeeper(Entries.collections());

    assertLines(booked(bookkeeper.book(small, lookup(invoice))),
        "512000 D 0.04", "411000 411C1 C 0.04", "445740 D 0.01", "445710 C 0.01");
    assertLines(booked(bookkeeper.book(smaller, lookup(invoice))),
        "512000 D 0.03", "411000 411C1 C 0.03");
  }

  @Test
  void vatShareOfExactlyHalfACent_roundsUp() {
    Document invoice = DocBuilder.of(DocumentType.INVOICE, "F-R10").id("inv-r10").counterparty("C1", "Durand")
        .line("Prestation", LineKind.SERVICES, "420.00", "14.2857", "60.00").build();
    // 60.00 x 0.04 / 480.00 = 0.005 exactly: half-up gives 0.01 (half-even would give 0.00)
    Document payment = DocBuilder.of(DocumentType.PAYMENT, "R-R10").counterparty("C1", "Durand")
        .amount("0.04").related("inv-r10").build();

    assertLines(booked(new Bookkeeper(Entries.collections()).book(payment, lookup(invoice))),
        "512000 D 0.04", "411000 411C1 C 0.04", "445740 D 0.01", "445710 C 0.01");
  }
}
