package com.accountingexport.core.format;

import static com.accountingexport.core.format.Entries.credit;
import static com.accountingexport.core.format.Entries.debit;
import static com.accountingexport.core.format.Entries.entry;
import static com.accountingexport.core.format.Entries.withAux;
import static com.accountingexport.core.format.FormatFiles.WINDOWS_1252;
import static com.accountingexport.core.format.FormatFiles.cell;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.accountingexport.core.booking.EntryLine;
import com.accountingexport.core.booking.JournalEntry;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SageCsvWriterTest {
  private static final String HEADER = "Date;Journal;CompteGeneral;CompteTiers;Piece;Reference;Libelle;Debit;Credit;Echeance;Devise";
  private static final LocalDate D = LocalDate.of(2026, 3, 2);

  private static String run(List<JournalEntry> entries) {
    byte[] file = FormatFiles.write(new SageCsvWriter(), entries);
    FormatFiles.assertTextFile(file, WINDOWS_1252);
    return new String(file, WINDOWS_1252);
  }

  @Test
  void write_shouldProduceTheRowsTypedByHand() {
    String csv = run(List.of(Entries.payment(), Entries.usdSale()));

    assertEquals(HEADER + "\r\n"
        + "20/03/2026;BQ;512000;;1;R-90;R-90 – Client Dupont;480,00;;;EUR\r\n"
        + "20/03/2026;BQ;411000;411C0042;1;R-90;R-90 – Client Dupont;;480,00;;EUR\r\n"
        + "20/03/2026;BQ;445740;;1;R-90;TVA now due;60,00;;;EUR\r\n"
        + "20/03/2026;BQ;445710;;1;R-90;TVA now due;;60,00;;EUR\r\n"
        + "05/03/2026;VT;411000;411C0061;2;F-61;F-61 – US Corp;925,93;;;USD\r\n"
        + "05/03/2026;VT;706000;;2;F-61;F-61 – US Corp;;925,93;;USD\r\n", csv);
  }

  @Test
  void write_shouldCutAtTheLimits_countingEachCut() {
    JournalEntry e = entry("OD", "Divers", D, "REF-" + "r".repeat(40), D, "x",
        withAux(debit("4110000000000099", "Clients", "L".repeat(60), "10.00"), "411C" + "9".repeat(20), "Client"),
        credit("706000", "Services", "short", "10.00"));
    AtomicReference<TextChanges> changes = new AtomicReference<>();

    byte[] file = FormatFiles.write(new SageCsvWriter(), List.of(e), changes::set);

    List<CSVRecord> rows = FormatFiles.semicolonCsv(file, WINDOWS_1252);
    assertEquals("4110000000000", rows.get(1).get(2));
    assertEquals("411C" + "9".repeat(13), rows.get(1).get(3));
    assertEquals(("REF-" + "r".repeat(40)).substring(0, 35), rows.get(1).get(5));
    assertEquals("L".repeat(35), rows.get(1).get(6));
    assertEquals("short", rows.get(2).get(6));
    // account, aux account, reference and label of line 1, reference of line 2
    assertEquals(new TextChanges(0, 5), changes.get());
  }

  @Test
  void write_shouldNeutraliseFormulas_quoteSeparators_andLeaveAmountsAlone() {
    JournalEntry e = entry("VT", "Ventes", D, "=1+1", D, "x",
        withAux(debit("411000", "Clients", "=HYPERLINK(\"http://evil\";\"x\")", "12.50"), "-411C1", "Client"),
        credit("706000", "Services", "Dupont; Durand \"fils\"", "12.50"));

    List<CSVRecord> rows = FormatFiles.semicolonCsv(FormatFiles.write(new SageCsvWriter(), List.of(e)), WINDOWS_1252);

    assertEquals(List.of("02/03/2026", "VT", "411000", "'-411C1", "1", "'=1+1",
        "'=HYPERLINK(\"http://evil\";\"x\")", "12,50", "", "", "EUR"), rows.get(1).toList());
    assertEquals(List.of("02/03/2026", "VT", "706000", "", "1", "'=1+1", "Dupont; Durand \"fils\"", "", "12,50", "", "EUR"),
        rows.get(2).toList());
  }

  @Test
  void write_shouldReadBackEveryLine_withCommonsCsv_forTheSampleLedger() {
    assertReadsBack(SampleLedger.entries());
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void write_shouldReadBackEveryLine_withCommonsCsv_forHostileLedgers(long seed) {
    assertReadsBack(HostileLedger.entries(new Random(seed), 400));
  }

  /** Every row read by Commons CSV and compared with its line; pieces (Journal + Piece) and file balance. */
  private static void assertReadsBack(List<JournalEntry> entries) {
    SageCsvWriter writer = new SageCsvWriter();
    byte[] file = FormatFiles.write(writer, entries);

    FormatFiles.assertTextFile(file, writer.charset());
    List<CSVRecord> rows = FormatFiles.semicolonCsv(file, writer.charset());
    assertEquals(SageCsvWriter.COLUMNS, rows.get(0).toList());
    int r = 1;
    FormatFiles.Totals totals = new FormatFiles.Totals();
    for (int n = 0; n < entries.size(); n++) {
      JournalEntry e = entries.get(n);
      for (EntryLine l : e.lines()) {
        CSVRecord row = rows.get(r++);
        assertEquals(11, row.size(), row.toString());
        assertEquals(String.format("%02d/%02d/%04d", e.date().getDayOfMonth(), e.date().getMonthValue(),
            e.date().getYear()), row.get(0));
        assertEquals(e.journalCode(), row.get(1));
        assertEquals(cell(WINDOWS_1252, l.account(), 13), row.get(2));
        assertEquals(cell(WINDOWS_1252, l.auxAccount(), 17), row.get(3));
        assertEquals(String.valueOf(n + 1), row.get(4));
        assertEquals(cell(WINDOWS_1252, e.pieceRef(), 35), row.get(5));
        assertEquals(cell(WINDOWS_1252, l.label() != null ? l.label() : e.label(), 35), row.get(6));
        boolean isDebit = l.debit().signum() > 0;
        assertEquals(isDebit ? l.debit().toPlainString().replace('.', ',') : "", row.get(7));
        assertEquals(isDebit ? "" : l.credit().toPlainString().replace('.', ','), row.get(8));
        assertEquals("", row.get(9));
        assertEquals(l.currency() != null ? l.currency() : "EUR", row.get(10));
        BigDecimal d = isDebit ? new BigDecimal(row.get(7).replace(',', '.')) : BigDecimal.ZERO;
        BigDecimal c = isDebit ? BigDecimal.ZERO : new BigDecimal(row.get(8).replace(',', '.'));
        totals.line(row.get(1) + "/" + row.get(4), d, c);
      }
    }
    assertEquals(rows.size(), r);
    totals.assertBalanced(entries);
  }
}
