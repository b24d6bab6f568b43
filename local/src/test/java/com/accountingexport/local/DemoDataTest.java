package com.accountingexport.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.accountingexport.core.document.Counterparty;
import com.accountingexport.core.document.Document;
import com.accountingexport.core.document.DocumentLine;
import com.accountingexport.core.document.DocumentRules;
import com.accountingexport.core.document.DocumentStatus;
import com.accountingexport.core.document.DocumentType;
import com.accountingexport.core.money.Money;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DemoDataTest {
  private static final LocalDate TODAY = LocalDate.of(2026, 11, 22);
  private final List<Document> docs = DemoData.generate(TODAY);
  private final Map<String, Document> byId = docs.stream().collect(Collectors.toMap(Document::id, Function.identity()));

  @Test
  void generate_shouldMakeAtLeast300Documents_withUniqueIds_ofEveryType() {
    assertTrue(docs.size() >= 300, "only " + docs.size());
    assertEquals(docs.size(), byId.size(), "ids must be unique");
    Set<DocumentType> types = docs.stream().map(Document::type).collect(Collectors.toSet());
    assertEquals(EnumSet.allOf(DocumentType.class), types);
  }

  @Test
  void generate_shouldBeDeterministic_forAGivenDay() {
    assertEquals(docs, DemoData.generate(TODAY));
  }

  @ParameterizedTest
  @ValueSource(strings = {"2026-01-01", "2026-01-15", "2025-06-30", "2028-12-31"})
  void generate_shouldDateEverythingWithinTheYear_upToToday(String day) {
    LocalDate today = LocalDate.parse(day);
    List<Document> list = DemoData.generate(today);
    assertTrue(list.size() >= 300);
    for (Document d : list) {
      assertFalse(d.date().isBefore(LocalDate.of(today.getYear(), 1, 1)), d.id() + " " + d.date());
      assertFalse(d.date().isAfter(today), d.id() + " " + d.date());
      if (d.payment() != null && d.payment().paidAt() != null) {
        assertFalse(d.payment().paidAt().isAfter(today), d.id());
      }
      assertTrue(DocumentRules.check(d, "").isEmpty(), d.id() + ": " + DocumentRules.check(d, ""));
    }
  }

  @Test
  void everyDocument_shouldHoldItsInvariants_netPlusVatIsGross_andLinesMatchTotals() {
    for (Document d : docs) {
      assertEquals(0, d.totals().net().add(d.totals().vat()).compareTo(d.totals().gross()), d.id());
      assertTrue(d.totals().gross().signum() > 0, d.id());
      assertTrue(DocumentRules.check(d, "").isEmpty(), d.id() + ": " + DocumentRules.check(d, ""));
      assertTrue(Money.isWire(Money.format(d.totals().gross())));
      assertEquals(2, d.totals().gross().scale(), d.id());
      for (DocumentLine l : d.lines()) {
        assertEquals(2, l.netAmount().scale(), d.id());
        assertEquals(2, l.vatAmount().scale(), d.id());
      }
      assertNotNull(d.counterparty(), d.id());
      if (d.type().isSettlement()) {
        assertTrue(d.lines().isEmpty(), d.id());
        assertNotNull(d.payment(), d.id());
      } else {
        assertFalse(d.lines().isEmpty(), d.id());
      }
    }
  }

  @Test
  void vat_shouldUseSeveralRates_andSomeTotalsShouldDifferFromTheLinesByACent() {
    Set<String> rates = docs.stream().flatMap(d -> d.lines().stream()).map(l -> l.vatRate().toPlainString())
        .collect(Collectors.toSet());
    assertTrue(rates.containsAll(Set.of("20.00", "10.00", "5.50", "0.00")), rates.toString());
    long oneCent = docs.stream().filter(d -> !d.lines().isEmpty())
        .filter(d -> Money.sum(d.lines().stream().map(DocumentLine::vatAmount).toList()).subtract(d.totals().vat()).abs()
            .compareTo(new BigDecimal("0.01")) == 0)
        .count();
    assertTrue(oneCent >= 3, "per-rate rounding cases: " + oneCent);
    assertTrue(docs.stream().filter(d -> d.type() == DocumentType.INVOICE).anyMatch(d -> d.lines().size() == 4));
  }

  @Test
  void creditNotesPaymentsAndRefunds_shouldReferToInvoicesThatExist_andComeAfterThem() {
    Map<DocumentType, Set<DocumentType>> targets = Map.of(
        DocumentType.CREDIT_NOTE, Set.of(DocumentType.INVOICE),
        DocumentType.PAYMENT, Set.of(DocumentType.INVOICE, DocumentType.DEPOSIT_INVOICE),
        DocumentType.REFUND, Set.of(DocumentType.INVOICE),
        DocumentType.PURCHASE_CREDIT_NOTE, Set.of(DocumentType.PURCHASE_INVOICE),
        DocumentType.SUPPLIER_PAYMENT, Set.of(DocumentType.PURCHASE_INVOICE));
    Map<String, Integer> position = new java.util.HashMap<>();
    for (int i = 0; i < docs.size(); i++) {
      position.put(docs.get(i).id(), i);
    }
    for (Document d : docs) {
      Set<DocumentType> allowed = targets.get(d.type());
      if (allowed == null) {
        continue;
      }
      Document target = byId.get(d.relatedDocumentId());
      assertNotNull(target, d.id() + " refers to " + d.relatedDocumentId());
      assertTrue(allowed.contains(target.type()), d.id() + " -> " + target.type());
      assertEquals(target.counterparty().id(), d.counterparty().id(), d.id());
      assertFalse(d.date().isBefore(target.date()), d.id());
      assertTrue(position.get(target.id()) < position.get(d.id()), d.id() + " comes before " + target.id());
    }
    assertTrue(count(DocumentType.CREDIT_NOTE) >= 5);
    assertTrue(count(DocumentType.REFUND) >= 2);
  }

  @Test
  void mostInvoicesArePaid_someOnlyPartially() {
    Map<String, BigDecimal> paid = docs.stream().filter(d -> d.type() == DocumentType.PAYMENT)
        .collect(Collectors.toMap(Document::relatedDocumentId, d -> d.totals().gross(), BigDecimal::add));
    List<Document> invoices = docs.stream().filter(d -> d.type() == DocumentType.INVOICE && d.status() == DocumentStatus.VALIDATED).toList();
    long paidCount = invoices.stream().filter(i -> paid.containsKey(i.id())).count();
    long partial = invoices.stream()
        .filter(i -> paid.containsKey(i.id()) && paid.get(i.id()).compareTo(i.totals().gross()) < 0).count();
    assertTrue(paidCount * 2 > invoices.size(), paidCount + " of " + invoices.size());
    assertTrue(partial >= 5, "partial: " + partial);
  }

  @Test
  void finalInvoices_shouldDeductTheirDeposit_withANegative419100Line() {
    List<Document> finals = docs.stream().filter(d -> !d.depositDocumentIds().isEmpty()).toList();
    assertTrue(finals.size() >= 3, "final invoices: " + finals.size());
    for (Document f : finals) {
      assertEquals(DocumentType.INVOICE, f.type());
      Document deposit = byId.get(f.depositDocumentIds().get(0));
      assertEquals(DocumentType.DEPOSIT_INVOICE, deposit.type());
      assertEquals(deposit.id(), f.relatedDocumentId());
      DocumentLine deduction = f.lines().stream().filter(l -> "419100".equals(l.accountNumber())).findFirst().orElseThrow();
      assertEquals(0, deduction.netAmount().negate().compareTo(deposit.totals().net()), f.id());
      assertEquals(0, deduction.vatAmount().negate().compareTo(deposit.totals().vat()), f.id());
    }
  }

  @Test
  void twoChorusCustomers_shouldHaveSiretAddressCountryAndEngagementNumbers() {
    Set<Counterparty> chorus = docs.stream().map(Document::counterparty).filter(Counterparty::chorus).collect(Collectors.toSet());
    assertEquals(2, chorus.size());
    for (Counterparty c : chorus) {
      assertTrue(c.siret().matches("\\d{14}") && DemoData.luhnValid(c.siret()) && DemoData.luhnValid(c.siret().substring(0, 9)), c.siret());
      assertNotNull(c.billingAddress());
      assertEquals("FR", c.billingAddress().countryCode());
      assertEquals(c.siret(), c.billingAddress().siret());
    }
    List<Document> chorusInvoices = docs.stream()
        .filter(d -> d.counterparty().chorus() && (d.type() == DocumentType.INVOICE || d.type() == DocumentType.DEPOSIT_INVOICE))
        .toList();
    assertFalse(chorusInvoices.isEmpty());
    for (Document d : chorusInvoices) {
      assertNotNull(d.engagementNumber(), d.id());
      assertEquals(null, d.purchaseOrderNumber(), d.id() + ": Chorus wants one of the two only");
    }
  }

  @Test
  void someDocuments_shouldBeBlocked_forEachReasonTheDemoShows() {
    assertTrue(docs.stream().anyMatch(d -> d.type() == DocumentType.PURCHASE_INVOICE
        && d.lines().stream().anyMatch(l -> l.accountNumber() == null)), "purchase line without account");
    assertTrue(docs.stream().anyMatch(d -> d.type() == DocumentType.PAYMENT && d.payment().external()), "external payment");
    assertTrue(docs.stream().anyMatch(d -> d.status() == DocumentStatus.DRAFT), "draft");
    assertTrue(docs.stream().anyMatch(d -> d.status() == DocumentStatus.PENDING_VALIDATION), "pending validation");
    assertTrue(docs.stream().filter(d -> d.status() == DocumentStatus.DRAFT).allMatch(d -> d.number() == null),
        "a draft has no number yet");
  }

  @Test
  void purchaseLines_shouldCarryExpenseOrAssetAccounts_exceptTheBlockedOnes() {
    for (Document d : docs) {
      if (d.type() == DocumentType.PURCHASE_INVOICE || d.type() == DocumentType.EXPENSE_REPORT) {
        for (DocumentLine l : d.lines()) {
          assertTrue(l.accountNumber() == null || l.accountNumber().matches("6\\d{5}|2\\d{5}"), d.id() + " " + l.accountNumber());
        }
      }
    }
  }

  @Test
  void numbers_shouldBeContinuousAndChronologicalPerSeries() {
    List<Document> invoices = docs.stream()
        .filter(d -> (d.type() == DocumentType.INVOICE || d.type() == DocumentType.DEPOSIT_INVOICE) && d.number() != null)
        .toList();
    Set<String> numbers = new HashSet<>();
    for (int i = 0; i < invoices.size(); i++) {
      assertEquals(String.format("F2026-%05d", i + 1), invoices.get(i).number());
      assertTrue(numbers.add(invoices.get(i).number()));
      if (i > 0) {
        assertFalse(invoices.get(i).date().isBefore(invoices.get(i - 1).date()));
      }
    }
  }

  private long count(DocumentType t) {
    return docs.stream().filter(d -> d.type() == t).count();
  }
}
