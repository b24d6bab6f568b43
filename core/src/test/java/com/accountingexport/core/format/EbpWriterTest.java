package com.accountingexport.core.format;

import static com.accountingexport.core.format.Entries.credit;
import static com.accountingexport.core.format.Entries.debit;
import static com.accountingexport.core.format.Entries.entry;
import static com.accountingexport.core.format.Entries.withAux;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.accountingexport.core.booking.JournalEntry;
import com.accountingexport.core.format.PieceFiles.Line;
import com.accountingexport.core.format.PieceFiles.Written;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EbpWriterTest {
  private static final Charset CP1252 = Charset.forName("windows-1252");
  private static final CSVFormat EBP = CSVFormat.Builder.create().setDelimiter(',').setQuote('"').get();
  /** The raw shape of a line: label and piece always quoted, nothing else quoted, 11 fields. */
  private static final String LINE = "\\d+,\\d{8},[^,\"]{1,4},[^,\"]{1,15},,\"[^\"]{0,40}\",\"\\d{1,15}\","
      + "\\d+\\.\\d{2},[DC],,[^,\"]*";
  private static final DateTimeFormatter JJMMAAAA = DateTimeFormatter.ofPattern("ddMMyyyy");

  /** The records of an EBP file, read by Commons CSV with ',' and '"'; the raw lines checked first. */
  private static List<CSVRecord> parse(Written w, String rawShape) {
    List<String> lines = w.records(CP1252);
    for (String l : lines) {
      assertTrue(l.matches(rawShape), l);
    }
    try (CSVParser p = CSVParser.parse(new String(w.bytes(), CP1252), EBP)) {
      List<CSVRecord> records = p.getRecords();
      assertEquals(lines.size(), records.size());
      return records;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Line> read(List<CSVRecord> records) {
    List<Line> out = new ArrayList<>();
    int n = 0;
    for (CSVRecord r : records) {
      assertEquals(11, r.size(), r.toString());
      assertEquals(Integer.toString(++n), r.get(0));
      assertEquals("", r.get(4));
      assertEquals("", r.get(9));
      out.add(new Line(r.get(2), LocalDate.parse(r.get(1), JJMMAAAA), r.get(3), null, r.get(8).charAt(0),
          PieceFiles.amount(r.get(7), '.'), r.get(6), r.get(10).isEmpty() ? null : r.get(10), null));
    }
    return out;
  }

  private static Line view(Line l) {
    Line one = l.oneAccount();
    return new Line(one.journal(), one.date(), one.account(), null, one.direction(), one.amount(), one.piece(),
        one.currency(), null);
  }

  private static Written write(List<JournalEntry> entries) {
    return PieceFiles.write(new EbpWriter(), entries);
  }

  @Test
  void write_shouldReadBackEveryLine_sampleLedger() {
    List<JournalEntry> entries = SampleLedger.entries();
    Written w = write(entries);

    List<CSVRecord> records = parse(w, LINE);

    PieceFiles.assertRoundTrip(entries, read(records), EbpWriterTest::view);
    assertEquals("1,02032026,VT,411C0042,,\"F-2026-042 - Formations Dupont SARL\",\"1\",360.00,D,,",
        w.records(CP1252).get(0));
    assertEquals("F-2026-042 - Formation Excel avancé", records.get(1).get(5));
    assertEquals("FF-778 - Œuvres & Cie (loyer 1 200 €)", records.get(5).get(5));
    assertEquals(TextChanges.NONE, w.changes());
  }

  @ParameterizedTest
  @ValueSource(longs = {1L, 42L, 20261130L})
  void write_shouldStayParseableAndBalanced_forHostileLedgers(long seed) {
    List<JournalEntry> entries = HostileLedger.entries(new Random(seed), 300);

    PieceFiles.assertRoundTrip(entries, read(parse(write(entries), LINE)), EbpWriterTest::view);
  }

  @Test
  void write_shouldKeepAccentsEuroAndOe_asSingleBytes() {
    JournalEntry e = entry("OD", "OD", LocalDate.of(2026, 5, 4), "P1", null, "x",
        debit("471000", "Attente", "é€Œ", "10.00"), credit("471100", "Attente", "ok", "10.00"));

    Written w = write(List.of(e));

    byte[] expected = {'"', (byte) 0xE9, (byte) 0x80, (byte) 0x8C, '"'};
    int at = "1,04052026,OD,471000,,".length();
    assertArrayEquals(expected, Arrays.copyOfRange(w.bytes(), at, at + 5));
    assertEquals(TextChanges.NONE, w.changes());
  }

  @Test
  void write_shouldCutA60CharacterLabelAt40_counted() {
    String long60 = "L".repeat(20) + "M".repeat(20) + "N".repeat(20);
    JournalEntry e = entry("VT", "VT", LocalDate.of(2026, 5, 4), "P1", null, "x",
        debit("411000", "Clients", long60, "10.00"), credit("706000", "Ventes", "ok", "10.00"));

    Written w = write(List.of(e));

    assertEquals(long60.substring(0, 40), parse(w, LINE).get(0).get(5));
    assertEquals(new TextChanges(0, 1), w.changes());
  }

  @Test
  void write_shouldReplaceQuotesAndRemoveCommasFromBareFields_counted() {
    JournalEntry e = entry("VT", "VT", LocalDate.of(2026, 5, 4), "P1", null, "x",
        withAux(debit("411000", "Clients", "\"Best\" offer, 2026", "10.00"), "411,C1", "C1"),
        credit("706000", "Ventes", "ok", "10.00"));

    Written w = write(List.of(e));

    CSVRecord r = parse(w, LINE).get(0);
    assertEquals("411C1", r.get(3));
    assertEquals("'Best' offer, 2026", r.get(5));
    assertEquals(new TextChanges(3, 0), w.changes());
  }

  @Test
  void write_shouldCutTheJournalAt4_andWriteForeignCurrencies() {
    JournalEntry e = entry("VENTE", "Ventes", LocalDate.of(2026, 5, 4), "P1", null, "x",
        debit("411000", "Clients", null, "10.00"), credit("706000", "Ventes", null, "10.00"));

    Written w = write(List.of(e, Entries.usdSale()));

    List<CSVRecord> records = parse(w, LINE);
    assertEquals("VENT", records.get(0).get(2));
    assertEquals("USD", records.get(2).get(10));
    assertEquals("2", records.get(2).get(6));
    assertEquals(new TextChanges(0, 1), w.changes());
  }

  @Test
  void accounts_shouldQuoteEveryField_withAHeader() throws IOException {
    Written w = PieceFiles.writeAccounts(new EbpWriter().accounts().orElseThrow(), SampleLedger.accounts());

    List<String> lines = w.records(CP1252);
    assertEquals("\"account\",\"name\",\"address\",\"postalCode\",\"city\",\"countryCode\",\"email\",\"type\"",
        lines.get(0));
    assertEquals("\"401F0007\",\"Œuvres & Cie\",\"3 allée Émile Zola\",\"75011\",\"Paris\",\"FR\",\"\",\"F\"",
        lines.get(2));
    try (CSVParser p = CSVParser.parse(new String(w.bytes(), CP1252), EBP)) {
      List<CSVRecord> records = p.getRecords();
      assertEquals(List.of("411C0042", "Formations Dupont SARL", "12 rue des Lilas", "69003", "Lyon", "FR",
          "compta@dupont.fr", "C"), records.get(1).toList());
    }
    assertEquals(TextChanges.NONE, w.changes());
  }

  @Test
  void accounts_shouldStayParseable_forHostileNames() throws IOException {
    List<AccountRecord> accounts = HostileLedger.accounts(new Random(5), 300);

    Written w = PieceFiles.writeAccounts(new EbpAccounts(), accounts);

    List<String> lines = w.records(CP1252);
    assertEquals(accounts.size() + 1, lines.size());
    for (String l : lines) {
      assertTrue(l.matches("\"[^\"]*\"(,\"[^\"]*\"){7}"), l);
    }
    try (CSVParser p = CSVParser.parse(new String(w.bytes(), CP1252), EBP)) {
      List<CSVRecord> records = p.getRecords();
      for (int i = 0; i < accounts.size(); i++) {
        CSVRecord r = records.get(i + 1);
        assertEquals(8, r.size());
        assertEquals(accounts.get(i).account(), r.get(0));
        assertEquals(accounts.get(i).supplier() ? "F" : "C", r.get(7));
      }
    }
    assertTrue(w.changes().transliterated() > 0, "quotes, controls and emoji are replaced, counted");
  }

  @Test
  void declaration_shouldMatchTheFile() {
    EbpWriter w = new EbpWriter();

    assertEquals("txt", w.fileExtension());
    assertEquals("text/plain; charset=windows-1252", w.contentType());
    assertEquals(CP1252, w.charset());
    assertEquals(",", w.separator());
    assertEquals('.', w.decimalMark());
    assertEquals("ddMMyyyy", w.datePattern());
    assertEquals("EXP-0042-journal.txt", w.fileName(Entries.CONTEXT));
    assertEquals("text/plain; charset=windows-1252", w.accounts().orElseThrow().contentType());
  }
}
