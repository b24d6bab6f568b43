package com.accountingexport.core.format;

import com.accountingexport.core.error.DomainException;
import com.accountingexport.core.port.ReportPdfWriter;
import com.accountingexport.core.report.ReportColumn;
import com.accountingexport.core.report.ReportTable;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A report ({@link ReportTable}) as a file: {@code csv} (RFC 4180, UTF-8, ISO dates, dot decimals,
 * formula-like texts neutralised), {@code xlsx} (date and number cells) or {@code pdf} (through the
 * pdf module). The totals row, when the
 * report has one, comes last with {@code total} in its first empty text cell.
 */
public final class TableFiles {
  /** The file formats of a report. */
  public enum Format {
    CSV("csv", "text/csv; charset=UTF-8"),
    XLSX("xlsx", XlsxSheet.CONTENT_TYPE),
    /** Written by the {@code pdf} module ({@link ReportPdfWriter}). */
    PDF("pdf", "application/pdf");

    private final String extension;
    private final String contentType;

    Format(String extension, String contentType) {
      this.extension = extension;
      this.contentType = contentType;
    }

    public String extension() {
      return extension;
    }

    public String contentType() {
      return contentType;
    }

    public static Optional<Format> fromWire(String s) {
      for (Format f : values()) {
        if (f.extension.equals(s)) {
          return Optional.of(f);
        }
      }
      return Optional.empty();
    }
  }

  private TableFiles() {}

  public static TextChanges write(ReportTable table, Format format, OutputStream out) throws IOException {
    return switch (format) {
      case CSV -> csv(table, out);
      case XLSX -> xlsx(table, out);
      case PDF -> {
        ReportPdfWriter pdf = ReportPdfWriter.load().orElseThrow(() -> DomainException.unprocessable("PDF_NOT_AVAILABLE",
            "This service was deployed without PDF reports; ask for csv or xlsx", List.of()));
        pdf.write(table, out);
        yield TextChanges.NONE;
      }
    };
  }

  /** Rows written as they come (a list of any length): CSV and XLSX only. Not thread-safe. */
  public interface RowWriter {
    void row(List<Object> values) throws IOException;

    /** Writes the totals row (when not null) and ends the file; the stream stays open. */
    TextChanges finish(List<Object> totals) throws IOException;
  }

  /** A {@link RowWriter} for a report's columns: the header now, the rows as they come. */
  public static RowWriter open(String id, List<ReportColumn> columns, Format format, OutputStream out) throws IOException {
    switch (format) {
      case CSV -> {
        Text text = Text.of(StandardCharsets.UTF_8);
        TextSink sink = new TextSink(out);
        CsvRow row = new CsvRow(sink, text, ',', '.');
        for (ReportColumn c : columns) {
          row.text(c.id());
        }
        row.end();
        return new RowWriter() {
          @Override
          public void row(List<Object> values) throws IOException {
            csvRow(row, columns, values);
          }

          @Override
          public TextChanges finish(List<Object> totals) throws IOException {
            if (totals != null) {
              csvRow(row, columns, labelled(columns, totals));
            }
            sink.flush();
            return text.changes();
          }
        };
      }
      case XLSX -> {
        XlsxSheet sheet = new XlsxSheet(out, Text.of(StandardCharsets.UTF_8), sheetName(id),
            columns.stream().map(ReportColumn::id).toList(), widths(columns));
        return new RowWriter() {
          @Override
          public void row(List<Object> values) throws IOException {
            xlsxRow(sheet, columns, values);
          }

          @Override
          public TextChanges finish(List<Object> totals) throws IOException {
            if (totals != null) {
              xlsxRow(sheet, columns, labelled(columns, totals));
            }
            return sheet.finish();
          }
        };
      }
      default -> throw new IllegalArgumentException(format + " is not written row by row");
    }
  }

  static TextChanges csv(ReportTable table, OutputStream out) throws IOException {
    Text text = Text.of(StandardCharsets.UTF_8);
    TextSink sink = new TextSink(out);
    CsvRow row = new CsvRow(sink, text, ',', '.');
    for (ReportColumn c : table.columns()) {
      row.text(c.id());
    }
    row.end();
    for (List<Object> r : table.rows()) {
      csvRow(row, table.columns(), r);
    }
    if (table.totals() != null) {
      csvRow(row, table.columns(), labelled(table.columns(), table.totals()));
    }
    sink.flush();
    return text.changes();
  }

  private static void csvRow(CsvRow row, List<ReportColumn> columns, List<Object> values) throws IOException {
    for (int i = 0; i < columns.size(); i++) {
      Object v = values.get(i);
      switch (columns.get(i).type()) {
        case TEXT -> row.text(v == null ? null : v.toString());
        case DATE -> row.plain(v == null ? null : v.toString());
        case MONEY -> {
          if (v == null) {
            row.plain(null);
          } else {
            row.amount((BigDecimal) v);
          }
        }
        case COUNT -> row.plain(v == null ? null : v.toString());
        default -> throw new IllegalStateException();
      }
    }
    row.end();
  }

  static TextChanges xlsx(ReportTable table, OutputStream out) throws IOException {
    List<ReportColumn> columns = table.columns();
    XlsxSheet sheet = new XlsxSheet(out, Text.of(StandardCharsets.UTF_8), sheetName(table.id()),
        columns.stream().map(ReportColumn::id).toList(), widths(columns));
    for (List<Object> r : table.rows()) {
      xlsxRow(sheet, columns, r);
    }
    if (table.totals() != null) {
      xlsxRow(sheet, columns, labelled(columns, table.totals()));
    }
    return sheet.finish();
  }

  private static void xlsxRow(XlsxSheet sheet, List<ReportColumn> columns, List<Object> values) throws IOException {
    sheet.startRow();
    for (int i = 0; i < columns.size(); i++) {
      Object v = values.get(i);
      if (v == null) {
        sheet.empty();
        continue;
      }
      switch (columns.get(i).type()) {
        case TEXT -> sheet.text(v.toString());
        case DATE -> sheet.date((LocalDate) v);
        case MONEY -> sheet.amount((BigDecimal) v);
        case COUNT -> sheet.integer(((Number) v).longValue());
        default -> throw new IllegalStateException();
      }
    }
    sheet.endRow();
  }

  private static int[] widths(List<ReportColumn> columns) {
    int[] widths = new int[columns.size()];
    for (int i = 0; i < widths.length; i++) {
      widths[i] = switch (columns.get(i).type()) {
        case TEXT -> i == 0 ? 14 : 32;
        case DATE -> 11;
        case MONEY -> 14;
        case COUNT -> 8;
      };
    }
    return widths;
  }

  /** The totals with {@code total} in the first text cell left empty. */
  private static List<Object> labelled(List<ReportColumn> columns, List<Object> given) {
    List<Object> totals = new java.util.ArrayList<>(given);
    for (int i = 0; i < totals.size(); i++) {
      if (totals.get(i) == null && columns.get(i).type() == ReportColumn.Type.TEXT) {
        totals.set(i, "total");
        break;
      }
    }
    return totals;
  }

  /** A sheet name Excel takes: letters, digits and spaces, at most 31 characters. */
  private static String sheetName(String id) {
    String s = id.replace('-', ' ');
    s = s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
    return s.length() > 31 ? s.substring(0, 31) : s;
  }
}
