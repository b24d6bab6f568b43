package com.accountingexport.core.format;

import static com.accountingexport.core.format.Entries.credit;
import static com.accountingexport.core.format.Entries.debit;
import static com.accountingexport.core.format.Entries.entry;
import static com.accountingexport.core.format.PieceFiles.at;
import static com.accountingexport.core.format.PieceFiles.text;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.accountingexport.core.booking.JournalEntry;
import com.accountingexport.core.format.PieceFiles.Line;
import com.accountingexport.core.format.PieceFiles.Written;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class CegidTraWriterTest {
  private static final DateTimeFormatter JJMMAAAA = DateTimeFormatter.ofPattern("ddMMyyyy");
  private static final String HEADER_START = "***S5EXPJRLSTD   0101190001011900011";

  /** A TRA reader of our own, cutting the movement records at the positions of FORMATS.md §3. */
  private static List<Line> read(List<String> records) {
    assertEquals(HEADER_START + " ".repeat(222 - HEADER_START.length()), records.get(0));
    List<Line> out = new ArrayList<>();
    for (String r : records.subList(1, records.size())) {
      assertEquals(222, r.length(), r);
      String aux = text(r, 32, 48);
      assertEquals(aux == null ? " " : "X", at(r, 31, 31), r);
      assertEquals("N", at(r, 151, 151), r);
      assertEquals("E--", at(r, 173, 175), r);
      assertTrue(at(r, 152, 159).matches(" *[1-9]\\d*"), "piece right-aligned: " + r);
      String currency = at(r, 160, 162);
      String currencyAmount = text(r, 176, 195);
      assertEquals(currency.equals("EUR"), currencyAmount == null, r);
      assertNull(text(r, 119, 129), "payment mode and due date blank");
      assertNull(text(r, 196, 222), "196-222 blank");
      out.add(new Line(text(r, 1, 3), LocalDate.parse(at(r, 4, 11), JJMMAAAA), text(r, 14, 30), aux,
          at(r, 130, 130).charAt(0), PieceFiles.amount(at(r, 131, 150), ','), at(r, 152, 159).trim(),
          currency.equals("EUR") ? null : currency,
          currencyAmount == null ? null : PieceFiles.amount(currencyAmount, ',')));
    }
    return out;
  }

  private static List<String> records(List<JournalEntry> entries) {
    return PieceFiles.write(new CegidTraWriter(), entries).records(StandardCharsets.US_ASCII);
  }

  @Test
  void write_shouldReadBackEveryLine_sampleLedger() {
    List<JournalEntry> entries = SampleLedger.entries();
    List<String> records = records(entries);

    PieceFiles.assertRoundTrip(entries, read(records), l -> l);
    assertEquals(9, records.size());
    // the VT sale: nature FC, the customer line with its auxiliary account, labels and reference transliterated
    String sale = records.get(1);
    assertEquals("VT 02032026FC411000           X411C0042         F-2026-042", at(sale, 1, 58));
    assertEquals("F-2026-042 - Formations Dupont SARL", at(sale, 84, 118));
    assertEquals("D", at(sale, 130, 130));
    assertEquals(" ".repeat(14) + "360,00", at(sale, 131, 150));
    assertEquals("N       1EUR", at(sale, 151, 162));
    assertEquals("F-2026-042 - Formation Excel avance", text(records.get(2), 84, 118));
    assertEquals("RC", at(records.get(4), 12, 13));
    assertEquals("FF", at(records.get(6), 12, 13));
    // "FF-778 - Œuvres & Cie (loyer 1 200 €)" is 39 characters in ASCII: cut at 35
    assertEquals("FF-778 - OEuvres & Cie (loyer 1 200", at(records.get(6), 84, 118));
  }

  @ParameterizedTest
  @ValueSource(longs = {1L, 42L, 20261130L})
  void write_shouldStayParseableAndBalanced_forHostileLedgers(long seed) {
    List<JournalEntry> entries = HostileLedger.entries(new Random(seed), 300);

    List<String> records = records(entries);

    PieceFiles.assertRoundTrip(entries, read(records), l -> l);
  }

  @Test
  void write_shouldTransliterateAndCount_accentsEuroAndOe() {
    JournalEntry e = entry("OD", "OD", LocalDate.of(2026, 5, 4), "P1", null, "x",
        debit("471000", "Attente", "é€Œ", "10.00"), credit("471100", "Attente", "ok", "10.00"));

    Written w = PieceFiles.write(new CegidTraWriter(), List.of(e));

    String first = w.records(StandardCharsets.US_ASCII).get(1);
    assertEquals("eEUROE", text(first, 84, 118));
    byte[] label = new byte[6];
    System.arraycopy(w.bytes(), 224 + 83, label, 0, 6);
    assertArrayEquals("eEUROE".getBytes(StandardCharsets.US_ASCII), label);
    assertEquals(new TextChanges(3, 0), w.changes());
    assertEquals("OD", at(first, 12, 13));
  }

  @Test
  void write_shouldCutA60CharacterLabelAt35_counted() {
    String long60 = "L".repeat(20) + "M".repeat(20) + "N".repeat(20);
    JournalEntry e = entry("VT", "VT", LocalDate.of(2026, 5, 4), "P1", null, "x",
        debit("411000", "Clients", long60, "10.00"), credit("706000", "Ventes", "ok", "10.00"));

    Written w = PieceFiles.write(new CegidTraWriter(), List.of(e));

    assertEquals(long60.substring(0, 35), at(w.records(StandardCharsets.US_ASCII).get(1), 84, 118));
    assertEquals(new TextChanges(0, 1), w.changes());
  }

  @Test
  void write_shouldWriteTheCurrencyAndItsAmount_forForeignLines() {
    List<String> records = records(List.of(Entries.usdSale()));

    assertEquals("USD", at(records.get(1), 160, 162));
    assertEquals(" ".repeat(13) + "1000,00", at(records.get(1), 176, 195));
    assertEquals(" ".repeat(14) + "925,93", at(records.get(1), 131, 150));
  }

  @Test
  void write_shouldSkipZeroLines_andNumberOnlyPiecesWithAmounts() {
    JournalEntry empty = entry("OD", "OD", LocalDate.of(2026, 5, 4), "Z", null, "x",
        debit("471000", "Attente", null, "0.00"), credit("471100", "Attente", null, "0.00"));
    JournalEntry paid = entry("BQ", "BQ", LocalDate.of(2026, 5, 5), "R", null, "x",
        debit("512000", "Banque", null, "5.00"), credit("411000", "Clients", null, "5.00"),
        debit("627000", "Frais", null, "0.00"));

    List<String> records = records(List.of(empty, paid));

    assertEquals(3, records.size());
    assertEquals("       1", at(records.get(1), 152, 159));
    assertEquals("       1", at(records.get(2), 152, 159));
  }

  @Test
  void nature_shouldFollowTheJournal() {
    assertEquals("FC", CegidTraWriter.nature("VT"));
    assertEquals("FF", CegidTraWriter.nature("AC"));
    assertEquals("RC", CegidTraWriter.nature("BQ"));
    assertEquals("RC", CegidTraWriter.nature("CA"));
    assertEquals("OD", CegidTraWriter.nature("NDF"));
    assertEquals("OD", CegidTraWriter.nature("VE"));
  }

  @Test
  void declaration_shouldMatchTheFile() {
    CegidTraWriter w = new CegidTraWriter();

    assertEquals("tra", w.fileExtension());
    assertEquals("text/plain; charset=US-ASCII", w.contentType());
    assertEquals(StandardCharsets.US_ASCII, w.charset());
    assertNull(w.separator());
    assertEquals(',', w.decimalMark());
    assertEquals("ddMMyyyy", w.datePattern());
    assertEquals("\r\n", w.lineEnding());
    assertEquals("EXP-0042-journal.tra", w.fileName(Entries.CONTEXT));
    assertEquals(DelimitedAccounts.semicolons().headers(), ((DelimitedAccounts) w.accounts().orElseThrow()).headers());
    assertEquals(BigDecimal.ZERO.setScale(2), PieceFiles.amount("0,00", ','));
  }
}
