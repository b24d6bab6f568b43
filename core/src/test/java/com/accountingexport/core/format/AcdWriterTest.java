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
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AcdWriterTest {
  private static final LocalDate D = LocalDate.of(2026, 3, 2);

  @Test
  void write_shouldProduceTheRowsTypedByHand_noHeader() {
    byte[] file = FormatFiles.write(new AcdWriter(), List.of(Entries.payment(), Entries.usdSale()));

    FormatFiles.assertTextFile(file, WINDOWS_1252);
    assertEquals(""
        + "1;20/03/2026;2026;03;20;R-90;R-90 – Client Dupont;512000;;480,00;0,00;480,00;BQ\r\n"
        + "1;20/03/2026;2026;03;20;R-90;R-90 – Client Dupont;411C0042;Client Dupont;0,00;480,00;-480,00;BQ\r\n"
        + "1;20/03/2026;2026;03;20;R-90;TVA now due;445740;;60,00;0,00;60,00;BQ\r\n"
        + "1;20/03/2026;2026;03;20;R-90;TVA now due;445710;;0,00;60,00;-60,00;BQ\r\n"
        + "2;05/03/2026;2026;03;05;F-61;F-61 – US Corp;411C0061;US Corp;925,93;0,00;925,93;VT\r\n"
        + "2;05/03/2026;2026;03;05;F-61;F-61 – US Corp;706000;;0,00;925,93;-925,93;VT\r\n",
        new String(file, WINDOWS_1252));
  }

  @Test
  void write_shouldNeutraliseTextCells_butNotTheSignedAmount() {
    JournalEntry e = entry("VT", "Ventes", D, "+33", D, "x",
        withAux(debit("411000", "Clients", "@SUM(A1)", "1234567.89"), "411C1", "=cmd|' /C calc'!A0"),
        credit("706000", "Services", "a;b \"c\"", "1234567.89"));

    List<CSVRecord> rows = FormatFiles.semicolonCsv(FormatFiles.write(new AcdWriter(), List.of(e)), WINDOWS_1252);

    assertEquals(List.of("1", "02/03/2026", "2026", "03", "02", "'+33", "'@SUM(A1)", "411C1", "'=cmd|' /C calc'!A0",
        "1234567,89", "0,00", "1234567,89", "VT"), rows.get(0).toList());
    assertEquals(List.of("1", "02/03/2026", "2026", "03", "02", "'+33", "a;b \"c\"", "706000", "",
        "0,00", "1234567,89", "-1234567,89", "VT"), rows.get(1).toList());
  }

  @Test
  void write_shouldTransliterateWhatWindows1252Lacks_countingEachCharacter() {
    JournalEntry e = entry("VT", "Ventes", D, "F-1", D, "x",
        withAux(debit("411000", "Clients", "x", "1.00"), "411C1", "Łódź"), credit("706000", "Services", "x", "1.00"));
    AtomicReference<TextChanges> changes = new AtomicReference<>();

    byte[] file = FormatFiles.write(new AcdWriter(), List.of(e), changes::set);

    // Ł spelled L, ź without its accent; ó is in Windows-1252
    assertEquals("Lódz", FormatFiles.semicolonCsv(file, WINDOWS_1252).get(0).get(8));
    assertEquals(new TextChanges(2, 0), changes.get());
  }

  @Test
  void write_shouldReadBackEveryLine_withCommonsCsv_forTheSampleLedger() {
    assertReadsBack(SampleLedger.entries());
  }

  @ParameterizedTest
  @ValueSource(longs = {4, 5, 6})
  void write_shouldReadBackEveryLine_withCommonsCsv_forHostileLedgers(long seed) {
    assertReadsBack(HostileLedger.entries(new Random(seed), 400));
  }

  /** Every row read by Commons CSV and compared with its line; pieces (journal + number) and file balance. */
  private static void assertReadsBack(List<JournalEntry> entries) {
    AcdWriter writer = new AcdWriter();
    DateTimeFormatter dmy = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    byte[] file = FormatFiles.write(writer, entries);

    FormatFiles.assertTextFile(file, writer.charset());
    List<CSVRecord> rows = FormatFiles.semicolonCsv(file, writer.charset());
    int r = 0;
    FormatFiles.Totals totals = new FormatFiles.Totals();
    for (int n = 0; n < entries.size(); n++) {
      JournalEntry e = entries.get(n);
      for (EntryLine l : e.lines()) {
        CSVRecord row = rows.get(r++);
        assertEquals(13, row.size(), row.toString());
        assertEquals(String.valueOf(n + 1), row.get(0));
        LocalDate date = LocalDate.parse(row.get(1), dmy);
        assertEquals(e.date(), date);
        assertEquals(LocalDate.of(Integer.parseInt(row.get(2)), Integer.parseInt(row.get(3)),
            Integer.parseInt(row.get(4))), date);
        assertEquals(cell(WINDOWS_1252, e.pieceRef()), row.get(5));
        assertEquals(cell(WINDOWS_1252, l.label() != null ? l.label() : e.label()), row.get(6));
        assertEquals(cell(WINDOWS_1252, l.auxAccount() != null ? l.auxAccount() : l.account()), row.get(7));
        assertEquals(cell(WINDOWS_1252, l.auxLabel()), row.get(8));
        BigDecimal d = new BigDecimal(row.get(9).replace(',', '.'));
        BigDecimal c = new BigDecimal(row.get(10).replace(',', '.'));
        BigDecimal amount = new BigDecimal(row.get(11).replace(',', '.'));
        assertEquals(l.debit(), d);
        assertEquals(l.credit(), c);
        assertEquals(d.subtract(c), amount);
        assertEquals(e.journalCode(), row.get(12));
        totals.line(row.get(12) + "/" + row.get(0), d, c);
      }
    }
    assertEquals(rows.size(), r);
    totals.assertBalanced(entries);
  }
}
