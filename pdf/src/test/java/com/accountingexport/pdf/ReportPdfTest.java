package com.accountingexport.pdf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.accountingexport.core.format.TableFiles;
import com.accountingexport.core.report.ReportColumn;
import com.accountingexport.core.report.ReportTable;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

class ReportPdfTest {
  private static final LocalDate FROM = LocalDate.of(2026, 3, 1);
  private static final LocalDate TO = LocalDate.of(2026, 3, 31);

  private static ReportTable table(int rows) {
    List<List<Object>> out = new ArrayList<>();
    BigDecimal total = BigDecimal.ZERO;
    for (int i = 0; i < rows; i++) {
      BigDecimal amount = new BigDecimal("1234.50").add(BigDecimal.valueOf(i));
      total = total.add(amount);
      out.add(Arrays.asList(String.format("411C%04d", i), i == 0 ? "Œuvres & Cie – Łódź" : "Client " + i, TO, amount, (long) i));
    }
    return new ReportTable("trial-balance", FROM, TO,
        List.of(ReportColumn.text("account"), ReportColumn.text("label"), ReportColumn.date("day"),
            ReportColumn.money("debit"), ReportColumn.count("lines")),
        out, Arrays.asList(null, null, null, total, null));
  }

  private static String text(byte[] pdf) throws Exception {
    try (PDDocument d = Loader.loadPDF(pdf)) {
      return new PDFTextStripper().getText(d);
    }
  }

  @Test
  void aReport_readsBackWithPdfBox_titlePeriodFrenchNumbersAndTotals() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    TableFiles.write(table(3), TableFiles.Format.PDF, out);

    String text = text(out.toByteArray()).replace('\u00a0', ' ');

    assertTrue(text.contains("Balance"), "[" + text.length() + "] " + text);
    assertTrue(text.contains("Du 01/03/2026 au 31/03/2026"), text);
    assertTrue(text.contains("account") && text.contains("debit"), text);
    assertTrue(text.contains("1 234,50") && text.contains("1 236,50"), text);
    assertTrue(text.contains("31/03/2026"), text);
    assertTrue(text.contains("Œuvres & Cie – Lódz"), "Windows-1252 keeps Œ, – and ó; Ł and ź lose what it lacks: " + text);
    assertTrue(text.contains("Total") && text.contains("3 706,50"), text);
  }

  @Test
  void aLongReport_spansPages_withTheHeaderOnEach_andEveryRowOnce() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    TableFiles.write(table(1500), TableFiles.Format.PDF, out);

    try (PDDocument d = Loader.loadPDF(out.toByteArray())) {
      int pages = d.getNumberOfPages();
      assertTrue(pages > 10, "pages: " + pages);
      PDFTextStripper stripper = new PDFTextStripper();
      for (int p = 1; p <= pages; p++) {
        stripper.setStartPage(p);
        stripper.setEndPage(p);
        String page = stripper.getText(d);
        assertTrue(page.contains("account"), "header on page " + p + " of " + pages + ": " + page);
      }
      stripper.setStartPage(1);
      stripper.setEndPage(pages);
      String all = stripper.getText(d);
      for (int i = 0; i < 1500; i += 137) {
        String account = String.format("411C%04d", i);
        assertEquals(all.indexOf(account), all.lastIndexOf(account), account + " once");
        assertTrue(all.contains(account), account);
      }
    }
  }
}
