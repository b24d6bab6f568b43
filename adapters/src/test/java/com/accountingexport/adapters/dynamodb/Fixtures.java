package com.accountingexport.adapters.dynamodb;

import com.accountingexport.core.auth.Role;
import com.accountingexport.core.auth.Level;
import com.accountingexport.core.auth.Screen;
import com.accountingexport.core.booking.JournalKind;
import com.accountingexport.core.document.Address;
import com.accountingexport.core.document.Counterparty;
import com.accountingexport.core.document.Document;
import com.accountingexport.core.document.DocumentLine;
import com.accountingexport.core.document.DocumentStatus;
import com.accountingexport.core.document.DocumentType;
import com.accountingexport.core.document.LineKind;
import com.accountingexport.core.document.PaymentInfo;
import com.accountingexport.core.document.ServicePeriod;
import com.accountingexport.core.document.Totals;
import com.accountingexport.core.settings.AccountMapping;
import com.accountingexport.core.settings.Language;
import com.accountingexport.core.settings.TenantSettings;
import com.accountingexport.core.settings.VatRegime;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.List;
import java.util.Map;

/** Documents and settings with every field set to something other than its default. */
final class Fixtures {
  private Fixtures() {}

  static BigDecimal dec(String s) {
    return new BigDecimal(s);
  }

  /** A USD final invoice: both addresses, Chorus, two lines with service periods, deposits, payment. */
  static Document fullDocument(String id) {
    Address billing = new Address("12 avenue des Champs-Élysées", "Bâtiment B", "75008", "Paris", "FR", "12345678900011");
    Address delivery = new Address("5 Main Street", "Suite 300", "10001", "New York", "US", null);
    Counterparty customer = new Counterparty("C-42", "Société Générale d'Essai", "411C0042", "12345678900011",
        "FR12345678901", "FR", billing, delivery, true, "compta@example.fr");
    List<DocumentLine> lines = List.of(
        new DocumentLine("Audit annuel", LineKind.SERVICES, dec("1000.00"), dec("20.00"), dec("200.00"), "706100",
            new ServicePeriod(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 3, 31))),
        new DocumentLine("Licence", LineKind.GOODS, dec("250.50"), dec("5.5"), dec("13.78"), null, null),
        new DocumentLine("Remise", LineKind.SERVICES, dec("-50.00"), dec("20.00"), dec("-10.00"), null,
            new ServicePeriod(LocalDate.of(2026, 2, 1), null)));
    return new Document(id, DocumentType.INVOICE, "F-2026-0042", LocalDate.of(2026, 2, 14),
        DocumentStatus.VALIDATED, "USD", dec("1.0856"), customer, lines,
        new Totals(dec("1200.50"), dec("203.78"), dec("1404.28")),
        "Q-7", List.of("DEP-1", "DEP-2"),
        new PaymentInfo("card", "512100", LocalDate.of(2026, 2, 20), true),
        "ENG-99", "PO-2026-5", LocalDate.of(2026, 12, 31),
        List.of(new com.accountingexport.core.document.Allocation("Q-7", dec("100.00")),
            new com.accountingexport.core.document.Allocation("Q-8", null)),
        com.accountingexport.core.settings.VatRegime.DEBITS, java.time.Instant.parse("2026-02-15T08:30:00Z"),
        LocalDate.of(2026, 3, 16));
  }

  /** Only what a document cannot do without; every optional field null. */
  static Document minimalDocument(String id, LocalDate date) {
    return new Document(id, DocumentType.PAYMENT, null, date, DocumentStatus.DRAFT, null, null, null, null,
        new Totals(dec("10.00"), dec("0.00"), dec("10.00")), null, null, null, null, null, null);
  }

  /** A small EUR invoice. */
  static Document invoice(String id, LocalDate date) {
    return new Document(id, DocumentType.INVOICE, "F-" + id, date, DocumentStatus.VALIDATED, "EUR", null,
        new Counterparty("C1", "Client", null, null, null, "FR", null, null, false, null),
        List.of(new DocumentLine("Prestation", LineKind.SERVICES, dec("100.00"), dec("20.00"), dec("20.00"), null, null)),
        new Totals(dec("100.00"), dec("20.00"), dec("120.00")), null, null, null, null, null, null);
  }

  static TenantSettings fullSettings() {
    AccountMapping accounts = new AccountMapping(
        "411100", "401100", "421100", "706100", "707100",
        "445711", Map.of("20.00", "445712", "5.50", "445713"), "445741",
        "445661", "445621", "445641",
        "419110", "512100", "531000", "625700",
        "666000", "766000",
        "C", "F", "E");
    return new TenantSettings(
        MonthDay.of(7, 1), VatRegime.COLLECTIONS, "{yyyy}/{seq:4}", "csv",
        Map.of(JournalKind.SALES, "VTE", JournalKind.BANK, "BNP", JournalKind.PURCHASES, "ACH",
            JournalKind.CASH, "CAI", JournalKind.EXPENSES, "NF"),
        accounts, List.of("cfo@example.fr", "cabinet@example.fr"), 250,
        Map.of(
            Screen.EXPORTS, Map.of(Role.FIRM_USER, Level.WRITE, Role.COMPANY_ADMIN, Level.READ,
                Role.COMPANY_USER, Level.READ),
            Screen.VAT_SUMMARY, Map.of(Role.FIRM_USER, Level.NONE, Role.COMPANY_ADMIN, Level.NONE,
                Role.COMPANY_USER, Level.NONE),
            Screen.CHART_OF_ACCOUNTS, Map.of(Role.FIRM_USER, Level.NONE, Role.COMPANY_ADMIN, Level.WRITE,
                Role.COMPANY_USER, Level.NONE),
            Screen.SETTINGS, Map.of(Role.FIRM_USER, Level.READ, Role.COMPANY_USER, Level.READ)),
        "732829320", Language.EN, null, 40).withInvoicing(new com.accountingexport.core.settings.Invoicing(
            new com.accountingexport.core.settings.Company("Formations Dupont", "SAS", dec("10000.00"),
                new Address("12 rue des Lilas", null, "69003", "Lyon", "FR", null), "732829320", "73282932000074",
                "RCS Lyon 732 829 320", "FR44732829320", "iVBORw0KGgo="),
            45, "10 % par an", com.accountingexport.core.settings.PdfBundle.ZIP));
  }
}
