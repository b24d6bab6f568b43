package com.accountingexport.core.format;

import static com.accountingexport.core.format.Entries.CONTEXT;
import static com.accountingexport.core.format.Entries.credit;
import static com.accountingexport.core.format.Entries.debit;
import static com.accountingexport.core.format.Entries.withAux;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.accountingexport.core.auth.TenantId;
import com.accountingexport.core.booking.EntryLine;
import com.accountingexport.core.booking.JournalEntry;
import com.accountingexport.core.fakes.InMemoryLetterCodes;
import com.accountingexport.core.lettering.Letter;
import com.accountingexport.core.lettering.LetterLookup;
import com.accountingexport.core.lettering.Lettering;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class FecLetteringTest {
  private static final int COMPTE_NUM = 4;
  private static final int COMP_AUX_NUM = 6;
  private static final int PIECE_REF = 8;
  private static final int ECRITURE_LET = 13;
  private static final int DATE_LET = 14;

  private static JournalEntry entry(String journal, String label, LocalDate date, String piece, List<String> links,
      EntryLine... lines) {
    return new JournalEntry(journal, label, date, piece, date, piece + " – Client", piece, List.of(lines), links);
  }

  /** W1/W2 settled (F-42 paid by R-90), F-43 partly paid by R-91, in journal then date order. */
  private static List<JournalEntry> entries() {
    return List.of(
        entry("BQ", "Journal de banque", LocalDate.of(2026, 3, 20), "R-90", List.of("F-42"),
            debit("512000", "Banque", null, "480.00"),
            withAux(credit("411000", "Clients", null, "480.00"), "411C0042", "Client Dupont"),
            debit("445740", "TVA collectée en attente", "TVA now due", "60.00"),
            credit("445710", "TVA collectée", "TVA now due", "60.00")),
        entry("BQ", "Journal de banque", LocalDate.of(2026, 3, 25), "R-91", List.of("F-43"),
            debit("512000", "Banque", null, "50.00"),
            withAux(credit("411000", "Clients", null, "50.00"), "411C0043", "Client Martin")),
        entry("VT", "Journal des ventes", LocalDate.of(2026, 3, 2), "F-42", List.of(),
            withAux(debit("411000", "Clients", null, "480.00"), "411C0042", "Client Dupont"),
            credit("707000", "Ventes de marchandises", null, "100.00"),
            credit("706000", "Prestations de services", null, "300.00"),
            credit("445710", "TVA collectée", null, "20.00"),
            credit("445740", "TVA collectée en attente", null, "60.00")),
        entry("VT", "Journal des ventes", LocalDate.of(2026, 3, 3), "F-43", List.of(),
            withAux(debit("411000", "Clients", null, "120.00"), "411C0043", "Client Martin"),
            credit("706000", "Prestations de services", null, "120.00")));
  }

  private static byte[] write(FecWriter writer, List<JournalEntry> entries, ExportContext context) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      writer.write(entries.iterator(), context, out);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return out.toByteArray();
  }

  private static List<List<String>> rows(byte[] fec, char sep) {
    String[] lines = new String(fec, StandardCharsets.UTF_8).split("\r\n");
    List<List<String>> rows = new ArrayList<>();
    for (int i = 1; i < lines.length; i++) {
      rows.add(Arrays.asList(lines[i].split(sep == '|' ? "\\|" : "\t", -1)));
    }
    return rows;
  }

  @Test
  void write_shouldLetterExactlyTheSettledAuxiliaryLines_andPassTheValidator() {
    // given: the render step's first pass
    List<JournalEntry> entries = entries();
    Lettering lettering = Lettering.of(new TenantId("acme"), entries, new InMemoryLetterCodes());
    ExportContext context = CONTEXT.withLetters(lettering);

    for (FecWriter writer : List.of(FecWriter.tab(), FecWriter.pipe())) {
      // when
      byte[] fec = write(writer, entries, context);

      // then
      assertEquals(List.of(), FecValidator.validate(new ByteArrayInputStream(fec)), writer.id());
      List<String> lettered = new ArrayList<>();
      for (List<String> row : rows(fec, writer.separatorChar())) {
        assertEquals(18, row.size());
        if (!row.get(ECRITURE_LET).isEmpty()) {
          lettered.add(row.get(PIECE_REF) + " " + row.get(COMPTE_NUM) + " " + row.get(COMP_AUX_NUM) + " "
              + row.get(ECRITURE_LET) + " " + row.get(DATE_LET));
        } else {
          assertEquals("", row.get(DATE_LET), row.toString());
        }
      }
      assertEquals(List.of("R-90 411000 411C0042 AA 20260320", "F-42 411000 411C0042 AA 20260320"), lettered,
          writer.id());
    }
  }

  @Test
  void write_shouldLeaveLinesWithoutAuxiliaryAccountEmpty_whenTheLookupAnswersEverything() {
    // given: a lookup that would letter any line it is asked about
    LetterLookup everything = (doc, account, aux) -> new Letter("Z|Z", LocalDate.of(2026, 4, 1));

    // when
    byte[] fec = write(FecWriter.pipe(), entries(), CONTEXT.withLetters(everything));

    // then: only the four auxiliary lines, the code cleaned like any text field
    long lettered = 0;
    for (List<String> row : rows(fec, '|')) {
      assertEquals(18, row.size(), row.toString());
      boolean hasAux = !row.get(COMP_AUX_NUM).isEmpty();
      assertEquals(hasAux ? "Z Z" : "", row.get(ECRITURE_LET));
      assertEquals(hasAux ? "20260401" : "", row.get(DATE_LET));
      lettered += hasAux ? 1 : 0;
    }
    assertEquals(4, lettered);
    // a lookup that letters everything letters groups that do not cancel out: the validator says only that
    assertTrue(FecValidator.check(new ByteArrayInputStream(fec)).violations().stream()
        .allMatch(v -> v.code().equals("LETTERING_UNBALANCED")));
  }

  @Test
  void write_shouldLeaveLetteringEmpty_whenTheContextHasNone() {
    byte[] fec = write(FecWriter.tab(), entries(), CONTEXT);

    for (List<String> row : rows(fec, '\t')) {
      assertEquals("", row.get(ECRITURE_LET));
      assertEquals("", row.get(DATE_LET));
    }
  }

  @Test
  void context_shouldTakeNullLettersAsNone_andKeepItsFourArgumentForm() {
    ExportContext none = new ExportContext("E1", LocalDate.of(2026, 1, 1), null, LocalDate.of(2026, 1, 31), null);

    assertEquals(LetterLookup.none(), none.letters());
    assertEquals(LetterLookup.none(), CONTEXT.letters());
    assertEquals(CONTEXT, CONTEXT.withLetters(null));
  }
}
