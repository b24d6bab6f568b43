package com.accountingexport.core.report;

import static com.accountingexport.core.report.ListDocs.cell;
import static com.accountingexport.core.report.ListDocs.column;
import static com.accountingexport.core.report.ListDocs.row;
import static com.accountingexport.core.report.ListDocs.total;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.accountingexport.core.document.Document;
import com.accountingexport.core.document.DocumentStatus;
import com.accountingexport.core.document.DocumentType;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UnpaidInvoicesTest {
  static final LocalDate AT = LocalDate.of(2026, 6, 30);
  static final LocalDate JUNE_1 = LocalDate.of(2026, 6, 1);

  private static ListDocs invoice(String id, String gross) {
    BigDecimal g = new BigDecimal(gross);
    BigDecimal net = g.divide(new BigDecimal("1.2"), 2, java.math.RoundingMode.HALF_UP);
    return ListDocs.of(DocumentType.INVOICE, id).number("F-" + id).date(JUNE_1).customer("C1", "Alice")
        .line(net.toPlainString(), "20.00", g.subtract(net).toPlainString());
  }

  private static ListDocs creditNote(String id, String gross) {
    BigDecimal g = new BigDecimal(gross);
    BigDecimal net = g.divide(new BigDecimal("1.2"), 2, java.math.RoundingMode.HALF_UP);
    return ListDocs.of(DocumentType.CREDIT_NOTE, id).number("A-" + id).date(JUNE_1).customer("C1", "Alice")
        .line(net.toPlainString(), "20.00", g.subtract(net).toPlainString());
  }

  private static ListDocs payment(String id, String amount, LocalDate paidAt) {
    return ListDocs.of(DocumentType.PAYMENT, id).number("R-" + id).date(paidAt).customer("C1", "Alice").amount(amount)
        .paid("transfer", "512000", paidAt);
  }

  private static ListDocs refund(String id, String amount, LocalDate paidAt) {
    return ListDocs.of(DocumentType.REFUND, id).number("RB-" + id).date(paidAt).customer("C1", "Alice").amount(amount)
        .paid("transfer", "512000", paidAt);
  }

  private static BigDecimal money(String s) {
    return new BigDecimal(s);
  }

  private static void assertMoney(BigDecimal expected, Object actual, String what) {
    assertEquals(0, expected.compareTo((BigDecimal) actual), what + ": expected " + expected + ", got " + actual);
  }

  /** Asserts a row's gross, paid and outstanding, outstanding being gross − paid of the inputs. */
  private static void assertRow(ReportTable t, String number, BigDecimal gross, BigDecimal paid) {
    List<Object> r = row(t, "number", number);
    assertMoney(gross, cell(t, r, "gross"), number + " gross");
    assertMoney(paid, cell(t, r, "paid"), number + " paid");
    assertMoney(gross.subtract(paid), cell(t, r, "outstanding"), number + " outstanding");
  }

  @Test
  void partialPayments_splitPayments_andOverpayments() {
    UnpaidInvoices unpaid = new UnpaidInvoices(AT, 30);
    List<Document> docs = List.of(
        invoice("1", "120.00").build(),
        payment("p1", "50.00", LocalDate.of(2026, 6, 10)).related("1").build(),
        payment("p1b", "70.00", AT.plusDays(2)).related("1").build(), // after at: not yet
        // one payment of 100.00: 60.00 on F-2, what it has left (40.00) on F-3
        invoice("2", "100.00").build(),
        invoice("3", "50.00").build(),
        payment("p2", "100.00", LocalDate.of(2026, 6, 12)).settles("2", "60.00", "3", null).build(),
        // overpaid: nothing left on the invoice, the excess stays on the customer's account
        invoice("6", "120.00").build(),
        payment("p6", "150.00", LocalDate.of(2026, 6, 12)).related("6").build(),
        // paid in three
        invoice("7", "100.00").build(),
        payment("p7a", "33.33", LocalDate.of(2026, 6, 2)).related("7").build(),
        payment("p7b", "33.33", LocalDate.of(2026, 6, 3)).related("7").build(),
        payment("p7c", "33.34", LocalDate.of(2026, 6, 4)).related("7").build());
    // settlements before their invoices, as a stream by date may bring them
    List<Document> reversed = new ArrayList<>(docs);
    java.util.Collections.reverse(reversed);
    reversed.forEach(unpaid::add);

    ReportTable t = unpaid.table(null, AT);

    assertEquals("unpaid", t.id());
    assertEquals(List.of("F-1", "F-2", "F-3"), column(t, "number"));
    assertRow(t, "F-1", money("120.00"), money("50.00"));
    assertRow(t, "F-2", money("100.00"), money("60.00"));
    assertRow(t, "F-3", money("50.00"), money("100.00").subtract(money("60.00")));
    assertMoney(money("270.00"), total(t, "gross"), "total gross");
    assertMoney(money("150.00"), total(t, "paid"), "total paid");
    assertMoney(money("120.00"), total(t, "outstanding"), "total outstanding");
  }

  @Test
  void creditNotes_settleTheirInvoice_andWhatIsLeftOfThemIsListedNegative() {
    UnpaidInvoices unpaid = new UnpaidInvoices(AT, 30);
    List<Document> docs = List.of(
        // a credit note of part of F-4
        invoice("4", "240.00").build(),
        creditNote("c1", "48.00").date(LocalDate.of(2026, 6, 5)).related("4").build(),
        // F-5 paid 80.00 of 100.00, then a credit note of 60.00: 20.00 settles F-5, 40.00 is left,
        // of which a refund gives 10.00 back
        invoice("5", "100.00").build(),
        payment("p5", "80.00", LocalDate.of(2026, 6, 3)).related("5").build(),
        creditNote("c2", "60.00").date(LocalDate.of(2026, 6, 6)).related("5").build(),
        refund("r2", "10.00", LocalDate.of(2026, 6, 20)).related("c2").build(),
        // a credit note naming nothing: unused
        creditNote("c3", "24.00").date(LocalDate.of(2026, 6, 7)).build(),
        // a payment naming a credit note settles nothing (the journals book it so)
        payment("px", "5.00", LocalDate.of(2026, 6, 8)).related("c3").build());
    docs.forEach(unpaid::add);

    ReportTable t = unpaid.table(null, AT);

    assertEquals(List.of("F-4", "A-c2", "A-c3"), column(t, "number"));
    assertRow(t, "F-4", money("240.00"), money("48.00"));
    BigDecimal usedOnF5 = money("100.00").subtract(money("80.00"));
    assertRow(t, "A-c2", money("-60.00"), usedOnF5.add(money("10.00")).negate());
    assertRow(t, "A-c3", money("-24.00"), money("0.00"));
    assertMoney(money("240.00").subtract(money("48.00")).subtract(money("30.00")).subtract(money("24.00")),
        total(t, "outstanding"), "total outstanding");
  }

  @Test
  void settlementsTakeTheirShareInDateOrder_whatComesFirstIsCoveredFirst() {
    UnpaidInvoices unpaid = new UnpaidInvoices(AT, 30);
    // the credit note comes first now: it covers 60.00 of F-8, the payment the 40.00 left
    // (fed in another order than their dates)
    unpaid.add(invoice("8", "100.00").build());
    unpaid.add(payment("p8", "80.00", LocalDate.of(2026, 6, 3)).related("8").build());
    unpaid.add(creditNote("c8", "60.00").date(LocalDate.of(2026, 6, 2)).related("8").build());

    ReportTable t = unpaid.table(null, AT);

    assertEquals(List.of(), t.rows(), "the credit note is used whole, the invoice is paid");
  }

  @Test
  void draftsAndDocumentsAfterAt_areLeftOut() {
    UnpaidInvoices unpaid = new UnpaidInvoices(AT, 30);
    unpaid.add(invoice("d", "10.00").status(DocumentStatus.DRAFT).build());
    unpaid.add(invoice("late", "10.00").date(AT.plusDays(1)).build());
    unpaid.add(invoice("9", "90.00").build());
    unpaid.add(payment("pd", "90.00", JUNE_1).related("9").status(DocumentStatus.DRAFT).build());

    ReportTable t = unpaid.table(null, AT);

    assertEquals(List.of("F-9"), column(t, "number"));
    assertRow(t, "F-9", money("90.00"), money("0.00"));
  }

  @Test
  void aForeignInvoice_isShownInEuroAtItsRate() {
    UnpaidInvoices unpaid = new UnpaidInvoices(AT, 30);
    unpaid.add(ListDocs.of(DocumentType.INVOICE, "u1").number("F-U1").date(JUNE_1).customer("C1", "Alice")
        .currency("USD", "1.10").line("110.00", "20.00", "22.00").build());
    unpaid.add(payment("pu", "66.00", LocalDate.of(2026, 6, 9)).currency("USD", "1.20").related("u1").build());

    ReportTable t = unpaid.table(null, AT);

    // 132.00 USD / 1.10; 66.00 USD of it paid, at the invoice's rate
    assertRow(t, "F-U1", money("120.00"), money("60.00"));
  }

  @Test
  void ageing_bucketsAtTheirBoundaries_fromTheDueDateElseTheTerms() {
    // days past due at AT → the bucket it must fall in
    Map<Integer, String> cases = new LinkedHashMap<>();
    cases.put(-5, "not due");
    cases.put(0, "not due");
    cases.put(1, "0-30");
    cases.put(30, "0-30");
    cases.put(31, "31-60");
    cases.put(60, "31-60");
    cases.put(61, "61-90");
    cases.put(90, "61-90");
    cases.put(91, "90+");
    cases.put(400, "90+");
    UnpaidInvoices unpaid = new UnpaidInvoices(AT, 30);
    Map<String, long[]> perBucket = new LinkedHashMap<>();
    UnpaidInvoices.BUCKETS.forEach(b -> perBucket.put(b, new long[2]));
    int i = 0;
    for (Map.Entry<Integer, String> c : cases.entrySet()) {
      i++;
      LocalDate due = AT.minusDays(c.getKey());
      LocalDate date = due.isAfter(AT) ? AT : due.minusDays(10);
      String gross = (10 * i) + ".00";
      unpaid.add(invoice("a" + c.getKey(), gross).date(date).due(due).build());
      perBucket.get(c.getValue())[0]++;
      perBucket.get(c.getValue())[1] += 10L * i;
    }
    // no due date: due 30 days after its date, i.e. 31 days past due at AT
    unpaid.add(invoice("terms", "5.00").date(AT.minusDays(61)).build());
    perBucket.get("31-60")[0]++;

    ReportTable t = unpaid.table(null, AT);

    for (Map.Entry<Integer, String> c : cases.entrySet()) {
      List<Object> r = row(t, "number", "F-a" + c.getKey());
      assertEquals(c.getValue(), cell(t, r, "bucket"), c.getKey() + " days past due");
      assertEquals((long) Math.max(0, c.getKey()), cell(t, r, "daysOverdue"), c.getKey() + " days past due");
      assertEquals(AT.minusDays(c.getKey()), cell(t, r, "dueDate"));
    }
    List<Object> terms = row(t, "number", "F-terms");
    assertEquals(AT.minusDays(31), cell(t, terms, "dueDate"));
    assertEquals(31L, cell(t, terms, "daysOverdue"));
    assertEquals("31-60", cell(t, terms, "bucket"));

    StringBuilder expected = new StringBuilder();
    perBucket.forEach((b, n) -> {
      BigDecimal amount = BigDecimal.valueOf(n[1]).setScale(2).add(b.equals("31-60") ? money("5.00") : BigDecimal.ZERO);
      expected.append(expected.length() == 0 ? "" : " / ").append(b).append(": ").append(n[0]).append(" (")
          .append(amount.toPlainString()).append(")");
    });
    assertEquals(expected.toString(), total(t, "bucket"));
  }

  @Test
  void bucket_ofDaysPastDue() {
    assertEquals("not due", UnpaidInvoices.bucket(0));
    assertEquals("0-30", UnpaidInvoices.bucket(30));
    assertEquals("31-60", UnpaidInvoices.bucket(31));
    assertEquals("31-60", UnpaidInvoices.bucket(60));
    assertEquals("61-90", UnpaidInvoices.bucket(61));
    assertEquals("61-90", UnpaidInvoices.bucket(90));
    assertEquals("90+", UnpaidInvoices.bucket(91));
  }
}
