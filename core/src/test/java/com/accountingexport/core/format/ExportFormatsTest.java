package com.accountingexport.core.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.accountingexport.core.error.DomainException;
import com.accountingexport.core.error.ErrorKind;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExportFormatsTest {
  @Test
  void ids_shouldListEveryFormat_defaultFirst() {
    assertEquals(List.of("fec", "fec-pipe", "csv", "centralised-csv", "sage-pnm", "sage-csv", "cegid-tra", "ebp",
        "quadratus", "ciel", "acd", "xlsx"), List.copyOf(ExportFormats.ids()));
    assertEquals("fec", ExportFormats.defaultWriter().id());
    assertEquals(12, ExportFormats.all().size());
  }

  @Test
  void byId_shouldReturnTheWriter() {
    assertEquals('|', ((FecWriter) ExportFormats.byId("fec-pipe")).separatorChar());
    assertEquals("text/csv; charset=UTF-8", ExportFormats.byId("csv").contentType());
    assertTrue(ExportFormats.find("centralised-csv").isPresent());
    assertFalse(ExportFormats.find(null).isPresent());
  }

  @Test
  void byId_shouldThrowUnknownFormat_listingTheKnownIds() {
    DomainException e = assertThrows(DomainException.class, () -> ExportFormats.byId("xml"));

    assertEquals(ErrorKind.INVALID, e.kind());
    assertEquals("UNKNOWN_FORMAT", e.code());
    assertTrue(e.getMessage().contains("'xml'"), e.getMessage());
    for (String id : ExportFormats.ids()) {
      assertTrue(e.getMessage().contains(id), e.getMessage());
    }
  }

  @Test
  void everyFormat_shouldDescribeItself() {
    for (ExportWriter w : ExportFormats.all()) {
      assertFalse(w.description().isBlank(), w.id());
      if (w.binary()) {
        assertFalse(w.contentType().contains("charset"), w.id());
      } else {
        assertTrue(w.contentType().endsWith("; charset=" + w.charset().name()), w.id());
        assertEquals("\r\n", w.lineEnding(), w.id());
      }
      assertTrue(w.fileExtension().matches("[a-z]{3,4}"), w.id());
    }
  }

  @Test
  void fileName_shouldFollowTheFecRule_forFecFormats() {
    ExportContext c = new ExportContext("EXP-0042", LocalDate.of(2027, 1, 15), "123 456 789", LocalDate.of(2026, 12, 31));

    assertEquals("123456789FEC20261231.txt", ExportFormats.fileName(ExportFormats.byId("fec"), c));
    assertEquals("123456789FEC20261231.txt", c.fileName(ExportFormats.byId("fec-pipe")));
  }

  @Test
  void fileName_shouldUseZeros_whenTheSirenIsUnknownOrInvalid() {
    LocalDate end = LocalDate.of(2026, 6, 30);
    ExportWriter fec = ExportFormats.byId("fec");

    assertEquals("000000000FEC20260630.txt", new ExportContext("E1", end, null, end).fileName(fec));
    assertEquals("000000000FEC20260630.txt", new ExportContext("E1", end, "../../x", end).fileName(fec));
    assertEquals("123456789FEC20260630.txt", new ExportContext("E1", end, "12345678900012", end).fileName(fec));
  }

  @Test
  void fileName_shouldUseTheExportNumber_forOtherFormats() {
    assertEquals("EXP-0042-journal.csv", Entries.CONTEXT.fileName(ExportFormats.byId("csv")));
    assertEquals("EXP-0042-journal.csv", Entries.CONTEXT.fileName(ExportFormats.byId("centralised-csv")));
    assertEquals("EXP-0042-journal.pnm", Entries.CONTEXT.fileName(ExportFormats.byId("sage-pnm")));
    assertEquals("EXP-0042-journal.csv", Entries.CONTEXT.fileName(ExportFormats.byId("sage-csv")));
    assertEquals("EXP-0042-journal.csv", Entries.CONTEXT.fileName(ExportFormats.byId("acd")));
    assertEquals("EXP-0042-journal.xlsx", Entries.CONTEXT.fileName(ExportFormats.byId("xlsx")));
    ExportContext odd = new ExportContext("2026/07", LocalDate.of(2026, 8, 1), null, LocalDate.of(2026, 7, 31));
    assertEquals("2026_07-journal.csv", odd.fileName(ExportFormats.byId("csv")));
  }
}
