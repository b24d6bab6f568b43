package com.accountingexport.core.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.accountingexport.core.booking.EntryLine;
import com.accountingexport.core.booking.JournalEntry;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TrialBalanceTest {
  private static final LocalDate FROM = LocalDate.of(2026, 4, 1);
  private static final LocalDate TO = LocalDate.of(2026, 4, 30);
  private static final String[] ACCOUNTS = {"411000", "401000", "512000", "706000", "607000", "445710", "445660"};

  /** A random balanced entry: 2 to 5 lines on the accounts above, sub-accounts on 411/401. */
  static JournalEntry entry(Random r, LocalDate date, int n) {
    List<EntryLine> lines = new ArrayList<>();
    BigDecimal total = BigDecimal.ZERO;
    int debits = 1 + r.nextInt(2);
    for (int i = 0; i < debits; i++) {
      BigDecimal a = BigDecimal.valueOf(1 + r.nextInt(500_000), 2);
      total = total.add(a);
      lines.add(line(r, a, BigDecimal.ZERO.setScale(2)));
    }
    int credits = 1 + r.nextInt(3);
    BigDecimal left = total;
    for (int i = 0; i < credits; i++) {
      BigDecimal a = i == credits - 1 ? left : left.divide(BigDecimal.valueOf(2), 2, java.math.RoundingMode.DOWN);
      left = left.subtract(a);
      lines.add(line(r, BigDecimal.ZERO.setScale(2), a));
    }
    return new JournalEntry("OD", "Divers", date, "P-" + n, date, "Piece " + n, "d" + n, lines);
  }

  private static EntryLine line(Random r, BigDecimal debit, BigDecimal credit) {
    String account = ACCOUNTS[r.nextInt(ACCOUNTS.length)];
    String aux = account.equals("411000") ? "411C" + r.nextInt(5) : account.equals("401000") ? "401F" + r.nextInt(3) : null;
    return new EntryLine(account, "Compte " + account, aux, aux == null ? null : "Tiers " + aux, null, debit, credit,
        null, null);
  }

  static BigDecimal money(Object o) {
    return (BigDecimal) o;
  }

  @Test
  void randomLedgers_totalsBalance_andEachAccountIsTheSumOfItsLines() {
    for (long seed = 1; seed <= 25; seed++) {
      Random r = new Random(seed);
      TrialBalance tb = new TrialBalance(TrialBalance.Level.GENERAL, "411000", "401000");
      Map<String, BigDecimal> openingNet = new HashMap<>();
      Map<String, BigDecimal> periodDebit = new HashMap<>();
      Map<String, BigDecimal> periodCredit = new HashMap<>();
      for (int i = 0; i < 200; i++) {
        boolean opening = r.nextInt(3) == 0;
        JournalEntry e = entry(r, opening ? FROM.minusDays(1 + r.nextInt(60)) : FROM.plusDays(r.nextInt(30)), i);
        for (EntryLine l : e.lines()) {
          if (opening) {
            openingNet.merge(l.account(), l.debit().subtract(l.credit()), BigDecimal::add);
          } else {
            periodDebit.merge(l.account(), l.debit(), BigDecimal::add);
            periodCredit.merge(l.account(), l.credit(), BigDecimal::add);
          }
        }
        if (opening) {
          tb.opening(e);
        } else {
          tb.period(e);
        }
      }
      ReportTable t = tb.table(FROM, TO);
      for (List<Object> row : t.rows()) {
        String account = (String) row.get(0);
        BigDecimal opening = openingNet.getOrDefault(account, BigDecimal.ZERO);
        assertEquals(0, opening.compareTo(money(row.get(2)).subtract(money(row.get(3)))), account + " opening");
        assertEquals(0, periodDebit.getOrDefault(account, BigDecimal.ZERO).compareTo(money(row.get(4))), account);
        assertEquals(0, periodCredit.getOrDefault(account, BigDecimal.ZERO).compareTo(money(row.get(5))), account);
        BigDecimal closing = opening.add(money(row.get(4))).subtract(money(row.get(5)));
        assertEquals(0, closing.compareTo(money(row.get(6)).subtract(money(row.get(7)))), account + " closing");
        assertTrue(money(row.get(6)).signum() == 0 || money(row.get(7)).signum() == 0, "a balance sits on one side");
      }
      List<Object> totals = t.totals();
      assertEquals(0, money(totals.get(2)).compareTo(money(totals.get(3))), "opening debit = opening credit, seed " + seed);
      assertEquals(0, money(totals.get(4)).compareTo(money(totals.get(5))), "period debit = period credit, seed " + seed);
      assertEquals(0, money(totals.get(6)).compareTo(money(totals.get(7))), "closing debit = closing credit, seed " + seed);
    }
  }

  @Test
  void customersLevel_isThe411SubAccounts_only() {
    Random r = new Random(99);
    TrialBalance customers = new TrialBalance(TrialBalance.Level.CUSTOMERS, "411000", "401000");
    TrialBalance suppliers = new TrialBalance(TrialBalance.Level.SUPPLIERS, "411000", "401000");
    Map<String, BigDecimal> expected = new HashMap<>();
    for (int i = 0; i < 300; i++) {
      JournalEntry e = entry(r, FROM.plusDays(r.nextInt(30)), i);
      e.lines().stream().filter(l -> l.auxAccount() != null && l.account().startsWith("411"))
          .forEach(l -> expected.merge(l.auxAccount(), l.debit().subtract(l.credit()), BigDecimal::add));
      customers.period(e);
      suppliers.period(e);
    }
    ReportTable t = customers.table(FROM, TO);
    assertEquals(expected.size(), t.rows().size());
    for (List<Object> row : t.rows()) {
      assertTrue(((String) row.get(0)).startsWith("411C"), row.toString());
      assertEquals(0, expected.get((String) row.get(0)).compareTo(money(row.get(6)).subtract(money(row.get(7)))));
      assertEquals("Tiers " + row.get(0), row.get(1));
    }
    assertTrue(suppliers.table(FROM, TO).rows().stream().allMatch(row -> ((String) row.get(0)).startsWith("401F")));
  }

  @Test
  void levels_readTheirWireNames() {
    assertEquals(TrialBalance.Level.SUPPLIERS, TrialBalance.Level.fromWire("suppliers").orElseThrow());
    assertTrue(TrialBalance.Level.fromWire("Suppliers").isEmpty());
  }
}
