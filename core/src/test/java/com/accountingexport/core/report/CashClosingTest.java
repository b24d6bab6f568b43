package com.accountingexport.core.report;

import static com.accountingexport.core.report.ListDocs.total;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.accountingexport.core.booking.BookingResult;
import com.accountingexport.core.booking.Bookkeeper;
import com.accountingexport.core.booking.DocumentLookup;
import com.accountingexport.core.booking.EntryLine;
import com.accountingexport.core.document.Document;
import com.accountingexport.core.document.DocumentStatus;
import com.accountingexport.core.document.DocumentType;
import com.accountingexport.core.settings.TenantSettings;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class CashClosingTest {
  static final TenantSettings SETTINGS = TenantSettings.defaults();
  static final LocalDate DAY_1 = LocalDate.of(2026, 3, 2);
  static final LocalDate DAY_2 = LocalDate.of(2026, 3, 3);

  private static ListDocs cashSale(String id, LocalDate date, String net, String vat) {
    return ListDocs.of(DocumentType.CASH_SALE, id).date(date).noCustomer().line(net, "20.00", vat);
  }

  static final Document F1 = ListDocs.of(DocumentType.INVOICE, "f1").date(LocalDate.of(2026, 2, 20))
      .customer("C1", "Alice").line("100.00", "20.00", "20.00").build();
  static final Document A1 = ListDocs.of(DocumentType.CREDIT_NOTE, "a1").date(LocalDate.of(2026, 2, 25))
      .customer("C1", "Alice").line("10.00", "20.00", "2.00").related("f1").build();

  /** What went through the till on two days, and what did not. */
  static List<Document> documents() {
    List<Document> docs = new ArrayList<>();
    docs.add(cashSale("s1", DAY_1, "10.00", "2.00").paid("cash", null, DAY_1).build());
    docs.add(cashSale("s2", DAY_1, "20.00", "4.00").paid("card", null, DAY_1).build());
    docs.add(cashSale("s3", DAY_1, "5.00", "1.00").noPayment().build()); // no details: cash
    docs.add(cashSale("s4", DAY_2, "30.00", "6.00").paid("cash", null, DAY_2).build());
    // an invoice paid at the till, its credit note given back from it
    docs.add(ListDocs.of(DocumentType.PAYMENT, "p1").date(DAY_2).customer("C1", "Alice").amount("60.00").related("f1")
        .paid("cash", "530000", DAY_2).build());
    docs.add(ListDocs.of(DocumentType.REFUND, "r1").date(DAY_2).customer("C1", "Alice").amount("12.00").related("a1")
        .paid("cash", "530000", DAY_2).build());
    // not through the till: a bank transfer, a payment outside the platform, a draft, an invoice
    docs.add(ListDocs.of(DocumentType.PAYMENT, "p2").date(DAY_2).customer("C1", "Alice").amount("60.00").related("f1")
        .paid("transfer", "512000", DAY_2).build());
    docs.add(ListDocs.of(DocumentType.PAYMENT, "p3").date(DAY_2).customer("C1", "Alice").amount("1.00").related("f1")
        .external("cash", DAY_2).build());
    docs.add(cashSale("s5", DAY_2, "50.00", "10.00").status(DocumentStatus.DRAFT).build());
    docs.add(F1);
    docs.add(A1);
    return docs;
  }

  @Test
  void table_countsAndSumsPerDayAndMethod_refundsNegative() {
    CashClosing closing = new CashClosing(SETTINGS);
    documents().forEach(closing::add);

    ReportTable t = closing.table(DAY_1, DAY_2);

    assertEquals("cash-closing", t.id());
    assertEquals(List.of(
        List.of(DAY_1, "card", 1L, new BigDecimal("24.00")),
        List.of(DAY_1, "cash", 2L, new BigDecimal("12.00").add(new BigDecimal("6.00"))),
        List.of(DAY_2, "cash", 3L, new BigDecimal("36.00").add(new BigDecimal("60.00")).subtract(new BigDecimal("12.00")))),
        t.rows());
    assertEquals(6L, total(t, "count"));
    assertEquals(new BigDecimal("24.00").add(new BigDecimal("18.00")).add(new BigDecimal("84.00")), total(t, "amount"));
  }

  @Test
  void eachDaysTotal_isWhatTheJournalsMoveOnTheCashAccounts() {
    List<Document> docs = documents();
    DocumentLookup lookup = ListDocs.lookup(docs);
    Map<LocalDate, BigDecimal> journals = new TreeMap<>();
    for (Document d : docs) {
      if (d.status() == DocumentStatus.DRAFT || d.payment() != null && d.payment().external()) {
        continue; // never booked on 530: a draft does not export, an outside payment has no 512/530 line
      }
      BookingResult booked = new Bookkeeper(SETTINGS).book(d, lookup);
      assertNotNull(booked.entry(), d.id() + " " + booked.anomalies());
      for (EntryLine l : booked.entry().lines()) {
        if (l.account().startsWith("53")) {
          journals.merge(booked.entry().date(), l.debit().subtract(l.credit()), BigDecimal::add);
        }
      }
    }
    CashClosing closing = new CashClosing(SETTINGS);
    docs.forEach(closing::add);
    ReportTable t = closing.table(DAY_1, DAY_2);

    Map<LocalDate, BigDecimal> listed = new TreeMap<>();
    for (List<Object> r : t.rows()) {
      listed.merge((LocalDate) r.get(0), (BigDecimal) r.get(3), BigDecimal::add);
    }
    assertEquals(journals, listed);
  }

  @Test
  void table_keepsTheDaysOfItsPeriod() {
    CashClosing closing = new CashClosing("530000");
    documents().forEach(closing::add);

    ReportTable t = closing.table(DAY_2, DAY_2);

    assertEquals(List.of(DAY_2), t.rows().stream().map(r -> r.get(0)).distinct().toList());
    assertEquals(3L, total(t, "count"));
  }
}
