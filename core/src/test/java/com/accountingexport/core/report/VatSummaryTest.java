package com.accountingexport.core.report;

import static com.accountingexport.core.report.Rows.entry;
import static com.accountingexport.core.report.Rows.line;
import static com.accountingexport.core.report.Rows.money;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.accountingexport.core.booking.EntryLine;
import com.accountingexport.core.booking.JournalEntry;
import com.accountingexport.core.settings.AccountMapping;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class VatSummaryTest {
  private static final LocalDate MARCH = LocalDate.of(2026, 3, 10);
  private static final LocalDate APRIL = LocalDate.of(2026, 4, 20);

  private static AccountMapping perRate(Map<String, String> byRate) {
    AccountMapping d = AccountMapping.defaults();
    return new AccountMapping(d.customer(), d.supplier(), d.employee(), d.revenueServices(), d.revenueGoods(),
        d.vatCollected(), byRate, d.vatCollectedPending(), d.vatDeductible(), d.vatDeductibleFixedAssets(),
        d.vatDeductiblePending(), d.customerDeposits(), d.bank(), d.cash(), d.expenses(), d.fxLoss(), d.fxGain(),
        d.customerAuxPrefix(), d.supplierAuxPrefix(), d.employeeAuxPrefix());
  }

  @Test
  void table_givesCollectedDeductiblePendingAndNetDuePerMonth_whenInvoicesPurchasesPaymentsAndCreditNotesMove() {
    // given: March, an invoice (goods VAT 20.00 due at once, services VAT 60.00 pending) and a purchase
    // (deductible 40.00); April, its payment transfers the 60.00 and a credit note at 20 % takes back 10.00
    VatSummary vat = new VatSummary(perRate(Map.of("20.00", "445712")));
    vat.add(entry("VT", MARCH, "F-1", line("411000", "C1", "480.00"), line("707000", "-100.00"),
        line("706000", "-300.00"), line("445710", "-20.00"), line("445740", "-60.00")));
    vat.add(entry("AC", MARCH, "A-1", line("606400", "200.00"), line("445660", "40.00"),
        line("401000", "S1", "-240.00")));
    vat.add(entry("BQ", APRIL, "R-1", line("512000", "480.00"), line("411000", "C1", "-480.00"),
        line("445740", "60.00"), line("445710", "-60.00")));
    vat.add(entry("VT", APRIL, "AV-1", line("706000", "50.00"), line("445712", "10.00"),
        line("411000", "C1", "-60.00")));

    // when
    ReportTable t = vat.table(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 5, 31));

    // then
    Rows.assertTyped(t);
    List<List<Object>> expected = List.of(
        List.of("2026-03", "collected", "445710", "", "20.00"),
        List.of("2026-03", "deductible", "445660", "", "40.00"),
        List.of("2026-03", "pending-collected", "445740", "", "60.00"),
        List.of("2026-03", "net-due", "", "", "-20.00"),
        List.of("2026-04", "collected", "445710", "", "60.00"),
        List.of("2026-04", "collected", "445712", "20.00", "-10.00"),
        List.of("2026-04", "pending-collected", "445740", "", "0.00"),
        List.of("2026-04", "net-due", "", "", "50.00"),
        List.of("2026-05", "pending-collected", "445740", "", "0.00"),
        List.of("2026-05", "net-due", "", "", "0.00"));
    assertEquals(expected, plain(t.rows()));
    assertEquals(List.of("", "net-due", "", "", "30.00"), plain(List.of(t.totals())).get(0));
    assertEquals("vat-summary", t.id());
  }

  /** Cells as strings, null as "", so that expected rows read as a table. */
  private static List<List<Object>> plain(List<List<Object>> rows) {
    List<List<Object>> out = new ArrayList<>();
    for (List<Object> r : rows) {
      List<Object> p = new ArrayList<>();
      for (Object c : r) {
        p.add(c == null ? "" : c instanceof BigDecimal b ? b.toPlainString() : c.toString());
      }
      out.add(p);
    }
    return out;
  }

  @Test
  void table_startsPendingBalancesFromOpeningEntries_andLeavesTheirCollectedVatOut() {
    // given: before the period, an invoice left 60.00 pending and another booked 20.00 due; in April its payment
    VatSummary vat = new VatSummary(AccountMapping.defaults());
    vat.opening(entry("VT", LocalDate.of(2026, 1, 5), "F-1", line("411000", "C1", "480.00"),
        line("706000", "-400.00"), line("445710", "-20.00"), line("445740", "-60.00")));
    vat.opening(entry("AC", LocalDate.of(2026, 1, 6), "A-1", line("622600", "100.00"), line("445640", "20.00"),
        line("401000", "S1", "-120.00")));
    vat.add(entry("BQ", APRIL, "R-1", line("512000", "240.00"), line("411000", "C1", "-240.00"),
        line("445740", "30.00"), line("445710", "-30.00")));

    // when
    ReportTable t = vat.table(LocalDate.of(2026, 4, 1), LocalDate.of(2026, 4, 30));

    // then: 60.00 - 30.00 still pending; the 20.00 of January is not April's
    Map<String, List<Object>> rows = Rows.byKey(t, "month", "kind", "account");
    assertEquals(money("30.00"), Rows.money(t, rows.get("2026-04|pending-collected|445740"), "amount"));
    assertEquals(money("20.00"), Rows.money(t, rows.get("2026-04|pending-deductible|445640"), "amount"));
    assertEquals(money("30.00"), Rows.money(t, rows.get("2026-04|collected|445710"), "amount"));
    assertEquals(money("30.00"), Rows.money(t, rows.get("2026-04|net-due|"), "amount"));
    assertEquals(4, t.rows().size());
  }

  @Test
  void table_countsAnAccountNamedInTwoRolesOnce_andJoinsTheRatesOfOneAccount() {
    // given: fixed-asset VAT on the same account as other deductible VAT; 5.50 and 10.00 share 445711
    AccountMapping d = perRate(Map.of("5.50", "445711", "10.00", "445711"));
    AccountMapping accounts = new AccountMapping(d.customer(), d.supplier(), d.employee(), d.revenueServices(),
        d.revenueGoods(), d.vatCollected(), d.vatCollectedByRate(), d.vatCollectedPending(), d.vatDeductible(),
        d.vatDeductible(), d.vatDeductiblePending(), d.customerDeposits(), d.bank(), d.cash(), d.expenses(), d.fxLoss(),
        d.fxGain(), d.customerAuxPrefix(), d.supplierAuxPrefix(), d.employeeAuxPrefix());
    VatSummary vat = new VatSummary(accounts);
    vat.add(entry("AC", MARCH, "A-1", line("218300", "1000.00"), line("445660", "200.00"),
        line("401000", "S1", "-1200.00")));
    vat.add(entry("CA", MARCH, "T-1", line("530000", "110.00"), line("707000", "-100.00"), line("445711", "-10.00")));

    // when
    ReportTable t = vat.table(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 31));

    // then
    Map<String, List<Object>> rows = Rows.byKey(t, "month", "kind", "account");
    assertEquals(money("200.00"), Rows.money(t, rows.get("2026-03|deductible|445660"), "amount"));
    assertEquals("5.50,10.00", Rows.cell(t, rows.get("2026-03|collected|445711"), "rate"));
    assertEquals(money("-190.00"), Rows.money(t, rows.get("2026-03|net-due|"), "amount"));
  }

  /**
   * The test: over random ledgers booked by the Bookkeeper, the collected VAT of each month
   * and account is that account's credits minus debits, and over the period the sum of every
   * collected row is the VAT accounts' credits minus debits; deductible likewise (debits minus
   * credits), pending rows are running balances, and net due = collected - deductible per month.
   */
  @Test
  void collectedVat_equalsTheCollectedVatAccountsCreditsMinusDebits_overRandomLedgers() {
    int perRateRows = 0;
    for (long seed = 1; seed <= 25; seed++) {
      RandomLedger ledger = RandomLedger.generate(seed, 300);
      AccountMapping a = ledger.settings.accounts();
      Set<String> collectedAccounts = new HashSet<>(a.vatCollectedByRate().values());
      collectedAccounts.add(a.vatCollected());
      Set<String> deductibleAccounts = Set.of(a.vatDeductible(), a.vatDeductibleFixedAssets());
      Set<String> pendingAccounts = Set.of(a.vatCollectedPending(), a.vatDeductiblePending());

      // expected, from the entry lines themselves
      Map<String, BigDecimal> collected = new TreeMap<>(); // month|account
      Map<String, BigDecimal> deductible = new TreeMap<>();
      Map<String, BigDecimal> pendingMoves = new TreeMap<>();
      Map<YearMonth, BigDecimal> dueByMonth = new TreeMap<>();
      BigDecimal collectedTotal = BigDecimal.ZERO;
      for (JournalEntry e : ledger.entries) {
        YearMonth m = YearMonth.from(e.date());
        for (EntryLine l : e.lines()) {
          BigDecimal creditMinusDebit = l.credit().subtract(l.debit());
          String key = m + "|" + l.account();
          if (collectedAccounts.contains(l.account())) {
            collected.merge(key, creditMinusDebit, BigDecimal::add);
            collectedTotal = collectedTotal.add(creditMinusDebit);
            dueByMonth.merge(m, creditMinusDebit, BigDecimal::add);
          } else if (deductibleAccounts.contains(l.account())) {
            deductible.merge(key, creditMinusDebit.negate(), BigDecimal::add);
            dueByMonth.merge(m, creditMinusDebit, BigDecimal::add);
          } else if (pendingAccounts.contains(l.account())) {
            pendingMoves.merge(key, l.account().equals(a.vatCollectedPending()) ? creditMinusDebit
                : creditMinusDebit.negate(), BigDecimal::add);
          }
        }
      }

      // when: entries in any order
      List<JournalEntry> shuffled = new ArrayList<>(ledger.entries);
      Collections.shuffle(shuffled, new Random(seed));
      VatSummary vat = new VatSummary(a);
      shuffled.forEach(vat::add);
      ReportTable t = vat.table(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31));

      // then
      String context = "seed " + seed;
      Rows.assertTyped(t);
      assertTrue(collectedTotal.signum() != 0, context);
      Map<String, BigDecimal> collectedRows = new TreeMap<>();
      Map<String, BigDecimal> deductibleRows = new TreeMap<>();
      Map<String, BigDecimal> pendingRows = new TreeMap<>();
      Map<YearMonth, BigDecimal> dueRows = new TreeMap<>();
      BigDecimal collectedSum = BigDecimal.ZERO;
      for (List<Object> row : t.rows()) {
        String month = (String) Rows.cell(t, row, "month");
        String account = (String) Rows.cell(t, row, "account");
        String rate = (String) Rows.cell(t, row, "rate");
        BigDecimal amount = Rows.money(t, row, "amount");
        switch ((String) Rows.cell(t, row, "kind")) {
          case "collected" -> {
            collectedRows.put(month + "|" + account, amount);
            collectedSum = collectedSum.add(amount);
            if (account.equals(a.vatCollected())) {
              assertNull(rate, context);
            } else {
              perRateRows++;
              assertEquals(a.vatCollectedByRate().get(rate.split(",")[0]), account, context);
            }
          }
          case "deductible" -> deductibleRows.put(month + "|" + account, amount);
          case "pending-collected", "pending-deductible" -> pendingRows.put(month + "|" + account, amount);
          case "net-due" -> dueRows.put(YearMonth.parse(month), amount);
          default -> throw new AssertionError("kind " + row);
        }
      }
      assertEquals(0, collectedSum.compareTo(collectedTotal), context + ": " + collectedSum + " vs " + collectedTotal);
      assertEqualAmounts(collected, collectedRows, context + " collected");
      assertEqualAmounts(deductible, deductibleRows, context + " deductible");
      for (int month = 1; month <= 12; month++) {
        YearMonth m = YearMonth.of(2026, month);
        assertEquals(0, dueByMonth.getOrDefault(m, BigDecimal.ZERO).compareTo(dueRows.get(m)), context + " " + m);
      }
      // pending: the balance at the end of each month is the sum of the moves up to it
      for (String account : pendingAccounts) {
        BigDecimal balance = BigDecimal.ZERO;
        boolean moved = false;
        for (int month = 1; month <= 12; month++) {
          String key = YearMonth.of(2026, month) + "|" + account;
          moved |= pendingMoves.containsKey(key);
          balance = balance.add(pendingMoves.getOrDefault(key, BigDecimal.ZERO));
          if (moved) {
            assertEquals(0, balance.compareTo(pendingRows.get(key)), context + " pending " + key);
          } else {
            assertNull(pendingRows.get(key), context + " pending " + key);
          }
        }
      }
      BigDecimal due = dueByMonth.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
      assertEquals(0, due.compareTo(Rows.money(t, t.totals(), "amount")), context);
    }
    assertTrue(perRateRows > 0, "some ledgers book VAT on per-rate accounts");
  }

  private static void assertEqualAmounts(Map<String, BigDecimal> expected, Map<String, BigDecimal> actual, String context) {
    assertEquals(expected.keySet(), actual.keySet(), context);
    expected.forEach((k, v) -> assertEquals(0, v.compareTo(actual.get(k)), context + " " + k + ": " + v + " vs " + actual.get(k)));
  }
}
