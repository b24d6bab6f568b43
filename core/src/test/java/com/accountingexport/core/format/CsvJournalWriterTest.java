package com.accountingexport.core.format;

import static com.accountingexport.core.format.Entries.credit;
import static com.accountingexport.core.format.Entries.debit;
import static com.accountingexport.core.format.Entries.entry;
import static com.accountingexport.core.format.Entries.withAux;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.accountingexport.core.booking.EntryLine;
import com.accountingexport.core.booking.JournalEntry;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvJournalWriterTest {
  private static final String HEADER = "date,journal,piece,pieceDate,label,account,accountLabel,auxiliaryAccount,"
      + "auxiliaryLabel,debit,credit,currency,currencyAmount,entryNumber";

  @Test
  void write_shouldProduceTheRowsTypedByHand() {
    String csv = Entries.run(new CsvJournalWriter(), List.of(Entries.payment(), Entries.usdSale()));

    assertEquals(HEADER + "\r\n"
        + "2026-03-20,BQ,R-90,2026-03-18,R-90 – Client Dupont,512000,Banque,,,480.00,0.00,,,1\r\n"
        + "2026-03-20,BQ,R-90,2026-03-18,R-90 – Client Dupont,411000,Clients,411C0042,Client Dupont,0.00,480.00,,,1\r\n"
        + "2026-03-20,BQ,R-90,2026-03-18,TVA now due,445740,TVA collectée en attente,,,60.00,0.00,,,1\r\n"
        + "2026-03-20,BQ,R-90,2026-03-18,TVA now due,445710,TVA collectée,,,0.00,60.00,,,1\r\n"
        + "2026-03-05,VT,F-61,2026-03-05,F-61 – US Corp,411000,Clients,411C0061,US Corp,925.93,0.00,USD,1000.00,2\r\n"
        + "2026-03-05,VT,F-61,2026-03-05,F-61 – US Corp,706000,Prestations de services,,,0.00,925.93,USD,1000.00,2\r\n",
        csv);
  }

  @Test
  void write_shouldQuoteFieldsWithCommasQuotesAndLineBreaks_only() {
    JournalEntry e = entry("VT", "Ventes", LocalDate.of(2026, 3, 2), "F-1", LocalDate.of(2026, 3, 2),
        "Dupont, Durand & \"fils\"",
        withAux(debit("411000", "Clients", "two\r\nlines", "1.50"), "411C1", "Dupont, SARL"),
        credit("706000", "Services \"pro\"", "lf\nonly", "1.50"));

    String csv = Entries.run(new CsvJournalWriter(), List.of(e));

    assertEquals(HEADER + "\r\n"
        + "2026-03-02,VT,F-1,2026-03-02,\"two\r\nlines\",411000,Clients,411C1,\"Dupont, SARL\",1.50,0.00,,,1\r\n"
        + "2026-03-02,VT,F-1,2026-03-02,\"lf\nonly\",706000,\"Services \"\"pro\"\"\",,,0.00,1.50,,,1\r\n", csv);
  }

  @Test
  void write_shouldReadBackIdentically_forRandomEntries() {
    List<JournalEntry> entries = RandomEntries.generate(42L, 500);

    List<List<String>> records = Rfc4180.parse(Entries.run(new CsvJournalWriter(), entries));

    assertEquals(HEADER, String.join(",", records.get(0)));
    int r = 1;
    BigDecimal debit = BigDecimal.ZERO;
    for (int n = 0; n < entries.size(); n++) {
      JournalEntry e = entries.get(n);
      for (EntryLine l : e.lines()) {
        List<String> rec = records.get(r++);
        assertEquals(14, rec.size());
        assertEquals(e.date().toString(), rec.get(0));
        // a text a spreadsheet would run as a formula (=SUM(A1)) gets a leading apostrophe
        assertEquals(TextSink.neutralised(l.label() != null ? l.label() : e.label()), rec.get(4));
        assertEquals(TextSink.neutralised(l.accountLabel()), rec.get(6));
        assertEquals(l.auxAccount() == null ? "" : TextSink.neutralised(l.auxAccount()), rec.get(7));
        assertEquals(l.auxAccount() == null ? ""
            : TextSink.neutralised(l.auxLabel() == null ? l.auxAccount() : l.auxLabel()), rec.get(8));
        assertEquals(l.debit().toPlainString(), rec.get(9));
        assertEquals(l.credit().toPlainString(), rec.get(10));
        assertEquals(String.valueOf(n + 1), rec.get(13));
        debit = debit.add(new BigDecimal(rec.get(9)));
      }
    }
    assertEquals(r, records.size());
    assertEquals(entries.stream().map(JournalEntry::totalDebit).reduce(BigDecimal.ZERO, BigDecimal::add), debit);
  }

  @Test
  void textCellsThatLookLikeFormulas_getAnApostrophe_butAmountsStayNumbers() {
    for (String formula : new String[] {"=HYPERLINK(\"http://evil\",\"x\")", "+33 1 23", "-2+3", "@SUM(A1)", "\tTAB"}) {
      assertEquals("'" + formula, TextSink.neutralised(formula));
    }
    assertEquals("F-42 - Durand", TextSink.neutralised("F-42 - Durand"));
    assertEquals("", TextSink.neutralised(""));
  }
}
