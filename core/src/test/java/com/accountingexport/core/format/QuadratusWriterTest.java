package com.accountingexport.core.format;

import static com.accountingexport.core.format.Entries.credit;
import static com.accountingexport.core.format.Entries.debit;
import static com.accountingexport.core.format.Entries.entry;
import static com.accountingexport.core.format.Entries.withAux;
import static com.accountingexport.core.format.PieceFiles.at;
import static com.accountingexport.core.format.PieceFiles.text;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.accountingexport.core.booking.JournalEntry;
import com.accountingexport.core.format.PieceFiles.Line;
import com.accountingexport.core.format.PieceFiles.Written;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class QuadratusWriterTest {
  private static final DateTimeFormatter JJMMAA = DateTimeFormatter.ofPattern("ddMMyy");

  /** A Quadra reader of our own, cutting the M records at the positions of FORMATS.md §5. */
  private static List<Line> read(List<String> records) {
    List<Line> out = new ArrayList<>();
    for (String r : records) {
      assertEquals(231, r.length(), r);
      assertEquals("M", at(r, 1, 1));
      assertEquals("000", at(r, 12, 14));
      assertEquals("+", at(r, 43, 43));
      assertEquals("000000", at(r, 64, 69));
      assertTrue(at(r, 44, 55).matches("\\d{12}"), r);
      assertTrue(at(r, 100, 107).matches("\\d{8}"), r);
      assertNull(text(r, 56, 63));
      assertNull(text(r, 70, 74));
      assertNull(text(r, 80, 99));
      assertNull(text(r, 114, 116));
      assertNull(text(r, 159, 168));
      assertNull(text(r, 182, 231));
      String journal = text(r, 111, 113);
      String shortJournal = text(r, 10, 11);
      assertEquals(journal.length() <= 2 ? journal : null, shortJournal, r);
      String piece = Long.toString(Long.parseLong(at(r, 100, 107)));
      assertEquals(Long.parseLong(piece) <= 99_999 ? piece : "", at(r, 75, 79).isBlank() ? "" : Long.toString(Long.parseLong(at(r, 75, 79))), r);
      // the short label is the start of the long one
      String longLabel = at(r, 117, 146);
      assertEquals(longLabel.substring(0, 20), at(r, 22, 41), r);
      String currency = at(r, 108, 110);
      String currencyAmount = text(r, 169, 181);
      assertEquals(currency.equals("EUR"), currencyAmount == null, r);
      BigDecimal inCurrency = null;
      if (currencyAmount != null) {
        assertTrue(currencyAmount.matches("\\+\\d{12}"), r);
        inCurrency = BigDecimal.valueOf(Long.parseLong(currencyAmount.substring(1)), 2);
      }
      out.add(new Line(journal, LocalDate.parse(at(r, 15, 20), JJMMAA), text(r, 2, 9), null,
          at(r, 42, 42).charAt(0), BigDecimal.valueOf(Long.parseLong(at(r, 44, 55)), 2), piece,
          currency.equals("EUR") ? null : currency, inCurrency));
    }
    return out;
  }

  private static List<String> records(List<JournalEntry> entries) {
    return PieceFiles.write(new QuadratusWriter(), entries).records(StandardCharsets.US_ASCII);
  }

  @Test
  void write_shouldReadBackEveryLine_sampleLedger() {
    List<JournalEntry> entries = SampleLedger.entries();
    List<String> records = records(entries);

    PieceFiles.assertRoundTrip(entries, read(records), Line::oneAccount);
    assertEquals(8, records.size());
    String sale = records.get(0);
    assertEquals("M411C0042VT000020326 F-2026-042 - FormatiD+000000036000", at(sale, 1, 55));
    assertEquals("0000100000001EURVT    F-2026-042 - Formations Dupont  F-2026-042",
        at(sale, 75, 79) + at(sale, 100, 116) + at(sale, 117, 158));
    assertEquals("M706000  VT", at(records.get(1), 1, 11));
    assertEquals("FF-778 - OEuvres & Cie (loyer ", at(records.get(5), 117, 146));
  }

  @ParameterizedTest
  @ValueSource(longs = {1L, 42L, 20261130L})
  void write_shouldStayParseableAndBalanced_forHostileLedgers(long seed) {
    List<JournalEntry> entries = HostileLedger.entries(new Random(seed), 300);

    PieceFiles.assertRoundTrip(entries, read(records(entries)), Line::oneAccount);
  }

  @Test
  void write_shouldTransliterateAndCount_accentsEuroAndOe() {
    JournalEntry e = entry("OD", "OD", LocalDate.of(2026, 5, 4), "P1", null, "x",
        debit("471000", "Attente", "é€Œ", "10.00"), credit("471100", "Attente", "ok", "10.00"));

    Written w = PieceFiles.write(new QuadratusWriter(), List.of(e));

    byte[] label = new byte[6];
    System.arraycopy(w.bytes(), 116, label, 0, 6);
    assertArrayEquals("eEUROE".getBytes(StandardCharsets.US_ASCII), label);
    assertEquals("eEUROE", text(w.records(StandardCharsets.US_ASCII).get(0), 22, 41));
    assertEquals(new TextChanges(3, 0), w.changes());
  }

  @Test
  void write_shouldCutA60CharacterLabelAt30_countedOnce() {
    String long60 = "L".repeat(20) + "M".repeat(20) + "N".repeat(20);
    JournalEntry e = entry("VT", "VT", LocalDate.of(2026, 5, 4), "P1", null, "x",
        debit("411000", "Clients", long60, "10.00"), credit("706000", "Ventes", "ok", "10.00"));

    Written w = PieceFiles.write(new QuadratusWriter(), List.of(e));

    String r = w.records(StandardCharsets.US_ASCII).get(0);
    assertEquals(long60.substring(0, 30), at(r, 117, 146));
    assertEquals(long60.substring(0, 20), at(r, 22, 41));
    assertEquals(new TextChanges(0, 1), w.changes());
  }

  @Test
  void write_shouldCutLongAccountsAt8_andKeepThreeLetterJournalsAt111Only() {
    JournalEntry e = entry("NDF", "Notes de frais", LocalDate.of(2026, 5, 4), "N-1", null, "x",
        debit("625100000", "Déplacements", null, "10.00"),
        withAux(credit("421000", "Personnel", null, "10.00"), "421EMPLOYE1", "Employé"));

    Written w = PieceFiles.write(new QuadratusWriter(), List.of(e));

    List<String> records = w.records(StandardCharsets.US_ASCII);
    assertEquals("62510000  ", at(records.get(0), 2, 11));
    assertEquals("NDF", at(records.get(0), 111, 113));
    assertEquals("421EMPLO", at(records.get(1), 2, 9));
    assertEquals(new TextChanges(0, 2), w.changes());
  }

  @Test
  void write_shouldWriteTheCurrencyInCents_forForeignLines() {
    List<String> records = records(List.of(Entries.usdSale()));

    assertEquals("USD", at(records.get(0), 108, 110));
    assertEquals("+000000100000", at(records.get(0), 169, 181));
    assertEquals("000000092593", at(records.get(0), 44, 55));
  }

  @Test
  void write_shouldLeaveTheShortPieceBlank_pastPiece99999() throws IOException {
    PieceFiles.Tail tail = new PieceFiles.Tail(4 * 233);

    new QuadratusWriter().write(PieceFiles.manyEntries(100_000), Entries.CONTEXT, tail);

    List<String> last = PieceFiles.checkText(tail.bytes(), StandardCharsets.US_ASCII);
    assertEquals("99999", at(last.get(0), 75, 79));
    assertEquals("00099999", at(last.get(1), 100, 107));
    assertEquals("     ", at(last.get(2), 75, 79));
    assertEquals("00100000", at(last.get(3), 100, 107));
  }

  @Test
  void accounts_shouldWriteOneCRecordPerAccount() {
    Written w = PieceFiles.writeAccounts(new QuadratusWriter().accounts().orElseThrow(), SampleLedger.accounts());

    List<String> records = w.records(StandardCharsets.US_ASCII);
    assertEquals(2, records.size());
    for (String r : records) {
      assertEquals(231, r.length());
      assertNull(text(r, 40, 98));
      assertNull(text(r, 107, 217));
      assertNull(text(r, 219, 231));
    }
    assertEquals("C411C0042Formations Dupont SARL", at(records.get(0), 1, 31));
    assertEquals("411000  C", at(records.get(0), 99, 106) + at(records.get(0), 218, 218));
    assertEquals("C401F0007OEuvres & Cie", at(records.get(1), 1, 22));
    assertEquals("401000  F", at(records.get(1), 99, 106) + at(records.get(1), 218, 218));
    assertEquals(new TextChanges(1, 0), w.changes());
  }

  @Test
  void accounts_shouldStayFixedWidth_forHostileNames() {
    List<AccountRecord> accounts = HostileLedger.accounts(new Random(3), 200);

    Written w = PieceFiles.writeAccounts(new QuadratusAccounts(), accounts);

    List<String> records = w.records(StandardCharsets.US_ASCII);
    assertEquals(accounts.size(), records.size());
    for (int i = 0; i < records.size(); i++) {
      String r = records.get(i);
      assertEquals(231, r.length(), r);
      assertEquals(accounts.get(i).account(), at(r, 2, 9));
      assertEquals(accounts.get(i).supplier() ? "F" : "C", at(r, 218, 218));
    }
  }

  @Test
  void declaration_shouldMatchTheFile() {
    QuadratusWriter w = new QuadratusWriter();

    assertEquals("txt", w.fileExtension());
    assertEquals("text/plain; charset=US-ASCII", w.contentType());
    assertEquals(StandardCharsets.US_ASCII, w.charset());
    assertNull(w.separator());
    assertEquals("ddMMyy", w.datePattern());
    assertEquals("EXP-0042-journal.txt", w.fileName(Entries.CONTEXT));
    assertEquals("EXP-0042-accounts.txt", w.accounts().orElseThrow().fileName(Entries.CONTEXT));
    assertEquals("text/plain; charset=US-ASCII", w.accounts().orElseThrow().contentType());
  }
}
