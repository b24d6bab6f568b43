package com.accountingexport.core.format;

import static com.accountingexport.core.format.Entries.credit;
import static com.accountingexport.core.format.Entries.debit;
import static com.accountingexport.core.format.Entries.entry;
import static com.accountingexport.core.format.PieceFiles.at;
import static com.accountingexport.core.format.PieceFiles.text;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.accountingexport.core.error.DomainException;
import com.accountingexport.core.booking.JournalEntry;
import com.accountingexport.core.format.PieceFiles.Line;
import com.accountingexport.core.format.PieceFiles.Written;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CielXimportWriterTest {
  /** An XIMPORT reader of our own, cutting the records at the positions of FORMATS.md §6. */
  private static List<Line> read(List<String> records) {
    List<Line> out = new ArrayList<>();
    for (String r : records) {
      assertEquals(142, r.length(), r);
      assertTrue(at(r, 1, 5).matches(" *[1-9]\\d*"), "movement right-aligned: " + r);
      assertNull(text(r, 16, 23), "due date blank");
      assertNull(text(r, 86, 103), "pointing and analytic blank");
      assertEquals("O2003", at(r, 138, 142));
      assertTrue(at(r, 72, 84).matches(" *\\d+\\.\\d{2}"), "amount right-aligned: " + r);
      out.add(new Line(text(r, 6, 7), LocalDate.parse(at(r, 8, 15), DateTimeFormatter.BASIC_ISO_DATE),
          text(r, 36, 46), null, at(r, 85, 85).charAt(0), PieceFiles.amount(at(r, 72, 84), '.'),
          at(r, 1, 5).trim(), null, null));
    }
    return out;
  }

  private static List<String> records(List<JournalEntry> entries) {
    return PieceFiles.write(new CielXimportWriter(), entries).records(StandardCharsets.US_ASCII);
  }

  private static Line view(Line l) {
    return l.oneAccount().withoutCurrency();
  }

  @Test
  void write_shouldReadBackEveryLine_sampleLedger() {
    List<JournalEntry> entries = SampleLedger.entries();
    List<String> records = records(entries);

    PieceFiles.assertRoundTrip(entries, read(records), CielXimportWriterTest::view);
    assertEquals(8, records.size());
    assertEquals("    1VT20260302        F-2026-042  411C0042   F-2026-042 - Formations D"
        + "       360.00D", at(records.get(0), 1, 85));
    assertEquals("Formations Dupont SARL", text(records.get(0), 104, 137));
    assertEquals("Prestations de services", text(records.get(1), 104, 137));
    assertEquals("OEuvres & Cie", text(records.get(7), 104, 137));
  }

  @ParameterizedTest
  @ValueSource(longs = {1L, 42L, 20261130L})
  void write_shouldStayParseableAndBalanced_forHostileLedgers(long seed) {
    List<JournalEntry> entries = HostileLedger.entries(new Random(seed), 300);

    PieceFiles.assertRoundTrip(entries, read(records(entries)), CielXimportWriterTest::view);
  }

  @Test
  void write_shouldTransliterateAndCount_accentsEuroAndOe() {
    JournalEntry e = entry("OD", "OD", LocalDate.of(2026, 5, 4), "P1", null, "x",
        debit("471000", "Attente", "é€Œ", "10.00"), credit("471100", "Attente", "ok", "10.00"));

    Written w = PieceFiles.write(new CielXimportWriter(), List.of(e));

    byte[] label = new byte[6];
    System.arraycopy(w.bytes(), 46, label, 0, 6);
    assertArrayEquals("eEUROE".getBytes(StandardCharsets.US_ASCII), label);
    assertEquals(new TextChanges(3, 0), w.changes());
  }

  @Test
  void write_shouldCutA60CharacterLabelAt25_counted() {
    String long60 = "L".repeat(20) + "M".repeat(20) + "N".repeat(20);
    JournalEntry e = entry("VT", "VT", LocalDate.of(2026, 5, 4), "P1", null, "x",
        debit("411000", "Clients", long60, "10.00"), credit("706000", "Ventes", "ok", "10.00"));

    Written w = PieceFiles.write(new CielXimportWriter(), List.of(e));

    assertEquals(long60.substring(0, 25), at(w.records(StandardCharsets.US_ASCII).get(0), 47, 71));
    assertEquals(new TextChanges(0, 1), w.changes());
  }

  @Test
  void write_shouldCutAThreeLetterJournalAt2_counted() {
    JournalEntry e = entry("NDF", "Notes de frais", LocalDate.of(2026, 5, 4), "N-1", null, "x",
        debit("625100", "Deplacements", null, "10.00"), credit("421000", "Personnel", null, "10.00"));

    Written w = PieceFiles.write(new CielXimportWriter(), List.of(e));

    assertEquals("ND", at(w.records(StandardCharsets.US_ASCII).get(0), 6, 7));
    assertEquals(new TextChanges(0, 1), w.changes());
  }

  @Test
  void write_shouldRefuseMoreThan99999Pieces() {
    DomainException e = assertThrows(DomainException.class,
        () -> new CielXimportWriter().write(PieceFiles.manyEntries(100_000), Entries.CONTEXT,
            OutputStream.nullOutputStream()));
    assertTrue(e.getMessage().contains("99999"), e.getMessage());
    assertEquals("TOO_MANY_PIECES", e.code());
  }

  @Test
  void declaration_shouldMatchTheFile() {
    CielXimportWriter w = new CielXimportWriter();

    assertEquals("XIMPORT.TXT", w.fileName(Entries.CONTEXT));
    assertEquals("XIMPORT.TXT", ExportFormats.fileName(w, SampleLedger.context()));
    assertEquals("txt", w.fileExtension());
    assertEquals("text/plain; charset=US-ASCII", w.contentType());
    assertEquals(StandardCharsets.US_ASCII, w.charset());
    assertNull(w.separator());
    assertEquals('.', w.decimalMark());
    assertEquals("yyyyMMdd", w.datePattern());
    assertEquals(DelimitedAccounts.semicolons().headers(), ((DelimitedAccounts) w.accounts().orElseThrow()).headers());
  }
}
