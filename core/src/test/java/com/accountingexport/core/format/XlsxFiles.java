package com.accountingexport.core.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFCell;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Reading the XLSX files back apart from the writer: POI's XSSFWorkbook for the cells, the JDK's
 * ZIP and XML parsers for the parts, and the cleaning rule of the class comment of
 * {@code XlsxSheet} re-stated here.
 */
final class XlsxFiles {
  static final String MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

  private XlsxFiles() {}

  static XSSFWorkbook open(byte[] file) {
    try {
      return new XSSFWorkbook(new ByteArrayInputStream(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every part of the package, by name. */
  static Map<String, byte[]> parts(byte[] file) throws IOException {
    Map<String, byte[]> parts = new LinkedHashMap<>();
    try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(file))) {
      for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
        parts.put(e.getName(), zip.readAllBytes());
      }
    }
    return parts;
  }

  /** The part parsed by the JDK's XML parser (fails on anything not well-formed). */
  static Document xml(byte[] part) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    return f.newDocumentBuilder().parse(new ByteArrayInputStream(part));
  }

  /**
   * Every part is strict UTF-8 without a control character but CR and LF, and parses; the sheet has
   * no formula ({@code <f>}) and no formula-result ({@code t="str"}) cell.
   */
  static void assertWellFormedWithoutFormulas(byte[] file) throws Exception {
    for (Map.Entry<String, byte[]> p : parts(file).entrySet()) {
      String text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(p.getValue())).toString();
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        assertTrue(c >= 0x20 || c == '\r' || c == '\n', "control U+" + Integer.toHexString(c) + " in " + p.getKey());
      }
      Document d = xml(p.getValue());
      if (p.getKey().startsWith("xl/worksheets/")) {
        assertEquals(0, d.getElementsByTagNameNS(MAIN_NS, "f").getLength(), "formula in " + p.getKey());
        NodeList cells = d.getElementsByTagNameNS(MAIN_NS, "c");
        for (int i = 0; i < cells.getLength(); i++) {
          String t = ((Element) cells.item(i)).getAttribute("t");
          assertTrue(t.isEmpty() || t.equals("inlineStr"), "cell type " + t);
        }
      }
    }
  }

  /** No cell of any sheet is a formula. */
  static void assertNoFormulaCell(XSSFWorkbook book) {
    for (Sheet s : book) {
      for (Row r : s) {
        for (Cell c : r) {
          assertNotEquals(CellType.FORMULA, c.getCellType(), c.getAddress().formatAsString());
        }
      }
    }
  }

  /** The text of a cell that must be a string, or "" when the cell is absent. */
  static String text(Row row, int column) {
    Cell c = row.getCell(column);
    if (c == null) {
      return "";
    }
    assertEquals(CellType.STRING, c.getCellType(), c.getAddress().formatAsString());
    return c.getStringCellValue();
  }

  /** The exact value written in a numeric cell ({@code <v>}), which must be numeric. */
  static BigDecimal number(Row row, int column) {
    XSSFCell c = (XSSFCell) row.getCell(column);
    assertEquals(CellType.NUMERIC, c.getCellType(), c.getAddress().formatAsString());
    return new BigDecimal(c.getRawValue());
  }

  /**
   * What a text cell must hold for {@code raw}: a leading apostrophe when it starts like a formula
   * ({@code = + - @}, tab, CR), then every control character (C0, DEL, C1, U+2028/9) a space.
   */
  static String expected(String raw) {
    if (raw == null || raw.isEmpty()) {
      return "";
    }
    char first = raw.charAt(0);
    String s = "=+-@\t\r".indexOf(first) >= 0 ? "'" + raw : raw;
    StringBuilder b = new StringBuilder(s.length());
    s.codePoints().forEach(cp -> {
      boolean control = cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0x2028 || cp == 0x2029;
      b.appendCodePoint(control ? ' ' : cp);
    });
    return b.toString();
  }

  /** How many characters {@link #expected} turns into spaces. */
  static long controls(String raw) {
    return raw == null ? 0
        : raw.codePoints().filter(cp -> cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0x2028 || cp == 0x2029).count();
  }
}
