package com.accountingexport.core.format;

import static com.accountingexport.core.format.Entries.credit;
import static com.accountingexport.core.format.Entries.debit;
import static com.accountingexport.core.format.Entries.entry;
import static com.accountingexport.core.format.Entries.payment;
import static com.accountingexport.core.format.Entries.run;
import static com.accountingexport.core.format.Entries.sale;
import static com.accountingexport.core.format.Entries.usdSale;
import static com.accountingexport.core.format.Entries.withAux;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.accountingexport.core.booking.EntryLine;
import com.accountingexport.core.booking.JournalEntry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class FecWriterTest {
  /** The 18 columns of art. A47 A-1 LPF, typed from the spec. */
  private static final String HEADER_PIPE = "JournalCode|JournalLib|EcritureNum|EcritureDate|CompteNum|CompteLib"
      + "|CompAuxNum|CompAuxLib|PieceRef|PieceDate|EcritureLib|Debit|Credit|EcritureLet|DateLet|ValidDate"
      + "|Montantdevise|Idevise";

  /** Expected rows typed by hand: BQ first, then VT by date; ValidDate = 2026-11-22. */
  private static final List<String> ROWS_PIPE = List.of(
      "BQ|Journal de banque|1|20260320|512000|Banque|||R-90|20260318|R-90 – Client Dupont|480,00|0,00|||20261122||",
      "BQ|Journal de banque|1|20260320|411000|Clients|411C0042|Client Dupont|R-90|20260318|R-90 – Client Dupont|0,00|480,00|||20261122||",
      "BQ|Journal de banque|1|20260320|445740|TVA collectée en attente|||R-90|20260318|TVA now due|60,00|0,00|||20261122||",
      "BQ|Journal de banque|1|20260320|445710|TVA collectée|||R-90|20260318|TVA now due|0,00|60,00|||20261122||",
      "VT|Journal des ventes|2|20260302|411000|Clients|411C0050|Müller GmbH|F-50|20260302|F-50 – Müller GmbH|2000,00|0,00|||20261122||",
      "VT|Journal des ventes|2|20260302|706000|Prestations de services|||F-50|20260302|F-50 – Müller GmbH|0,00|2000,00|||20261122||",
      "VT|Journal des ventes|3|20260305|411000|Clients|411C0061|US Corp|F-61|20260305|F-61 – US Corp|925,93|0,00|||20261122|1000,00|USD",
      "VT|Journal des ventes|3|20260305|706000|Prestations de services|||F-61|20260305|F-61 – US Corp|0,00|925,93|||20261122|1000,00|USD");

  private static String expected(char sep) {
    StringBuilder b = new StringBuilder(HEADER_PIPE.replace('|', sep)).append("\r\n");
    for (String row : ROWS_PIPE) {
      b.append(row.replace('|', sep)).append("\r\n");
    }
    return b.toString();
  }

  @Test
  void write_shouldProduceTheRowsOfTheSpec_whenTabSeparated() {
    String fec = run(FecWriter.tab(), List.of(payment(), sale(), usdSale()));

    assertEquals(expected('\t'), fec);
  }

  @Test
  void write_shouldUsePipes_whenFecPipe() {
    String fec = run(FecWriter.pipe(), List.of(payment(), sale(), usdSale()));

    assertEquals(expected('|'), fec);
    assertFalse(fec.contains("\t"));
  }

  @Test
  void write_shouldEndEveryLineWithCrlf() {
    String fec = run(FecWriter.tab(), List.of(sale()));

    assertEquals(3, fec.split("\r\n", -1).length - 1);
    assertEquals(fec.chars().filter(c -> c == '\n').count(), fec.split("\r\n", -1).length - 1);
  }

  @Test
  void write_shouldReplaceTabsPipesAndLineBreaksInText_bySpaces() {
    JournalEntry nasty = entry("VT", "Ventes\t|France", LocalDate.of(2026, 3, 2), "F|7", LocalDate.of(2026, 3, 2),
        "F-7\tavec|pipe\r\net fin",
        withAux(debit("411000", "Clients\nFrance", null, "12.00"), "411C7", "Dupont\t& fils"),
        credit("706000", "Services", "ligne\u2028deux", "12.00"));

    for (FecWriter writer : List.of(FecWriter.tab(), FecWriter.pipe())) {
      String sep = String.valueOf(writer.separator());
      String[] lines = run(writer, List.of(nasty)).split("\r\n");

      assertEquals(3, lines.length);
      List<String> first = Arrays.asList(lines[1].split(sep.equals("|") ? "\\|" : sep, -1));
      assertEquals(List.of("VT", "Ventes  France", "1", "20260302", "411000", "Clients France", "411C7",
          "Dupont & fils", "F 7", "20260302", "F-7 avec pipe  et fin", "12,00", "0,00", "", "", "20261122", "", ""),
          first);
      List<String> second = Arrays.asList(lines[2].split(sep.equals("|") ? "\\|" : sep, -1));
      assertEquals("ligne deux", second.get(10));
      assertEquals(18, second.size());
    }
  }

  @Test
  void write_shouldFormatAmountsWithCommaAndNoThousandsSeparator() {
    JournalEntry big = entry("OD", "Opérations diverses", LocalDate.of(2026, 1, 31), "OD-1", LocalDate.of(2026, 1, 31),
        "OD-1", debit("601000", "Achats", null, "1234567.5"), credit("401000", "Fournisseurs", null, "1234567.50"));

    String[] rows = run(FecWriter.pipe(), List.of(big)).split("\r\n");

    assertTrue(rows[1].contains("|1234567,50|0,00|"), rows[1]);
    assertTrue(rows[2].contains("|0,00|1234567,50|"), rows[2]);
  }

  @Test
  void write_shouldFillAuxLabelWithTheAuxAccount_whenOnlyTheNumberIsKnown() {
    JournalEntry e = entry("VT", "Ventes", LocalDate.of(2026, 3, 2), "F-8", null, "F-8",
        withAux(debit("411000", "Clients", null, "10.00"), "411C8", null), credit("706000", null, null, "10.00"));

    String[] rows = run(FecWriter.pipe(), List.of(e)).split("\r\n");

    assertTrue(rows[1].startsWith("VT|Ventes|1|20260302|411000|Clients|411C8|411C8|F-8|20260302|F-8|10,00|"), rows[1]);
    assertTrue(rows[2].startsWith("VT|Ventes|1|20260302|706000|706000|||F-8|20260302|F-8|0,00|10,00|"), rows[2]);
  }

  @Test
  void write_shouldLeaveCurrencyColumnsEmpty_whenTheCurrencyIsEur() {
    EntryLine eur = new EntryLine("411000", "Clients", null, null, null, new BigDecimal("5.00"), BigDecimal.ZERO,
        new BigDecimal("5.00"), "EUR");
    JournalEntry e = entry("VT", "Ventes", LocalDate.of(2026, 3, 2), "F-9", null, "F-9", eur,
        credit("706000", "Services", null, "5.00"));

    String[] rows = run(FecWriter.pipe(), List.of(e)).split("\r\n");

    assertTrue(rows[1].endsWith("|20261122||"), rows[1]);
  }

  @Test
  void write_shouldSkipEntriesWithoutLines_withoutTakingANumber() {
    JournalEntry empty = new JournalEntry("VT", "Ventes", LocalDate.of(2026, 3, 1), "F-0", null, "F-0", "d0", List.of());

    String[] rows = run(FecWriter.pipe(), List.of(empty, sale())).split("\r\n");

    assertEquals(3, rows.length);
    assertTrue(rows[1].startsWith("VT|Journal des ventes|1|"));
  }

  @Test
  void write_shouldUseTheDocumentId_whenThePieceRefIsBlank() {
    JournalEntry e = new JournalEntry("VT", "Ventes", LocalDate.of(2026, 3, 2), " ", null, null, "doc-77",
        List.of(debit("411000", "Clients", null, "1.00"), credit("706000", "Services", null, "1.00")));

    String[] rows = run(FecWriter.pipe(), List.of(e)).split("\r\n");

    assertEquals("doc-77", rows[1].split("\\|", -1)[8]);
    assertEquals("doc-77", rows[1].split("\\|", -1)[10]);
  }

  @Test
  void write_shouldRefuse_whenAnEntryIsNotBalanced() {
    JournalEntry e = entry("VT", "Ventes", LocalDate.of(2026, 3, 2), "F-1", null, "F-1",
        debit("411000", "Clients", null, "10.00"), credit("706000", "Services", null, "9.99"));

    IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> run(FecWriter.tab(), List.of(e)));
    assertTrue(ex.getMessage().contains("F-1"), ex.getMessage());
  }

  @Test
  void write_shouldFlushButNotCloseTheStream() throws IOException {
    boolean[] closed = {false};
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    OutputStream out = new OutputStream() {
      @Override public void write(int b) { bytes.write(b); }
      @Override public void write(byte[] b, int off, int len) { bytes.write(b, off, len); }
      @Override public void close() { closed[0] = true; }
    };

    FecWriter.tab().write(List.of(sale()).iterator(), Entries.CONTEXT, out);

    assertFalse(closed[0]);
    assertTrue(bytes.size() > 0);
  }

  @Test
  void write_shouldStreamFilesLargerThanItsBuffer() {
    List<JournalEntry> many = new ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      many.add(sale());
    }

    String[] rows = run(FecWriter.tab(), many).split("\r\n");

    assertEquals(6001, rows.length);
    assertTrue(rows[6000].startsWith("VT\tJournal des ventes\t3000\t"));
    assertTrue(FecValidator.validate(new java.io.ByteArrayInputStream(
        run(FecWriter.tab(), many).getBytes(java.nio.charset.StandardCharsets.UTF_8))).isEmpty());
  }
}
