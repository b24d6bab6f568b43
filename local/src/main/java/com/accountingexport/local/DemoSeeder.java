package com.accountingexport.local;

import com.accountingexport.adapters.Wiring;
import com.accountingexport.core.auth.Caller;
import com.accountingexport.core.auth.Role;
import com.accountingexport.core.auth.TenantId;
import com.accountingexport.core.document.Address;
import com.accountingexport.core.document.Document;
import com.accountingexport.core.service.DocumentQuery;
import com.accountingexport.core.settings.Company;
import com.accountingexport.core.settings.Invoicing;
import com.accountingexport.core.settings.TenantSettings;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** Writes {@link DemoData} into the demo tenant through the document service, when it has nothing yet. */
final class DemoSeeder {
  static final Caller DEMO_ADMIN =
      new Caller(new TenantId(DemoData.TENANT), "demo-seed", Role.COMPANY_ADMIN, "admin@demo-informatique.fr");

  private DemoSeeder() {}

  /**
   * The demo company (the seller printed on rendered invoice PDFs) and its SIREN (which names the
   * FEC files), when the demo tenant has none: PDF bundles and the fiscal-year FEC work at once.
   */
  static void seedCompany(Wiring wiring, PrintStream log) {
    TenantSettings s = wiring.settings().get(DEMO_ADMIN.tenant());
    if (s.invoicing().company() != null || s.siren() != null) {
      return;
    }
    Company company = new Company("Démo Informatique", "SAS", new BigDecimal("50000.00"),
        new Address("8 rue de la République", null, "69002", "Lyon", "FR", null), "732829320", "73282932000074",
        "RCS Lyon 732 829 320", "FR44732829320", null);
    TenantSettings withCompany = new TenantSettings(s.fiscalYearStart(), s.vatRegimeServices(), s.numberingPattern(),
        s.defaultFormat(), s.journalCodes(), s.accounts(), s.notificationEmails(), s.backgroundThreshold(),
        s.pageAccess(), company.siren(), s.language(), s.autoExport(), s.notifyAbove(),
        new Invoicing(company, s.invoicing().paymentTermsDays(), s.invoicing().latePenaltyRate(),
            s.invoicing().defaultPdf()));
    wiring.settings().put(DEMO_ADMIN, withCompany);
    log.println("[local] demo tenant: company " + company.name() + ", SIREN " + company.siren());
  }

  /** The number of documents written: 0 when the tenant already had documents this year. */
  static int seedIfEmpty(Wiring wiring, PrintStream log) {
    LocalDate today = LocalDate.now(wiring.clock());
    LocalDate from = LocalDate.of(today.getYear(), 1, 1);
    LocalDate to = LocalDate.of(today.getYear(), 12, 31);
    boolean empty = wiring.documents()
        .list(DEMO_ADMIN, new DocumentQuery(from, to, null, null, null, null, null, 1))
        .items().isEmpty();
    if (!empty) {
      log.println("[local] demo tenant '" + DemoData.TENANT + "' already has documents: not seeded");
      return 0;
    }
    seedCompany(wiring, log);
    List<Document> docs = DemoData.generate(today);
    long started = System.nanoTime();
    log.println("[local] seeding demo tenant '" + DemoData.TENANT + "' with " + docs.size() + " documents...");
    int written = 0;
    int refused = 0;
    for (Document d : docs) {
      try {
        wiring.documents().put(DEMO_ADMIN, d);
        written++;
      } catch (RuntimeException e) {
        refused++;
        if (refused <= 5) {
          log.println("[local] WARNING: demo document " + d.id() + " refused: " + e.getClass().getSimpleName()
              + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
        if (refused == 10 && written == 0) {
          log.println("[local] WARNING: the document service refuses every document: seeding stopped");
          break;
        }
      }
    }
    log.printf("[local] demo tenant seeded: %d documents written, %d refused, in %d ms%n",
        written, refused, (System.nanoTime() - started) / 1_000_000);
    return written;
  }
}
