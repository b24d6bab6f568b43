package com.accountingexport.core.booking;

import static com.accountingexport.core.booking.Entries.amount;
import static com.accountingexport.core.booking.Entries.assertLines;
import static com.accountingexport.core.booking.Entries.booked;
import static com.accountingexport.core.booking.Entries.line;
import static com.accountingexport.core.booking.Entries.lookup;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.accountingexport.core.document.Document;
import com.accountingexport.core.document.DocumentStatus;
import com.accountingexport.core.document.DocumentType;
import com.accountingexport.core.document.LineKind;
import com.accountingexport.core.settings.AccountMapping;
import com.accountingexport.core.settings.TenantSettings;
import com.accountingexport.core.settings.VatRegime;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** One document of each type, booked with default accounts (ACCOUNTING.md §1–§5, §7, §8). */
class BookkeeperDocumentTypesTest {
  private static final LocalDate PAID_AT = LocalDate.of(2026, 3, 25);

  private static JournalEntry book(TenantSettings settings, Document document, DocumentLookup related) {
    return booked(new Bookkeeper(settings).book(document, related));
  }

  private static JournalEntry book(Document document) {
    return book(Entries.debits(), document, DocumentLookup.none());
  }

  private static Document purchase() {
    return DocBuilder.of(DocumentType.PURCHASE_INVOICE, "FA-1").id("pur-1").counterparty("S1", "Papeterie")
        .line("Papier", LineKind.GOODS, "100.00", "20.00", "20.00", "606400")
        .line("Honoraires", LineKind.SERVICES, "500.00", "20.00", "100.00", "622600")
        .build();
  }

  @Nested
  class Sales {
    @Test
    void invoice_debitsTheCustomerAndCreditsRevenuePerKindAndVat_discountNetted() {
      Document invoice = DocBuilder.of(DocumentType.INVOICE, "F-1").counterparty("C1", "Durand SARL")
          .line("Audit", LineKind.SERVICES, "100.00", "20.00", "20.00")
          .line("Livre", LineKind.GOODS, "50.00", "5.50", "2.75")
          .line("Remise", LineKind.SERVICES, "-10.00", "20.00", "-2.00")
          .build();

      JournalEntry entry = book(invoice);

      assertLines(entry,
          "411000 411C1 D 160.75",
          "706000 C 90.00",
          "707000 C 50.00",
          "445710 C 20.75");
      assertEquals("VT", entry.journalCode());
      assertEquals("Durand SARL", line(entry, "411000").auxLabel());
      assertEquals("Prestations de services", line(entry, "706000").accountLabel());
      assertEquals("Ventes de marchandises", line(entry, "707000").accountLabel());
      assertEquals("TVA collectée", line(entry, "445710").accountLabel());
    }

    @Test
    void invoice_usesTheAccountOfEachRateAndTheLinesOwnAccount() {
      AccountMapping d = AccountMapping.defaults();
      AccountMapping perRate = new AccountMapping(d.customer(), d.supplier(), d.employee(), d.revenueServices(),
          d.revenueGoods(), d.vatCollected(), Map.of("20.00", "445711", "5.50", "445712"), d.vatCollectedPending(),
          d.vatDeductible(), d.vatDeductibleFixedAssets(), d.vatDeductiblePending(), d.customerDeposits(), d.bank(),
          d.cash(), d.expenses(), d.fxLoss(), d.fxGain(), d.customerAuxPrefix(), d.supplierAuxPrefix(), d.employeeAuxPrefix());
      Document invoice = DocBuilder.of(DocumentType.INVOICE, "F-2").counterparty("C1", "Durand")
          .line("Export", LineKind.SERVICES, "100.00", "20.00", "20.00", "706200")
          .line("Livre", LineKind.GOODS, "50.00", "5.5", "2.75")
          .line("Remise commerciale", LineKind.GOODS, "-5.00", "5.50", "-0.28", "709700")
          .build();

      JournalEntry entry = book(Entries.settings(VatRegime.DEBITS, perRate), invoice, DocumentLookup.none());

      assertLines(entry,
          "411000 411C1 D 167.47",
          "706200 C 100.00",
          "707000 C 50.00",
          "709700 D 5.00",
          "445711 C 20.00",
          "445712 C 2.47");
    }

    @Test
    void lineWithoutKind_isAService() {
      Document invoice = DocBuilder.of(DocumentType.INVOICE, "F-K").counterparty("C1", "Durand")
          .line("Sans nature", null, "100.00", "20.00", "20.00").build();

      assertLines(book(Entries.collections(), invoice, DocumentLookup.none()),
          "411000 411C1 D 120.00",
          "706000 C 100.00",
          "445740 C 20.00");
    }

    @Test
    void creditNote_mirrorsTheInvoice() {
      Document credit = DocBuilder.of(DocumentType.CREDIT_NOTE, "AV-1").counterparty("C1", "Durand")
          .line("Audit annulé", LineKind.SERVICES, "100.00", "20.00", "20.00")
          .line("Livre retourné", LineKind.GOODS, "50.00", "20.00", "10.00")
          .related("inv-1").build();

      assertLines(book(credit),
          "706000 D 100.00",
          "707000 D 50.00",
          "445710 D 30.00",
          "411000 411C1 C 180.00");
      assertLines(book(Entries.collections(), credit, DocumentLookup.none()),
          "706000 D 100.00",
          "707000 D 50.00",
          "445740 D 20.00",
          "445710 D 10.00",
          "411000 411C1 C 180.00");
    }

    @Test
    void depositInvoice_creditsCustomerDepositsAndVat() {
      Document deposit = DocBuilder.of(DocumentType.DEPOSIT_INVOICE, "FA-AC-1").counterparty("C1", "Durand")
          .line("Acompte 30 %", LineKind.GOODS, "300.00", "20.00", "60.00").build();

      JournalEntry entry = book(deposit);

      assertLines(entry,
          "411000 411C1 D 360.00",
          "419100 C 300.00",
          "445710 C 60.00");
      assertEquals("Clients - avances et acomptes reçus sur commandes", line(entry, "419100").accountLabel());
    }

    @Test
    void finalInvoice_deductsItsDepositOn4191() {
      Document deposit = DocBuilder.of(DocumentType.DEPOSIT_INVOICE, "FA-AC-1").id("dep-1").counterparty("C1", "Durand")
          .line("Acompte 30 %", LineKind.SERVICES, "300.00", "20.00", "60.00").build();
      Document invoice = DocBuilder.of(DocumentType.INVOICE, "F-3").counterparty("C1", "Durand")
          .line("Chantier", LineKind.SERVICES, "1000.00", "20.00", "200.00")
          .line("Acompte FA-AC-1", LineKind.SERVICES, "-300.00", "20.00", "-60.00", "419100")
          .deposits("dep-1").build();

      assertLines(book(Entries.debits(), invoice, lookup(deposit)),
          "411000 411C1 D 840.00",
          "419100 D 300.00",
          "706000 C 1000.00",
          "445710 C 140.00");
    }

    @Test
    void cashSale_debitsTheTillWithoutCustomer_vatDueAtOnceEvenOnCollections() {
      Document sale = DocBuilder.of(DocumentType.CASH_SALE, "T-1").noCounterparty()
          .line("Marchandise", LineKind.GOODS, "10.00", "20.00", "2.00")
          .line("Service", LineKind.SERVICES, "5.00", "10.00", "0.50")
          .paid(null, PAID_AT).build();

      for (TenantSettings settings : new TenantSettings[] {Entries.debits(), Entries.collections()}) {
        JournalEntry entry = book(settings, sale, DocumentLookup.none());
        assertLines(entry,
            "530000 D 17.50",
            "707000 C 10.00",
            "706000 C 5.00",
            "445710 C 2.50");
        assertEquals("CA", entry.journalCode());
        assertEquals("Journal de caisse", entry.journalLabel());
        // a cash sale is dated by its date: only payments, refunds and supplier payments take paidAt (§8)
        assertEquals(DocBuilder.DATE, entry.date());
        assertEquals(DocBuilder.DATE, entry.pieceDate());
        assertEquals("T-1", entry.label());
        assertEquals("Caisse", line(entry, "530000").accountLabel());
      }
    }
  }

  @Nested
  class Settlements {
    @Test
    void payment_debitsItsBankAccountAndCreditsTheCustomer_datedPaidAt() {
      Document payment = DocBuilder.of(DocumentType.PAYMENT, "R-1").counterparty("C1", "Durand")
          .amount("480.00").paid("512100", PAID_AT).build();

      JournalEntry entry = book(payment);

      assertLines(entry,
          "512100 D 480.00",
          "411000 411C1 C 480.00");
      assertEquals("BQ", entry.journalCode());
      assertEquals("Journal de banque", entry.journalLabel());
      assertEquals(PAID_AT, entry.date());
      assertEquals("Banques", line(entry, "512100").accountLabel());
    }

    @Test
    void payment_withoutBankAccount_usesTheTenantsBank() {
      Document payment = DocBuilder.of(DocumentType.PAYMENT, "R-2").counterparty("C1", "Durand")
          .amount("10.00").paid(" ", PAID_AT).build();

      assertLines(book(payment), "512000 D 10.00", "411000 411C1 C 10.00");
    }

    @Test
    void payment_withoutCounterparty_takesItsInvoicesCustomer() {
      Document invoice = DocBuilder.of(DocumentType.INVOICE, "F-9").id("inv-9").counterparty("C9", "Martin")
          .line("Audit", LineKind.SERVICES, "100.00", "20.00", "20.00").build();
      Document payment = DocBuilder.of(DocumentType.PAYMENT, "R-9").noCounterparty().amount("120.00").related("inv-9").build();

      assertLines(book(Entries.debits(), payment, lookup(invoice)), "512000 D 120.00", "411000 411C9 C 120.00");
    }

    @Test
    void refund_mirrorsThePayment() {
      Document refund = DocBuilder.of(DocumentType.REFUND, "RB-1").counterparty("C1", "Durand").amount("120.00").build();

      JournalEntry entry = book(refund);

      assertLines(entry,
          "411000 411C1 D 120.00",
          "512000 C 120.00");
      assertEquals("BQ", entry.journalCode());
    }

    @Test
    void refundOfACreditNote_onCollections_transfersThePendingVatBack() {
      Document credit = DocBuilder.of(DocumentType.CREDIT_NOTE, "AV-2").id("cn-2").counterparty("C1", "Durand")
          .line("Audit annulé", LineKind.SERVICES, "100.00", "20.00", "20.00").build();
      Document refund = DocBuilder.of(DocumentType.REFUND, "RB-2").counterparty("C1", "Durand")
          .amount("120.00").related("cn-2").build();

      assertLines(book(Entries.collections(), refund, lookup(credit)),
          "411000 411C1 D 120.00",
          "512000 C 120.00",
          "445710 D 20.00",
          "445740 C 20.00");
    }

    @Test
    void supplierPayment_debitsTheSupplierAndCreditsTheBank() {
      Document payment = DocBuilder.of(DocumentType.SUPPLIER_PAYMENT, "VIR-1").counterparty("S1", "Papeterie")
          .amount("720.00").vatRegime(VatRegime.DEBITS).build();

      JournalEntry entry = book(payment);

      assertLines(entry,
          "401000 401S1 D 720.00",
          "512000 C 720.00");
      assertEquals("BQ", entry.journalCode());
      assertEquals("Fournisseurs", line(entry, "401000").accountLabel());
    }

    @Test
    void supplierPayment_onCollections_makesThePendingDeductibleVatDeductible() {
      Document payment = DocBuilder.of(DocumentType.SUPPLIER_PAYMENT, "VIR-2").counterparty("S1", "Papeterie")
          .amount("360.00").related("pur-1").build();

      // half of the 720.00 invoice: half of its 100.00 pending VAT on services
      assertLines(book(Entries.collections(), payment, lookup(purchase())),
          "401000 401S1 D 360.00",
          "512000 C 360.00",
          "445660 D 50.00",
          "445640 C 50.00");
    }

    @Test
    void paymentOfADeposit_onCollections_transfersTheDepositsPendingVat() {
      Document deposit = DocBuilder.of(DocumentType.DEPOSIT_INVOICE, "FA-AC-3").id("dep-3").counterparty("C1", "Durand")
          .line("Acompte", LineKind.SERVICES, "300.00", "20.00", "60.00").build();
      Document payment = DocBuilder.of(DocumentType.PAYMENT, "R-AC-3").counterparty("C1", "Durand")
          .amount("360.00").related("dep-3").build();

      assertLines(book(Entries.collections(), payment, lookup(deposit)),
          "512000 D 360.00",
          "411000 411C1 C 360.00",
          "445740 D 60.00",
          "445710 C 60.00");
    }
  }

  @Nested
  class Purchases {
    @Test
    void purchaseInvoice_debitsEachLinesAccountAndDeductibleVat() {
      Document onDebits = DocBuilder.of(DocumentType.PURCHASE_INVOICE, "FA-1").id("pur-1").counterparty("S1", "Papeterie")
          .line("Papier", LineKind.GOODS, "100.00", "20.00", "20.00", "606400")
          .line("Honoraires", LineKind.SERVICES, "500.00", "20.00", "100.00", "622600")
          .vatRegime(VatRegime.DEBITS).build();
      JournalEntry entry = book(onDebits);

      assertLines(entry,
          "606400 D 100.00",
          "622600 D 500.00",
          "445660 D 120.00",
          "401000 401S1 C 720.00");
      assertEquals("AC", entry.journalCode());
      assertEquals("Journal des achats", entry.journalLabel());
      assertEquals("FA-1 - Papier", line(entry, "606400").label());
      assertEquals("FA-1 - Papeterie", line(entry, "445660").label());
      assertEquals("TVA déductible sur autres biens et services", line(entry, "445660").accountLabel());
    }

    @Test
    void purchaseInvoice_followsTheSuppliersRegime_notTheTenants() {
      // the tenant invoices on debits; its supplier of services is on collections (the legal default)
      assertLines(book(Entries.debits(), purchase(), DocumentLookup.none()),
          "606400 D 100.00",
          "622600 D 500.00",
          "445660 D 20.00",
          "445640 D 100.00",
          "401000 401S1 C 720.00");
      // and a supplier that opted for debits makes its VAT deductible at once, whatever the tenant's option
      Document onDebits = DocBuilder.of(DocumentType.PURCHASE_INVOICE, "FA-2").counterparty("S1", "Papeterie")
          .line("Honoraires", LineKind.SERVICES, "500.00", "20.00", "100.00", "622600")
          .vatRegime(VatRegime.DEBITS).build();
      assertLines(book(Entries.collections(), onDebits, DocumentLookup.none()),
          "622600 D 500.00",
          "445660 D 100.00",
          "401000 401S1 C 600.00");
    }

    @Test
    void purchaseInvoice_onCollections_keepsServicesVatPending() {
      assertLines(book(Entries.collections(), purchase(), DocumentLookup.none()),
          "606400 D 100.00",
          "622600 D 500.00",
          "445660 D 20.00",
          "445640 D 100.00",
          "401000 401S1 C 720.00");
    }

    @Test
    void purchaseCreditNote_mirrorsThePurchaseInvoice() {
      Document credit = DocBuilder.of(DocumentType.PURCHASE_CREDIT_NOTE, "AVF-1").counterparty("S1", "Papeterie")
          .line("Papier retourné", LineKind.GOODS, "100.00", "20.00", "20.00", "606400").build();

      JournalEntry entry = book(credit);

      assertLines(entry,
          "401000 401S1 D 120.00",
          "606400 C 100.00",
          "445660 C 20.00");
      assertEquals("AC", entry.journalCode());
    }

    @Test
    void expenseReport_debitsExpensesAndVatAndCreditsTheEmployee() {
      Document report = DocBuilder.of(DocumentType.EXPENSE_REPORT, "NDF-1").counterparty("E12", "Jeanne Martin")
          .line("Train Paris-Lyon", LineKind.SERVICES, "50.00", "0.00", "0.00", "625100")
          .line("Repas client", LineKind.SERVICES, "30.00", "10.00", "3.00", "625700")
          .line("Mission Lyon", LineKind.SERVICES, "100.00", "10.00", "10.00")
          .build();

      JournalEntry entry = book(Entries.collections(), report, DocumentLookup.none());

      assertLines(entry,
          "625100 D 50.00",
          "625700 D 30.00",
          "625600 D 100.00",
          "445660 D 13.00",
          "421000 421E12 C 193.00");
      assertEquals("NDF", entry.journalCode());
      assertEquals("Notes de frais", entry.journalLabel());
      assertEquals("NDF-1 - Jeanne Martin", entry.label());
      assertEquals("Jeanne Martin", line(entry, "421000").auxLabel());
      assertEquals("Personnel - rémunérations dues", line(entry, "421000").accountLabel());
      assertEquals("Voyages et déplacements", line(entry, "625100").accountLabel());
      assertEquals("NDF-1 - Train Paris-Lyon", line(entry, "625100").label());
    }
  }

  @Nested
  class ForeignCurrency {
    private Document usInvoice() {
      return DocBuilder.of(DocumentType.INVOICE, "F-US-1").id("inv-us-1").currency("USD", "1.0800")
          .counterparty("C1", "US Corp")
          .line("Consulting", LineKind.SERVICES, "1000.00", "0.00", "0.00").build();
    }

    @Test
    void invoice_convertsEachAccountAndRateGroup_andTheCustomerIsTheirSum() {
      Document invoice = DocBuilder.of(DocumentType.INVOICE, "F-US-2").currency("USD", "1.0800").counterparty("C1", "US Corp")
          .line("Service", LineKind.SERVICES, "1.00", "0.00", "0.00")
          .line("Goods", LineKind.GOODS, "1.00", "0.00", "0.00")
          .line("Other", LineKind.SERVICES, "5.00", "20.00", "1.00", "708500")
          .line("Other at 10 %", LineKind.SERVICES, "10.00", "10.00", "1.00", "708500")
          .build();

      JournalEntry entry = book(invoice);

      // groups: 1.00/1.08 = 0.93 (706), 0.93 (707), 5.00 -> 4.63 + 10.00 -> 9.26 (708500),
      // VAT 1.00 at 20 % -> 0.93 + 1.00 at 10 % -> 0.93 (445710); 411 = their sum 17.61, not 19.00/1.08 = 17.59
      assertLines(entry,
          "411000 411C1 D 17.61",
          "706000 C 0.93",
          "707000 C 0.93",
          "708500 C 13.89",
          "445710 C 1.86");
      assertEquals(amount("19.00"), line(entry, "411000").currencyAmount());
      assertEquals(amount("15.00"), line(entry, "708500").currencyAmount());
      assertEquals(amount("2.00"), line(entry, "445710").currencyAmount());
      entry.lines().forEach(l -> assertEquals("USD", l.currency()));
    }

    @Test
    void payment_atABetterRate_booksAnExchangeGain() {
      Document payment = DocBuilder.of(DocumentType.PAYMENT, "R-US-1").currency("USD", "1.05")
          .counterparty("C1", "US Corp").amount("1000.00").related("inv-us-1").build();

      JournalEntry entry = book(Entries.debits(), payment, lookup(usInvoice()));

      // 1000.00 / 1.05 = 952.38 received against 925.93 booked
      assertLines(entry,
          "512000 D 952.38",
          "411000 411C1 C 925.93",
          "756000 C 26.45");
      assertEquals(amount("0.00"), line(entry, "756000").currencyAmount());
      assertEquals("USD", line(entry, "756000").currency());
    }

    @Test
    void partialPayment_clearsItsShareOfTheInvoicesEuroAmount() {
      Document payment = DocBuilder.of(DocumentType.PAYMENT, "R-US-2").currency("USD", "1.05")
          .counterparty("C1", "US Corp").amount("500.00").related("inv-us-1").build();

      // 925.93 x 500/1000 = 462.965 -> 462.97; 500.00 / 1.05 = 476.19
      assertLines(book(Entries.debits(), payment, lookup(usInvoice())),
          "512000 D 476.19",
          "411000 411C1 C 462.97",
          "756000 C 13.22");
    }

    @Test
    void supplierPayment_atAWorseRate_booksAnExchangeLoss() {
      Document purchase = DocBuilder.of(DocumentType.PURCHASE_INVOICE, "FA-US-1").id("pur-us-1").currency("USD", "1.0800")
          .counterparty("S1", "US Supplier")
          .line("Licence", LineKind.SERVICES, "1000.00", "0.00", "0.00", "651000").build();
      Document payment = DocBuilder.of(DocumentType.SUPPLIER_PAYMENT, "VIR-US-1").currency("USD", "1.05")
          .counterparty("S1", "US Supplier").amount("1000.00").related("pur-us-1").build();

      assertLines(book(Entries.debits(), purchase, DocumentLookup.none()),
          "651000 D 925.93",
          "401000 401S1 C 925.93");
      assertLines(book(Entries.debits(), payment, lookup(purchase)),
          "401000 401S1 D 925.93",
          "656000 D 26.45",
          "512000 C 952.38");
    }

    @Test
    void payment_withoutItsInvoice_isBookedAtItsOwnRate() {
      Document payment = DocBuilder.of(DocumentType.PAYMENT, "R-US-3").currency("USD", "1.05")
          .counterparty("C1", "US Corp").amount("1000.00").build();

      assertLines(book(payment), "512000 D 952.38", "411000 411C1 C 952.38");
    }
  }

  @Nested
  class LabelsAndAccounts {
    @Test
    void labels_stripTabsPipesAndLineBreaks() {
      Document invoice = DocBuilder.of(DocumentType.INVOICE, "F-\t7").counterparty("C1", "Dupont\t|SA\r\nParis")
          .line("Audit", LineKind.SERVICES, "100.00", "20.00", "20.00").build();

      JournalEntry entry = book(invoice);

      assertEquals("F- 7 - Dupont SA Paris", entry.label());
      entry.lines().forEach(l -> assertEquals("F- 7 - Dupont SA Paris", l.label()));
      assertEquals("Dupont SA Paris", line(entry, "411000").auxLabel());
      assertEquals("F-\t7", entry.pieceRef());
    }

    @Test
    void label_withoutNumber_usesTheId() {
      Document invoice = DocBuilder.of(DocumentType.INVOICE, null).id("inv-0001").counterparty("C1", " ")
          .line("Audit", LineKind.SERVICES, "100.00", "20.00", "20.00").build();

      JournalEntry entry = book(invoice);

      assertEquals("inv-0001", entry.pieceRef());
      assertEquals("inv-0001", entry.label());
      assertEquals("411C1", line(entry, "411000").auxLabel());
    }

    @Test
    void auxiliaryAccount_isTheCounterpartysOwn_elseThePrefixAndItsId_withAHashWhereTheIdHadToChange() {
      Document own = DocBuilder.of(DocumentType.INVOICE, "F-A").counterpartyWithAccount("C1", "Durand", "411DURAND")
          .line("Audit", LineKind.SERVICES, "100.00", "20.00", "20.00").build();
      Document canonical = DocBuilder.of(DocumentType.INVOICE, "F-0").counterparty("CUST00042", "Durand")
          .line("Audit", LineKind.SERVICES, "100.00", "20.00", "20.00").build();
      Document cleaned = DocBuilder.of(DocumentType.INVOICE, "F-B").counterparty("cust-00042/é", "Durand")
          .line("Audit", LineKind.SERVICES, "100.00", "20.00", "20.00").build();
      Document longId = DocBuilder.of(DocumentType.INVOICE, "F-C").counterparty("abcdefghijklmnopqrstuvwxyz", "Durand")
          .line("Audit", LineKind.SERVICES, "100.00", "20.00", "20.00").build();

      assertEquals("411DURAND", line(book(own), "411000").auxAccount());
      assertEquals("411CUST00042", line(book(canonical), "411000").auxAccount(), "an id already canonical is kept as is");
      String c = line(book(cleaned), "411000").auxAccount();
      String l = line(book(longId), "411000").auxAccount();
      // changed (case, characters) or cut: the cleaned id as far as it fits, then 6 characters of a hash
      assertTrue(c.matches("^411CUST0004[0-9A-Z]{6}$"), c);
      assertTrue(l.matches("^411ABCDEFGH[0-9A-Z]{6}$"), l);
      assertNotEquals("411CUST00042", c, "cust-00042/é and CUST00042 are two customers");
      assertEquals(c, line(book(cleaned), "411000").auxAccount(), "stable");
    }

    @Test
    void auxiliaryAccounts_ofDifferentIds_neverCollide_whateverTheirCaseOrLength() {
      java.util.Random random = new java.util.Random(42);
      String alphabet = "aAbBcC01-_.";
      java.util.Map<String, String> byAccount = new java.util.HashMap<>();
      java.util.Set<String> ids = new java.util.LinkedHashSet<>(java.util.List.of("C1", "c1", "C-1", "c-1", "C_1", "C.1",
          "x".repeat(40), "x".repeat(41), "X".repeat(40)));
      while (ids.size() < 20_000) {
        StringBuilder id = new StringBuilder();
        int length = 1 + random.nextInt(random.nextBoolean() ? 6 : 30);
        for (int i = 0; i < length; i++) {
          id.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        if (Character.isLetterOrDigit(id.charAt(0))) {
          ids.add(id.toString());
        }
      }
      for (String id : ids) {
        String account = Bookkeeper.auxOf(new com.accountingexport.core.document.Counterparty(id, "N", null, null, null,
            null, null, null, false, null), "411").orElseThrow().account();
        assertTrue(account.length() <= 17 && account.matches("^[0-9A-Z]+$"), id + " -> " + account);
        String other = byAccount.put(account, id);
        assertTrue(other == null, id + " and " + other + " share the sub-account " + account);
      }
    }

    @Test
    void journalCode_comesFromTheTenantsSettings() {
      TenantSettings d = TenantSettings.defaults();
      TenantSettings renamed = new TenantSettings(d.fiscalYearStart(), d.vatRegimeServices(), d.numberingPattern(),
          d.defaultFormat(), Map.of(JournalKind.SALES, "VE"), d.accounts(), d.notificationEmails(),
          d.backgroundThreshold(), d.pageAccess());
      Document invoice = DocBuilder.of(DocumentType.INVOICE, "F-J").counterparty("C1", "Durand")
          .line("Audit", LineKind.SERVICES, "100.00", "20.00", "20.00").build();

      JournalEntry entry = book(renamed, invoice, DocumentLookup.none());

      assertEquals("VE", entry.journalCode());
      assertEquals("Journal des ventes", entry.journalLabel());
    }

    @Test
    void status_isNotTheBookkeepersConcern_aDraftIsBooked() {
      Document draft = DocBuilder.of(DocumentType.INVOICE, "F-D").status(DocumentStatus.DRAFT).counterparty("C1", "Durand")
          .line("Audit", LineKind.SERVICES, "100.00", "20.00", "20.00").build();

      assertLines(book(draft), "411000 411C1 D 120.00", "706000 C 100.00", "445710 C 20.00");
    }
  }
}
