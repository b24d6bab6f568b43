package com.accountingexport.core.report;

import static com.accountingexport.core.report.Rows.money;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.accountingexport.core.booking.BookingResult;
import com.accountingexport.core.booking.Bookkeeper;
import com.accountingexport.core.booking.DocumentLookup;
import com.accountingexport.core.booking.EntryLine;
import com.accountingexport.core.booking.JournalEntry;
import com.accountingexport.core.booking.JournalKind;
import com.accountingexport.core.document.Document;
import com.accountingexport.core.document.DocumentLine;
import com.accountingexport.core.document.DocumentStatus;
import com.accountingexport.core.document.DocumentType;
import com.accountingexport.core.document.LineKind;
import com.accountingexport.core.document.ServicePeriod;
import com.accountingexport.core.document.Totals;
import com.accountingexport.core.fakes.TestDocuments;
import com.accountingexport.core.settings.AccountMapping;
import com.accountingexport.core.settings.TenantSettings;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class DeferredRevenueTest {
  private static final LocalDate END_OF_MARCH = LocalDate.of(2026, 3, 31);
  private static final TenantSettings SETTINGS = TenantSettings.defaults();

  private static DocumentLine line(LineKind kind, String net, String account, LocalDate from, LocalDate to) {
    BigDecimal n = money(net);
    BigDecimal vat = n.multiply(new BigDecimal("0.20")).setScale(2, RoundingMode.HALF_UP);
    return new DocumentLine("Abonnement", kind, n, new BigDecimal("20.00"), vat, account,
        from == null ? null : new ServicePeriod(from, to));
  }

  private static Document document(String id, DocumentType type, LocalDate date, DocumentLine... lines) {
    return document(id, type, date, "EUR", null, lines);
  }

  private static Document document(String id, DocumentType type, LocalDate date, String currency, String rate,
      DocumentLine... lines) {
    BigDecimal net = Arrays.stream(lines).map(DocumentLine::netAmount).reduce(money("0.00"), BigDecimal::add);
    BigDecimal vat = Arrays.stream(lines).map(DocumentLine::vatAmount).reduce(money("0.00"), BigDecimal::add);
    return new Document(id, type, id.toUpperCase(), date, DocumentStatus.VALIDATED, currency,
        rate == null ? null : money(rate), TestDocuments.customer("C1", "Client"), List.of(lines),
        new Totals(net, vat, net.add(vat)), null, List.of(), null, null, null, null);
  }

  /** net × (days of from..to after at) / (days of from..to), days inclusive, half-up. */
  private static BigDecimal byDays(BigDecimal net, LocalDate from, LocalDate to, LocalDate at) {
    long all = from.datesUntil(to.plusDays(1)).count();
    long after = from.datesUntil(to.plusDays(1)).filter(d -> d.isAfter(at)).count();
    return net.multiply(BigDecimal.valueOf(after)).divide(BigDecimal.valueOf(all), 2, RoundingMode.HALF_UP);
  }

  @Test
  void aTwelveMonthServicePeriod_atTheEndOfMonth3_defersNineTwelfthsOfItsNetByDays() {
    // given: a yearly subscription invoiced in January
    LocalDate from = LocalDate.of(2026, 1, 1);
    LocalDate to = LocalDate.of(2026, 12, 31);
    Document invoice = document("f-1", DocumentType.INVOICE, LocalDate.of(2026, 1, 15),
        line(LineKind.SERVICES, "1200.00", null, from, to));
    DeferredRevenue pca = new DeferredRevenue(SETTINGS, END_OF_MARCH);

    // when
    pca.add(invoice);
    ReportTable t = pca.table();

    // then: April to December, by days (275 of 365), not by months
    long daysLeft = ChronoUnit.DAYS.between(END_OF_MARCH, to);
    long days = ChronoUnit.DAYS.between(from, to) + 1;
    BigDecimal expected = money("1200.00").multiply(BigDecimal.valueOf(daysLeft))
        .divide(BigDecimal.valueOf(days), 2, RoundingMode.HALF_UP);
    Rows.assertTyped(t);
    assertEquals("deferred-revenue", t.id());
    assertEquals(List.of(Arrays.asList("706000", "F-1", from, to, money("1200.00"), expected)), t.rows());
    BigDecimal nineTwelfths = money("1200.00").multiply(BigDecimal.valueOf(9)).divide(BigDecimal.valueOf(12));
    BigDecimal oneDay = money("1200.00").divide(BigDecimal.valueOf(days), 2, RoundingMode.HALF_UP);
    assertTrue(expected.subtract(nineTwelfths).abs().compareTo(oneDay.multiply(BigDecimal.valueOf(5))) < 0,
        expected + " is about 9/12 of 1200.00");
    assertEquals(Arrays.asList(null, null, null, null, money("1200.00"), expected), t.totals());

    JournalEntry closing = pca.closingEntry().orElseThrow();
    assertEquals(SETTINGS.journalCode(JournalKind.MISC), closing.journalCode());
    assertEquals(END_OF_MARCH, closing.date());
    assertTrue(closing.isBalanced());
    assertEquals(List.of("706000 D " + expected, "487000 C " + expected),
        closing.lines().stream().map(DeferredRevenueTest::describe).toList());
  }

  private static String describe(EntryLine l) {
    return l.account() + (l.debit().signum() > 0 ? " D " + l.debit() : " C " + l.credit());
  }

  @Test
  void table_takesCreditNotesNegative_andLeavesOutWhatIsEarnedDepositsPurchasesAndLaterDocuments() {
    LocalDate jan1 = LocalDate.of(2026, 1, 1);
    LocalDate dec31 = LocalDate.of(2026, 12, 31);
    LocalDate apr1 = LocalDate.of(2026, 4, 1);
    LocalDate jun30 = LocalDate.of(2026, 6, 30);
    DeferredRevenue pca = new DeferredRevenue(SETTINGS, END_OF_MARCH);
    // an invoice: goods line (707), an own account with spaces, a line ending at `at`, one without
    // period, a deposit deduction, a service starting after `at` (wholly deferred)
    pca.add(document("f-2", DocumentType.INVOICE, LocalDate.of(2026, 2, 1),
        line(LineKind.GOODS, "365.00", null, jan1, dec31),
        line(LineKind.SERVICES, "100.00", " 706200 ", jan1, dec31),
        line(LineKind.SERVICES, "90.00", null, jan1, END_OF_MARCH),
        line(LineKind.SERVICES, "50.00", null, null, null),
        line(LineKind.SERVICES, "-40.00", "419100", jan1, dec31),
        line(LineKind.SERVICES, "91.00", null, apr1, jun30)));
    // a credit note of part of it, a cash sale, a USD invoice
    pca.add(document("av-1", DocumentType.CREDIT_NOTE, LocalDate.of(2026, 3, 1),
        line(LineKind.GOODS, "73.00", null, jan1, dec31)));
    pca.add(document("t-1", DocumentType.CASH_SALE, END_OF_MARCH, line(LineKind.SERVICES, "30.00", null, apr1, jun30)));
    pca.add(document("f-3", DocumentType.INVOICE, LocalDate.of(2026, 3, 2), "USD", "1.25",
        line(LineKind.SERVICES, "125.00", null, apr1, jun30)));
    // not counted: dated after `at`, a purchase, a deposit invoice
    pca.add(document("f-4", DocumentType.INVOICE, apr1, line(LineKind.SERVICES, "500.00", null, apr1, jun30)));
    pca.add(document("a-1", DocumentType.PURCHASE_INVOICE, jan1, line(LineKind.SERVICES, "500.00", "613200", apr1, jun30)));
    pca.add(document("d-1", DocumentType.DEPOSIT_INVOICE, jan1, line(LineKind.SERVICES, "500.00", null, apr1, jun30)));

    ReportTable t = pca.table();

    Rows.assertTyped(t);
    List<List<Object>> expected = List.of(
        Arrays.asList("706000", "F-2", apr1, jun30, money("91.00"), money("91.00")),
        Arrays.asList("706000", "F-3", apr1, jun30, money("100.00"), money("100.00")),
        Arrays.asList("706000", "T-1", apr1, jun30, money("30.00"), money("30.00")),
        Arrays.asList("706200", "F-2", jan1, dec31, money("100.00"), byDays(money("100.00"), jan1, dec31, END_OF_MARCH)),
        Arrays.asList("707000", "AV-1", jan1, dec31, money("-73.00"), byDays(money("-73.00"), jan1, dec31, END_OF_MARCH)),
        Arrays.asList("707000", "F-2", jan1, dec31, money("365.00"), byDays(money("365.00"), jan1, dec31, END_OF_MARCH)));
    assertEquals(expected, t.rows());

    Map<String, BigDecimal> byAccount = new TreeMap<>();
    for (List<Object> row : expected) {
      byAccount.merge((String) row.get(0), (BigDecimal) row.get(5), BigDecimal::add);
    }
    assertEquals(byAccount, pca.byAccount());
    JournalEntry closing = pca.closingEntry().orElseThrow();
    assertTrue(closing.isBalanced());
    BigDecimal total = byAccount.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
    List<String> lines = new ArrayList<>();
    byAccount.forEach((account, amount) -> lines.add(account + " D " + amount));
    lines.add("487000 C " + total);
    assertEquals(lines, closing.lines().stream().map(DeferredRevenueTest::describe).toList());
  }

  @Test
  void closingEntry_isEmpty_whenNothingIsDeferred() {
    DeferredRevenue pca = new DeferredRevenue(SETTINGS, END_OF_MARCH);
    pca.add(document("f-1", DocumentType.INVOICE, LocalDate.of(2026, 1, 2),
        line(LineKind.SERVICES, "100.00", null, LocalDate.of(2026, 1, 1), END_OF_MARCH)));
    assertTrue(pca.table().rows().isEmpty());
    assertFalse(pca.closingEntry().isPresent());
  }

  @Test
  void add_withAnAccount_putsEveryRevenueLineOnIt() {
    LocalDate from = LocalDate.of(2026, 3, 1);
    LocalDate to = LocalDate.of(2026, 4, 30);
    DeferredRevenue pca = new DeferredRevenue(SETTINGS, END_OF_MARCH, "487100");
    pca.add(document("f-1", DocumentType.INVOICE, from, line(LineKind.GOODS, "61.00", "707100", from, to),
        line(LineKind.SERVICES, "122.00", null, from, to)), "706500");
    assertEquals(List.of(Arrays.asList("706500", "F-1", from, to, money("183.00"), money("90.00"))), pca.table().rows());
    assertEquals(List.of("706500 D 90.00", "487100 C 90.00"),
        pca.closingEntry().orElseThrow().lines().stream().map(DeferredRevenueTest::describe).toList());
  }

  /**
   * Keeps the revenue account rule in step with the Bookkeeper's: random sales documents whose every
   * line's service starts after {@code at} are wholly deferred, so the deferred amount of each account
   * is what the Bookkeeper's entries of those documents book on that revenue account.
   */
  @Test
  void whollyDeferredDocuments_deferWhatTheBookkeeperBooksOnEachRevenueAccount() {
    Random random = new Random(87);
    for (int r0 = 0; r0 < 30; r0++) {
      int round = r0;
      AccountMapping d = AccountMapping.defaults();
      AccountMapping accounts = new AccountMapping(d.customer(), d.supplier(), d.employee(),
          random.nextBoolean() ? d.revenueServices() : "706100", random.nextBoolean() ? d.revenueGoods() : "707200",
          d.vatCollected(), Map.of(), d.vatCollectedPending(), d.vatDeductible(), d.vatDeductibleFixedAssets(),
          d.vatDeductiblePending(), d.customerDeposits(), d.bank(), d.cash(), d.expenses(), d.fxLoss(), d.fxGain(),
          d.customerAuxPrefix(), d.supplierAuxPrefix(), d.employeeAuxPrefix());
      TenantSettings s = TenantSettings.defaults();
      TenantSettings settings = new TenantSettings(s.fiscalYearStart(), s.vatRegimeServices(), s.numberingPattern(),
          s.defaultFormat(), s.journalCodes(), accounts, s.notificationEmails(), s.backgroundThreshold(), s.pageAccess());
      DeferredRevenue pca = new DeferredRevenue(settings, END_OF_MARCH);
      Bookkeeper bookkeeper = new Bookkeeper(settings);
      Map<String, BigDecimal> booked = new TreeMap<>();
      for (int i = 0; i < 40; i++) {
        DocumentType type = new DocumentType[] {DocumentType.INVOICE, DocumentType.CREDIT_NOTE, DocumentType.CASH_SALE}[random.nextInt(3)];
        List<DocumentLine> lines = new ArrayList<>();
        for (int k = 0; k <= random.nextInt(4); k++) {
          LocalDate from = END_OF_MARCH.plusDays(1 + random.nextInt(90));
          String account = new String[] {null, null, "706200", " 708500 ", "707100", ""}[random.nextInt(6)];
          lines.add(line(random.nextBoolean() ? LineKind.GOODS : LineKind.SERVICES,
              BigDecimal.valueOf(100 + random.nextInt(1_000_000), 2).toPlainString(), account, from,
              from.plusDays(random.nextInt(400))));
        }
        Document doc = document("x-" + i, type, END_OF_MARCH.minusDays(random.nextInt(90)), lines.toArray(new DocumentLine[0]));
        BookingResult r = bookkeeper.book(doc, DocumentLookup.none());
        assertFalse(r.isBlocked(), () -> r.anomalies().toString());
        for (EntryLine l : r.entry().lines()) {
          boolean revenue = !l.account().startsWith("445") && !l.account().equals(accounts.customer())
              && !l.account().equals(accounts.cash());
          if (revenue) {
            booked.merge(l.account(), l.credit().subtract(l.debit()), BigDecimal::add);
          }
        }
        pca.add(doc);
      }
      Map<String, BigDecimal> deferred = pca.byAccount();
      assertEquals(booked.keySet(), deferred.keySet(), "round " + round);
      booked.forEach((account, amount) -> assertEquals(0, amount.compareTo(deferred.get(account)),
          "round " + round + " " + account + ": booked " + amount + ", deferred " + deferred.get(account)));
    }
  }

  /**
   * Over random ledgers and dates: one row per (account, document, period) of the sales lines
   * running past {@code at}, each deferring its share by days, and a balanced closing entry that
   * moves each account's deferred amount to 487.
   */
  @Test
  void deferredRevenue_overRandomLedgers_isEachLinesShareByDays_andTheClosingEntryBalances() {
    for (long seed = 1; seed <= 20; seed++) {
      RandomLedger ledger = RandomLedger.generate(seed, 300);
      LocalDate at = RandomLedger.START.plusDays(new Random(seed).nextInt(200));
      AccountMapping accounts = ledger.settings.accounts();

      Map<String, BigDecimal> expectedNet = new TreeMap<>(); // number|from|to|account
      for (Document d : ledger.documents) {
        int sign = switch (d.type()) {
          case INVOICE, CASH_SALE -> 1;
          case CREDIT_NOTE -> -1;
          default -> 0;
        };
        if (sign == 0 || d.date().isAfter(at)) {
          continue;
        }
        for (DocumentLine l : d.lines()) {
          ServicePeriod p = l.servicePeriod();
          if (p == null || !p.to().isAfter(at)) {
            continue;
          }
          String account = l.accountNumber() != null ? l.accountNumber().trim()
              : l.kind() == LineKind.GOODS ? accounts.revenueGoods() : accounts.revenueServices();
          BigDecimal net = d.isEuro() ? l.netAmount() : l.netAmount().divide(d.exchangeRate(), 2, RoundingMode.HALF_UP);
          expectedNet.merge(d.pieceRef() + "|" + p.from() + "|" + p.to() + "|" + account,
              net.multiply(BigDecimal.valueOf(sign)), BigDecimal::add);
        }
      }

      DeferredRevenue pca = new DeferredRevenue(ledger.settings, at);
      ledger.documents.forEach(pca::add);
      ReportTable t = pca.table();

      String context = "seed " + seed + " at " + at;
      Rows.assertTyped(t);
      assertFalse(expectedNet.isEmpty(), context);
      Map<String, List<Object>> rows = Rows.byKey(t, "documentNumber", "from", "to", "account");
      assertEquals(expectedNet.keySet(), rows.keySet(), context);
      Map<String, BigDecimal> perAccount = new HashMap<>();
      BigDecimal total = BigDecimal.ZERO;
      for (Map.Entry<String, List<Object>> e : rows.entrySet()) {
        List<Object> row = e.getValue();
        LocalDate from = (LocalDate) Rows.cell(t, row, "from");
        LocalDate to = (LocalDate) Rows.cell(t, row, "to");
        BigDecimal net = Rows.money(t, row, "net");
        BigDecimal deferred = Rows.money(t, row, "deferred");
        assertEquals(0, expectedNet.get(e.getKey()).compareTo(net), context + " " + e.getKey());
        assertEquals(byDays(net, from, to, at), deferred, context + " " + e.getKey());
        assertTrue(deferred.abs().compareTo(net.abs()) <= 0, context);
        if (from.isAfter(at)) {
          assertEquals(net, deferred, context + ": a service starting after at is wholly deferred");
        }
        perAccount.merge((String) Rows.cell(t, row, "account"), deferred, BigDecimal::add);
        total = total.add(deferred);
      }
      assertEquals(0, total.compareTo(Rows.money(t, t.totals(), "deferred")), context);

      JournalEntry closing = pca.closingEntry().orElseThrow();
      assertTrue(closing.isBalanced(), context);
      Map<String, BigDecimal> moved = new HashMap<>();
      for (EntryLine l : closing.lines()) {
        assertTrue(l.debit().signum() > 0 ^ l.credit().signum() > 0, context + ": one side per line");
        moved.merge(l.account(), l.debit().subtract(l.credit()), BigDecimal::add);
      }
      assertEquals(0, total.negate().compareTo(moved.remove(DeferredRevenue.DEFERRED_REVENUE_ACCOUNT)), context);
      perAccount.values().removeIf(v -> v.signum() == 0);
      assertEquals(perAccount.keySet(), moved.keySet(), context);
      perAccount.forEach((account, amount) -> assertEquals(0, amount.compareTo(moved.get(account)), context + " " + account));
    }
  }
}
