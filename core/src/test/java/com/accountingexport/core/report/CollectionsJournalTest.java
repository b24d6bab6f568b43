package com.accountingexport.core.report;

import static com.accountingexport.core.report.Rows.money;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.accountingexport.core.booking.EntryLine;
import com.accountingexport.core.booking.JournalEntry;
import com.accountingexport.core.document.Allocation;
import com.accountingexport.core.document.Document;
import com.accountingexport.core.document.DocumentStatus;
import com.accountingexport.core.document.DocumentType;
import com.accountingexport.core.document.PaymentInfo;
import com.accountingexport.core.document.Totals;
import com.accountingexport.core.fakes.TestDocuments;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class CollectionsJournalTest {
  private static final LocalDate DAY = LocalDate.of(2026, 3, 10);

  private static Document settlement(String id, DocumentType type, LocalDate paidAt, String method, String gross,
      String related, List<Allocation> allocations) {
    BigDecimal g = money(gross);
    return new Document(id, type, "R-" + id, paidAt.minusDays(2), DocumentStatus.VALIDATED, "EUR", null,
        TestDocuments.customer("C1", "Client"), List.of(), new Totals(g, BigDecimal.ZERO.setScale(2), g), related,
        List.of(), new PaymentInfo(method, "512000", paidAt, false), null, null, null, allocations, null, null);
  }

  @Test
  void table_sumsSettlementsPerDayAndMethod_withTheInvoicesTheySettle() {
    // given: invoices the lookup knows by number (d10 it does not know)
    Map<String, Document> known = new HashMap<>();
    for (int i = 1; i <= 4; i++) {
      Document inv = TestDocuments.invoice("d" + i, DAY.minusDays(20), "100.00", "20.00");
      known.put(inv.id(), inv);
    }
    Document creditNote = new Document("n1", DocumentType.CREDIT_NOTE, "AV-1", DAY.minusDays(5), DocumentStatus.VALIDATED,
        "EUR", null, null, List.of(), null, null, List.of(), null, null, null, null);
    known.put("n1", creditNote);
    CollectionsJournal journal = new CollectionsJournal(id -> Optional.ofNullable(known.get(id)));
    Document usd = new Document("p4", DocumentType.PAYMENT, "R-p4", DAY.plusDays(1), DocumentStatus.VALIDATED, "USD",
        money("1.0850"), null, List.of(), new Totals(money("108.50"), money("0.00"), money("108.50")), "d4", List.of(),
        new PaymentInfo(" card ", "512000", DAY.plusDays(1), false), null, null, null);

    // when
    assertTrue(journal.add(settlement("p1", DocumentType.PAYMENT, DAY, "card", "120.00", "d1", null)));
    assertTrue(journal.add(settlement("p2", DocumentType.PAYMENT, DAY, "card", "60.00", "d2", null)));
    assertTrue(journal.add(settlement("p3", DocumentType.PAYMENT, DAY, "transfer", "150.00", null,
        List.of(new Allocation("d3", money("100.00")), new Allocation("d10", money("50.00"))))));
    assertTrue(journal.add(settlement("r1", DocumentType.REFUND, DAY, "card", "30.00", "n1", null)));
    assertTrue(journal.add(usd));
    assertTrue(journal.add(settlement("p5", DocumentType.PAYMENT, DAY.plusDays(1), null, "10.00", null, null)));
    assertFalse(journal.add(known.get("d1")), "an invoice is no collection");
    assertFalse(journal.add(settlement("s1", DocumentType.SUPPLIER_PAYMENT, DAY, "card", "99.00", null, null)));
    ReportTable t = journal.table(DAY, DAY.plusDays(1));

    // then
    Rows.assertTyped(t);
    assertEquals("collections", t.id());
    List<List<Object>> expected = new ArrayList<>();
    expected.add(java.util.Arrays.asList(DAY, "card", 3L, money("150.00"), "AV-1, F-d1, F-d2")); // 120 + 60 - 30
    expected.add(java.util.Arrays.asList(DAY, "transfer", 1L, money("150.00"), "F-d3, d10"));
    expected.add(java.util.Arrays.asList(DAY.plusDays(1), "card", 1L, money("100.00"), "F-d4")); // 108.50 USD / 1.085
    expected.add(java.util.Arrays.asList(DAY.plusDays(1), null, 1L, money("10.00"), null));
    assertEquals(expected, t.rows());
    assertEquals(java.util.Arrays.asList(null, null, 6L, money("410.00"), null), t.totals());
  }

  /**
   * Over random ledgers booked by the Bookkeeper: per day, the collections of the payments and refunds
   * the bank journal holds equal that day's bank lines of their entries (D 512 for a payment, C 512 for
   * a refund), the counts and settled invoices are those of the documents, whatever the order.
   */
  @Test
  void collections_equalTheBankLinesOfTheirEntries_overRandomLedgers() {
    for (long seed = 1; seed <= 20; seed++) {
      RandomLedger ledger = RandomLedger.generate(seed, 300);
      Map<String, JournalEntry> entryOf = new HashMap<>();
      ledger.entries.forEach(e -> entryOf.put(e.documentId(), e));
      Map<String, Document> byId = new HashMap<>();
      ledger.documents.forEach(d -> byId.put(d.id(), d));

      // expected: amounts from the bank lines, keys, counts and invoices from the documents
      Map<String, BigDecimal> amount = new TreeMap<>();
      Map<String, Long> count = new TreeMap<>();
      Map<String, TreeSet<String>> invoices = new TreeMap<>();
      List<Document> fed = new ArrayList<>();
      for (Document d : ledger.booked) {
        boolean collection = d.type() == DocumentType.PAYMENT || d.type() == DocumentType.REFUND;
        if (!collection || d.payment().external()) {
          continue;
        }
        fed.add(d);
        JournalEntry e = entryOf.get(d.id());
        String key = e.date() + "|" + d.payment().method();
        for (EntryLine l : e.lines()) {
          if (l.account().equals(d.payment().bankAccount())) {
            amount.merge(key, l.debit().subtract(l.credit()), BigDecimal::add);
          }
        }
        count.merge(key, 1L, Long::sum);
        TreeSet<String> refs = invoices.computeIfAbsent(key, k -> new TreeSet<>());
        e.links().forEach(id -> refs.add(byId.get(id).pieceRef()));
      }
      Collections.shuffle(fed, new Random(seed));
      CollectionsJournal journal = new CollectionsJournal(id -> Optional.ofNullable(byId.get(id)));
      fed.forEach(journal::add);
      ReportTable t = journal.table(RandomLedger.START, RandomLedger.START.plusYears(1));

      String context = "seed " + seed;
      Rows.assertTyped(t);
      assertTrue(fed.size() > 50, context);
      Map<String, List<Object>> rows = Rows.byKey(t, "date", "method");
      assertEquals(amount.keySet(), rows.keySet(), context);
      BigDecimal total = BigDecimal.ZERO;
      LocalDate previous = null;
      for (List<Object> row : t.rows()) {
        LocalDate date = (LocalDate) Rows.cell(t, row, "date");
        assertTrue(previous == null || !date.isBefore(previous), context + ": sorted by date");
        previous = date;
      }
      for (Map.Entry<String, List<Object>> r : rows.entrySet()) {
        String key = r.getKey();
        BigDecimal a = Rows.money(t, r.getValue(), "amount");
        assertEquals(0, amount.get(key).compareTo(a), context + " " + key + ": " + amount.get(key) + " vs " + a);
        assertEquals(count.get(key), Rows.cell(t, r.getValue(), "count"), context + " " + key);
        String cell = (String) Rows.cell(t, r.getValue(), "invoices");
        TreeSet<String> shown = cell == null ? new TreeSet<>() : new TreeSet<>(List.of(cell.split(", ")));
        assertEquals(invoices.get(key), shown, context + " " + key);
        total = total.add(a);
      }
      assertEquals(0, total.compareTo(Rows.money(t, t.totals(), "amount")), context);
      assertEquals((long) fed.size(), Rows.cell(t, t.totals(), "count"), context);
    }
  }
}
