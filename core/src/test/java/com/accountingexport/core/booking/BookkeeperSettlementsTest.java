package com.accountingexport.core.booking;

import static com.accountingexport.core.booking.Entries.anomaly;
import static com.accountingexport.core.booking.Entries.assertBlocked;
import static com.accountingexport.core.booking.Entries.assertLines;
import static com.accountingexport.core.booking.Entries.booked;
import static com.accountingexport.core.booking.Entries.ledger;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.accountingexport.core.document.Document;
import com.accountingexport.core.document.DocumentType;
import com.accountingexport.core.document.LineKind;
import com.accountingexport.core.settings.TenantSettings;
import com.accountingexport.core.settings.VatRegime;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Worked examples of how settlements move VAT on collections (ACCOUNTING.md §2, §5, §7): partial
 * payments, payments of several invoices, payments made outside the platform, foreign currencies,
 * deposits deducted by a final invoice, and the supplier's own regime.
 */
class BookkeeperSettlementsTest {
  private static final Bookkeeper COLLECTIONS = new Bookkeeper(Entries.collections());

  /** F-100: services 100.00 + 20.00 VAT, on collections: 20.00 waits on 445740. */
  private static Document invoice(String id, String net, String vat) {
    return DocBuilder.of(DocumentType.INVOICE, "F-" + id).id(id).counterparty("C1", "Durand")
        .line("Formation", LineKind.SERVICES, net, "20.00", vat).build();
  }

  private static Document payment(String number, LocalDate paidAt, String amount, String invoiceId) {
    return DocBuilder.of(DocumentType.PAYMENT, number).id(number).counterparty("C1", "Durand")
        .amount(amount).related(invoiceId).paid("512000", paidAt).build();
  }

  private static BigDecimal signed(JournalEntry entry, String account) {
    return entry.lines().stream().filter(l -> l.account().equals(account))
        .map(l -> l.debit().subtract(l.credit())).reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  @Test
  void threePartialPayments_transferExactlyThePendingVat_theLastTakesTheRemainder() {
    Document invoice = invoice("inv-1", "100.00", "20.00");
    Document p1 = payment("R-1", LocalDate.of(2026, 3, 10), "40.00", "inv-1");
    Document p2 = payment("R-2", LocalDate.of(2026, 3, 20), "40.00", "inv-1");
    Document p3 = payment("R-3", LocalDate.of(2026, 3, 30), "40.00", "inv-1");
    DocumentLookup all = ledger(invoice, p1, p2, p3);

    assertLines(booked(COLLECTIONS.book(p1, all)), "512000 D 40.00", "411000 411C1 C 40.00", "445740 D 6.67", "445710 C 6.67");
    assertLines(booked(COLLECTIONS.book(p2, all)), "512000 D 40.00", "411000 411C1 C 40.00", "445740 D 6.67", "445710 C 6.67");
    assertLines(booked(COLLECTIONS.book(p3, all)), "512000 D 40.00", "411000 411C1 C 40.00", "445740 D 6.66", "445710 C 6.66");
  }

  @Test
  void theShareOfAPayment_dependsOnItsPlaceByDate_notOnTheOrderTheyArrive() {
    Document invoice = invoice("inv-2", "100.00", "20.00");
    Document late = payment("R-9", LocalDate.of(2026, 4, 30), "40.00", "inv-2");
    Document early = payment("R-10", LocalDate.of(2026, 4, 1), "80.00", "inv-2");

    // booked alone first (the early one not yet pushed), the late one is a plain share
    assertEquals(new BigDecimal("6.67"), signed(booked(COLLECTIONS.book(late, ledger(invoice, late))), "445740"));
    // once both are known, the early one shares first and the late one completes the invoice
    DocumentLookup both = ledger(invoice, late, early);
    assertEquals(new BigDecimal("13.33"), signed(booked(COLLECTIONS.book(early, both)), "445740"));
    assertEquals(new BigDecimal("6.67"), signed(booked(COLLECTIONS.book(late, both)), "445740"));
  }

  @Test
  void anOverpayment_transfersNoMoreThanThePendingVat_andLeavesTheExcessOn411() {
    Document invoice = invoice("inv-3", "100.00", "20.00");
    Document full = payment("R-20", LocalDate.of(2026, 3, 10), "120.00", "inv-3");
    Document again = payment("R-21", LocalDate.of(2026, 3, 11), "30.00", "inv-3");
    DocumentLookup all = ledger(invoice, full, again);

    assertLines(booked(COLLECTIONS.book(full, all)), "512000 D 120.00", "411000 411C1 C 120.00", "445740 D 20.00", "445710 C 20.00");
    assertLines(booked(COLLECTIONS.book(again, all)), "512000 D 30.00", "411000 411C1 C 30.00");
  }

  @Test
  void onePaymentOfSeveralInvoices_transfersEachInvoicesShare() {
    Document a = invoice("inv-a", "100.00", "20.00");
    Document b = DocBuilder.of(DocumentType.INVOICE, "F-b").id("inv-b").counterparty("C1", "Durand")
        .line("Conseil", LineKind.SERVICES, "200.00", "10.00", "20.00").build();
    Document pay = DocBuilder.of(DocumentType.PAYMENT, "R-30").id("R-30").counterparty("C1", "Durand")
        .amount("180.00").settles("inv-a", "120.00", "inv-b", "60.00").paid("512000", LocalDate.of(2026, 3, 15)).build();

    JournalEntry entry = booked(COLLECTIONS.book(pay, ledger(a, b, pay)));

    // inv-a paid in full: its 20.00; inv-b paid 60.00 of 220.00: 20.00 x 60/220 = 5.45 (at 10 %)
    assertLines(entry,
        "512000 D 180.00",
        "411000 411C1 C 180.00",
        "445740 D 25.45",
        "445710 C 25.45");
  }

  @Test
  void aPaymentWhoseAllocationsExceedItsAmount_isUnbalanced() {
    Document a = invoice("inv-c", "100.00", "20.00");
    Document pay = DocBuilder.of(DocumentType.PAYMENT, "R-31").id("R-31").counterparty("C1", "Durand")
        .amount("50.00").settles("inv-c", "120.00").paid("512000", LocalDate.of(2026, 3, 15)).build();

    BookingResult result = COLLECTIONS.book(pay, ledger(a, pay));

    assertBlocked(result, AnomalyCode.UNBALANCED);
    assertTrue(anomaly(result, AnomalyCode.UNBALANCED).message().contains("allocates 120.00"));
  }

  @Test
  void anExternalPayment_onCollections_booksOnlyItsVatTransfer_inTheMiscellaneousJournal() {
    Document invoice = invoice("inv-4", "100.00", "20.00");
    Document external = DocBuilder.of(DocumentType.PAYMENT, "R-40").id("R-40").counterparty("C1", "Durand")
        .amount("120.00").related("inv-4").externalPayment().build();

    JournalEntry entry = booked(COLLECTIONS.book(external, ledger(invoice, external)));

    assertLines(entry, "445740 D 20.00", "445710 C 20.00");
    assertEquals("OD", entry.journalCode());
    assertEquals("Opérations diverses", entry.journalLabel());
    assertEquals(external.payment().paidAt(), entry.date());
  }

  @Test
  void anExternalPayment_thatMovesNoVat_staysOut() {
    Document invoice = invoice("inv-5", "100.00", "20.00");
    Document external = DocBuilder.of(DocumentType.PAYMENT, "R-41").id("R-41").counterparty("C1", "Durand")
        .amount("120.00").related("inv-5").externalPayment().build();

    assertBlocked(new Bookkeeper(Entries.debits()).book(external, ledger(invoice, external)), AnomalyCode.EXTERNAL_PAYMENT);
  }

  @Test
  void anExternalPayment_withoutItsInvoice_onCollections_saysTheVatWouldStayPending() {
    Document external = DocBuilder.of(DocumentType.PAYMENT, "R-42").id("R-42").counterparty("C1", "Durand")
        .amount("120.00").externalPayment().build();

    BookingResult result = COLLECTIONS.book(external, ledger(external));

    assertBlocked(result, AnomalyCode.MISSING_RELATED_DOCUMENT);
    assertTrue(anomaly(result, AnomalyCode.MISSING_RELATED_DOCUMENT).message().contains("stay pending"));
  }

  @Test
  void aEuroPaymentOfAForeignCurrencyInvoice_clears411_andBooksTheExchangeDifference() {
    // 1000.00 USD + 200.00 VAT at 1.0800 USD per EUR: 925.93 + 185.19 = 1111.12 EUR on 411
    Document invoice = DocBuilder.of(DocumentType.INVOICE, "F-USD").id("inv-usd").currency("USD", "1.0800")
        .counterparty("C1", "US Corp").line("Consulting", LineKind.SERVICES, "1000.00", "20.00", "200.00").build();
    Document pay = DocBuilder.of(DocumentType.PAYMENT, "R-USD").id("R-USD").counterparty("C1", "US Corp")
        .amount("1100.00").related("inv-usd").paid("512000", LocalDate.of(2026, 3, 20)).build();

    JournalEntry entry = booked(COLLECTIONS.book(pay, ledger(invoice, pay)));

    assertLines(entry,
        "512000 D 1100.00",
        "656000 D 11.12",
        "411000 411C1 C 1111.12",
        "445740 D 185.19",
        "445710 C 185.19");
  }

  @Test
  void aDepositDeduction_takesItsVatBackFromTheAccountTheDepositUsed() {
    // a goods deposit: its VAT is due at once (44571); the final invoice is for services on collections
    Document deposit = DocBuilder.of(DocumentType.DEPOSIT_INVOICE, "FA-1").id("dep-1").counterparty("C1", "Durand")
        .line("Acompte matériel", LineKind.GOODS, "300.00", "20.00", "60.00").build();
    Document finalInvoice = DocBuilder.of(DocumentType.INVOICE, "F-FIN").id("fin-1").counterparty("C1", "Durand")
        .line("Installation", LineKind.SERVICES, "1000.00", "20.00", "200.00")
        .line("Acompte FA-1", LineKind.SERVICES, "-300.00", "20.00", "-60.00", "419100")
        .deposits("dep-1").build();

    assertLines(booked(COLLECTIONS.book(deposit, ledger(deposit))),
        "411000 411C1 D 360.00", "419100 C 300.00", "445710 C 60.00");
    assertLines(booked(COLLECTIONS.book(finalInvoice, ledger(deposit, finalInvoice))),
        "411000 411C1 D 840.00",
        "419100 D 300.00",
        "706000 C 1000.00",
        "445740 C 200.00",
        "445710 D 60.00");
  }

  @Test
  void aDepositDeduction_whoseVatDiffersFromTheDeposit_isADepositAnomaly() {
    Document deposit = DocBuilder.of(DocumentType.DEPOSIT_INVOICE, "FA-2").id("dep-2").counterparty("C1", "Durand")
        .line("Acompte", LineKind.SERVICES, "300.00", "20.00", "60.00").build();
    Document finalInvoice = DocBuilder.of(DocumentType.INVOICE, "F-FIN2").id("fin-2").counterparty("C1", "Durand")
        .line("Installation", LineKind.SERVICES, "1000.00", "20.00", "200.00")
        .line("Acompte FA-2", LineKind.SERVICES, "-300.00", "5.50", "-16.50", "419100")
        .deposits("dep-2").build();

    BookingResult result = COLLECTIONS.book(finalInvoice, ledger(deposit, finalInvoice));

    assertBlocked(result, AnomalyCode.DEPOSIT_INVOICE);
    assertTrue(anomaly(result, AnomalyCode.DEPOSIT_INVOICE).message().contains("16.50 VAT"));
  }

  @Test
  void aSupplierPayment_followsThePurchaseInvoicesRegime() {
    Document purchase = DocBuilder.of(DocumentType.PURCHASE_INVOICE, "FF-1").id("pur-1").counterparty("S1", "Cabinet")
        .line("Honoraires", LineKind.SERVICES, "500.00", "20.00", "100.00", "622600").build();
    Document pay = DocBuilder.of(DocumentType.SUPPLIER_PAYMENT, "VIR-1").id("VIR-1").counterparty("S1", "Cabinet")
        .amount("600.00").related("pur-1").paid("512000", LocalDate.of(2026, 3, 20)).build();

    // the tenant invoices on debits; its supplier is on collections (the default): 44564 -> 44566 at payment
    assertLines(booked(new Bookkeeper(Entries.debits()).book(pay, ledger(purchase, pay))),
        "401000 401S1 D 600.00", "512000 C 600.00", "445640 C 100.00", "445660 D 100.00");
  }

  @Test
  void servicesAreOnCollectionsByDefault() {
    assertEquals(VatRegime.COLLECTIONS, TenantSettings.defaults().vatRegimeServices());
  }

  /**
   * Property: an invoice paid in full by any number of partial payments, pushed in any order, leaves
   * nothing on 44574 and nothing on 411 (random amounts, rates and splits; seeded).
   */
  @Test
  void fullyPaidInvoices_leaveNoPendingVat_andNoBalanceOn411_whateverTheSplit() {
    Random random = new Random(20261130L);
    String[] rates = {"2.10", "5.50", "10.00", "20.00"};
    for (int n = 0; n < 500; n++) {
      DocBuilder b = DocBuilder.of(DocumentType.INVOICE, "F-" + n).id("inv-" + n).counterparty("C1", "Durand");
      int lineCount = 1 + random.nextInt(3);
      for (int i = 0; i < lineCount; i++) {
        BigDecimal net = BigDecimal.valueOf(100 + random.nextInt(500_000), 2);
        String rate = rates[random.nextInt(rates.length)];
        BigDecimal vat = net.multiply(new BigDecimal(rate)).divide(BigDecimal.valueOf(100), 2, RoundingMode.HALF_UP);
        b.line("L" + i, random.nextInt(4) == 0 ? LineKind.GOODS : LineKind.SERVICES, net.toPlainString(), rate, vat.toPlainString());
      }
      Document invoice = b.build();
      BigDecimal gross = invoice.totals().gross();
      int parts = 1 + random.nextInt(5);
      List<Document> docs = new ArrayList<>(List.of(invoice));
      BigDecimal left = gross;
      for (int p = 0; p < parts; p++) {
        BigDecimal amount = p == parts - 1 ? left
            : left.multiply(BigDecimal.valueOf(random.nextInt(60) + 1, 2)).setScale(2, RoundingMode.DOWN).max(new BigDecimal("0.01"));
        left = left.subtract(amount);
        docs.add(payment("R-" + n + "-" + p, LocalDate.of(2026, 3, 1 + random.nextInt(28)), amount.toPlainString(), invoice.id()));
      }
      List<Document> order = new ArrayList<>(docs);
      Collections.shuffle(order, random);
      DocumentLookup lookup = ledger(docs.toArray(Document[]::new));
      BigDecimal pending = BigDecimal.ZERO;
      BigDecimal customer = BigDecimal.ZERO;
      for (Document d : order) {
        JournalEntry entry = booked(COLLECTIONS.book(d, lookup));
        pending = pending.add(signed(entry, "445740"));
        customer = customer.add(signed(entry, "411000"));
      }
      String context = "invoice " + n + " " + invoice.totals() + " paid in " + parts;
      assertEquals(0, pending.signum(), () -> "pending VAT left: " + context);
      assertEquals(0, customer.signum(), () -> "411 balance left: " + context);
    }
  }
}
