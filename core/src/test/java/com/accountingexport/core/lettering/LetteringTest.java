package com.accountingexport.core.lettering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.accountingexport.core.auth.TenantId;
import com.accountingexport.core.booking.EntryLine;
import com.accountingexport.core.booking.JournalEntry;
import com.accountingexport.core.fakes.InMemoryLetterCodes;
import com.accountingexport.core.port.LetterCodes;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LetteringTest {
  private static final TenantId TENANT = new TenantId("acme");
  private static final BigDecimal ZERO = new BigDecimal("0.00");
  private static final String C42 = "411C0042";
  private static final String C43 = "411C0043";

  private final InMemoryLetterCodes codes = new InMemoryLetterCodes();

  // ---- entries shaped as the Bookkeeper books them (ACCOUNTING.md §1, W1/W2)

  private static EntryLine line(String account, String aux, String signed) {
    BigDecimal amount = new BigDecimal(signed);
    BigDecimal debit = amount.signum() > 0 ? amount : ZERO;
    BigDecimal credit = amount.signum() < 0 ? amount.negate() : ZERO;
    return new EntryLine(account, "Label " + account, aux, aux == null ? null : "Client " + aux, null, debit, credit,
        null, null);
  }

  private static JournalEntry entry(String journal, String id, LocalDate date, List<String> links, EntryLine... lines) {
    return new JournalEntry(journal, "Journal " + journal, date, id, date, id, id, List.of(lines), links);
  }

  /** D 411 aux gross / C 706 net / C 44571 VAT (net = gross here: 0 %, enough for lettering). */
  private static JournalEntry invoice(String id, String aux, LocalDate date, String gross) {
    return entry("VT", id, date, List.of(), line("411000", aux, gross), line("706000", null, "-" + gross));
  }

  /** D 512 / C 411 aux, settling {@code invoices}. */
  private static JournalEntry payment(String id, String aux, LocalDate date, String amount, String... invoices) {
    return entry("BQ", id, date, List.of(invoices), line("512000", null, amount), line("411000", aux, "-" + amount));
  }

  /** D 706 / C 411 aux, correcting {@code invoice}. */
  private static JournalEntry creditNote(String id, String aux, LocalDate date, String amount, String invoice) {
    return entry("VT", id, date, List.of(invoice), line("706000", null, amount), line("411000", aux, "-" + amount));
  }

  /** D 411 aux / C 512, giving back what {@code creditNote} owes. */
  private static JournalEntry refund(String id, String aux, LocalDate date, String amount, String creditNote) {
    return entry("BQ", id, date, List.of(creditNote), line("411000", aux, amount), line("512000", null, "-" + amount));
  }

  private static LocalDate day(int month, int day) {
    return LocalDate.of(2026, month, day);
  }

  private Lettering letter(JournalEntry... entries) {
    return Lettering.of(TENANT, List.of(entries), codes);
  }

  @Test
  void letterOf_shouldGiveInvoiceAndPaymentOneCode_whenThePaymentSettlesTheInvoice() {
    // given
    JournalEntry f42 = invoice("F-42", C42, day(3, 2), "480.00");
    JournalEntry r90 = payment("R-90", C42, day(3, 20), "480.00", "F-42");

    // when
    Lettering lettering = letter(f42, r90);

    // then
    Letter expected = new Letter("AA", day(3, 20));
    assertEquals(expected, lettering.letterOf("F-42", "411000", C42));
    assertEquals(expected, lettering.letterOf("R-90", "411000", C42));
    assertNull(lettering.letterOf("R-90", "512000", null));
    assertNull(lettering.letterOf("F-42", "706000", null));
    assertEquals(1, lettering.groups());
  }

  @Test
  void letterOf_shouldLeaveBothUnlettered_whenThePaymentIsPartial() {
    // given
    JournalEntry f42 = invoice("F-42", C42, day(3, 2), "480.00");
    JournalEntry r90 = payment("R-90", C42, day(3, 20), "400.00", "F-42");

    // when
    Lettering lettering = letter(f42, r90);

    // then
    assertNull(lettering.letterOf("F-42", "411000", C42));
    assertNull(lettering.letterOf("R-90", "411000", C42));
    assertEquals(0, lettering.groups());
    assertEquals(0, codes.issued());
  }

  @Test
  void letterOf_shouldLetterTheFourDocuments_whenACreditNoteAndItsRefundBalanceAPaidInvoice() {
    // given: 100.00 invoiced and paid, 30.00 credited afterwards and refunded
    JournalEntry invoice = invoice("F-1", C42, day(3, 2), "100.00");
    JournalEntry paid = payment("R-1", C42, day(3, 10), "100.00", "F-1");
    JournalEntry credited = creditNote("AV-1", C42, day(3, 15), "30.00", "F-1");
    JournalEntry refunded = refund("RB-1", C42, day(3, 28), "30.00", "AV-1");

    // when
    Lettering lettering = letter(invoice, paid, credited, refunded);

    // then
    Letter expected = new Letter("AA", day(3, 28));
    for (String doc : List.of("F-1", "R-1", "AV-1", "RB-1")) {
      assertEquals(expected, lettering.letterOf(doc, "411000", C42), doc);
    }
  }

  @Test
  void letterOf_shouldLeaveTheGroupUnlettered_whenTheRefundIsMissing() {
    // given: the customer's 30.00 credit is still owed
    Lettering lettering = letter(invoice("F-1", C42, day(3, 2), "100.00"),
        payment("R-1", C42, day(3, 10), "100.00", "F-1"), creditNote("AV-1", C42, day(3, 15), "30.00", "F-1"));

    // then
    assertNull(lettering.letterOf("F-1", "411000", C42));
    assertNull(lettering.letterOf("AV-1", "411000", C42));
  }

  @Test
  void letterOf_shouldMakeOneGroupOfThree_whenOnePaymentSettlesTwoInvoices() {
    // given
    JournalEntry f1 = invoice("F-1", C42, day(3, 2), "100.00");
    JournalEntry f2 = invoice("F-2", C42, day(3, 5), "250.50");
    JournalEntry paid = payment("R-1", C42, day(4, 1), "350.50", "F-1", "F-2");

    // when
    Lettering lettering = letter(f1, f2, paid);

    // then
    Letter expected = new Letter("AA", day(4, 1));
    assertEquals(expected, lettering.letterOf("F-1", "411000", C42));
    assertEquals(expected, lettering.letterOf("F-2", "411000", C42));
    assertEquals(expected, lettering.letterOf("R-1", "411000", C42));
    assertEquals(1, lettering.groups());
  }

  @Test
  void letterOf_shouldStartEachAuxiliaryAccountAtAA_whenTwoCustomersAreSettled() {
    // given
    Lettering lettering = letter(
        invoice("F-1", C42, day(3, 2), "100.00"), payment("R-1", C42, day(3, 9), "100.00", "F-1"),
        invoice("F-2", C43, day(3, 3), "70.00"), payment("R-2", C43, day(3, 10), "70.00", "F-2"),
        invoice("F-3", C42, day(3, 4), "10.00"), payment("R-3", C42, day(3, 11), "10.00", "F-3"));

    // then
    assertEquals("AA", lettering.letterOf("F-1", "411000", C42).code());
    assertEquals("AA", lettering.letterOf("R-2", "411000", C43).code());
    assertEquals("AB", lettering.letterOf("R-3", "411000", C42).code());
    assertEquals(3, lettering.groups());
  }

  @Test
  void letterOf_shouldKeepAnIssuedCode_whenComputedAgainWithMoreEntries() {
    // given: F-5 and its payment lettered in a first export
    JournalEntry f5 = invoice("F-5", C42, day(5, 2), "60.00");
    JournalEntry r5 = payment("R-5", C42, day(5, 20), "60.00", "F-5");
    assertEquals("AA", letter(f5, r5).letterOf("F-5", "411000", C42).code());

    // when: the fiscal-year file adds older settled pieces, a partial payment, another customer
    Lettering year = letter(invoice("F-1", C42, day(1, 5), "10.00"), payment("R-1", C42, day(1, 9), "10.00", "F-1"),
        invoice("F-2", C42, day(2, 1), "99.00"), payment("R-2", C42, day(2, 9), "50.00", "F-2"),
        invoice("F-3", C43, day(2, 3), "12.00"), payment("R-3", C43, day(2, 4), "12.00", "F-3"),
        f5, r5);

    // then
    assertEquals(new Letter("AA", day(5, 20)), year.letterOf("F-5", "411000", C42));
    assertEquals(new Letter("AA", day(5, 20)), year.letterOf("R-5", "411000", C42));
    assertEquals("AB", year.letterOf("F-1", "411000", C42).code());
    assertNull(year.letterOf("F-2", "411000", C42));
    assertEquals("AA", year.letterOf("F-3", "411000", C43).code());
  }

  @Test
  void letterOf_shouldNotLetter_whenLinesCancelOutWithoutALink() {
    // given: the payment names no invoice
    Lettering lettering = letter(invoice("F-1", C42, day(3, 2), "100.00"), payment("R-1", C42, day(3, 9), "100.00"));

    // then
    assertNull(lettering.letterOf("F-1", "411000", C42));
    assertNull(lettering.letterOf("R-1", "411000", C42));
  }

  @Test
  void letterOf_shouldIgnoreALinkToAnAbsentDocument_whenTheRestBalances() {
    // given: the invoice was in last year's file; here only its credit note and the refund
    JournalEntry credited = creditNote("AV-9", C42, day(1, 15), "30.00", "F-2025-77");
    JournalEntry refunded = refund("RB-9", C42, day(1, 28), "30.00", "AV-9");
    JournalEntry alone = payment("R-10", C42, day(1, 30), "45.00", "F-2025-78");

    // when
    Lettering lettering = letter(credited, refunded, alone);

    // then
    assertEquals(new Letter("AA", day(1, 28)), lettering.letterOf("AV-9", "411000", C42));
    assertEquals(new Letter("AA", day(1, 28)), lettering.letterOf("RB-9", "411000", C42));
    assertNull(lettering.letterOf("R-10", "411000", C42));
  }

  @Test
  void of_shouldAnchorOnTheInvoice_whenAPaymentIdSortsFirst() {
    // given: ids where the payment sorts before the invoice
    List<String> calls = new ArrayList<>();
    LetterCodes spy = (tenant, account, anchor) -> {
      calls.add(tenant + "|" + account + "|" + anchor);
      return codes.codeFor(tenant, account, anchor);
    };

    // when
    Lettering.of(TENANT, List.of(invoice("z-invoice", C42, day(3, 2), "10.00"),
        payment("a-payment", C42, day(3, 3), "10.00", "z-invoice")), spy);

    // then
    assertEquals(List.of("acme|411C0042|z-invoice"), calls);
  }

  @Test
  void of_shouldIssueCodesInDateOrder_whenGroupsComeInAnotherOrder() {
    // given: the later group first in the entries
    Lettering lettering = letter(
        invoice("F-2", C42, day(6, 1), "20.00"), payment("R-2", C42, day(6, 5), "20.00", "F-2"),
        invoice("F-1", C42, day(2, 1), "10.00"), payment("R-1", C42, day(2, 5), "10.00", "F-1"));

    // then
    assertEquals("AA", lettering.letterOf("F-1", "411000", C42).code());
    assertEquals("AB", lettering.letterOf("F-2", "411000", C42).code());
  }

  @Test
  void letterOf_shouldKeepSupplierGroupsApart_whenADifferentAuxiliaryAccountIsOnTheSameDocuments() {
    // given: a purchase (C 401 supplier) and its supplier payment (D 401), and a customer pair
    JournalEntry purchase = entry("AC", "FA-1", day(3, 1), List.of(), line("606000", null, "40.00"),
        line("401000", "401S0001", "-40.00"));
    JournalEntry paid = entry("BQ", "PF-1", day(3, 9), List.of("FA-1"), line("401000", "401S0001", "40.00"),
        line("512000", null, "-40.00"));

    // when
    Lettering lettering = letter(purchase, paid, invoice("F-1", C42, day(3, 2), "10.00"),
        payment("R-1", C42, day(3, 3), "10.00", "F-1"));

    // then
    assertEquals(new Letter("AA", day(3, 9)), lettering.letterOf("FA-1", "401000", "401S0001"));
    assertEquals(new Letter("AA", day(3, 9)), lettering.letterOf("PF-1", "401000", "401S0001"));
    assertNull(lettering.letterOf("FA-1", "411000", "401S0001"));
    assertNotNull(lettering.letterOf("R-1", "411000", C42));
  }

  @Test
  void letterOf_shouldCountADocumentOnce_whenItIsMetTwice() {
    // given: the payment appears twice (exported again)
    JournalEntry f1 = invoice("F-1", C42, day(3, 2), "100.00");
    JournalEntry r1 = payment("R-1", C42, day(3, 9), "100.00", "F-1");

    // when
    Lettering lettering = letter(f1, r1, r1);

    // then
    assertEquals("AA", lettering.letterOf("R-1", "411000", C42).code());
  }

  @Test
  void letterOf_shouldLetterOnlyTheBalancedSubset_whenTwoSettlementsAreChainedAcrossCustomers() {
    // given: an invoice of C42 paid by a payment that settles C43's invoice too, only C42's side balances
    JournalEntry f1 = invoice("F-1", C42, day(3, 2), "10.00");
    JournalEntry f2 = invoice("F-2", C43, day(3, 2), "20.00");
    JournalEntry paid = entry("BQ", "R-1", day(3, 9), List.of("F-1", "F-2"), line("512000", null, "25.00"),
        line("411000", C42, "-10.00"), line("411000", C43, "-15.00"));

    // when
    Lettering lettering = letter(f1, f2, paid);

    // then
    assertEquals("AA", lettering.letterOf("F-1", "411000", C42).code());
    assertEquals("AA", lettering.letterOf("R-1", "411000", C42).code());
    assertNull(lettering.letterOf("R-1", "411000", C43));
    assertNull(lettering.letterOf("F-2", "411000", C43));
    assertNotEquals(0, codes.issued());
  }
}
