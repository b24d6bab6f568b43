package com.accountingexport.core.booking;

import static com.accountingexport.core.booking.Entries.amount;
import static com.accountingexport.core.booking.Entries.assertLines;
import static com.accountingexport.core.booking.Entries.booked;
import static com.accountingexport.core.booking.Entries.line;
import static com.accountingexport.core.booking.Entries.lookup;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.accountingexport.core.document.Document;
import com.accountingexport.core.document.DocumentType;
import com.accountingexport.core.document.LineKind;
import com.accountingexport.core.settings.AccountMapping;
import com.accountingexport.core.settings.VatRegime;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The worked examples of shared/ACCOUNTING.md §10, expected lines typed from its tables.
 *
 * <p>W5 (cash withdrawal 512 → 580 → 530) is not here: it is an internal transfer, a document type
 * the model does not have (none of the ten types moves money between two of the firm's own accounts).
 */
class BookkeeperWorkedExamplesTest {
  private static final LocalDate MARCH_2 = LocalDate.of(2026, 3, 2);
  private static final LocalDate MARCH_20 = LocalDate.of(2026, 3, 20);

  /** W1: F-42, goods 100.00 + services 300.00 at 20 %, tenant on encaissements. */
  private static Document w1Invoice() {
    return DocBuilder.of(DocumentType.INVOICE, "F-42").id("inv-42").date(MARCH_2)
        .counterparty("C0042", "Client")
        .line("Marchandise", LineKind.GOODS, "100.00", "20.00", "20.00")
        .line("Prestation", LineKind.SERVICES, "300.00", "20.00", "60.00")
        .totals("400.00", "80.00", "480.00")
        .build();
  }

  @Test
  void w1_invoiceOnCollections_creditsGoodsVatAsDueAndServicesVatAsPending() {
    JournalEntry entry = booked(new Bookkeeper(Entries.collections()).book(w1Invoice(), DocumentLookup.none()));

    assertLines(entry,
        "411000 411C0042 D 480.00",
        "707000 C 100.00",
        "706000 C 300.00",
        "445710 C 20.00",
        "445740 C 60.00");
    assertEquals("VT", entry.journalCode());
    assertEquals("Journal des ventes", entry.journalLabel());
    assertEquals("F-42", entry.pieceRef());
    assertEquals(MARCH_2, entry.date());
    assertEquals(MARCH_2, entry.pieceDate());
    assertEquals("F-42 - Client", entry.label());
    assertEquals("Client", line(entry, "411000").auxLabel());
    assertEquals("F-42 - Client", line(entry, "707000").label());
    assertEquals("Clients", line(entry, "411000").accountLabel());
    assertEquals("TVA collectée en attente", line(entry, "445740").accountLabel());
    assertNull(line(entry, "707000").auxAccount());
    assertNull(line(entry, "707000").currency());
  }

  @Test
  void w2_paymentOnCollections_transfersThePendingVatOfItsInvoice() {
    Document payment = DocBuilder.of(DocumentType.PAYMENT, "R-90").date(MARCH_20)
        .counterparty("C0042", "Client").amount("480.00").related("inv-42").paid("512000", MARCH_20).build();

    JournalEntry entry = booked(new Bookkeeper(Entries.collections()).book(payment, lookup(w1Invoice())));

    assertLines(entry,
        "512000 D 480.00",
        "411000 411C0042 C 480.00",
        "445740 D 60.00",
        "445710 C 60.00");
    assertEquals("BQ", entry.journalCode());
    assertEquals(MARCH_20, entry.date());
    assertEquals("R-90 - Client", line(entry, "512000").label());
  }

  @Test
  void w2_partialPayment_transfersVatProRata() {
    Document payment = DocBuilder.of(DocumentType.PAYMENT, "R-91").counterparty("C0042", "Client")
        .amount("120.00").related("inv-42").build();

    JournalEntry entry = booked(new Bookkeeper(Entries.collections()).book(payment, lookup(w1Invoice())));

    // 60.00 pending × 120.00 / 480.00 = 15.00; 411 keeps the balance
    assertLines(entry,
        "512000 D 120.00",
        "411000 411C0042 C 120.00",
        "445740 D 15.00",
        "445710 C 15.00");
  }

  @Test
  void w3_reverseChargedServiceToAnEuCompany_hasNoVatLine() {
    Document invoice = DocBuilder.of(DocumentType.INVOICE, "F-50").counterparty("C0050", "GmbH")
        .line("Beratung (Autoliquidation)", LineKind.SERVICES, "2000.00", "0.00", "0.00")
        .build();

    for (VatRegime regime : VatRegime.values()) {
      JournalEntry entry = booked(new Bookkeeper(Entries.settings(regime, AccountMapping.defaults()))
          .book(invoice, DocumentLookup.none()));
      assertLines(entry,
          "411000 411C0050 D 2000.00",
          "706000 C 2000.00");
    }
  }

  @Test
  void w4_fixedAssetPurchase_deductsVatOnFixedAssetsFromAFixedAssetSupplier() {
    AccountMapping d = AccountMapping.defaults();
    AccountMapping fixedAssetSuppliers = new AccountMapping("411000", "404000", "421000", "706000", "707000",
        "445710", Map.of(), "445740", "445660", "445620", "445640", "419100", "512000", "530000", "625600",
        "656000", "756000", "411", "404", "421");
    assertEquals(d.vatDeductibleFixedAssets(), fixedAssetSuppliers.vatDeductibleFixedAssets());
    Document purchase = DocBuilder.of(DocumentType.PURCHASE_INVOICE, "FA-77").counterparty("S0077", "Supplier")
        .line("Laptop", LineKind.GOODS, "1000.00", "20.00", "200.00", "218300")
        .build();

    JournalEntry entry = booked(new Bookkeeper(Entries.settings(VatRegime.DEBITS, fixedAssetSuppliers))
        .book(purchase, DocumentLookup.none()));

    assertLines(entry,
        "218300 D 1000.00",
        "445620 D 200.00",
        "404000 404S0077 C 1200.00");
    assertEquals("AC", entry.journalCode());
    assertEquals("FA-77 - Laptop", line(entry, "218300").label());
    assertEquals("FA-77 - Supplier", line(entry, "404000").label());
    assertEquals("TVA déductible sur immobilisations", line(entry, "445620").accountLabel());
  }

  /** W6: F-61, 1000.00 USD at 0 %, 1.0800 USD per EUR. */
  private static Document w6Invoice() {
    return DocBuilder.of(DocumentType.INVOICE, "F-61").id("inv-61").currency("USD", "1.0800")
        .counterparty("C0061", "US Corp")
        .line("Consulting", LineKind.SERVICES, "1000.00", "0.00", "0.00")
        .build();
  }

  @Test
  void w6_foreignCurrencyInvoice_isConvertedAtItsRateAndKeepsTheCurrencyAmount() {
    JournalEntry entry = booked(new Bookkeeper(Entries.debits()).book(w6Invoice(), DocumentLookup.none()));

    assertLines(entry,
        "411000 411C0061 D 925.93",
        "706000 C 925.93");
    for (EntryLine l : entry.lines()) {
      assertEquals("USD", l.currency());
      assertEquals(amount("1000.00"), l.currencyAmount());
    }
  }

  @Test
  void w6_foreignCurrencyPayment_booksTheExchangeLossAgainstTheInvoicesEuroAmount() {
    // 1000.00 USD credited 910.00 EUR: 1000.00 / 1.098901 = 910.00
    Document payment = DocBuilder.of(DocumentType.PAYMENT, "R-61").currency("USD", "1.098901")
        .counterparty("C0061", "US Corp").amount("1000.00").related("inv-61").build();

    JournalEntry entry = booked(new Bookkeeper(Entries.debits()).book(payment, lookup(w6Invoice())));

    assertLines(entry,
        "512000 D 910.00",
        "656000 D 15.93",
        "411000 411C0061 C 925.93");
    assertEquals(amount("1000.00"), line(entry, "411000").currencyAmount());
    assertEquals(amount("1000.00"), line(entry, "512000").currencyAmount());
    assertEquals("R-61 - Perte de change", line(entry, "656000").label());
    assertTrue(line(entry, "656000").accountLabel().startsWith("Pertes de change"));
  }
}
