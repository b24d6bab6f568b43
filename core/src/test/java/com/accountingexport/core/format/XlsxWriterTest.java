package com.accountingexport.core.format;

import static com.accountingexport.core.format.Entries.credit;
import static com.accountingexport.core.format.Entries.debit;
import static com.accountingexport.core.format.Entries.entry;
import static com.accountingexport.core.format.Entries.withAux;
import static com.accountingexport.core.format.XlsxFiles.expected;
import static com.accountingexport.core.format.XlsxFiles.number;
import static com.accountingexport.core.format.XlsxFiles.text;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.accountingexport.core.booking.EntryLine;
import com.accountingexport.core.booking.JournalEntry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class XlsxWriterTest {
  private static final LocalDate EXCEL_DAY_ZERO = LocalDate.of(1899, 12, 30);
  // column indexes of FORMATS.md §9 (the §8 ids), written here rather than read from the writer
  private static final int JOURNAL = 0;
  private static final int JOURNAL_LIB = 1;
  private static final int NUM = 2;
  private static final int DATE = 3;
  private static final int ACCOUNT = 4;
  private static final int ACCOUNT_LIB = 5;
  private static final int AUX = 6;
  private static final int AUX_LIB = 7;
  private static final int PIECE_REF = 8;
  private static final int PIECE_DATE = 9;
  private static final int LABEL = 10;
  private static final int DEBIT = 11;
  private static final int CREDIT = 12;
  private static final int CURRENCY_AMOUNT = 13;
  private static final int CURRENCY = 14;

  private static final class Written {
    final byte[] file;
    final TextChanges changes;

    Written(byte[] file, TextChanges changes) {
      this.file = file;
      this.changes = changes;
    }
  }

  private static Written write(List<JournalEntry> entries) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      TextChanges changes = new XlsxWriter().write(entries.iterator(), Entries.CONTEXT, out);
      return new Written(out.toByteArray(), changes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String sheetXml(byte[] file) throws IOException {
    return new String(XlsxFiles.parts(file).get("xl/worksheets/sheet1.xml"), StandardCharsets.UTF_8);
  }

  private static BigDecimal two(BigDecimal a) {
    return a.setScale(2, RoundingMode.HALF_UP);
  }

  @Test
  void declaration_shouldMatchTheFormatsProfile() {
    XlsxWriter w = new XlsxWriter();

    assertEquals("xlsx", w.id());
    assertEquals("xlsx", w.fileExtension());
    assertEquals("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", w.contentType());
    assertTrue(w.binary());
    assertNull(w.separator());
    assertEquals('.', w.decimalMark());
    assertEquals("yyyy-MM-dd", w.datePattern());
    assertEquals(StandardCharsets.UTF_8, w.charset());
    assertTrue(w.accounts().isPresent());
    assertEquals("xlsx", w.accounts().get().fileExtension());
    assertTrue(ExportFormats.find("xlsx").isPresent());
  }

  @Test
  void write_shouldProduceTheCellsTypedByHand_forTheSampleLedger() throws IOException {
    String xml = sheetXml(write(SampleLedger.entries()).file);

    // row 2: the sale's customer line; 2026-03-02 is serial 46083 (days since 1899-12-30)
    assertTrue(xml.contains("<row r=\"2\">"
        + "<c r=\"A2\" t=\"inlineStr\"><is><t>VT</t></is></c>"
        + "<c r=\"B2\" t=\"inlineStr\"><is><t>Journal des ventes</t></is></c>"
        + "<c r=\"C2\"><v>1</v></c>"
        + "<c r=\"D2\" s=\"1\"><v>46083</v></c>"
        + "<c r=\"E2\" t=\"inlineStr\"><is><t>411000</t></is></c>"
        + "<c r=\"F2\" t=\"inlineStr\"><is><t>Clients</t></is></c>"
        + "<c r=\"G2\" t=\"inlineStr\"><is><t>411C0042</t></is></c>"
        + "<c r=\"H2\" t=\"inlineStr\"><is><t>Formations Dupont SARL</t></is></c>"
        + "<c r=\"I2\" t=\"inlineStr\"><is><t>F-2026-042</t></is></c>"
        + "<c r=\"J2\" s=\"1\"><v>46083</v></c>"
        + "<c r=\"K2\" t=\"inlineStr\"><is><t>F-2026-042 - Formations Dupont SARL</t></is></c>"
        + "<c r=\"L2\" s=\"2\"><v>360.00</v></c>"
        + "<c r=\"M2\" s=\"2\"><v>0.00</v></c>"
        + "</row>"), xml);
    // the purchase: '&' escaped, "€" and "Œ" as UTF-8, credit side
    assertTrue(xml.contains("<c r=\"H9\" t=\"inlineStr\"><is><t>Œuvres &amp; Cie</t></is></c>"), xml);
    assertTrue(xml.contains("<c r=\"C9\"><v>3</v></c><c r=\"D9\" s=\"1\"><v>46106</v></c>"), xml);
    assertTrue(xml.contains("<c r=\"L9\" s=\"2\"><v>0.00</v></c><c r=\"M9\" s=\"2\"><v>1200.00</v></c></row>"
        + "</sheetData></worksheet>"), xml);
    // the header row stays in view
    assertTrue(xml.contains("<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>"), xml);
  }

  @Test
  void write_shouldReadBackEveryLine_withPoi_forTheSampleLedger() {
    List<JournalEntry> entries = SampleLedger.entries();

    assertReadsBack(entries, write(entries).file);
  }

  @ParameterizedTest
  @ValueSource(longs = {1L, 7L, 42L, 20261201L})
  void write_shouldReadBackEveryLine_forHostileLedgers(long seed) throws Exception {
    List<JournalEntry> entries = HostileLedger.entries(new Random(seed), 300);

    Written w = write(entries);

    XlsxFiles.assertWellFormedWithoutFormulas(w.file);
    assertReadsBack(entries, w.file);
    long controls = 0;
    for (JournalEntry e : entries) {
      for (EntryLine l : e.lines()) {
        controls += XlsxFiles.controls(e.journalCode()) + XlsxFiles.controls(Fields.journalLabel(e))
            + XlsxFiles.controls(l.account()) + XlsxFiles.controls(Fields.accountLabel(l))
            + XlsxFiles.controls(Fields.auxAccount(l)) + XlsxFiles.controls(Fields.auxLabel(l))
            + XlsxFiles.controls(Fields.pieceRef(e)) + XlsxFiles.controls(Fields.lineLabel(e, l))
            + (Fields.hasCurrency(l) ? XlsxFiles.controls(l.currency()) : 0);
      }
    }
    assertEquals(new TextChanges(controls, 0), w.changes);
  }

  /**
   * Every line with a non-zero net is one row, in order, with the values taken from the entries;
   * debit = credit per piece (EcritureNum) and for the sheet; no formula cell.
   */
  private static void assertReadsBack(List<JournalEntry> entries, byte[] file) {
    try (XSSFWorkbook book = XlsxFiles.open(file)) {
      assertEquals(1, book.getNumberOfSheets());
      XlsxFiles.assertNoFormulaCell(book);
      Sheet sheet = book.getSheetAt(0);
      Row header = sheet.getRow(0);
      List<String> ids = new ArrayList<>();
      for (Cell c : header) {
        ids.add(c.getStringCellValue());
        assertTrue(book.getFontAt(c.getCellStyle().getFontIndex()).getBold(), "bold header");
      }
      assertEquals(List.of("JournalCode", "JournalLib", "EcritureNum", "EcritureDate", "CompteNum", "CompteLib",
          "CompAuxNum", "CompAuxLib", "PieceRef", "PieceDate", "EcritureLib", "Debit", "Credit", "Montantdevise",
          "Idevise"), ids);
      assertTrue(sheet.getPaneInformation().isFreezePane(), "frozen header");
      assertEquals(1, sheet.getPaneInformation().getHorizontalSplitPosition(), "frozen below row 1");

      int r = 1;
      long number = 0;
      BigDecimal fileDebit = BigDecimal.ZERO;
      BigDecimal fileCredit = BigDecimal.ZERO;
      for (JournalEntry e : entries) {
        BigDecimal pieceDebit = BigDecimal.ZERO;
        BigDecimal pieceCredit = BigDecimal.ZERO;
        boolean any = false;
        for (EntryLine l : e.lines()) {
          BigDecimal net = (l.debit() == null ? BigDecimal.ZERO : l.debit())
              .subtract(l.credit() == null ? BigDecimal.ZERO : l.credit());
          if (net.signum() == 0) {
            continue;
          }
          if (!any) {
            any = true;
            number++;
          }
          Row row = sheet.getRow(r++);
          String at = "row " + r;
          assertEquals(expected(e.journalCode()), text(row, JOURNAL), at);
          String journalLib = e.journalLabel() == null || e.journalLabel().isBlank() ? e.journalCode() : e.journalLabel();
          assertEquals(expected(journalLib), text(row, JOURNAL_LIB), at);
          assertEquals(BigDecimal.valueOf(number), number(row, NUM), at);
          assertDate(e.date(), row, DATE);
          assertEquals(expected(l.account()), text(row, ACCOUNT), at);
          assertEquals(expected(l.accountLabel()), text(row, ACCOUNT_LIB), at);
          boolean aux = l.auxAccount() != null && !l.auxAccount().isBlank();
          assertEquals(aux ? expected(l.auxAccount()) : "", text(row, AUX), at);
          assertEquals(aux ? expected(l.auxLabel() == null ? l.auxAccount() : l.auxLabel()) : "", text(row, AUX_LIB), at);
          assertEquals(expected(e.pieceRef()), text(row, PIECE_REF), at);
          assertDate(e.pieceDate(), row, PIECE_DATE);
          assertEquals(expected(l.label() != null && !l.label().isBlank() ? l.label() : e.label()), text(row, LABEL), at);
          BigDecimal d = number(row, DEBIT);
          BigDecimal c = number(row, CREDIT);
          assertEquals(2, d.scale(), at);
          assertEquals(2, c.scale(), at);
          assertEquals(net.signum() > 0 ? two(net) : two(BigDecimal.ZERO), d, at);
          assertEquals(net.signum() < 0 ? two(net.negate()) : two(BigDecimal.ZERO), c, at);
          assertEquals("0.00", row.getCell(DEBIT).getCellStyle().getDataFormatString(), at);
          if (l.currency() != null && !"EUR".equals(l.currency())) {
            assertEquals(two(l.currencyAmount()), number(row, CURRENCY_AMOUNT), at);
            assertEquals(l.currency(), text(row, CURRENCY), at);
          } else {
            assertNull(row.getCell(CURRENCY_AMOUNT), at);
            assertNull(row.getCell(CURRENCY), at);
          }
          pieceDebit = pieceDebit.add(d);
          pieceCredit = pieceCredit.add(c);
        }
        assertEquals(pieceDebit, pieceCredit, "piece " + number);
        fileDebit = fileDebit.add(pieceDebit);
        fileCredit = fileCredit.add(pieceCredit);
      }
      assertEquals(r, sheet.getLastRowNum() + 1, "no row more");
      assertEquals(fileDebit, fileCredit);
      BigDecimal inputDebit = entries.stream().map(JournalEntry::totalDebit).reduce(BigDecimal.ZERO, BigDecimal::add);
      assertEquals(0, inputDebit.compareTo(fileDebit));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A numeric cell in a date format whose serial is {@code d}'s (1900 date system). */
  private static void assertDate(LocalDate d, Row row, int column) {
    Cell c = row.getCell(column);
    assertEquals(CellType.NUMERIC, c.getCellType());
    assertTrue(DateUtil.isCellDateFormatted(c), c.getAddress().formatAsString());
    assertEquals(BigDecimal.valueOf(ChronoUnit.DAYS.between(EXCEL_DAY_ZERO, d)), number(row, column));
    assertEquals(d, c.getLocalDateTimeCellValue().toLocalDate());
  }

  @Test
  void formulaLikeTexts_shouldBeStringCellsWithAnApostrophe_neverFormulas() throws Exception {
    JournalEntry e = entry("VT", "=cmd|' /C calc'!A0", LocalDate.of(2026, 3, 2), "+33 Services", LocalDate.of(2026, 3, 2),
        "@SUM(A1)",
        withAux(debit("411000", "-12,50", "=HYPERLINK(\"http://evil\")", "12.50"), "411C1", "\tTab first"),
        credit("706000", "Ventes", "F-42 - Durand", "12.50"));

    Written w = write(List.of(e));

    XlsxFiles.assertWellFormedWithoutFormulas(w.file);
    try (XSSFWorkbook book = XlsxFiles.open(w.file)) {
      XlsxFiles.assertNoFormulaCell(book);
      Row row = book.getSheetAt(0).getRow(1);
      assertEquals("'=cmd|' /C calc'!A0", text(row, JOURNAL_LIB));
      assertEquals("'-12,50", text(row, ACCOUNT_LIB));
      assertEquals("' Tab first", text(row, AUX_LIB));
      assertEquals("'+33 Services", text(row, PIECE_REF));
      assertEquals("'=HYPERLINK(\"http://evil\")", text(row, LABEL));
      assertEquals("F-42 - Durand", text(book.getSheetAt(0).getRow(2), LABEL));
      assertEquals(new BigDecimal("12.50"), number(row, DEBIT));
    }
    assertEquals(new TextChanges(1, 0), w.changes); // the tab
  }

  @Test
  void write_shouldKeepAccentsEuroAndOeAsUtf8_countingNothing() throws IOException {
    JournalEntry e = entry("AC", "Achats", LocalDate.of(2026, 3, 2), "FF-1", LocalDate.of(2026, 3, 2), "x",
        debit("606000", "Achats", "é € Œ", "10.00"), credit("401000", "Fournisseurs", "é € Œ", "10.00"));

    Written w = write(List.of(e));

    byte[] sheet = XlsxFiles.parts(w.file).get("xl/worksheets/sheet1.xml");
    assertTrue(indexOf(sheet, new byte[] {'>', (byte) 0xC3, (byte) 0xA9, ' ', (byte) 0xE2, (byte) 0x82, (byte) 0xAC, ' ',
        (byte) 0xC5, (byte) 0x92, '<'}) >= 0);
    assertEquals(TextChanges.NONE, w.changes);
  }

  private static int indexOf(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i <= hay.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  @Test
  void longLabels_shouldBeKeptUpToExcelsCellLimit_thenCutAndCounted() {
    String sixty = "L".repeat(60);
    String huge = "é".repeat(40_000);
    JournalEntry e = entry("OD", "Divers", LocalDate.of(2026, 3, 2), "OD-1", LocalDate.of(2026, 3, 2), "x",
        debit("471000", "Attente", sixty, "1.00"), credit("471100", "Attente", huge, "1.00"));

    Written w = write(List.of(e));

    try (XSSFWorkbook book = XlsxFiles.open(w.file)) {
      Sheet sheet = book.getSheetAt(0);
      assertEquals(sixty, text(sheet.getRow(1), LABEL));
      assertEquals("é".repeat(32_767), text(sheet.getRow(2), LABEL));
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
    assertEquals(new TextChanges(0, 1), w.changes);
  }

  @Test
  void charactersXmlForbids_shouldBeReplacedAndCounted_andTheSheetStayWellFormed() throws Exception {
    String hostile = "a\u0001b\u0000c\uFFFEd\uFFFFe\uD800f\u0085g<h>&i\"j'k]]>l";
    JournalEntry e = entry("OD", hostile, LocalDate.of(2026, 3, 2), "OD-1", LocalDate.of(2026, 3, 2), "x",
        debit("471000", "Attente", hostile, "1.00"), credit("471100", "Attente", null, "1.00"));

    Written w = write(List.of(e));

    XlsxFiles.assertWellFormedWithoutFormulas(w.file);
    try (XSSFWorkbook book = XlsxFiles.open(w.file)) {
      Row row = book.getSheetAt(0).getRow(1);
      String clean = "a b c?d?e?f g<h>&i\"j'k]]>l";
      assertEquals(clean, text(row, JOURNAL_LIB));
      assertEquals(clean, text(row, LABEL));
    }
    // per text: 3 controls (U+0001, U+0000, U+0085), the lone surrogate, U+FFFE and U+FFFF; journal label
    // on 2 rows, the line label on 1
    assertEquals(new TextChanges(3 * 6, 0), w.changes);
  }

  @Test
  void textsWithOuterSpaces_shouldKeepThem() throws IOException {
    JournalEntry e = entry("OD", "   spaced   ", LocalDate.of(2026, 3, 2), "OD-1", LocalDate.of(2026, 3, 2), "x",
        debit("471000", "Attente", " lead", "1.00"), credit("471100", "Attente", "trail ", "1.00"));
    byte[] file = write(List.of(e)).file;

    // XML consumers may drop outer white space unless told to keep it
    String xml = sheetXml(file);
    assertTrue(xml.contains("<t xml:space=\"preserve\">   spaced   </t>"), xml);
    assertTrue(xml.contains("<t xml:space=\"preserve\"> lead</t>"), xml);
    assertTrue(xml.contains("<t>Attente</t>"), xml);
    try (XSSFWorkbook book = XlsxFiles.open(file)) {
      Sheet sheet = book.getSheetAt(0);
      assertEquals("   spaced   ", text(sheet.getRow(1), JOURNAL_LIB));
      assertEquals(" lead", text(sheet.getRow(1), LABEL));
      assertEquals("trail ", text(sheet.getRow(2), LABEL));
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }

  @Test
  void zeroLinesAndEmptyEntries_shouldBeLeftOut_withoutTakingANumber() {
    JournalEntry empty = new JournalEntry("VT", "Ventes", LocalDate.of(2026, 3, 1), "F-0", LocalDate.of(2026, 3, 1),
        "F-0", "doc-0", List.of());
    JournalEntry zeros = entry("VT", "Ventes", LocalDate.of(2026, 3, 1), "F-00", LocalDate.of(2026, 3, 1), "F-00",
        debit("411000", "Clients", null, "0.00"), credit("706000", "Ventes", null, "0.00"));
    JournalEntry sale = Entries.sale();
    JournalEntry withZeroLine = entry("BQ", "Banque", LocalDate.of(2026, 3, 20), "R-1", LocalDate.of(2026, 3, 18), "R-1",
        debit("512000", "Banque", null, "5.00"), debit("627000", "Frais", null, "0.00"),
        credit("411000", "Clients", null, "5.00"));

    try (XSSFWorkbook book = XlsxFiles.open(write(List.of(empty, zeros, sale, withZeroLine)).file)) {
      Sheet sheet = book.getSheetAt(0);
      assertEquals(4, sheet.getLastRowNum());
      assertEquals(BigDecimal.ONE, number(sheet.getRow(1), NUM));
      assertEquals("F-50", text(sheet.getRow(1), PIECE_REF));
      assertEquals(BigDecimal.valueOf(2), number(sheet.getRow(3), NUM));
      assertEquals("512000", text(sheet.getRow(3), ACCOUNT));
      assertEquals("411000", text(sheet.getRow(4), ACCOUNT));
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }

  @Test
  void aNegativeDebit_shouldBeWrittenAsAPositiveCredit() {
    EntryLine reversed = new EntryLine("706000", "Ventes", null, null, null, new BigDecimal("-40.00"),
        new BigDecimal("0.00"), null, null);
    JournalEntry e = entry("VT", "Ventes", LocalDate.of(2026, 3, 2), "AV-1", LocalDate.of(2026, 3, 2), "AV-1",
        reversed, credit("411000", "Clients", null, "-40.00"));

    try (XSSFWorkbook book = XlsxFiles.open(write(List.of(e)).file)) {
      Row first = book.getSheetAt(0).getRow(1);
      assertEquals(new BigDecimal("0.00"), number(first, DEBIT));
      assertEquals(new BigDecimal("40.00"), number(first, CREDIT));
      Row second = book.getSheetAt(0).getRow(2);
      assertEquals(new BigDecimal("40.00"), number(second, DEBIT));
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }

  @Test
  void anEmptyJournal_shouldStillOpen_withItsHeader() throws Exception {
    Written w = write(List.of());

    XlsxFiles.assertWellFormedWithoutFormulas(w.file);
    try (XSSFWorkbook book = XlsxFiles.open(w.file)) {
      assertEquals(0, book.getSheetAt(0).getLastRowNum());
      assertEquals("JournalCode", text(book.getSheetAt(0).getRow(0), 0));
    }
    assertEquals(List.of("[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels",
        "xl/styles.xml", "xl/worksheets/sheet1.xml"), List.copyOf(XlsxFiles.parts(w.file).keySet()));
  }

  @Test
  void theSameEntries_shouldGiveTheSameBytes() {
    List<JournalEntry> entries = HostileLedger.entries(new Random(3), 50);

    assertArrayEquals(write(entries).file, write(entries).file);
  }

  @Test
  void write_shouldStream_bytesLeaveBeforeTheLastEntryIsRead() throws IOException {
    int total = 10_000;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Map<String, Integer> sizeAtHalf = new HashMap<>();
    Random random = new Random(11);
    Iterator<JournalEntry> entries = new Iterator<>() {
      int next;

      @Override
      public boolean hasNext() {
        return next < total;
      }

      @Override
      public JournalEntry next() {
        if (next == total / 2) {
          sizeAtHalf.put("bytes", out.size());
        }
        return HostileLedger.entry(random, "OD", LocalDate.of(2026, 1, 1), ++next);
      }
    };

    new XlsxWriter().write(entries, Entries.CONTEXT, out);

    int half = sizeAtHalf.get("bytes");
    assertTrue(half > out.size() / 4, half + " of " + out.size() + " bytes written at half-way");
    assertFalse(out.size() == 0);
  }
}
