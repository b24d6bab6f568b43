package com.accountingexport.pdf;

import com.accountingexport.core.document.Address;
import com.accountingexport.core.document.Counterparty;
import com.accountingexport.core.document.Document;
import com.accountingexport.core.document.DocumentLine;
import com.accountingexport.core.document.DocumentStatus;
import com.accountingexport.core.document.DocumentType;
import com.accountingexport.core.document.LineKind;
import com.accountingexport.core.document.ServicePeriod;
import com.accountingexport.core.document.Totals;
import com.accountingexport.core.settings.AccountMapping;
import com.accountingexport.core.settings.Company;
import com.accountingexport.core.settings.Invoicing;
import com.accountingexport.core.settings.Language;
import com.accountingexport.core.settings.PdfBundle;
import com.accountingexport.core.settings.TenantSettings;
import com.accountingexport.core.settings.VatRegime;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;

/** Sellers, buyers and documents for the PDF tests, and PDFBox to read the PDFs back. */
final class InvoicePdfFixtures {
  static final LocalDate DATE = LocalDate.of(2026, 3, 2);

  private InvoicePdfFixtures() {}

  static BigDecimal amount(String s) {
    return new BigDecimal(s);
  }

  static Address sellerAddress() {
    return new Address("12 rue de la République", "Bâtiment B", "69002", "Lyon", "FR", null);
  }

  /** A SAS with every identity item and a logo. */
  static Company company() {
    return new Company("Formations Martin", "SAS", amount("10000.00"), sellerAddress(), "732829320",
        "73282932000074", "RCS Lyon 732 829 320", "FR44732829320", logoPng());
  }

  /** A micro-entrepreneur under the VAT franchise: no VAT number, no capital, no RCS. */
  static Company franchiseCompany() {
    return new Company("Julie Petit", "EI", null, sellerAddress(), "812345678", null, null, null, null);
  }

  static TenantSettings settings(Company company) {
    return settings(company, VatRegime.COLLECTIONS);
  }

  static TenantSettings settings(Company company, VatRegime regime) {
    return new TenantSettings(MonthDay.of(1, 1), regime, TenantSettings.DEFAULT_NUMBERING, "fec", null,
        AccountMapping.defaults(), List.of(), 1000, null, null, Language.FR, null, null,
        new Invoicing(company, 30, "10 % l'an", PdfBundle.NONE));
  }

  static Counterparty business() {
    return new Counterparty("C42", "Dupont Industrie SARL", null, "41234567800012", "FR12412345678", "FR",
        new Address("5 avenue Foch", null, "75016", "Paris", "FR", null), null, false, null);
  }

  static Counterparty consumer() {
    return new Counterparty("C7", "Marie Durand", null, null, null, "FR",
        new Address("3 place Bellecour", null, "69002", "Lyon", "FR", null), null, false, null);
  }

  static Counterparty germanBusiness() {
    return new Counterparty("C50", "Müller Software GmbH", null, null, "DE123456789", "DE",
        new Address("Hauptstraße 1", null, "10115", "Berlin", "DE", null), null, false, null);
  }

  static DocumentLine line(String label, LineKind kind, String net, String rate, String vat, ServicePeriod period) {
    return new DocumentLine(label, kind, amount(net), amount(rate), amount(vat), null, period);
  }

  static Document document(DocumentType type, String number, Counterparty buyer, List<DocumentLine> lines) {
    return document(type, number, DATE, buyer, lines);
  }

  /** Totals are the sums of the lines. */
  static Document document(DocumentType type, String number, LocalDate date, Counterparty buyer,
      List<DocumentLine> lines) {
    BigDecimal net = lines.stream().map(DocumentLine::netAmount).reduce(BigDecimal.ZERO, BigDecimal::add);
    BigDecimal vat = lines.stream().map(DocumentLine::vatAmount).reduce(BigDecimal.ZERO, BigDecimal::add);
    return new Document("doc-" + number, type, number, date, DocumentStatus.VALIDATED, "EUR", null, buyer, lines,
        new Totals(net, vat, net.add(vat)), null, List.of(), null, null, null, null);
  }

  /** F-2026-042 to a business: a service over March at 20 %, a book at 5.5 %. */
  static Document b2bInvoice() {
    return document(DocumentType.INVOICE, "F-2026-042", business(), List.of(
        line("Formation Excel avancé", LineKind.SERVICES, "1234.50", "20.00", "246.90",
            new ServicePeriod(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 31))),
        line("Manuel de formation", LineKind.GOODS, "100.00", "5.50", "5.50", null)));
  }

  static Document manyLines(int n) {
    List<DocumentLine> lines = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      lines.add(line("Séance de coaching n° " + i, LineKind.SERVICES, "50.00", "20.00", "10.00", null));
    }
    return document(DocumentType.INVOICE, "F-2026-120", business(), lines);
  }

  /** A 16x16 PNG, base64. */
  static String logoPng() {
    BufferedImage img = new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setColor(new Color(0x20, 0x60, 0xa0));
    g.fillRect(0, 0, 16, 16);
    g.setColor(Color.WHITE);
    g.fillRect(4, 4, 8, 8);
    g.dispose();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(img, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Base64.getEncoder().encodeToString(out.toByteArray());
  }

  static byte[] render(Document d, TenantSettings s, Document corrected) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    InvoicePdf.render(d, s, corrected, out);
    return out.toByteArray();
  }

  /** The text PDFBox reads, no-break spaces as spaces and runs of white space as one space. */
  static String text(byte[] pdf) {
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      PDFTextStripper stripper = new PDFTextStripper();
      stripper.setSortByPosition(true);
      return normalize(stripper.getText(doc));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The text of one page (1-based). */
  static String pageText(byte[] pdf, int page) {
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      PDFTextStripper stripper = new PDFTextStripper();
      stripper.setSortByPosition(true);
      stripper.setStartPage(page);
      stripper.setEndPage(page);
      return normalize(stripper.getText(doc));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static int pages(byte[] pdf) {
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      return doc.getNumberOfPages();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String normalize(String s) {
    return s.replace('\u00a0', ' ').replaceAll("\\s+", " ");
  }
}
