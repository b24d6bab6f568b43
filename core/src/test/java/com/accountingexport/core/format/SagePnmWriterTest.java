package com.accountingexport.core.format;

import static com.accountingexport.core.format.Entries.credit;
import static com.accountingexport.core.format.Entries.debit;
import static com.accountingexport.core.format.Entries.entry;
import static com.accountingexport.core.format.Entries.withAux;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.accountingexport.core.error.DomainException;
import com.accountingexport.core.booking.EntryLine;
import com.accountingexport.core.booking.JournalEntry;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SagePnmWriterTest {
  private static final Pattern AMOUNT = Pattern.compile(" *[0-9]+\\.[0-9]{2}");
  private static final LocalDate D = LocalDate.of(2026, 3, 2);

  /** The records of the file, each checked to be 138 characters long, read as ASCII. */
  private static List<String> records(byte[] file) {
    FormatFiles.assertTextFile(file, new SagePnmWriter().charset());
    FormatFiles.assertAscii(file);
    String text = new String(file, StandardCharsets.US_ASCII);
    List<String> records = List.of(text.substring(0, text.length() - 2).split("\r\n", -1));
    for (String r : records) {
      assertEquals(138, r.length(), r);
    }
    return records;
  }

  /** Positions {@code pos} to {@code pos + len - 1} (1-based, as in shared/FORMATS.md). */
  private static String at(String record, int pos, int len) {
    return record.substring(pos - 1, pos - 1 + len);
  }

  /** What a text field must hold: its ASCII transliteration, cut at {@code width}, padded with spaces. */
  private static String field(String s, int width) {
    String c = s == null ? "" : Text.ascii().clean(s);
    c = c.length() > width ? c.substring(0, width) : c;
    return c + " ".repeat(width - c.length());
  }

  @Test
  void write_shouldProduceTheRecordsTypedByHand() {
    List<String> records = records(FormatFiles.write(new SagePnmWriter(), List.of(Entries.sale())));

    String blank = " " + "      "; // payment mode 77, due date 78-83
    assertEquals(List.of(
        "VT " + "020326" + "  " + "411000       " + "X" + "411C0050     " + "F-50         "
            + "F-50 - Muller GmbH       " + blank + "D" + "             2000.00" + "N" + "0000001" + " ".repeat(26),
        "VT " + "020326" + "  " + "706000       " + " " + "             " + "F-50         "
            + "F-50 - Muller GmbH       " + blank + "C" + "             2000.00" + "N" + "0000001" + " ".repeat(26)),
        records);
  }

  @Test
  void write_shouldZeroPadTheYearAndThePieceNumber_skippingEmptyEntries() {
    List<JournalEntry> entries = new ArrayList<>();
    for (int i = 1; i <= 10; i++) {
      LocalDate d = LocalDate.of(2005, 1, i);
      entries.add(entry("BQ", "Banque", d, "P" + i, d, "x",
          debit("512000", "Banque", null, "1.00"), credit("580000", "Virements", null, "1.00")));
      if (i == 3) {
        entries.add(new JournalEntry("BQ", "Banque", d, "EMPTY", d, "x", "doc-empty", List.of()));
      }
    }

    List<String> records = records(FormatFiles.write(new SagePnmWriter(), entries));

    assertEquals(20, records.size());
    assertEquals("010105", at(records.get(0), 4, 6));
    assertEquals("0000001", at(records.get(0), 106, 7));
    assertEquals("0000004", at(records.get(6), 106, 7));
    assertEquals("100105", at(records.get(19), 4, 6));
    assertEquals("0000010", at(records.get(19), 106, 7));
  }

  @Test
  void write_shouldSpellEuroAndOeInAscii_andDropAccents_countingEachCharacter() {
    JournalEntry e = entry("VT", "Ventes", D, "F-1", D, "x",
        debit("411000", "Clients", "é€Œ", "1.00"), credit("706000", "Services", "x", "1.00"));
    AtomicReference<TextChanges> changes = new AtomicReference<>();

    List<String> records = records(FormatFiles.write(new SagePnmWriter(), List.of(e), changes::set));

    assertEquals("eEUROE" + " ".repeat(19), at(records.get(0), 52, 25));
    assertEquals(new TextChanges(3, 0), changes.get());
  }

  @Test
  void write_shouldCutLabelReferenceAndAccountsAtTheirWidths_countingEachCut() {
    JournalEntry e = entry("NDF", "Notes de frais", D, "NDF-2026-000123", D, "x",
        withAux(debit("625100", "Déplacements", "L".repeat(60), "42.00"), "421SALARIE00042", "Zoë"),
        credit("42100000000000042", "Personnel", "short", "42.00"));
    AtomicReference<TextChanges> changes = new AtomicReference<>();

    List<String> records = records(FormatFiles.write(new SagePnmWriter(), List.of(e), changes::set));

    assertEquals("L".repeat(25), at(records.get(0), 52, 25));
    assertEquals("421SALARIE000", at(records.get(0), 26, 13));
    assertEquals("NDF-2026-0001", at(records.get(0), 39, 13));
    assertEquals("4210000000000", at(records.get(1), 12, 13));
    // the label, the aux account, the reference twice, the general account
    assertEquals(new TextChanges(0, 5), changes.get());
  }

  @Test
  void write_shouldRefuseAJournalCodeLongerThanThree_ratherThanMergeJournals() {
    JournalEntry e = entry("VENTE1", "Ventes", D, "F-1", D, "x",
        debit("411000", "Clients", null, "1.00"), credit("706000", "Services", null, "1.00"));

    DomainException x = assertThrows(DomainException.class, () -> FormatFiles.write(new SagePnmWriter(), List.of(e)));
    assertEquals("FIELD_TOO_LONG", x.code());
  }

  @Test
  void write_shouldRefuseAnAmountTooLargeForItsPositions_ratherThanCutIt() {
    JournalEntry e = entry("OD", "Divers", D, "X", D, "x",
        debit("471000", "Attente", null, "1000000000000000000.00"),
        credit("471100", "Attente", null, "1000000000000000000.00"));

    DomainException x = assertThrows(DomainException.class, () -> FormatFiles.write(new SagePnmWriter(), List.of(e)));
    assertEquals("FIELD_TOO_LONG", x.code());
  }

  @Test
  void write_shouldReadBackEveryLine_byPosition_forTheSampleLedger() {
    assertReadsBack(SampleLedger.entries());
  }

  @ParameterizedTest
  @ValueSource(longs = {7, 8, 9})
  void write_shouldReadBackEveryLine_byPosition_forHostileLedgers(long seed) {
    assertReadsBack(HostileLedger.entries(new Random(seed), 400));
  }

  /** Every record cut by the positions of shared/FORMATS.md §1 and compared with its line; pieces and file balance. */
  private static void assertReadsBack(List<JournalEntry> entries) {
    List<String> records = records(FormatFiles.write(new SagePnmWriter(), entries));

    int r = 0;
    FormatFiles.Totals totals = new FormatFiles.Totals();
    for (int n = 0; n < entries.size(); n++) {
      JournalEntry e = entries.get(n);
      for (EntryLine l : e.lines()) {
        String rec = records.get(r++);
        assertEquals(field(e.journalCode(), 3), at(rec, 1, 3));
        assertEquals(String.format("%02d%02d%02d", e.date().getDayOfMonth(), e.date().getMonthValue(),
            e.date().getYear() % 100), at(rec, 4, 6));
        assertEquals("  ", at(rec, 10, 2));
        assertEquals(field(l.account(), 13), at(rec, 12, 13));
        assertEquals(l.auxAccount() != null ? "X" : " ", at(rec, 25, 1));
        assertEquals(field(l.auxAccount(), 13), at(rec, 26, 13));
        assertEquals(field(e.pieceRef(), 13), at(rec, 39, 13));
        assertEquals(field(l.label() != null ? l.label() : e.label(), 25), at(rec, 52, 25));
        assertEquals(" ".repeat(7), at(rec, 77, 7));
        String amount = at(rec, 85, 20);
        assertTrue(AMOUNT.matcher(amount).matches(), amount);
        BigDecimal a = new BigDecimal(amount.trim());
        boolean isDebit = l.debit().signum() > 0;
        assertEquals(isDebit ? "D" : "C", at(rec, 84, 1));
        assertEquals(isDebit ? l.debit() : l.credit(), a);
        assertEquals("N", at(rec, 105, 1));
        assertEquals(String.format("%07d", n + 1), at(rec, 106, 7));
        assertEquals(" ".repeat(26), at(rec, 113, 26));
        totals.line(at(rec, 1, 3) + "/" + at(rec, 106, 7), isDebit ? a : BigDecimal.ZERO, isDebit ? BigDecimal.ZERO : a);
      }
    }
    assertEquals(records.size(), r);
    totals.assertBalanced(entries);
  }
}
