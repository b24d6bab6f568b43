package com.accountingexport.pdf;

import static com.accountingexport.pdf.InvoicePdfFixtures.b2bInvoice;
import static com.accountingexport.pdf.InvoicePdfFixtures.company;
import static com.accountingexport.pdf.InvoicePdfFixtures.manyLines;
import static com.accountingexport.pdf.InvoicePdfFixtures.pageText;
import static com.accountingexport.pdf.InvoicePdfFixtures.pages;
import static com.accountingexport.pdf.InvoicePdfFixtures.render;
import static com.accountingexport.pdf.InvoicePdfFixtures.settings;
import static com.accountingexport.pdf.InvoicePdfFixtures.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A small invoice fits on one page; a long one continues its table on the next pages. */
class InvoicePdfPagesTest {

  @Test
  void aSmallInvoiceIsOnePage() {
    byte[] pdf = render(b2bInvoice(), settings(company()), null);
    assertEquals(1, pages(pdf));
    assertTrue(text(pdf).contains("Facture F-2026-042 – page 1/1"), text(pdf));
  }

  @Test
  void aLongInvoiceContinuesItsTableOnTheNextPages() {
    byte[] pdf = render(manyLines(120), settings(company()), null);
    int n = pages(pdf);
    assertTrue(n > 1, "pages: " + n);
    String all = text(pdf);
    for (int i = 1; i <= 120; i++) {
      assertTrue(all.contains("Séance de coaching n° " + i + " 50,00 €"), "line " + i);
    }
    String second = pageText(pdf, 2);
    assertTrue(second.contains("Désignation Montant HT TVA Montant TVA Montant TTC"), "header row repeats: " + second);
    assertTrue(second.contains("Facture F-2026-120 – page 2/" + n), second);
    assertFalse(second.contains("Dupont Industrie SARL"), "the buyer block is on the first page only");
    String last = pageText(pdf, n);
    assertTrue(last.contains("Séance de coaching n° 120"), last);
    assertTrue(last.contains("Total TTC 7 200,00 €"), last);
    assertTrue(last.contains("Indemnité forfaitaire pour frais de recouvrement : 40 €"), last);
  }
}
