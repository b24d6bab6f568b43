package com.accountingexport.core.format;

import static com.accountingexport.core.format.Entries.credit;
import static com.accountingexport.core.format.Entries.debit;
import static com.accountingexport.core.format.Entries.entry;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.accountingexport.core.booking.JournalEntry;
import com.accountingexport.core.error.DomainException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What every format that numbers its own pieces ({@link Pieces}) does alike; each format's layout is tested in its own class. */
class PiecedFormatsTest {
  private static final LocalDate D = LocalDate.of(2026, 3, 2);

  private static JournalEntry oneLabel(String label) {
    return entry("VT", "Ventes", D, "F-1", D, "x",
        debit("411000", "Clients", label, "1.00"), credit("706000", "Services", "x", "1.00"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"sage-pnm", "sage-csv", "acd"})
  void write_shouldFailWithTheReason_whenAPieceDoesNotBalance(String id) {
    JournalEntry e = entry("VT", "Ventes", D, "F-9", D, "x",
        debit("411000", "Clients", null, "10.00"), credit("706000", "Services", null, "9.99"));

    DomainException x = assertThrows(DomainException.class, () -> FormatFiles.write(ExportFormats.byId(id), List.of(e)));

    assertEquals("UNBALANCED_PIECE", x.code());
    assertTrue(x.getMessage().contains("F-9"), x.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"sage-pnm", "sage-csv", "acd"})
  void write_shouldLeaveOutZeroLines_andNumberOnlyTheEntriesLeftWithALine(String id) {
    JournalEntry zero = entry("OD", "Divers", D, "Z", D, "x",
        debit("471000", "Attente", null, "0.00"), credit("471100", "Attente", null, "0.00"));
    JournalEntry withZero = entry("OD", "Divers", D, "O", D, "x",
        debit("471000", "Attente", null, "5.00"), credit("471100", "Attente", null, "0.00"),
        credit("471200", "Attente", null, "5.00"));
    JournalEntry without = entry("OD", "Divers", D, "O", D, "x",
        debit("471000", "Attente", null, "5.00"), credit("471200", "Attente", null, "5.00"));
    ExportWriter writer = ExportFormats.byId(id);

    assertArrayEquals(FormatFiles.write(writer, List.of(without)), FormatFiles.write(writer, List.of(zero, withZero)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"sage-csv", "acd"})
  void write_shouldKeepAccentsEuroAndOeAsWindows1252Bytes_changingNothing(String id) {
    AtomicReference<TextChanges> changes = new AtomicReference<>();

    byte[] file = FormatFiles.write(ExportFormats.byId(id), List.of(oneLabel("é€Œ")), changes::set);

    int at = new String(file, FormatFiles.WINDOWS_1252).indexOf(";é€Œ;") + 1;
    assertTrue(at > 0);
    assertArrayEquals(new byte[] {(byte) 0xE9, (byte) 0x80, (byte) 0x8C}, Arrays.copyOfRange(file, at, at + 3));
    assertEquals(TextChanges.NONE, changes.get());
  }

  @ParameterizedTest
  @ValueSource(strings = {"sage-csv", "acd"})
  void write_shouldTransliterateWhatWindows1252Lacks_countingEachCharacter(String id) {
    AtomicReference<TextChanges> changes = new AtomicReference<>();

    byte[] file = FormatFiles.write(ExportFormats.byId(id), List.of(oneLabel("Łódź 😀")), changes::set);

    // Ł spelled L, ź without its accent, the emoji a '?'; ó is in Windows-1252
    assertTrue(new String(file, FormatFiles.WINDOWS_1252).contains(";Lódz ?;"));
    assertEquals(new TextChanges(3, 0), changes.get());
  }
}
