package com.accountingexport.core.report;

import static com.accountingexport.core.report.ListDocs.cell;
import static com.accountingexport.core.report.ListDocs.column;
import static com.accountingexport.core.report.ListDocs.row;
import static com.accountingexport.core.report.ListDocs.total;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.accountingexport.core.booking.BookingResult;
import com.accountingexport.core.booking.Bookkeeper;
import com.accountingexport.core.booking.DocumentLookup;
import com.accountingexport.core.booking.EntryLine;
import com.accountingexport.core.booking.JournalEntry;
import com.accountingexport.core.document.Allocation;
import com.accountingexport.core.document.Counterparty;
import com.accountingexport.core.document.Document;
import com.accountingexport.core.document.DocumentLine;
import com.accountingexport.core.document.DocumentStatus;
import com.accountingexport.core.document.DocumentType;
import com.accountingexport.core.document.LineKind;
import com.accountingexport.core.document.PaymentInfo;
import com.accountingexport.core.document.Totals;
import com.accountingexport.core.fakes.TestDocuments;
import com.accountingexport.core.settings.TenantSettings;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CustomerBalancesTest {
  static final TenantSettings SETTINGS = TenantSettings.defaults();
  static final LocalDate AT = LocalDate.of(2026, 3, 15);

  private static EntryLine line(String account, String aux, String auxLabel, String debit, String credit) {
    return new EntryLine(account, account, aux, auxLabel, "x", new BigDecimal(debit), new BigDecimal(credit), null, null);
  }

  private static JournalEntry entry(LocalDate date, EntryLine... lines) {
    return new JournalEntry("VT", "Ventes", date, "P", date, "x", "doc", List.of(lines));
  }

  @Test
  void table_sumsTheCustomersSubAccountsUpToAt_only() {
    CustomerBalances b = new CustomerBalances("411000", AT);
    b.add(entry(LocalDate.of(2026, 3, 1), line("411000", "411C1", "ALICE", "120.00", "0.00"),
        line("706000", null, null, "0.00", "100.00"), line("445740", null, null, "0.00", "20.00")));
    b.add(entry(AT, line("512000", null, null, "50.00", "0.00"), line("411000", "411C1", "ALICE", "0.00", "50.00")));
    b.add(entry(AT.plusDays(1), line("512000", null, null, "70.00", "0.00"),
        line("411000", "411C1", "ALICE", "0.00", "70.00")));
    // a supplier, a customer line without sub-account, another customer overpaying
    b.add(entry(LocalDate.of(2026, 3, 2), line("606000", null, null, "10.00", "0.00"),
        line("401000", "401S1", "SUPPLIER", "0.00", "10.00")));
    b.add(entry(LocalDate.of(2026, 3, 3), line("411000", null, null, "5.00", "0.00"),
        line("706000", null, null, "0.00", "5.00")));
    b.add(entry(LocalDate.of(2026, 3, 4), line("512000", null, null, "30.00", "0.00"),
        line("411000", "411C2", "BOB", "0.00", "30.00")));
    b.counterparty("411C2", "C2", "Bob & Co");

    ReportTable t = b.table(LocalDate.of(2026, 1, 1), AT);

    assertEquals("customer-balances", t.id());
    assertEquals(List.of("counterpartyId", "name", "account", "balance"), t.columns().stream().map(ReportColumn::id).toList());
    assertEquals(List.of("411C1", "411C2"), column(t, "account"));
    List<Object> alice = row(t, "account", "411C1");
    assertEquals(new BigDecimal("70.00"), cell(t, alice, "balance"), "120.00 invoiced, 50.00 paid by the 15th");
    assertEquals(null, cell(t, alice, "counterpartyId"), "no document named it: not guessed");
    assertEquals("ALICE", cell(t, alice, "name"), "the entries' label");
    List<Object> bob = row(t, "account", "411C2");
    assertEquals(new BigDecimal("-30.00"), cell(t, bob, "balance"));
    assertEquals("C2", cell(t, bob, "counterpartyId"));
    assertEquals("Bob & Co", cell(t, bob, "name"));
    assertEquals(new BigDecimal("40.00"), total(t, "balance"));
  }

  @Test
  void counterparty_ofADocument_isTheSubAccountItsEntryBooks() {
    Counterparty hashed = TestDocuments.customer("c-7", "Carol");
    Counterparty own = new Counterparty("C8", "Dan", "411DAN", null, null, "FR", null, null, false, null);
    Document d1 = ListDocs.of(DocumentType.INVOICE, "f1").line("10.00", "20.00", "2.00").build();
    d1 = withParty(d1, hashed);
    Document d2 = withParty(ListDocs.of(DocumentType.INVOICE, "f2").line("10.00", "20.00", "2.00").build(), own);
    CustomerBalances b = new CustomerBalances(SETTINGS, AT);
    for (Document d : List.of(d1, d2)) {
      b.counterparty(SETTINGS, d);
      b.add(new Bookkeeper(SETTINGS).book(d, DocumentLookup.none()).entry());
    }

    ReportTable t = b.table(LocalDate.of(2026, 1, 1), AT);

    assertEquals(List.of("C8", "c-7"), t.rows().stream()
        .sorted(java.util.Comparator.comparing(r -> (String) r.get(0))).map(r -> r.get(0)).toList());
    assertEquals("411DAN", cell(t, row(t, "counterpartyId", "C8"), "account"));
    String carols = (String) cell(t, row(t, "counterpartyId", "c-7"), "account");
    assertTrue(carols.startsWith("411C7") && carols.length() > "411C7".length(), carols);
  }

  private static Document withParty(Document d, Counterparty p) {
    return new Document(d.id(), d.type(), d.number(), d.date(), d.status(), d.currency(), d.exchangeRate(), p, d.lines(),
        d.totals(), d.relatedDocumentId(), d.depositDocumentIds(), d.payment(), d.engagementNumber(),
        d.purchaseOrderNumber(), d.accountingPeriodEnd(), d.relatedDocumentIds(), d.vatRegime(), d.validatedAt(),
        d.dueDate());
  }

  // ---------------------------------------------------------------- the property

  /**
   * Over random ledgers (invoices, credit notes, partial, full, split and over-payments, refunds,
   * purchases and cash sales, dated on both sides of {@code at}), booked by the Bookkeeper: the
   * customer balances equal (1) what the documents say each customer owes (invoices − credit notes −
   * payments + refunds up to {@code at}), and (2) the 411 sub-account balances of the same entries
   * as the trial balance of customers computes them.
   */
  @Test
  void customerBalances_equalThe411SubAccountBalances_overRandomLedgers() {
    for (long seed = 1; seed <= 60; seed++) {
      Random random = new Random(seed);
      List<Document> docs = randomLedger(random);
      DocumentLookup lookup = ListDocs.lookup(docs);
      Bookkeeper bookkeeper = new Bookkeeper(SETTINGS);
      CustomerBalances balances = new CustomerBalances(SETTINGS, AT);
      TrialBalance trial = new TrialBalance(TrialBalance.Level.CUSTOMERS, "411000", "401000");
      Map<String, BigDecimal> owed = new HashMap<>();
      Map<String, String> accountOf = new HashMap<>();
      for (Document d : docs) {
        BookingResult booked = bookkeeper.book(d, lookup);
        assertNotNull(booked.entry(), "seed " + seed + ": " + d.id() + " " + booked.anomalies());
        balances.counterparty(SETTINGS, d);
        balances.add(booked.entry());
        if (!booked.entry().date().isAfter(AT)) {
          trial.period(booked.entry());
        }
        BigDecimal sign = switch (d.type()) {
          case INVOICE, REFUND -> BigDecimal.ONE;
          case CREDIT_NOTE, PAYMENT -> BigDecimal.ONE.negate();
          default -> BigDecimal.ZERO;
        };
        if (sign.signum() != 0 && !d.bookingDate().isAfter(AT)) {
          owed.merge(d.counterparty().id(), d.totals().gross().multiply(sign), BigDecimal::add);
          accountOf.put(d.counterparty().id(), Bookkeeper.customerAuxiliaryAccount(SETTINGS, d.counterparty()));
        }
      }
      ReportTable t = balances.table(LocalDate.of(2026, 1, 1), AT);
      ReportTable tb = trial.table(LocalDate.of(2026, 1, 1), AT);

      assertEquals(owed.size(), t.rows().size(), "seed " + seed);
      BigDecimal sum = BigDecimal.ZERO;
      for (Map.Entry<String, BigDecimal> e : owed.entrySet()) {
        List<Object> r = row(t, "counterpartyId", e.getKey());
        assertEquals(accountOf.get(e.getKey()), cell(t, r, "account"), "seed " + seed);
        assertEquals(0, e.getValue().compareTo((BigDecimal) cell(t, r, "balance")),
            "seed " + seed + " customer " + e.getKey() + ": " + e.getValue() + " vs " + cell(t, r, "balance"));
        sum = sum.add(e.getValue());
      }
      assertEquals(0, sum.compareTo((BigDecimal) total(t, "balance")), "seed " + seed);

      assertEquals(tb.rows().size(), t.rows().size(), "seed " + seed);
      for (List<Object> r : tb.rows()) {
        BigDecimal closing = ((BigDecimal) cell(tb, r, "closingDebit")).subtract((BigDecimal) cell(tb, r, "closingCredit"));
        List<Object> mine = row(t, "account", cell(tb, r, "account"));
        assertEquals(0, closing.compareTo((BigDecimal) cell(t, mine, "balance")), "seed " + seed);
      }
    }
  }

  private static final List<Counterparty> CUSTOMERS = List.of(
      TestDocuments.customer("C1", "Alice"),
      TestDocuments.customer("c-2", "Bob"),
      new Counterparty("C3", "Carol", "411CAROL", null, null, "FR", null, null, false, null),
      TestDocuments.customer("C4", "Dan"));

  private static List<Document> randomLedger(Random random) {
    List<Document> docs = new ArrayList<>();
    int n = 0;
    List<Document> invoices = new ArrayList<>();
    List<Document> credits = new ArrayList<>();
    for (int i = 0; i < 4 + random.nextInt(8); i++) {
      Counterparty c = CUSTOMERS.get(random.nextInt(CUSTOMERS.size()));
      BigDecimal net = cents(random, 1000, 200000);
      BigDecimal vat = net.multiply(new BigDecimal("0.20")).setScale(2, RoundingMode.HALF_UP);
      Document inv = doc("f" + (++n), DocumentType.INVOICE, day(random), c,
          List.of(new DocumentLine("Prestation", random.nextBoolean() ? LineKind.SERVICES : LineKind.GOODS, net,
              new BigDecimal("20.00"), vat, null, null)), new Totals(net, vat, net.add(vat)), null, List.of(), null);
      docs.add(inv);
      invoices.add(inv);
    }
    for (Document inv : List.copyOf(invoices)) {
      int what = random.nextInt(6);
      BigDecimal gross = inv.totals().gross();
      if (what == 0) {
        // a credit note of part of it, sometimes refunded
        BigDecimal net = inv.totals().net().divide(BigDecimal.valueOf(2 + random.nextInt(3)), 2, RoundingMode.DOWN);
        BigDecimal vat = net.multiply(new BigDecimal("0.20")).setScale(2, RoundingMode.HALF_UP);
        Document cn = doc("a" + (++n), DocumentType.CREDIT_NOTE, day(random), inv.counterparty(),
            List.of(new DocumentLine("Avoir", inv.lines().get(0).kind(), net, new BigDecimal("20.00"), vat, null, null)),
            new Totals(net, vat, net.add(vat)), inv.id(), List.of(), null);
        docs.add(cn);
        credits.add(cn);
        if (random.nextBoolean()) {
          docs.add(settlement("r" + (++n), DocumentType.REFUND, random, cn.counterparty(), cn.totals().gross(), cn.id(),
              List.of()));
        }
      } else if (what <= 2) {
        // paid in one, two or three payments, possibly overpaid
        int parts = 1 + random.nextInt(3);
        BigDecimal part = gross.divide(BigDecimal.valueOf(parts), 2, RoundingMode.DOWN);
        for (int p = 0; p < parts; p++) {
          BigDecimal amount = p == parts - 1 ? gross.subtract(part.multiply(BigDecimal.valueOf(parts - 1))) : part;
          if (random.nextInt(5) == 0) {
            amount = amount.add(cents(random, 100, 5000));
          }
          docs.add(settlement("p" + (++n), DocumentType.PAYMENT, random, inv.counterparty(), amount, inv.id(),
              List.of()));
        }
      } else if (what == 3) {
        // a partial payment only
        docs.add(settlement("p" + (++n), DocumentType.PAYMENT, random, inv.counterparty(),
            gross.divide(BigDecimal.valueOf(3), 2, RoundingMode.DOWN), inv.id(), List.of()));
      }
    }
    // one payment of two invoices of the same customer, when there are
    for (Document a : invoices) {
      for (Document b : invoices) {
        if (a != b && a.counterparty() == b.counterparty() && random.nextInt(3) == 0) {
          BigDecimal onA = a.totals().gross().divide(BigDecimal.valueOf(2), 2, RoundingMode.DOWN);
          BigDecimal onB = b.totals().gross().divide(BigDecimal.valueOf(4), 2, RoundingMode.DOWN);
          docs.add(settlement("p" + (++n), DocumentType.PAYMENT, random, a.counterparty(), onA.add(onB), null,
              List.of(new Allocation(a.id(), onA), new Allocation(b.id(), null))));
          return withNoise(docs, random, n);
        }
      }
    }
    return withNoise(docs, random, n);
  }

  /** A purchase and a cash sale: no customer sub-account. */
  private static List<Document> withNoise(List<Document> docs, Random random, int n) {
    docs.add(TestDocuments.purchase("b" + (n + 1), day(random), "S1", "606000", "40.00", "8.00"));
    Document sale = ListDocs.of(DocumentType.CASH_SALE, "cs" + (n + 2)).date(day(random)).noCustomer().noPayment()
        .line("10.00", "20.00", "2.00").build();
    docs.add(sale);
    return docs;
  }

  private static Document doc(String id, DocumentType type, LocalDate date, Counterparty c, List<DocumentLine> lines,
      Totals totals, String related, List<Allocation> allocations, PaymentInfo payment) {
    return new Document(id, type, id.toUpperCase(), date, DocumentStatus.VALIDATED, "EUR", null, c, lines, totals, related,
        List.of(), payment, null, null, null, allocations, null, null, null);
  }

  private static Document settlement(String id, DocumentType type, Random random, Counterparty c, BigDecimal amount,
      String related, List<Allocation> allocations) {
    LocalDate date = day(random);
    LocalDate paidAt = date.minusDays(random.nextInt(4));
    return doc(id, type, date, c, List.of(), new Totals(amount, new BigDecimal("0.00"), amount), related, allocations,
        new PaymentInfo("transfer", "512000", paidAt, false));
  }

  /** A day from February to April 2026: on both sides of {@code AT}. */
  private static LocalDate day(Random random) {
    return LocalDate.of(2026, 2, 1).plusDays(random.nextInt(89));
  }

  private static BigDecimal cents(Random random, int min, int max) {
    return BigDecimal.valueOf(min + random.nextInt(max - min), 2);
  }
}
