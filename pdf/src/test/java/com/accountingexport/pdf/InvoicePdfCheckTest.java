package com.accountingexport.pdf;

import static com.accountingexport.pdf.InvoicePdfFixtures.b2bInvoice;
import static com.accountingexport.pdf.InvoicePdfFixtures.business;
import static com.accountingexport.pdf.InvoicePdfFixtures.company;
import static com.accountingexport.pdf.InvoicePdfFixtures.document;
import static com.accountingexport.pdf.InvoicePdfFixtures.line;
import static com.accountingexport.pdf.InvoicePdfFixtures.settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.accountingexport.core.booking.Anomaly;
import com.accountingexport.core.booking.AnomalyCode;
import com.accountingexport.core.document.Address;
import com.accountingexport.core.document.Counterparty;
import com.accountingexport.core.document.Document;
import com.accountingexport.core.document.DocumentType;
import com.accountingexport.core.document.LineKind;
import com.accountingexport.core.settings.Company;
import com.accountingexport.core.settings.TenantSettings;
import java.io.ByteArrayOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What keeps a document from its PDF is an anomaly naming every missing item, never a blank field. */
class InvoicePdfCheckTest {

  private static Anomaly single(List<Anomaly> anomalies) {
    assertEquals(1, anomalies.size(), anomalies::toString);
    assertEquals(AnomalyCode.PDF_INCOMPLETE.name(), anomalies.get(0).code());
    return anomalies.get(0);
  }

  private static Document withBuyer(Document d, Counterparty buyer) {
    return new Document(d.id(), d.type(), d.number(), d.date(), d.status(), d.currency(), d.exchangeRate(), buyer,
        d.lines(), d.totals(), null, List.of(), null, null, null, null);
  }

  @Test
  void aCompleteInvoiceHasNoAnomaly() {
    assertEquals(List.of(), InvoicePdf.check(b2bInvoice(), settings(company()), null));
  }

  @Test
  void withoutASellerThePdfWaits() {
    TenantSettings noCompany = settings(null);
    Anomaly a = single(InvoicePdf.check(b2bInvoice(), noCompany, null));
    assertTrue(a.message().startsWith("Invoice F-2026-042"), a.message());
    assertTrue(a.message().contains("the seller (settings company)"), a.message());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> InvoicePdf.render(b2bInvoice(), noCompany, null, new ByteArrayOutputStream()));
    assertTrue(e.getMessage().contains("the seller (settings company)"), e.getMessage());
    // default settings have no company either
    single(InvoicePdf.check(b2bInvoice(), TenantSettings.defaults(), null));
  }

  @Test
  void aBuyerWithoutAddressIsNamedAndNothingIsWritten() {
    Counterparty c = business();
    Document d = withBuyer(b2bInvoice(), new Counterparty(c.id(), c.name(), null, c.siret(), c.vatNumber(),
        c.countryCode(), null, null, false, null));
    Anomaly a = single(InvoicePdf.check(d, settings(company()), null));
    assertTrue(a.message().contains("the buyer's address"), a.message());
    assertFalse(a.message().contains("seller"), a.message());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertThrows(IllegalArgumentException.class, () -> InvoicePdf.render(d, settings(company()), null, out));
    assertEquals(0, out.size());
  }

  @Test
  void everyMissingItemIsNamedInOneMessage() {
    Company partial = new Company(" ", null, null, new Address(null, null, "69002", "Lyon", "FR", null), null, null,
        null, null, null);
    Document d = new Document("doc-x", DocumentType.INVOICE, null, null, null, "EUR", null,
        new Counterparty("C1", null, null, null, null, "FR", null, null, false, null),
        List.of(line(" ", LineKind.SERVICES, "10.00", "20.00", "2.00", null)), null, null, List.of(), null, null, null,
        null);
    String m = single(InvoicePdf.check(d, settings(partial), null)).message();
    for (String item : List.of("the seller's name", "the seller's address", "the seller's SIREN",
        "the seller's VAT number", "the number", "the issue date", "the buyer's name", "the buyer's address",
        "the label of line 1", "its totals")) {
      assertTrue(m.contains(item), () -> "\"" + item + "\" not in: " + m);
    }
    assertTrue(m.startsWith("Invoice doc-x"), m);
  }

  @Test
  void aSellerWithoutVatNumberNeedsOneOnlyWhenItChargesVat() {
    Company c = company();
    Company noVat = new Company(c.name(), c.legalForm(), c.shareCapital(), c.address(), c.siren(), c.siret(), c.rcs(),
        null, null);
    assertTrue(single(InvoicePdf.check(b2bInvoice(), settings(noVat), null)).message()
        .contains("the seller's VAT number"));
    Document zero = document(DocumentType.INVOICE, "F-1", business(),
        List.of(line("Conseil", LineKind.SERVICES, "100.00", "0.00", "0.00", null)));
    assertEquals(List.of(), InvoicePdf.check(zero, settings(noVat), null));
  }

  @Test
  void aSirenCanComeFromTheSiret() {
    Company c = company();
    Company siretOnly = new Company(c.name(), c.legalForm(), c.shareCapital(), c.address(), null, c.siret(), c.rcs(),
        c.vatNumber(), null);
    assertEquals(List.of(), InvoicePdf.check(b2bInvoice(), settings(siretOnly), null));
    Company neither = new Company(c.name(), c.legalForm(), c.shareCapital(), c.address(), null, null, c.rcs(),
        c.vatNumber(), null);
    assertTrue(single(InvoicePdf.check(b2bInvoice(), settings(neither), null)).message().contains("the seller's SIREN"));
    TenantSettings withTenantSiren = new TenantSettings(settings(neither).fiscalYearStart(),
        settings(neither).vatRegimeServices(), TenantSettings.DEFAULT_NUMBERING, "fec", null, null, List.of(), 1000,
        null, "732829320", null, null, null, settings(neither).invoicing());
    assertEquals(List.of(), InvoicePdf.check(b2bInvoice(), withTenantSiren, null));
  }

  @Test
  void aCreditNoteNeedsTheInvoiceItCorrects() {
    Document credit = document(DocumentType.CREDIT_NOTE, "AV-1", business(),
        List.of(line("Geste commercial", LineKind.SERVICES, "10.00", "20.00", "2.00", null)));
    String m = single(InvoicePdf.check(credit, settings(company()), null)).message();
    assertTrue(m.startsWith("Credit note AV-1"), m);
    assertTrue(m.contains("the number of the invoice it corrects"), m);
    assertTrue(m.contains("the date of the invoice it corrects"), m);
    assertEquals(List.of(), InvoicePdf.check(credit, settings(company()), b2bInvoice()));
  }

  @Test
  void onlyInvoicesCreditNotesAndDepositInvoicesHavePdfs() {
    for (DocumentType t : DocumentType.values()) {
      boolean expected = t == DocumentType.INVOICE || t == DocumentType.CREDIT_NOTE
          || t == DocumentType.DEPOSIT_INVOICE;
      assertEquals(expected, InvoicePdf.hasPdf(t), t.name());
    }
    Document purchase = document(DocumentType.PURCHASE_INVOICE, "A-1", business(),
        List.of(line("Achat", LineKind.SERVICES, "10.00", "20.00", "2.00", null)));
    assertTrue(single(InvoicePdf.check(purchase, settings(company()), null)).message().contains("only invoices"));
  }
}
