package com.accountingexport.core.report;

import static com.accountingexport.core.report.ListDocs.cell;
import static com.accountingexport.core.report.ListDocs.column;
import static com.accountingexport.core.report.ListDocs.row;
import static com.accountingexport.core.report.ListDocs.total;
import static com.accountingexport.core.report.ListDocs.view;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.accountingexport.core.document.Document;
import com.accountingexport.core.document.DocumentType;
import com.accountingexport.core.document.ExportState;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class PaymentListTest {
  static final LocalDate MARCH_1 = LocalDate.of(2026, 3, 1);
  static final LocalDate MARCH_31 = LocalDate.of(2026, 3, 31);

  static final Document F1 = ListDocs.of(DocumentType.INVOICE, "f1").number("F-1").date(LocalDate.of(2026, 2, 20))
      .customer("C1", "Alice").line("100.00", "20.00", "20.00").build();
  static final Document F2 = ListDocs.of(DocumentType.INVOICE, "f2").number("F-2").date(LocalDate.of(2026, 2, 21))
      .customer("C1", "Alice").line("50.00", "20.00", "10.00").build();
  static final Document A1 = ListDocs.of(DocumentType.CREDIT_NOTE, "a1").number("A-1").date(LocalDate.of(2026, 3, 1))
      .customer("C1", "Alice").line("10.00", "20.00", "2.00").related("f1").build();

  /** A partial payment of F-1 and the rest of F-2, made on the 10th, recorded on the 12th. */
  static final Document P1 = ListDocs.of(DocumentType.PAYMENT, "p1").number("R-1").date(LocalDate.of(2026, 3, 12))
      .customer("C1", "Alice").amount("110.00").settles("f1", "50.00", "f2", null)
      .paid("card", "512000", LocalDate.of(2026, 3, 10)).build();
  /** A payment naming its invoice only, without a customer of its own. */
  static final Document P2 = ListDocs.of(DocumentType.PAYMENT, "p2").number("R-2").date(LocalDate.of(2026, 3, 15))
      .noCustomer().amount("70.00").related("f1").paid("transfer", "512000", LocalDate.of(2026, 3, 15)).build();
  /** The credit note given back. */
  static final Document RF1 = ListDocs.of(DocumentType.REFUND, "rf1").number("RB-1").date(LocalDate.of(2026, 3, 20))
      .customer("C1", "Alice").amount("12.00").related("a1").paid("transfer", "512000", LocalDate.of(2026, 3, 20))
      .build();
  /** Paid by card on the platform's terminal outside it: received all the same. */
  static final Document EXT = ListDocs.of(DocumentType.PAYMENT, "x1").number("R-3").date(LocalDate.of(2026, 3, 21))
      .customer("C2", "Bob").amount("30.00").related("gone").external("card", LocalDate.of(2026, 3, 21)).build();

  @Test
  void table_listsPaymentsAndRefunds_refundsNegative_byPaymentDate_withWhatEachSettles() {
    PaymentList list = new PaymentList(ListDocs.lookup(List.of(F1, F2, A1, P1, P2, RF1, EXT)));
    for (Document d : List.of(RF1, EXT, P2, P1, F1, A1)) {
      list.add(view(d));
    }

    ReportTable t = list.table(MARCH_1, MARCH_31);

    assertEquals("payments", t.id());
    assertEquals(List.of("R-1", "R-2", "RB-1", "R-3"), column(t, "number"));
    List<Object> p1 = row(t, "number", "R-1");
    assertEquals(LocalDate.of(2026, 3, 10), cell(t, p1, "date"));
    assertEquals("card", cell(t, p1, "method"));
    assertEquals(P1.totals().gross(), cell(t, p1, "amount"));
    assertEquals("F-1 (50.00), F-2", cell(t, p1, "settles"));
    List<Object> p2 = row(t, "number", "R-2");
    assertEquals("Alice", cell(t, p2, "counterparty"), "the party of the invoice it pays");
    assertEquals("F-1", cell(t, p2, "settles"));
    List<Object> refund = row(t, "number", "RB-1");
    assertEquals(RF1.totals().gross().negate(), cell(t, refund, "amount"));
    assertEquals("A-1", cell(t, refund, "settles"));
    assertEquals("gone", cell(t, row(t, "number", "R-3"), "settles"), "an unknown document by its id");

    BigDecimal expected = P1.totals().gross().add(P2.totals().gross()).add(EXT.totals().gross())
        .subtract(RF1.totals().gross());
    assertEquals(0, expected.compareTo((BigDecimal) total(t, "amount")));
    assertNull(total(t, "settles"));
  }

  @Test
  void exportState_andNumber_comeFromTheView() {
    PaymentList list = new PaymentList();
    list.add(view(ListDocs.exported(P1, "EXP-2026-00004"), ExportState.EXPORTABLE));
    list.add(view(ListDocs.stored(P2), ExportState.BLOCKED));

    ReportTable t = list.table(MARCH_1, MARCH_31);

    assertEquals(List.of("exported", "blocked"), column(t, "exportState"));
    assertEquals(java.util.Arrays.asList("EXP-2026-00004", null), column(t, "exportNumber"));
    assertEquals("f1 (50.00), f2", cell(t, row(t, "number", "R-1"), "settles"), "without a lookup: the ids");
  }

  @Test
  void table_keepsThePaymentsPaidInItsPeriod_whateverTheirDocumentDate() {
    Document late = ListDocs.of(DocumentType.PAYMENT, "p9").number("R-9").date(LocalDate.of(2026, 4, 2))
        .customer("C1", "Alice").amount("5.00").related("f1").paid("cash", "530000", LocalDate.of(2026, 3, 31)).build();
    Document april = ListDocs.of(DocumentType.PAYMENT, "p10").number("R-10").date(LocalDate.of(2026, 3, 30))
        .customer("C1", "Alice").amount("6.00").related("f1").paid("cash", "530000", LocalDate.of(2026, 4, 1)).build();
    PaymentList list = new PaymentList();
    list.add(view(late));
    list.add(view(april));

    ReportTable t = list.table(MARCH_1, MARCH_31);

    assertEquals(List.of("R-9"), column(t, "number"));
    assertEquals(late.totals().gross(), total(t, "amount"));
  }
}
