package com.accountingexport.core.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.accountingexport.core.auth.Caller;
import com.accountingexport.core.auth.Role;
import com.accountingexport.core.auth.TenantId;
import com.accountingexport.core.document.Allocation;
import com.accountingexport.core.document.Counterparty;
import com.accountingexport.core.document.Document;
import com.accountingexport.core.document.DocumentLine;
import com.accountingexport.core.document.DocumentStatus;
import com.accountingexport.core.document.DocumentType;
import com.accountingexport.core.document.LineKind;
import com.accountingexport.core.document.PaymentInfo;
import com.accountingexport.core.document.Totals;
import com.accountingexport.core.error.DomainException;
import com.accountingexport.core.fakes.InMemoryDocumentRepository;
import com.accountingexport.core.fakes.InMemoryExportRepository;
import com.accountingexport.core.fakes.InMemoryFileStore;
import com.accountingexport.core.fakes.InMemoryLetterCodes;
import com.accountingexport.core.fakes.InMemorySettingsRepository;
import com.accountingexport.core.format.FecReport;
import com.accountingexport.core.format.FecValidator;
import com.accountingexport.core.service.ExportPlanner;
import com.accountingexport.core.service.Selection;
import com.accountingexport.core.service.SettingsService;
import com.accountingexport.core.settings.TenantSettings;
import com.accountingexport.core.settings.VatRegime;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Property: over random ledgers of a year (invoices, credit notes, partial, full, multi-invoice,
 * foreign-currency and external payments, refunds, purchases, supplier payments) exported month by
 * month, with a month cancelled and exported again, the fiscal-year FEC is valid for the
 * administration's checks (numbering, chronology, balance, lettering) and holds every booked
 * document of the year exactly once.
 */
class FiscalYearFecPropertyTest {
  static final TenantId T = new TenantId("prop");
  static final Caller ADMIN = new Caller(T, "u1", Role.COMPANY_ADMIN, "admin@prop.test");
  static final BigDecimal[] RATES = {new BigDecimal("5.50"), new BigDecimal("10.00"), new BigDecimal("20.00")};

  @Test
  void everyFiscalYearFec_ofRandomLedgers_isValid_andHoldsEveryExportedDocumentOnce() {
    int[] seen = new int[3]; // lettered lines, OD lines (external payments' VAT), foreign-currency lines
    for (int seed = 1; seed <= 12; seed++) {
      check(new Random(20261130L * seed), "seed " + seed, seen);
    }
    assertTrue(seen[0] > 0 && seen[1] > 0 && seen[2] > 0, "the ledgers exercised lettering, OD and currencies: "
        + java.util.Arrays.toString(seen));
  }

  private void check(Random random, String context, int[] seen) {
    Clock clock = Clock.fixed(Instant.parse("2026-12-31T10:00:00Z"), ZoneOffset.UTC);
    InMemoryDocumentRepository docs = new InMemoryDocumentRepository();
    InMemoryExportRepository repo = new InMemoryExportRepository(docs);
    InMemoryFileStore store = new InMemoryFileStore();
    InMemorySettingsRepository settingsRepo = new InMemorySettingsRepository();
    SettingsService settings = new SettingsService(settingsRepo);
    TenantSettings d = TenantSettings.defaults();
    settingsRepo.save(T, new TenantSettings(d.fiscalYearStart(),
        random.nextBoolean() ? VatRegime.COLLECTIONS : VatRegime.DEBITS, d.numberingPattern(), d.defaultFormat(),
        d.journalCodes(), d.accounts(), d.notificationEmails(), d.backgroundThreshold(), d.pageAccess(), "732829320",
        d.language(), null, null));
    ExportFiles files = new ExportFiles(store, new InMemoryLetterCodes());
    AtomicLong ids = new AtomicLong();
    GenerationSteps steps = new GenerationSteps(repo, docs, new ExportPlanner(docs), settings, files,
        ExportNotifier.NONE, clock, GenerationSteps.Options.defaults());
    ExportGenerator generator = new ExportGenerator(repo, new ExportPlanner(docs), settings, files, steps,
        new ExportRecovery(repo, clock), null, clock, () -> "exp-" + ids.incrementAndGet(), Duration.ofMinutes(5));
    ExportService service = new ExportService(repo, settings, files, clock, ExportService.Options.defaults());
    FiscalYearFec fiscalYear = new FiscalYearFec(repo, settings, files, clock, Duration.ofMinutes(5));

    for (Document doc : ledger(random)) {
      docs.upsert(T, doc, clock.instant());
    }
    List<Export> exported = new ArrayList<>();
    int cancelledMonth = 1 + random.nextInt(12);
    for (int month = 1; month <= 12; month++) {
      LocalDate from = LocalDate.of(2026, month, 1);
      LocalDate to = from.plusMonths(1).minusDays(1);
      Export e = generate(generator, from, to);
      if (e != null && month == cancelledMonth) {
        service.cancel(ADMIN, e.id());
        e = generate(generator, from, to); // the month again, after its export was cancelled
      }
      if (e != null) {
        exported.add(e);
      }
    }
    Set<String> expected = new HashSet<>();
    for (Export e : exported) {
      expected.addAll(repo.heldDocuments(T, e.id()));
    }

    Download fec = fiscalYear.build(ADMIN, "2026", random.nextBoolean() ? "tab" : "pipe", null);
    String key = fec.url().substring(fec.url().indexOf("tenants/"), fec.url().indexOf('?') < 0 ? fec.url().length() : fec.url().indexOf('?'));
    byte[] bytes = store.bytes(java.net.URLDecoder.decode(key, StandardCharsets.UTF_8));
    FecReport report = FecValidator.check(new ByteArrayInputStream(bytes));
    assertTrue(report.valid(), () -> context + ": " + report.violations());
    String separator = fec.format().equals("fec-pipe") ? "\\|" : "\t";
    Set<String> pieces = new HashSet<>();
    Set<String> numbers = new HashSet<>();
    String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\r\n");
    for (int i = 1; i < lines.length; i++) {
      String[] f = lines[i].split(separator, -1);
      pieces.add(f[8]);
      numbers.add(f[2]);
      seen[0] += f[13].isEmpty() ? 0 : 1;
      seen[1] += f[0].equals("OD") ? 1 : 0;
      seen[2] += f[17].isEmpty() ? 0 : 1;
    }
    assertEquals(expected.size(), numbers.size(), context + ": one EcritureNum per exported document");
    assertEquals(expected.size(), pieces.size(), context + ": every exported document once");
  }

  private static Export generate(ExportGenerator generator, LocalDate from, LocalDate to) {
    try {
      return generator.generate(ADMIN, new ExportGenerator.GenerateRequest(
          new Selection(from, to, List.of(), List.of(), true, false), null, null, null, null)).export();
    } catch (DomainException e) {
      if (e.code().equals("NOTHING_TO_EXPORT")) {
        return null;
      }
      throw e;
    }
  }

  /** About 80 documents over 2026 between 6 customers and 3 suppliers; numbers unique, piece refs unique. */
  private static List<Document> ledger(Random random) {
    List<Document> out = new ArrayList<>();
    List<Document> invoices = new ArrayList<>();
    List<Document> credits = new ArrayList<>();
    List<Document> purchases = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      LocalDate date = LocalDate.of(2026, 1 + random.nextInt(12), 1 + random.nextInt(28));
      boolean usd = random.nextInt(8) == 0;
      Document invoice = lineDocument(random, DocumentType.INVOICE, "F-" + i, "inv-" + i, date, usd, "C" + random.nextInt(6));
      invoices.add(invoice);
      out.add(invoice);
      if (random.nextInt(6) == 0) {
        Document credit = lineDocument(random, DocumentType.CREDIT_NOTE, "AV-" + i, "cn-" + i, date.plusDays(random.nextInt(3)),
            false, invoice.counterparty().id());
        credit = with(credit, invoice.id(), List.of(), null);
        credits.add(credit);
        out.add(credit);
      }
    }
    for (int i = 0; i < 12; i++) {
      LocalDate date = LocalDate.of(2026, 1 + random.nextInt(12), 1 + random.nextInt(28));
      Document purchase = lineDocument(random, DocumentType.PURCHASE_INVOICE, "FF-" + i, "pur-" + i, date, false, "S" + random.nextInt(3));
      purchases.add(purchase);
      out.add(purchase);
    }
    int n = 0;
    for (Document invoice : invoices) {
      int roll = random.nextInt(10);
      LocalDate paidAt = later(random, invoice.date());
      if (paidAt == null || roll < 2) {
        continue; // unpaid
      }
      BigDecimal gross = invoice.totals().gross();
      if (!invoice.isEuro()) {
        // a EUR payment of a foreign-currency invoice, in full
        BigDecimal eur = gross.divide(invoice.exchangeRate(), 2, RoundingMode.HALF_UP).add(BigDecimal.valueOf(random.nextInt(200) - 100, 2));
        out.add(settlement(DocumentType.PAYMENT, "R-" + n++, invoice.counterparty(), paidAt, eur, invoice.id(), List.of(), false));
      } else if (roll < 5) {
        BigDecimal part = gross.multiply(BigDecimal.valueOf(20 + random.nextInt(60), 2)).setScale(2, RoundingMode.DOWN);
        out.add(settlement(DocumentType.PAYMENT, "R-" + n++, invoice.counterparty(), paidAt, part, invoice.id(), List.of(), false));
        LocalDate rest = later(random, paidAt);
        if (rest != null) {
          out.add(settlement(DocumentType.PAYMENT, "R-" + n++, invoice.counterparty(), rest, gross.subtract(part), invoice.id(),
              List.of(), random.nextInt(4) == 0));
        }
      } else {
        out.add(settlement(DocumentType.PAYMENT, "R-" + n++, invoice.counterparty(), paidAt, gross, invoice.id(), List.of(),
            random.nextInt(6) == 0));
      }
    }
    // a payment of two invoices of one customer, when two unpaid EUR ones exist
    for (int i = 0; i + 1 < invoices.size(); i++) {
      Document a = invoices.get(i);
      Document b = invoices.get(i + 1);
      if (a.isEuro() && b.isEuro() && a.counterparty().id().equals(b.counterparty().id())) {
        LocalDate paidAt = later(random, a.date().isAfter(b.date()) ? a.date() : b.date());
        if (paidAt != null) {
          BigDecimal total = a.totals().gross().add(b.totals().gross());
          out.add(settlement(DocumentType.PAYMENT, "RM-" + i, a.counterparty(), paidAt, total, null,
              List.of(new Allocation(a.id(), a.totals().gross()), new Allocation(b.id(), b.totals().gross())), false));
        }
        break;
      }
    }
    for (Document credit : credits) {
      LocalDate paidAt = later(random, credit.date());
      if (paidAt != null && random.nextBoolean()) {
        out.add(settlement(DocumentType.REFUND, "RB-" + n++, credit.counterparty(), paidAt, credit.totals().gross(),
            credit.id(), List.of(), false));
      }
    }
    for (Document purchase : purchases) {
      LocalDate paidAt = later(random, purchase.date());
      if (paidAt != null && random.nextBoolean()) {
        out.add(settlement(DocumentType.SUPPLIER_PAYMENT, "VIR-" + n++, purchase.counterparty(), paidAt,
            purchase.totals().gross(), purchase.id(), List.of(), false));
      }
    }
    return out;
  }

  private static LocalDate later(Random random, LocalDate date) {
    LocalDate d = date.plusDays(1 + random.nextInt(60));
    return d.getYear() == 2026 ? d : null;
  }

  private static Document lineDocument(Random random, DocumentType type, String number, String id, LocalDate date,
      boolean usd, String partyId) {
    List<DocumentLine> lines = new ArrayList<>();
    BigDecimal net = BigDecimal.ZERO;
    BigDecimal vat = BigDecimal.ZERO;
    int count = 1 + random.nextInt(3);
    for (int i = 0; i < count; i++) {
      BigDecimal lineNet = BigDecimal.valueOf(1_000 + random.nextInt(200_000), 2);
      BigDecimal rate = RATES[random.nextInt(RATES.length)];
      BigDecimal lineVat = lineNet.multiply(rate).divide(BigDecimal.valueOf(100), 2, RoundingMode.HALF_UP);
      String account = type == DocumentType.PURCHASE_INVOICE ? (random.nextBoolean() ? "606400" : "622600") : null;
      lines.add(new DocumentLine("Ligne " + i, random.nextInt(3) == 0 ? LineKind.GOODS : LineKind.SERVICES, lineNet, rate,
          lineVat, account, null));
      net = net.add(lineNet);
      vat = vat.add(lineVat);
    }
    Counterparty party = new Counterparty(partyId, "Tiers " + partyId + " é", null, null, null, "FR", null, null, false, null);
    return new Document(id, type, number, date, DocumentStatus.VALIDATED, usd ? "USD" : "EUR", usd ? new BigDecimal("1.0800") : null,
        party, lines, new Totals(net, vat, net.add(vat)), null, List.of(), null, null, null, null);
  }

  private static Document with(Document d, String related, List<Allocation> allocations, PaymentInfo payment) {
    return new Document(d.id(), d.type(), d.number(), d.date(), d.status(), d.currency(), d.exchangeRate(), d.counterparty(),
        d.lines(), d.totals(), related, d.depositDocumentIds(), payment, null, null, null, allocations, null, null);
  }

  private static Document settlement(DocumentType type, String number, Counterparty party, LocalDate paidAt, BigDecimal amount,
      String related, List<Allocation> allocations, boolean external) {
    Document d = new Document(number.toLowerCase(), type, number, paidAt, DocumentStatus.VALIDATED, "EUR", null, party, List.of(),
        new Totals(amount, BigDecimal.ZERO.setScale(2), amount), null, List.of(), null, null, null, null);
    return with(d, related, allocations, new PaymentInfo("transfer", "512000", paidAt, external));
  }
}
