package com.accountingexport.core.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.accountingexport.core.report.ReportColumn;
import com.accountingexport.core.report.ReportTable;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

class TableFilesTest {
  private static final LocalDate D = LocalDate.of(2026, 3, 31);

  private static ReportTable table() {
    return new ReportTable("trial-balance", LocalDate.of(2026, 3, 1), D,
        List.of(ReportColumn.text("account"), ReportColumn.text("label"), ReportColumn.date("day"),
            ReportColumn.money("debit"), ReportColumn.count("lines")),
        List.of(Arrays.asList("411C1", "=HYPERLINK(\"x\")", D, new BigDecimal("1234.50"), 3L),
            Arrays.asList("706000", "Ventes, services", null, new BigDecimal("-12.50"), 1L)),
        Arrays.asList(null, null, null, new BigDecimal("1222.00"), 4L));
  }

  @Test
  void csv_readsBackWithCommonsCsv_typesKept_formulaNeutralised_totalsLast() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    TableFiles.write(table(), TableFiles.Format.CSV, out);

    List<CSVRecord> rows = CSVFormat.RFC4180.parse(new StringReader(out.toString(StandardCharsets.UTF_8))).getRecords();

    assertEquals(List.of("account", "label", "day", "debit", "lines"), rows.get(0).toList());
    assertEquals(List.of("411C1", "'=HYPERLINK(\"x\")", "2026-03-31", "1234.50", "3"), rows.get(1).toList());
    assertEquals(List.of("706000", "Ventes, services", "", "-12.50", "1"), rows.get(2).toList());
    assertEquals(List.of("total", "", "", "1222.00", "4"), rows.get(3).toList());
    assertEquals(4, rows.size());
  }

  @Test
  void xlsx_readsBackWithPoi_datesAndNumbersAreTypedCells() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    TableFiles.write(table(), TableFiles.Format.XLSX, out);

    try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray()))) {
      Sheet sheet = wb.getSheetAt(0);
      assertEquals("Trial balance", sheet.getSheetName());
      Row first = sheet.getRow(1);
      assertEquals("'=HYPERLINK(\"x\")", first.getCell(1).getStringCellValue());
      assertEquals(CellType.STRING, first.getCell(1).getCellType(), "never a formula");
      assertTrue(DateUtil.isCellDateFormatted(first.getCell(2)));
      assertEquals(D, first.getCell(2).getLocalDateTimeCellValue().toLocalDate());
      assertEquals(CellType.NUMERIC, first.getCell(3).getCellType());
      assertEquals(1234.50, first.getCell(3).getNumericCellValue(), 0.0);
      assertEquals(-12.50, sheet.getRow(2).getCell(3).getNumericCellValue(), 0.0);
      assertEquals("total", sheet.getRow(3).getCell(0).getStringCellValue());
      assertEquals(4, sheet.getRow(3).getCell(4).getNumericCellValue(), 0.0);
    }
  }
}
