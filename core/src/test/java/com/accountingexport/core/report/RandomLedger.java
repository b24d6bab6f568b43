package com.accountingexport.core.report;

import com.accountingexport.core.booking.BookingResult;
import com.accountingexport.core.booking.Bookkeeper;
import com.accountingexport.core.booking.DocumentLookup;
import com.accountingexport.core.booking.JournalEntry;
import com.accountingexport.core.document.Allocation;
import com.accountingexport.core.document.Counterparty;
import com.accountingexport.core.document.Document;
import com.accountingexport.core.document.DocumentLine;
import com.accountingexport.core.document.DocumentStatus;
import com.accountingexport.core.document.DocumentType;
import com.accountingexport.core.document.LineKind;
import com.accountingexport.core.document.PaymentInfo;
import com.accountingexport.core.document.ServicePeriod;
import com.accountingexport.core.document.Totals;
import com.accountingexport.core.fakes.TestDocuments;
import com.accountingexport.core.settings.AccountMapping;
import com.accountingexport.core.settings.TenantSettings;
import com.accountingexport.core.settings.VatRegime;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * A random ledger of 2026: sales (invoices, credit notes, cash sales, some in USD), purchases, expense
 * reports, payments (whole, partial, several invoices at once, some paid outside the platform) and
 * refunds, with random VAT rates, goods or services lines, own revenue accounts and service periods;
 * random settings (regime, per-rate collected-VAT accounts). Every document is booked with the real
 * {@link Bookkeeper}; {@link #entries} are the booked ones, {@link #booked} their documents.
 */
final class RandomLedger {
  static final String[] METHODS = {"card", "transfer", "cash", "check", "sepa_debit"};
  private static final BigDecimal[] RATES = {
      new BigDecimal("0.00"), new BigDecimal("2.10"), new BigDecimal("5.50"), new BigDecimal("10.00"), new BigDecimal("20.00")};
  static final LocalDate START = LocalDate.of(2026, 1, 1);

  final TenantSettings settings;
  final List<Document> documents = new ArrayList<>();
  final List<Document> booked = new ArrayList<>();
  final List<JournalEntry> entries = new ArrayList<>();
  private final Map<String, Document> byId = new HashMap<>();
  private final Random random;

  private RandomLedger(long seed, int count) {
    random = new Random(seed);
    settings = settings();
    List<Document> invoices = new ArrayList<>();
    List<Document> creditNotes = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int pick = random.nextInt(100);
      Document d;
      if (pick < 30 || invoices.isEmpty()) {
        d = lineDocument(DocumentType.INVOICE, i);
        invoices.add(d);
      } else if (pick < 40) {
        d = lineDocument(DocumentType.CREDIT_NOTE, i);
        creditNotes.add(d);
      } else if (pick < 48) {
        d = lineDocument(DocumentType.CASH_SALE, i);
      } else if (pick < 60) {
        d = lineDocument(random.nextInt(4) == 0 ? DocumentType.PURCHASE_CREDIT_NOTE : DocumentType.PURCHASE_INVOICE, i);
      } else if (pick < 65) {
        d = lineDocument(DocumentType.EXPENSE_REPORT, i);
      } else if (pick < 93) {
        d = payment(invoices, i);
      } else if (!creditNotes.isEmpty()) {
        d = refund(creditNotes.get(random.nextInt(creditNotes.size())), i);
      } else {
        d = lineDocument(DocumentType.INVOICE, i);
        invoices.add(d);
      }
      documents.add(d);
      byId.put(d.id(), d);
    }
    DocumentLookup lookup = new DocumentLookup() {
      @Override
      public Optional<Document> find(String id) {
        return Optional.ofNullable(byId.get(id));
      }

      @Override
      public List<Document> settlementsOf(String id) {
        return documents.stream().filter(s -> s.type().isSettlement() && s.links().contains(id)).toList();
      }
    };
    Bookkeeper bookkeeper = new Bookkeeper(settings);
    for (Document d : documents) {
      BookingResult r = bookkeeper.book(d, lookup);
      if (!r.isBlocked()) {
        booked.add(d);
        entries.add(r.entry());
      }
    }
  }

  static RandomLedger generate(long seed, int count) {
    return new RandomLedger(seed, count);
  }

  private TenantSettings settings() {
    AccountMapping d = AccountMapping.defaults();
    Map<String, String> byRate = switch (random.nextInt(3)) {
      case 0 -> Map.of();
      case 1 -> Map.of("20.00", "445712", "10.00", "445711", "5.50", "445711");
      default -> Map.of("20.00", d.vatCollected(), "2.10", "445713");
    };
    AccountMapping accounts = new AccountMapping(d.customer(), d.supplier(), d.employee(), d.revenueServices(),
        d.revenueGoods(), d.vatCollected(), byRate, d.vatCollectedPending(), d.vatDeductible(),
        d.vatDeductibleFixedAssets(), d.vatDeductiblePending(), d.customerDeposits(), d.bank(), d.cash(), d.expenses(),
        d.fxLoss(), d.fxGain(), d.customerAuxPrefix(), d.supplierAuxPrefix(), d.employeeAuxPrefix());
    TenantSettings s = TenantSettings.defaults();
    VatRegime regime = random.nextBoolean() ? VatRegime.COLLECTIONS : VatRegime.DEBITS;
    return new TenantSettings(s.fiscalYearStart(), regime, s.numberingPattern(), s.defaultFormat(), s.journalCodes(),
        accounts, s.notificationEmails(), s.backgroundThreshold(), s.pageAccess());
  }

  private LocalDate date() {
    return START.plusDays(random.nextInt(181));
  }

  private BigDecimal cents(long min, long max) {
    return BigDecimal.valueOf(min + random.nextLong(max - min), 2);
  }

  private String pick(String... values) {
    return values[random.nextInt(values.length)];
  }

  private Document lineDocument(DocumentType type, int i) {
    boolean purchase = type.isPurchaseSide() || type == DocumentType.EXPENSE_REPORT;
    boolean usd = type == DocumentType.INVOICE && random.nextInt(8) == 0;
    int n = 1 + random.nextInt(3);
    List<DocumentLine> lines = new ArrayList<>();
    BigDecimal net = BigDecimal.ZERO.setScale(2);
    BigDecimal vat = BigDecimal.ZERO.setScale(2);
    LocalDate date = date();
    for (int k = 0; k < n; k++) {
      BigDecimal lineNet = cents(100, 500_000);
      BigDecimal rate = RATES[random.nextInt(RATES.length)];
      BigDecimal lineVat = lineNet.multiply(rate).divide(BigDecimal.valueOf(100), 2, RoundingMode.HALF_UP);
      LineKind kind = random.nextBoolean() ? LineKind.GOODS : LineKind.SERVICES;
      String account = purchase ? pick("606400", "622600", "218300", "613200")
          : random.nextInt(4) == 0 ? pick("706200", "707100", " 708500 ") : null;
      ServicePeriod period = null;
      if (!purchase && random.nextInt(3) > 0) {
        LocalDate from = date.minusDays(random.nextInt(60)).plusDays(random.nextInt(30));
        period = new ServicePeriod(from, from.plusDays(random.nextInt(500)));
      }
      lines.add(new DocumentLine("Ligne " + k, kind, lineNet, rate, lineVat, account, period));
      net = net.add(lineNet);
      vat = vat.add(lineVat);
    }
    String prefix = switch (type) {
      case CREDIT_NOTE -> "AV-";
      case CASH_SALE -> "T-";
      case PURCHASE_INVOICE, PURCHASE_CREDIT_NOTE -> "A-";
      case EXPENSE_REPORT -> "NDF-";
      default -> "F-";
    };
    Counterparty party = TestDocuments.customer((purchase ? "S" : "C") + random.nextInt(20), "Tiers " + i);
    return new Document("d" + i, type, prefix + i, date, DocumentStatus.VALIDATED, usd ? "USD" : "EUR",
        usd ? new BigDecimal("1.0850") : null, party, lines, new Totals(net, vat, net.add(vat)), null, List.of(), null,
        null, null, null);
  }

  private Document payment(List<Document> invoices, int i) {
    Document invoice = invoices.get(random.nextInt(invoices.size()));
    LocalDate paidAt = invoice.date().plusDays(random.nextInt(60));
    boolean external = random.nextInt(10) == 0;
    PaymentInfo info = new PaymentInfo(pick(METHODS), random.nextInt(5) == 0 ? "512100" : "512000", paidAt, external);
    BigDecimal gross = invoice.totals().gross();
    String related = invoice.id();
    List<Allocation> allocations = null;
    int shape = random.nextInt(6);
    if (shape == 0 && invoice.isEuro()) {
      gross = gross.divide(BigDecimal.valueOf(2), 2, RoundingMode.DOWN); // partial
    } else if (shape == 1 && invoice.isEuro()) {
      Document other = invoices.get(random.nextInt(invoices.size()));
      if (other.isEuro() && !other.id().equals(invoice.id())) {
        related = null;
        allocations = List.of(new Allocation(invoice.id(), invoice.totals().gross()),
            new Allocation(other.id(), other.totals().gross()));
        gross = invoice.totals().gross().add(other.totals().gross());
      }
    }
    BigDecimal rate = invoice.isEuro() ? null : new BigDecimal("1.0700");
    return new Document("d" + i, DocumentType.PAYMENT, "R-" + i, paidAt, DocumentStatus.VALIDATED, invoice.currency(),
        rate, invoice.counterparty(), List.of(), new Totals(gross, BigDecimal.ZERO.setScale(2), gross), related, List.of(),
        info, null, null, null, allocations, null, null);
  }

  private Document refund(Document creditNote, int i) {
    LocalDate paidAt = creditNote.date().plusDays(random.nextInt(30));
    PaymentInfo info = new PaymentInfo(pick(METHODS), "512000", paidAt, false);
    BigDecimal gross = creditNote.totals().gross();
    return new Document("d" + i, DocumentType.REFUND, "RB-" + i, paidAt, DocumentStatus.VALIDATED, "EUR", null,
        creditNote.counterparty(), List.of(), new Totals(gross, BigDecimal.ZERO.setScale(2), gross), creditNote.id(),
        List.of(), info, null, null, null);
  }
}
