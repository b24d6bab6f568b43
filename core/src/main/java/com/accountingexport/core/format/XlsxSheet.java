package com.accountingexport.core.format;

import com.accountingexport.core.error.DomainException;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A one-sheet OOXML workbook (.xlsx) written as it goes: the fixed parts first, then
 * {@code xl/worksheets/sheet1.xml} streamed row by row into the ZIP entry, so memory stays the same
 * for ten rows or a million (no DOM, no list of rows, no shared-strings table: every text is an
 * inline string). Row 1 is the header (bold, frozen); numbers are numeric cells ({@code 0.00} for
 * amounts, General for counts), dates numeric serials of the 1900 date system (days since
 * 1899-12-30) with a {@code yyyy-mm-dd} display format. No cell is ever a formula.
 *
 * <p>Every text cell goes through the file's {@link Text}: control characters become spaces
 * (counted), a text a spreadsheet would run as a formula ({@code = + - @}, tab, CR first) gets a
 * leading apostrophe as in the CSV files (a sheet may be saved again as CSV), and it is cut at Excel's
 * 32,767 characters (counted). Then XML escaping: {@code & < > "} become entities, and the only
 * characters XML 1.0 forbids that can still be there (U+FFFE, U+FFFF) become {@code ?}, counted as
 * transliterated. Not thread-safe: one per written file. The ZIP is finished, never closed: the
 * caller owns the stream.
 */
final class XlsxSheet {
  static final String CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  /** Excel's limit on the characters of one cell. */
  static final int MAX_CELL_CHARS = 32_767;
  /** Excel's limit on the rows of one sheet. */
  static final int MAX_ROWS = 1_048_576;

  /** Days from 1899-12-30 (serial 0 of the 1900 date system, Lotus leap-year bug included) to 1970-01-01. */
  static final long EPOCH_SERIAL = 25_569;

  private static final int STYLE_DATE = 1;
  private static final int STYLE_AMOUNT = 2;
  private static final int STYLE_HEADER = 3;
  /** Fixed ZIP entry times, so that the same entries always give the same bytes. */
  private static final LocalDateTime ENTRY_TIME = LocalDateTime.of(1980, 1, 1, 0, 0);

  private static final String XML_DECLARATION = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n";
  private static final String MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
  private static final String REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
  private static final String PACKAGE_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships";

  private static final String CONTENT_TYPES = XML_DECLARATION
      + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
      + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
      + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
      + "<Override PartName=\"/xl/workbook.xml\" "
      + "ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
      + "<Override PartName=\"/xl/worksheets/sheet1.xml\" "
      + "ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
      + "<Override PartName=\"/xl/styles.xml\" "
      + "ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>"
      + "</Types>";

  private static final String ROOT_RELS = XML_DECLARATION
      + "<Relationships xmlns=\"" + PACKAGE_REL_NS + "\">"
      + "<Relationship Id=\"rId1\" Type=\"" + REL_NS + "/officeDocument\" Target=\"xl/workbook.xml\"/>"
      + "</Relationships>";

  private static final String WORKBOOK_RELS = XML_DECLARATION
      + "<Relationships xmlns=\"" + PACKAGE_REL_NS + "\">"
      + "<Relationship Id=\"rId1\" Type=\"" + REL_NS + "/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
      + "<Relationship Id=\"rId2\" Type=\"" + REL_NS + "/styles\" Target=\"styles.xml\"/>"
      + "</Relationships>";

  /** Cell formats: 0 General, 1 date (yyyy-mm-dd), 2 amount (built-in 2 = "0.00"), 3 bold header. */
  private static final String STYLES = XML_DECLARATION
      + "<styleSheet xmlns=\"" + MAIN_NS + "\">"
      + "<numFmts count=\"1\"><numFmt numFmtId=\"164\" formatCode=\"yyyy\\-mm\\-dd\"/></numFmts>"
      + "<fonts count=\"2\">"
      + "<font><sz val=\"11\"/><name val=\"Calibri\"/><family val=\"2\"/></font>"
      + "<font><b/><sz val=\"11\"/><name val=\"Calibri\"/><family val=\"2\"/></font>"
      + "</fonts>"
      + "<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill>"
      + "<fill><patternFill patternType=\"gray125\"/></fill></fills>"
      + "<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"
      + "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>"
      + "<cellXfs count=\"4\">"
      + "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>"
      + "<xf numFmtId=\"164\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>"
      + "<xf numFmtId=\"2\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>"
      + "<xf numFmtId=\"0\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\"/>"
      + "</cellXfs>"
      + "<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>"
      + "</styleSheet>";

  private final OutputStream target;
  private final BufferedOutputStream buffered;
  private final ZipOutputStream zip;
  private final TextSink sink;
  private final Text text;
  private final String[] columns;
  private long replaced;
  private int row;
  private String rowNumber;
  private int col;

  /**
   * Writes the package's fixed parts, opens the sheet and writes its header row.
   *
   * @param sheetName the tab's name (plain ASCII, no XML escaping needed)
   * @param header the column titles of row 1
   * @param widths each column's width in characters
   */
  XlsxSheet(OutputStream out, Text text, String sheetName, List<String> header, int[] widths) throws IOException {
    if (header.size() != widths.length || header.size() > 26) {
      throw new IllegalArgumentException("1 to 26 columns, one width each");
    }
    this.target = out;
    this.buffered = new BufferedOutputStream(out, 1 << 16);
    this.zip = new ZipOutputStream(buffered, StandardCharsets.UTF_8);
    this.text = text;
    this.columns = new String[header.size()];
    for (int i = 0; i < columns.length; i++) {
      columns[i] = String.valueOf((char) ('A' + i));
    }
    part("[Content_Types].xml", CONTENT_TYPES);
    part("_rels/.rels", ROOT_RELS);
    part("xl/workbook.xml", XML_DECLARATION
        + "<workbook xmlns=\"" + MAIN_NS + "\" xmlns:r=\"" + REL_NS + "\">"
        + "<bookViews><workbookView/></bookViews>"
        + "<sheets><sheet name=\"" + sheetName + "\" sheetId=\"1\" r:id=\"rId1\"/></sheets>"
        + "</workbook>");
    part("xl/_rels/workbook.xml.rels", WORKBOOK_RELS);
    part("xl/styles.xml", STYLES);
    entry("xl/worksheets/sheet1.xml");
    this.sink = new TextSink(zip, StandardCharsets.UTF_8);
    sink.append(XML_DECLARATION);
    sink.append("<worksheet xmlns=\"" + MAIN_NS + "\" xmlns:r=\"" + REL_NS + "\">");
    // row 1 stays in view while scrolling
    sink.append("<sheetViews><sheetView workbookViewId=\"0\">"
        + "<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>"
        + "<selection pane=\"bottomLeft\" activeCell=\"A2\" sqref=\"A2\"/>"
        + "</sheetView></sheetViews>");
    sink.append("<sheetFormatPr defaultRowHeight=\"15\"/><cols>");
    for (int i = 0; i < widths.length; i++) {
      String n = Integer.toString(i + 1);
      sink.append("<col min=\"" + n + "\" max=\"" + n + "\" width=\"" + widths[i] + "\" customWidth=\"1\"/>");
    }
    sink.append("</cols><sheetData>");
    startRow();
    for (String title : header) {
      inline(title, STYLE_HEADER);
    }
    endRow();
  }

  /** Starts the next row. */
  void startRow() throws IOException {
    if (row == MAX_ROWS) {
      throw DomainException.unprocessable("TOO_MANY_ROWS", "More than " + MAX_ROWS
          + " rows: beyond the limit of a spreadsheet; export a shorter period or a text format", java.util.List.of());
    }
    row++;
    rowNumber = Integer.toString(row);
    col = 0;
    sink.append("<row r=\"");
    sink.append(rowNumber);
    sink.append("\">");
  }

  void endRow() throws IOException {
    sink.append("</row>");
  }

  /** An empty cell: nothing is written, the next cell moves one column right. */
  void empty() {
    col++;
  }

  /**
   * A text cell: cleaned, neutralised, cut at {@value #MAX_CELL_CHARS} characters and escaped (see
   * the class comment). Null or empty leaves the cell empty.
   */
  void text(String value) throws IOException {
    if (value == null || value.isEmpty()) {
      col++;
      return;
    }
    inline(text.fit(TextSink.neutralised(value), MAX_CELL_CHARS), -1);
  }

  /** A numeric cell with exactly two decimals (half-up), shown as {@code 0.00}. Null leaves it empty. */
  void amount(BigDecimal value) throws IOException {
    if (value == null) {
      col++;
      return;
    }
    BigDecimal v = value.scale() == 2 ? value : value.setScale(2, RoundingMode.HALF_UP);
    number(v.toPlainString(), STYLE_AMOUNT);
  }

  /** A whole-number cell (General format). */
  void integer(long value) throws IOException {
    number(Long.toString(value), -1);
  }

  /** A date cell: its serial in the 1900 date system, shown as {@code yyyy-mm-dd}. */
  void date(LocalDate value) throws IOException {
    number(serial(value), STYLE_DATE);
  }

  /** A date cell from a serial already computed by {@link #serial} (a row's dates repeat). */
  void date(String serial) throws IOException {
    number(serial, STYLE_DATE);
  }

  /** The 1900-date-system serial of {@code d} as text (it is exact: dates carry no time). */
  static String serial(LocalDate d) {
    return Long.toString(d.toEpochDay() + EPOCH_SERIAL);
  }

  private void number(String value, int style) throws IOException {
    cellStart(style);
    sink.append("><v>");
    sink.append(value);
    sink.append("</v></c>");
  }

  /**
   * Ends the sheet and the package and flushes the stream (not closed).
   *
   * @return the file's text changes, the XML replacements included
   */
  TextChanges finish() throws IOException {
    sink.append("</sheetData></worksheet>");
    sink.flush();
    zip.closeEntry();
    zip.finish();
    buffered.flush();
    target.flush();
    return text.changes().plus(new TextChanges(replaced, 0));
  }

  private void inline(String value, int style) throws IOException {
    cellStart(style);
    sink.append(" t=\"inlineStr\"><is><t");
    if (Character.isWhitespace(value.charAt(0)) || Character.isWhitespace(value.charAt(value.length() - 1))) {
      sink.append(" xml:space=\"preserve\"");
    }
    sink.append('>');
    escaped(value);
    sink.append("</t></is></c>");
  }

  /** {@code <c r="B7" s="n"} (no closing '>'), and the column moves on. */
  private void cellStart(int style) throws IOException {
    sink.append("<c r=\"");
    sink.append(columns[col++]);
    sink.append(rowNumber);
    sink.append('"');
    if (style >= 0) {
      sink.append(" s=\"");
      sink.append((char) ('0' + style));
      sink.append('"');
    }
  }

  /** The text as XML character data; U+FFFE, U+FFFF (and any control left) replaced, counted. */
  private void escaped(String s) throws IOException {
    int n = s.length();
    int i = 0;
    while (i < n && plain(s.charAt(i))) {
      i++;
    }
    if (i == n) {
      sink.append(s);
      return;
    }
    for (int k = 0; k < n; k++) {
      char c = s.charAt(k);
      switch (c) {
        case '&' -> sink.append("&amp;");
        case '<' -> sink.append("&lt;");
        case '>' -> sink.append("&gt;");
        case '"' -> sink.append("&quot;");
        default -> {
          if (c < 0x20 || c == '\uFFFE' || c == '\uFFFF') {
            replaced++;
            sink.append(c < 0x20 ? ' ' : '?');
          } else {
            sink.append(c);
          }
        }
      }
    }
  }

  private static boolean plain(char c) {
    return c >= 0x20 && c != '&' && c != '<' && c != '>' && c != '"' && c != '\uFFFE' && c != '\uFFFF';
  }

  private void part(String name, String xml) throws IOException {
    entry(name);
    zip.write(xml.getBytes(StandardCharsets.UTF_8));
    zip.closeEntry();
  }

  private void entry(String name) throws IOException {
    ZipEntry e = new ZipEntry(name);
    e.setTimeLocal(ENTRY_TIME);
    zip.putNextEntry(e);
  }
}
