package com.accountingexport.core.report;

import static com.accountingexport.core.report.Rows.entry;
import static com.accountingexport.core.report.Rows.line;
import static com.accountingexport.core.report.Rows.money;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.accountingexport.core.booking.EntryLine;
import com.accountingexport.core.booking.JournalEntry;
import com.accountingexport.core.format.CentralisedCsvWriter;
import com.accountingexport.core.format.ExportContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

class JournalByDayTest {
  private static final LocalDate D14 = LocalDate.of(2026, 3, 14);
  private static final LocalDate D15 = LocalDate.of(2026, 3, 15);

  @Test
  void table_sumsDebitsAndCreditsApartPerJournalDayAccountAndAux_whateverTheOrder() {
    // given: out of order, two invoices and a credit note on the 14th, a payment, an invoice on the 15th
    List<JournalEntry> entries = List.of(
        entry("VT", D15, "F-4", line("411000", "411C1", "60.00"), line("706000", "-50.00"), line("445710", "-10.00")),
        entry("BQ", D14, "P-1", line("512000", "120.00"), line("411000", "411C1", "-120.00")),
        entry("VT", D14, "F-1", line("411000", "411C1", "120.00"), line("706000", "-100.00"), line("445710", "-20.00")),
        entry("VT", D14, "AV-3", line("706000", "50.00"), line("445710", "10.00"), line("411000", "411C1", "-60.00")),
        entry("VT", D14, "F-2", line("411000", "411C2", "240.00"), line("706000", "-200.00"), line("445710", "-40.00")));
    JournalByDay journal = new JournalByDay();
    entries.forEach(journal::add);

    // when
    ReportTable t = journal.table(D14, D15);

    // then
    Rows.assertTyped(t);
    assertEquals("journal-by-day", t.id());
    List<List<Object>> expected = List.of(
        Arrays.asList("BQ", D14, "411000", "411C1", "Clients", money("0.00"), money("120.00")),
        Arrays.asList("BQ", D14, "512000", null, "Banques", money("120.00"), money("0.00")),
        Arrays.asList("VT", D14, "411000", "411C1", "Clients", money("120.00"), money("60.00")),
        Arrays.asList("VT", D14, "411000", "411C2", "Clients", money("240.00"), money("0.00")),
        Arrays.asList("VT", D14, "445710", null, "TVA collectée", money("10.00"), money("60.00")),
        Arrays.asList("VT", D14, "706000", null, "Prestations de services", money("50.00"), money("300.00")),
        Arrays.asList("VT", D15, "411000", "411C1", "Clients", money("60.00"), money("0.00")),
        Arrays.asList("VT", D15, "445710", null, "TVA collectée", money("0.00"), money("10.00")),
        Arrays.asList("VT", D15, "706000", null, "Prestations de services", money("0.00"), money("50.00")));
    assertEquals(expected, t.rows());
    assertEquals(Arrays.asList(null, null, null, null, null, money("600.00"), money("600.00")), t.totals());
  }

  /**
   * Over random ledgers booked by the Bookkeeper, in any order: each row carries what the
   * centralised-csv format writes for that journal, day, account and auxiliary account (fed the
   * same entries sorted as it needs), and the totals are the ledger's debits and credits.
   */
  @Test
  void rows_agreeWithTheCentralisedCsvFormat_overRandomLedgers() throws IOException {
    for (long seed = 1; seed <= 10; seed++) {
      RandomLedger ledger = RandomLedger.generate(seed, 400);
      List<JournalEntry> sorted = new ArrayList<>(ledger.entries);
      sorted.sort(Comparator.comparing(JournalEntry::journalCode).thenComparing(JournalEntry::date));
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      new CentralisedCsvWriter().write(sorted.iterator(),
          new ExportContext("EXP-1", LocalDate.of(2026, 12, 31), null, LocalDate.of(2026, 12, 31)), out);
      Map<String, BigDecimal[]> expected = new TreeMap<>();
      for (CSVRecord r : CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build()
          .parse(new StringReader(out.toString(StandardCharsets.UTF_8)))) {
        String key = r.get("journal") + "|" + r.get("date") + "|" + r.get("account") + "|" + r.get("auxiliaryAccount");
        BigDecimal[] sums = expected.computeIfAbsent(key, k -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
        sums[0] = sums[0].add(new BigDecimal(r.get("debit")));
        sums[1] = sums[1].add(new BigDecimal(r.get("credit")));
      }
      BigDecimal debits = BigDecimal.ZERO;
      BigDecimal credits = BigDecimal.ZERO;
      for (JournalEntry e : ledger.entries) {
        for (EntryLine l : e.lines()) {
          debits = debits.add(l.debit());
          credits = credits.add(l.credit());
        }
      }

      List<JournalEntry> shuffled = new ArrayList<>(ledger.entries);
      Collections.shuffle(shuffled, new Random(seed));
      JournalByDay journal = new JournalByDay();
      shuffled.forEach(journal::add);
      ReportTable t = journal.table(RandomLedger.START, RandomLedger.START.plusYears(1));

      String context = "seed " + seed;
      Rows.assertTyped(t);
      Map<String, List<Object>> rows = Rows.byKey(t, "journal", "date", "account", "auxiliaryAccount");
      assertEquals(expected.keySet(), rows.keySet(), context);
      expected.forEach((key, sums) -> {
        assertEquals(0, sums[0].compareTo(Rows.money(t, rows.get(key), "debit")), context + " debit " + key);
        assertEquals(0, sums[1].compareTo(Rows.money(t, rows.get(key), "credit")), context + " credit " + key);
      });
      assertEquals(0, debits.compareTo(Rows.money(t, t.totals(), "debit")), context);
      assertEquals(0, credits.compareTo(Rows.money(t, t.totals(), "credit")), context);
      assertEquals(0, debits.compareTo(credits), context);
      // sorted by journal, date, account, auxiliary (none first)
      for (int i = 1; i < t.rows().size(); i++) {
        assertTrue(sortKey(t, t.rows().get(i - 1)).compareTo(sortKey(t, t.rows().get(i))) < 0, context + " row " + i);
      }
    }
  }

  private static String sortKey(ReportTable t, List<Object> row) {
    Object aux = Rows.cell(t, row, "auxiliaryAccount");
    return Rows.cell(t, row, "journal") + "\u0000" + Rows.cell(t, row, "date") + "\u0000" + Rows.cell(t, row, "account")
        + "\u0000" + (aux == null ? "" : "\u0001" + aux);
  }
}
