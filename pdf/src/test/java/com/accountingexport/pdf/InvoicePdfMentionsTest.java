package com.accountingexport.pdf;

import static com.accountingexport.pdf.InvoicePdfFixtures.b2bInvoice;
import static com.accountingexport.pdf.InvoicePdfFixtures.business;
import static com.accountingexport.pdf.InvoicePdfFixtures.company;
import static com.accountingexport.pdf.InvoicePdfFixtures.consumer;
import static com.accountingexport.pdf.InvoicePdfFixtures.document;
import static com.accountingexport.pdf.InvoicePdfFixtures.franchiseCompany;
import static com.accountingexport.pdf.InvoicePdfFixtures.germanBusiness;
import static com.accountingexport.pdf.InvoicePdfFixtures.line;
import static com.accountingexport.pdf.InvoicePdfFixtures.render;
import static com.accountingexport.pdf.InvoicePdfFixtures.settings;
import static com.accountingexport.pdf.InvoicePdfFixtures.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.accountingexport.core.document.Counterparty;
import com.accountingexport.core.document.Document;
import com.accountingexport.core.document.DocumentType;
import com.accountingexport.core.document.LineKind;
import com.accountingexport.core.settings.Company;
import com.accountingexport.core.settings.Invoicing;
import com.accountingexport.core.settings.PdfBundle;
import com.accountingexport.core.settings.TenantSettings;
import com.accountingexport.core.settings.VatRegime;
import java.io.IOException;
import java.time.LocalDate;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.junit.jupiter.api.Test;

/** What a rendered PDF says, read back with PDFBox. */
class InvoicePdfMentionsTest {
  private static final String INDEMNITY = "Indemnité forfaitaire pour frais de recouvrement : 40 €";
  private static final String DEBITS = "Option pour le paiement de la taxe d'après les débits";

  private static void assertHas(String text, String... expected) {
    for (String e : expected) {
      assertTrue(text.contains(e), () -> "missing \"" + e + "\" in: " + text);
    }
  }

  @Test
  void aBusinessInvoiceCarriesEveryLegalMention() {
    String text = text(render(b2bInvoice(), settings(company()), null));

    // the seller
    assertHas(text, "Formations Martin", "SAS au capital de 10 000,00 €", "12 rue de la République", "Bâtiment B",
        "69002 Lyon", "SIREN 732829320", "SIRET 73282932000074", "RCS Lyon 732 829 320",
        "N° TVA intracommunautaire : FR44732829320");
    // the buyer
    assertHas(text, "Dupont Industrie SARL", "5 avenue Foch", "75016 Paris", "SIREN 412345678",
        "SIRET 41234567800012", "N° TVA intracommunautaire : FR12412345678");
    // number and dates
    assertHas(text, "Facture", "N° F-2026-042", "Date d'émission : 02/03/2026",
        "Période de prestation : du 01/03/2026 au 31/03/2026", "Période : du 01/03/2026 au 31/03/2026");
    // each line: label, net, rate, VAT, gross
    assertHas(text, "Formation Excel avancé 1 234,50 € 20 % 246,90 € 1 481,40 €",
        "Manuel de formation 100,00 € 5,5 % 5,50 € 105,50 €");
    // VAT per rate, then the totals
    assertHas(text, "TVA 5,5 % 100,00 € 5,50 €", "TVA 20 % 1 234,50 € 246,90 €");
    assertHas(text, "Total HT 1 334,50 €", "Total TVA 252,40 €", "Total TTC 1 586,90 €");
    // payment terms
    assertHas(text, "Date d'échéance : 01/04/2026", "Pénalités de retard de paiement", "10 % l'an", INDEMNITY);
    // mentions that do not apply here
    assertFalse(text.contains("293 B"), text);
    assertFalse(text.contains("Autoliquidation"), text);
    assertFalse(text.contains(DEBITS), text);
    assertFalse(text.contains("acompte"), text);
  }

  @Test
  void theDueDateIsTheDocumentsOwnWhenItHasOne() {
    Document d = b2bInvoice();
    Document due = new Document(d.id(), d.type(), d.number(), d.date(), d.status(), d.currency(), d.exchangeRate(),
        d.counterparty(), d.lines(), d.totals(), null, List.of(), null, null, null, null, null, null, null,
        LocalDate.of(2026, 3, 17));
    assertHas(text(render(due, settings(company()), null)), "Date d'échéance : 17/03/2026");
  }

  @Test
  void withoutATenantRateThePenaltyIsTheLegalDefault() {
    TenantSettings s = settings(company()).withInvoicing(new Invoicing(company(), 45, null, PdfBundle.NONE));
    assertHas(text(render(b2bInvoice(), s, null)), "trois fois le taux d'intérêt légal",
        "Date d'échéance : 16/04/2026");
  }

  @Test
  void aCreditNoteNamesTheInvoiceItCorrects() {
    Document invoice = b2bInvoice();
    Document credit = document(DocumentType.CREDIT_NOTE, "AV-2026-007", LocalDate.of(2026, 3, 20), business(),
        List.of(line("Remboursement manuel abîmé", LineKind.GOODS, "100.00", "5.50", "5.50", null)));
    String text = text(render(credit, settings(company()), invoice));
    assertHas(text, "Avoir", "N° AV-2026-007", "Avoir sur la facture F-2026-042 du 02/03/2026", "Total TTC 105,50 €");
    assertFalse(text.contains("Facture d'acompte"), text);
  }

  @Test
  void aDepositInvoiceSaysSo() {
    Document deposit = document(DocumentType.DEPOSIT_INVOICE, "FA-2026-003", business(),
        List.of(line("Acompte 30 % formation", LineKind.SERVICES, "300.00", "20.00", "60.00", null)));
    String text = text(render(deposit, settings(company()), null));
    assertHas(text, "Facture d'acompte", "N° FA-2026-003", "acompte à valoir sur la facture définitive",
        "Total TTC 360,00 €", INDEMNITY);
  }

  @Test
  void aSellerUnderTheFranchiseWritesArticle293B() {
    Document d = document(DocumentType.INVOICE, "2026-015", consumer(),
        List.of(line("Séance de sophrologie", LineKind.SERVICES, "60.00", "0.00", "0.00", null)));
    String text = text(render(d, settings(franchiseCompany()), null));
    assertHas(text, "TVA non applicable, art. 293 B du CGI", "Julie Petit", "EI", "SIREN 812345678",
        "Total TTC 60,00 €");
    assertFalse(text.contains("N° TVA intracommunautaire"), text);
  }

  @Test
  void aZeroRateInvoiceOfASellerWithAVatNumberIsNotUnderTheFranchise() {
    Document d = document(DocumentType.INVOICE, "F-2026-050", germanBusiness(),
        List.of(line("Audit de sécurité", LineKind.SERVICES, "2000.00", "0.00", "0.00", null)));
    String text = text(render(d, settings(company()), null));
    assertHas(text, "Autoliquidation", "N° TVA intracommunautaire : DE123456789", "Müller Software GmbH",
        "10115 Berlin (DE)", INDEMNITY);
    assertFalse(text.contains("293 B"), text);
  }

  @Test
  void zeroRateGoodsToAnEuBusinessAreExemptUnderArticle262terI() {
    Document d = document(DocumentType.INVOICE, "F-2026-051", germanBusiness(),
        List.of(line("Serveur", LineKind.GOODS, "3000.00", "0.00", "0.00", null)));
    String text = text(render(d, settings(company()), null));
    assertHas(text, "Exonération de TVA, art. 262 ter I du CGI");
    assertFalse(text.contains("Autoliquidation"), text);
  }

  @Test
  void aDebitsTenantInvoicingServicesPrintsTheOption() {
    assertHas(text(render(b2bInvoice(), settings(company(), VatRegime.DEBITS), null)), DEBITS);
    assertFalse(text(render(b2bInvoice(), settings(company(), VatRegime.COLLECTIONS), null)).contains(DEBITS));
    Document goodsOnly = document(DocumentType.INVOICE, "F-2026-060", business(),
        List.of(line("Manuel", LineKind.GOODS, "100.00", "5.50", "5.50", null)));
    assertFalse(text(render(goodsOnly, settings(company(), VatRegime.DEBITS), null)).contains(DEBITS));
  }

  @Test
  void aConsumerInvoiceHasNoRecoveryIndemnity() {
    Document d = document(DocumentType.INVOICE, "F-2026-070", consumer(),
        List.of(line("Abonnement mensuel", LineKind.SERVICES, "40.00", "20.00", "8.00", null)));
    String text = text(render(d, settings(company()), null));
    assertHas(text, "Marie Durand", "3 place Bellecour", "Date d'échéance : 01/04/2026", "Pénalités de retard");
    assertFalse(text.contains("Indemnité forfaitaire"), text);
    assertFalse(text.contains("40 €"), text);
  }

  @Test
  void aFrenchBusinessKnownByItsVatNumberGetsItsSirenFromIt() {
    Document d = document(DocumentType.INVOICE, "F-2026-080", new Counterparty("C9", "Atelier Bois SAS", null, null,
        "FR 12 412345678", "FR", business().billingAddress(), null, false, null),
        List.of(line("Conseil", LineKind.SERVICES, "100.00", "20.00", "20.00", null)));
    String text = text(render(d, settings(company()), null));
    assertHas(text, "SIREN 412345678", "N° TVA intracommunautaire : FR 12 412345678", INDEMNITY);
    assertFalse(text.contains("SIRET 4"), text);
  }

  @Test
  void anotherCurrencyIsWrittenWithItsCode() {
    Document eur = b2bInvoice();
    Document usd = new Document(eur.id(), eur.type(), eur.number(), eur.date(), eur.status(), "USD",
        new java.math.BigDecimal("1.0800"), eur.counterparty(), eur.lines(), eur.totals(), null, List.of(), null, null,
        null, null);
    String text = text(render(usd, settings(company()), null));
    assertHas(text, "Total TTC 1 586,90 USD", "Montants en USD", INDEMNITY);
  }

  @Test
  void theLogoIsDrawnAndABrokenOneIsAnAnomaly() throws IOException {
    try (PDDocument doc = Loader.loadPDF(render(b2bInvoice(), settings(company()), null))) {
      PDResources res = doc.getPage(0).getResources();
      int images = 0;
      for (COSName name : res.getXObjectNames()) {
        if (res.getXObject(name) instanceof PDImageXObject img) {
          assertEquals(16, img.getWidth());
          images++;
        }
      }
      assertEquals(1, images);
    }
    Company c = company();
    Company broken = new Company(c.name(), c.legalForm(), c.shareCapital(), c.address(), c.siren(), c.siret(), c.rcs(),
        c.vatNumber(), "bm90IGFuIGltYWdl"); // "not an image"
    var anomalies = InvoicePdf.check(b2bInvoice(), settings(broken), null);
    assertEquals(1, anomalies.size());
    assertTrue(anomalies.get(0).message().contains("logo"), anomalies.get(0).message());
  }

  @Test
  void theTextIsInStandardHelveticaWithWinAnsiSoTheEuroSignPrints() throws IOException {
    byte[] pdf = render(b2bInvoice(), settings(company()), null);
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      PDResources res = doc.getPage(0).getResources();
      int fonts = 0;
      for (COSName name : res.getFontNames()) {
        PDFont font = res.getFont(name);
        assertTrue(font.getName().startsWith("Helvetica"), font.getName());
        assertFalse(font.isEmbedded(), font.getName());
        assertEquals("WinAnsiEncoding", font.getCOSObject().getNameAsString(COSName.ENCODING));
        fonts++;
      }
      assertTrue(fonts >= 2, "regular and bold");
    }
    assertHas(text(pdf), "1 586,90 €", "Désignation", "Période", "échéance", "Indemnité");
  }
}
