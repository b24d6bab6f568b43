package com.accountingexport.pdf;

import com.accountingexport.core.error.DomainException;
import com.accountingexport.core.format.Text;
import com.accountingexport.core.port.ReportPdfWriter;
import com.accountingexport.core.report.ReportColumn;
import com.accountingexport.core.report.ReportTable;
import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfWriter;
import java.awt.Color;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * A report as a landscape A4 PDF: its title and period, then its table, the header row repeated on
 * every page, French number and date formats ({@code 1 234,50}, {@code 31/03/2026}), amounts
 * right-aligned, the totals row in bold. The table is laid out whole (OpenPDF drops the repeated
 * header when a table handed over in pieces starts a page), so a PDF takes at most
 * {@value #MAX_ROWS} rows: a longer report is 422 {@code REPORT_TOO_LONG_FOR_PDF}, to be asked as
 * CSV or XLSX, which stream.
 */
public final class ReportPdf implements ReportPdfWriter {
  /** The French titles the users know (seeds 003 and 004), else the report's id. */
  static final Map<String, String> TITLES = Map.ofEntries(
      Map.entry("trial-balance", "Balance"), Map.entry("vat-summary", "Synthèse de TVA"),
      Map.entry("deferred-revenue", "Produits constatés d'avance"), Map.entry("collections", "Journal des encaissements"),
      Map.entry("journal-by-day", "Journal centralisé par jour"), Map.entry("invoices", "Liste des factures"),
      Map.entry("payments", "Liste des règlements"), Map.entry("customer-balances", "Soldes clients"),
      Map.entry("unpaid", "Factures impayées"), Map.entry("cash-closing", "Clôture de caisse"));
  /** The longest report a PDF takes. */
  static final int MAX_ROWS = 20_000;

  private static final BaseFont REGULAR = font(BaseFont.HELVETICA);
  private static final BaseFont BOLD = font(BaseFont.HELVETICA_BOLD);
  private static final Font CELL = new Font(REGULAR, 7.5f);
  private static final Font CELL_BOLD = new Font(BOLD, 7.5f);
  private static final Font TITLE = new Font(BOLD, 14);
  private static final Font SUBTITLE = new Font(REGULAR, 9);
  private static final Color HEAD_BG = new Color(0xe8, 0xe8, 0xe8);

  @Override
  public void write(ReportTable table, OutputStream out) throws IOException {
    if (table.rows().size() > MAX_ROWS) {
      throw DomainException.unprocessable("REPORT_TOO_LONG_FOR_PDF", "This report has " + table.rows().size()
          + " rows; a PDF takes at most " + MAX_ROWS + ": ask for csv or xlsx", List.of());
    }
    Document pdf = new Document(PageSize.A4.rotate(), 28, 28, 28, 28);
    Text cp1252 = Text.windows1252(); // the fonts' code page: what it lacks is transliterated as in every file
    try {
      PdfWriter writer = PdfWriter.getInstance(pdf, new NonClosing(out));
      writer.setCloseStream(false);
      pdf.addCreator(InvoicePdf.CREATOR);
      pdf.addTitle(title(table));
      pdf.open();
      pdf.add(new Paragraph(title(table), TITLE));
      pdf.add(new Paragraph(period(table), SUBTITLE));
      pdf.add(new Paragraph(" ", SUBTITLE));
      List<ReportColumn> columns = table.columns();
      PdfPTable grid = new PdfPTable(widths(columns));
      grid.setWidthPercentage(100);
      grid.setHeaderRows(1);
      for (ReportColumn c : columns) {
        PdfPCell h = new PdfPCell(new Phrase(FrenchFormat.printable(c.id()), CELL_BOLD));
        h.setBackgroundColor(HEAD_BG);
        h.setHorizontalAlignment(right(c) ? Element.ALIGN_RIGHT : Element.ALIGN_LEFT);
        grid.addCell(h);
      }
      for (List<Object> row : table.rows()) {
        addRow(grid, columns, row, CELL, cp1252);
      }
      if (table.totals() != null) {
        addRow(grid, columns, labelled(table), CELL_BOLD, cp1252);
      }
      pdf.add(grid);
    } catch (DocumentException e) {
      throw new IOException("the report " + table.id() + " could not be laid out", e);
    } finally {
      if (pdf.isOpen()) {
        pdf.close();
      }
    }
    out.flush();
  }

  static String title(ReportTable t) {
    return TITLES.getOrDefault(t.id(), t.id());
  }

  private static String period(ReportTable t) {
    if (t.from() == null) {
      return "Au " + FrenchFormat.date(t.to());
    }
    return "Du " + FrenchFormat.date(t.from()) + " au " + FrenchFormat.date(t.to());
  }

  private static void addRow(PdfPTable grid, List<ReportColumn> columns, List<Object> values, Font font, Text cp1252) {
    for (int i = 0; i < columns.size(); i++) {
      ReportColumn c = columns.get(i);
      PdfPCell cell = new PdfPCell(new Phrase(text(c, values.get(i), cp1252), font));
      cell.setHorizontalAlignment(right(c) ? Element.ALIGN_RIGHT : Element.ALIGN_LEFT);
      cell.setBorderWidth(0.3f);
      grid.addCell(cell);
    }
  }

  static String text(ReportColumn c, Object v, Text cp1252) {
    if (v == null) {
      return "";
    }
    return switch (c.type()) {
      case MONEY -> FrenchFormat.number(((BigDecimal) v).setScale(2, java.math.RoundingMode.HALF_UP));
      case DATE -> FrenchFormat.date((LocalDate) v);
      case COUNT -> FrenchFormat.number(BigDecimal.valueOf(((Number) v).longValue()));
      case TEXT -> FrenchFormat.printable(cp1252.clean(v.toString()));
    };
  }

  private static boolean right(ReportColumn c) {
    return c.type() == ReportColumn.Type.MONEY || c.type() == ReportColumn.Type.COUNT;
  }

  private static float[] widths(List<ReportColumn> columns) {
    float[] w = new float[columns.size()];
    for (int i = 0; i < w.length; i++) {
      w[i] = switch (columns.get(i).type()) {
        case TEXT -> 3f;
        case DATE -> 1.6f;
        case MONEY -> 1.8f;
        case COUNT -> 1f;
      };
    }
    return w;
  }

  /** The totals with "Total" in the first empty text cell. */
  private static List<Object> labelled(ReportTable t) {
    List<Object> totals = new java.util.ArrayList<>(t.totals());
    for (int i = 0; i < totals.size(); i++) {
      if (totals.get(i) == null && t.columns().get(i).type() == ReportColumn.Type.TEXT) {
        totals.set(i, "Total");
        break;
      }
    }
    return totals;
  }

  private static BaseFont font(String name) {
    try {
      return BaseFont.createFont(name, BaseFont.CP1252, BaseFont.NOT_EMBEDDED);
    } catch (DocumentException | IOException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** Keeps the caller's stream open when the document closes. */
  private static final class NonClosing extends java.io.FilterOutputStream {
    NonClosing(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      flush();
    }
  }
}
