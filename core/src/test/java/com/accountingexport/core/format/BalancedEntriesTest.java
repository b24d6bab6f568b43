package com.accountingexport.core.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.accountingexport.core.booking.JournalEntry;
import com.accountingexport.core.error.DomainException;
import com.accountingexport.core.error.ErrorKind;
import java.io.ByteArrayOutputStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BalancedEntriesTest {
  private static JournalEntry unbalanced() {
    return Entries.entry("OD", "Opérations diverses", LocalDate.of(2026, 3, 9), "OD-7", null, "Écart",
        Entries.debit("471000", "Attente", null, "100.00"), Entries.credit("512000", "Banque", null, "99.99"));
  }

  @Test
  void balancedEntries_passUnchanged_inOrder() {
    List<JournalEntry> entries = HostileLedger.entries(new Random(3), 40);
    List<JournalEntry> seen = new ArrayList<>();
    BalancedEntries.check(entries.iterator()).forEachRemaining(seen::add);
    assertEquals(entries, seen);
  }

  @Test
  void anUnbalancedPiece_stopsTheFile_naming_journal_piece_andAmounts() {
    Iterator<JournalEntry> checked = BalancedEntries.check(List.of(Entries.sale(), unbalanced()).iterator());
    checked.next();

    DomainException x = assertThrows(DomainException.class, checked::next);

    assertEquals(ErrorKind.UNPROCESSABLE, x.kind());
    assertEquals("UNBALANCED_PIECE", x.code());
    assertEquals("Piece OD-7 of journal OD does not balance: debit 100.00, credit 99.99", x.getMessage());
    assertEquals("OD/OD-7", x.details().get(0).field());
  }

  @Test
  void everyFormat_refusesToWriteAnUnbalancedPiece_throughTheCheck() {
    for (ExportWriter w : ExportFormats.all()) {
      DomainException x = assertThrows(DomainException.class, () -> w.write(
          BalancedEntries.check(List.of(Entries.payment(), unbalanced()).iterator()), Entries.CONTEXT,
          new ByteArrayOutputStream()), w.id());
      assertEquals("UNBALANCED_PIECE", x.code(), w.id());
    }
  }
}
