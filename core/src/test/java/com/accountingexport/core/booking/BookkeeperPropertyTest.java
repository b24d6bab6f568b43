package com.accountingexport.core.booking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.accountingexport.core.document.Counterparty;
import com.accountingexport.core.document.Document;
import com.accountingexport.core.document.DocumentLine;
import com.accountingexport.core.document.DocumentStatus;
import com.accountingexport.core.document.DocumentType;
import com.accountingexport.core.document.LineKind;
import com.accountingexport.core.document.PaymentInfo;
import com.accountingexport.core.document.Totals;
import com.accountingexport.core.settings.AccountMapping;
import com.accountingexport.core.settings.TenantSettings;
import com.accountingexport.core.settings.VatRegime;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * 2,000 random well-formed documents of each type (net + vat = gross), some with a deliberate
 * defect: every result is either blocked with anomalies, or a balanced entry without a 0.00 line or
 * a negative amount, whose counterparty and VAT lines carry the document's totals; a document
 * without a defect is always booked.
 */
class BookkeeperPropertyTest {
  private static final int DOCUMENTS_PER_TYPE = 2_000;
  private static final BigDecimal[] RATES = {
      new BigDecimal("0.00"), new BigDecimal("2.10"), new BigDecimal("5.50"), new BigDecimal("10.00"), new BigDecimal("20.00")};
  private static final String[] NAMES = {
      "Durand SARL", "Dupont\t|SA", "Line\r\nBreak & Co", "Ünïcode Ltd", " ", null, "A | B | C"};
  private static final Set<String> CODES = Arrays.stream(AnomalyCode.values()).map(Enum::name).collect(Collectors.toSet());

  @ParameterizedTest
  @EnumSource(DocumentType.class)
  void everyDocument_isBlockedWithAnomalies_orBookedBalancedWithPositiveNonZeroLines(DocumentType type) {
    Random random = new Random(20260302L + type.ordinal());
    int booked = 0;
    for (int i = 0; i < DOCUMENTS_PER_TYPE; i++) {
      Case c = new Generator(random).generate(type, i);
      BookingResult result = new Bookkeeper(c.settings).book(c.document, id -> Optional.ofNullable(c.related.get(id)));
      String context = "case " + i + " of " + type + " (" + c.defects + "): " + c.document;
      if (result.isBlocked()) {
        assertNull(result.entry(), context);
        assertFalse(result.anomalies().isEmpty(), context);
        result.anomalies().forEach(a -> {
          assertTrue(CODES.contains(a.code()), () -> "unknown code " + a.code() + " in " + context);
          assertFalse(a.message() == null || a.message().isBlank(), context);
        });
        assertFalse(c.defects.isEmpty(), () -> "a document without defect was blocked: " + result.anomalies() + " " + context);
        continue;
      }
      booked++;
      JournalEntry entry = result.entry();
      try {
        Entries.assertWellFormed(entry);
      } catch (AssertionError e) {
        throw new AssertionError(e.getMessage() + " in " + context, e);
      }
      assertEquals(c.settings.journalCode(c.document.journal()), entry.journalCode(), context);
      assertEquals(c.document.pieceRef(), entry.pieceRef(), context);
      assertEquals(c.document.id(), entry.documentId(), context);
      for (EntryLine l : entry.lines()) {
        assertEquals(c.document.isEuro() ? null : c.document.currency(), l.currency(), context);
      }
      if (c.document.isEuro()) {
        checkTotals(type, c, entry, context);
      }
    }
    assertTrue(booked > DOCUMENTS_PER_TYPE / 2, "most documents are booked, got " + booked + " of " + DOCUMENTS_PER_TYPE);
  }

  /** EUR documents: the counterparty (or bank) line carries totals.gross, the 445 lines totals.vat. */
  private static void checkTotals(DocumentType type, Case c, JournalEntry entry, String context) {
    AccountMapping a = c.settings.accounts();
    Totals t = c.document.totals();
    if (type.isSettlement() && c.document.payment().external()) {
      // paid outside the platform: only the VAT that fell due, no bank or counterparty line
      assertTrue(entry.lines().stream().allMatch(l -> l.account().startsWith("445")), () -> "external: " + context);
      return;
    }
    if (type.isSettlement()) {
      String bank = c.document.payment().bankAccount();
      BigDecimal sign = BigDecimal.valueOf(type == DocumentType.PAYMENT ? 1 : -1);
      assertEquals(0, signed(entry, bank).multiply(sign).compareTo(t.gross()), () -> "bank line: " + context);
      return;
    }
    String counterpart = switch (type) {
      case CASH_SALE -> a.cash();
      case EXPENSE_REPORT -> a.employee();
      case PURCHASE_INVOICE, PURCHASE_CREDIT_NOTE -> a.supplier();
      default -> a.customer();
    };
    // lines are debits for credit notes, purchases and expense reports: the counterparty is then a credit
    BigDecimal sign = BigDecimal.valueOf(switch (type) {
      case CREDIT_NOTE, PURCHASE_INVOICE, EXPENSE_REPORT -> -1;
      default -> 1;
    });
    assertEquals(0, signed(entry, counterpart).multiply(sign).compareTo(t.gross()), () -> "counterparty line: " + context);
    BigDecimal vat = BigDecimal.ZERO;
    for (EntryLine l : entry.lines()) {
      if (l.account().startsWith("445")) {
        vat = vat.add(l.debit()).subtract(l.credit());
      }
    }
    assertEquals(0, vat.multiply(sign).negate().compareTo(t.vat()), () -> "VAT lines: " + context);
  }

  private static BigDecimal signed(JournalEntry entry, String account) {
    return entry.lines().stream().filter(l -> l.account().equals(account))
        .map(l -> l.debit().subtract(l.credit())).reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  private record Case(TenantSettings settings, Document document, Map<String, Document> related, List<String> defects) {}

  /** Builds one random case; records in {@code defects} every deliberate reason to block it. */
  private static final class Generator {
    private final Random random;
    private final List<String> defects = new ArrayList<>();
    private final Map<String, Document> related = new HashMap<>();
    private TenantSettings settings;
    private String currency;
    private BigDecimal rate;

    Generator(Random random) {
      this.random = random;
    }

    Case generate(DocumentType type, int index) {
      VatRegime regime = random.nextBoolean() ? VatRegime.DEBITS : VatRegime.COLLECTIONS;
      settings = Entries.settings(regime, AccountMapping.defaults());
      pickCurrency();
      Document document = type.isSettlement() ? settlement(type, index) : lineDocument(type, index, true);
      return new Case(settings, document, related, defects);
    }

    private void pickCurrency() {
      switch (random.nextInt(10)) {
        case 0 -> {
          currency = "USD";
          rate = BigDecimal.valueOf(900 + random.nextInt(400), 3);
        }
        case 1 -> {
          currency = "JPY";
          rate = BigDecimal.valueOf(14000 + random.nextInt(4000), 2);
        }
        case 2 -> {
          currency = "GBP";
          rate = BigDecimal.valueOf(8000 + random.nextInt(1500), 4);
        }
        default -> {
          currency = "EUR";
          rate = null;
        }
      }
    }

    private BigDecimal cents(long min, long max) {
      return BigDecimal.valueOf(min + random.nextLong(max - min), 2);
    }

    private Counterparty counterparty(DocumentType type) {
      String id = (type.isPurchaseSide() ? "s-" : type == DocumentType.EXPENSE_REPORT ? "e_" : "c/") + random.nextInt(1_000_000);
      String accountNumber = random.nextInt(10) == 0 ? "AUX" + random.nextInt(1000) : null;
      return new Counterparty(id, NAMES[random.nextInt(NAMES.length)], accountNumber, null, null, "FR", null, null, false, null);
    }

    private String lineAccount(DocumentType type) {
      return switch (type) {
        case PURCHASE_INVOICE, PURCHASE_CREDIT_NOTE -> pick("606400", "622600", "218300", "613200", "651000");
        case EXPENSE_REPORT -> random.nextBoolean() ? null : pick("625100", "625700", "606300", "218400");
        case DEPOSIT_INVOICE -> null;
        default -> random.nextInt(3) == 0 ? pick("706200", "708500", "707100") : null;
      };
    }

    private String pick(String... values) {
      return values[random.nextInt(values.length)];
    }

    private DocumentLine line(DocumentType type, BigDecimal net) {
      BigDecimal vatRate = RATES[random.nextInt(RATES.length)];
      BigDecimal vat = net.multiply(vatRate).divide(BigDecimal.valueOf(100), 2, RoundingMode.HALF_UP);
      LineKind kind = switch (random.nextInt(3)) {
        case 0 -> LineKind.GOODS;
        case 1 -> LineKind.SERVICES;
        default -> null;
      };
      return new DocumentLine("Ligne " + random.nextInt(100), kind, net, vatRate, vat, lineAccount(type), null);
    }

    private Document lineDocument(DocumentType type, int index, boolean withDefects) {
      List<DocumentLine> lines = new ArrayList<>();
      int count = 1 + random.nextInt(6);
      for (int i = 0; i < count; i++) {
        lines.add(line(type, cents(10_000, 1_000_000)));
      }
      if (random.nextInt(5) == 0) {
        DocumentLine first = lines.get(0);
        BigDecimal discount = first.netAmount().divide(BigDecimal.TEN, 2, RoundingMode.DOWN).negate();
        BigDecimal discountVat = discount.multiply(first.vatRate()).divide(BigDecimal.valueOf(100), 2, RoundingMode.HALF_UP);
        lines.add(new DocumentLine("Remise", first.kind(), discount, first.vatRate(), discountVat, first.accountNumber(), null));
      }
      List<String> deposits = List.of();
      if (type == DocumentType.INVOICE && withDefects && random.nextInt(8) == 0) {
        Document deposit = lineDocument(DocumentType.DEPOSIT_INVOICE, index, false);
        related.put(deposit.id(), deposit);
        deposits = List.of(deposit.id());
        BigDecimal deducted = deposit.totals().net().negate();
        if (random.nextInt(4) == 0) {
          deducted = deducted.add(new BigDecimal("1.00"));
          defects.add("deduction differs from its deposit");
        }
        // the deduction takes back the deposit's net and VAT (checked against the deposit)
        lines.add(new DocumentLine("Acompte", LineKind.SERVICES, deducted, new BigDecimal("20.00"),
            deposit.totals().vat().negate(), "419100", null));
      }
      if (withDefects && (type == DocumentType.PURCHASE_INVOICE || type == DocumentType.PURCHASE_CREDIT_NOTE)
          && random.nextInt(10) == 0) {
        int at = random.nextInt(lines.size());
        DocumentLine l = lines.get(at);
        lines.set(at, new DocumentLine(l.label(), l.kind(), l.netAmount(), l.vatRate(), l.vatAmount(), null, null));
        defects.add("purchase line without account");
      }
      BigDecimal net = lines.stream().map(DocumentLine::netAmount).reduce(BigDecimal.ZERO, BigDecimal::add);
      BigDecimal vat = lines.stream().map(DocumentLine::vatAmount).reduce(BigDecimal.ZERO, BigDecimal::add);
      if (withDefects) {
        int roll = random.nextInt(20);
        if (roll < 3 && lines.size() >= 2) {
          vat = vat.add(new BigDecimal(random.nextBoolean() ? "0.01" : "-0.01")); // within rounding tolerance
          if (lines.stream().noneMatch(l -> l.vatRate() != null && l.vatRate().signum() > 0)) {
            defects.add("a VAT cent on lines that carry no VAT"); // it has no VAT account to land on
          }
        } else if (roll < 4 && lines.size() >= 2) {
          net = net.add(new BigDecimal("0.01"));
        } else if (roll == 4) {
          vat = vat.add(BigDecimal.valueOf(lines.size() + 1L, 2));
          defects.add("totals beyond rounding");
        }
      }
      Counterparty party = counterparty(type);
      if (withDefects && type != DocumentType.CASH_SALE && random.nextInt(40) == 0) {
        party = null;
        defects.add("no counterparty");
      }
      PaymentInfo payment = type == DocumentType.CASH_SALE && random.nextBoolean()
          ? new PaymentInfo("cash", null, LocalDate.of(2026, 3, 3), false) : null;
      String id = type.wire() + "-" + index + "-" + random.nextInt(1000);
      return new Document(id, type, random.nextInt(20) == 0 ? null : "N\t" + index, LocalDate.of(2026, 3, 2),
          DocumentStatus.VALIDATED, currency, rate, party, lines, new Totals(net, vat, net.add(vat)), null, deposits,
          payment, null, null, null);
    }

    private Document settlement(DocumentType type, int index) {
      DocumentType relatedType = switch (type) {
        case PAYMENT -> random.nextInt(4) == 0 ? DocumentType.DEPOSIT_INVOICE : DocumentType.INVOICE;
        case REFUND -> DocumentType.CREDIT_NOTE;
        default -> DocumentType.PURCHASE_INVOICE;
      };
      // purchases follow the supplier's regime, collections unless the document says debits
      boolean collections = type.isPurchaseSide() || settings.vatRegimeServices() == VatRegime.COLLECTIONS;
      String relatedId = null;
      Document invoice = null;
      int link = random.nextInt(10);
      if (link < 7) {
        String paymentCurrency = currency;
        BigDecimal paymentRate = rate;
        if (random.nextInt(4) == 0) {
          pickCurrency(); // the invoice in another currency than the payment
        }
        invoice = lineDocument(relatedType, index, false);
        currency = paymentCurrency;
        rate = paymentRate;
        related.put(invoice.id(), invoice);
        relatedId = invoice.id();
      } else if (link < 8) {
        relatedId = "unknown-" + index;
        if (collections || !"EUR".equals(currency)) {
          defects.add("unknown related document on collections or in a foreign currency");
        }
      }
      if (collections && invoice == null && relatedId == null && type != DocumentType.REFUND) {
        defects.add("no related invoice on collections");
      }
      BigDecimal gross;
      if (invoice != null && random.nextBoolean()) {
        gross = invoice.totals().gross(); // paid in full
      } else {
        gross = cents(1, 2_000_000);
      }
      Counterparty party = counterparty(type);
      if (random.nextInt(20) == 0) {
        party = null;
        if (invoice == null) {
          defects.add("no counterparty");
        }
      }
      PaymentInfo payment = new PaymentInfo("transfer", random.nextBoolean() ? "512000" : "512100",
          LocalDate.of(2026, 3, 20), false);
      int roll = random.nextInt(30);
      if (roll == 0) {
        payment = null;
        defects.add("no payment details");
      } else if (roll == 1) {
        payment = new PaymentInfo("card", "512000", LocalDate.of(2026, 3, 20), true);
        defects.add("external (booked only when it moves pending VAT)");
        if (relatedId != null && invoice == null) {
          defects.add("external with an unknown related document");
        }
      }
      return new Document(type.wire() + "-" + index, type, "R|" + index, LocalDate.of(2026, 3, 19),
          DocumentStatus.VALIDATED, currency, rate, party, List.of(), new Totals(gross, BigDecimal.ZERO.setScale(2), gross),
          relatedId, List.of(), payment, null, null, null);
    }
  }
}
