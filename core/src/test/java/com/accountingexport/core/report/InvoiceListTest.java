package com.accountingexport.core.report;

import static com.accountingexport.core.report.ListDocs.cell;
import static com.accountingexport.core.report.ListDocs.column;
import static com.accountingexport.core.report.ListDocs.row;
import static com.accountingexport.core.report.ListDocs.total;
import static com.accountingexport.core.report.ListDocs.view;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.accountingexport.core.auth.Caller;
import com.accountingexport.core.auth.Role;
import com.accountingexport.core.auth.TenantId;
import com.accountingexport.core.document.Document;
import com.accountingexport.core.document.DocumentStatus;
import com.accountingexport.core.document.DocumentType;
import com.accountingexport.core.document.ExportRef;
import com.accountingexport.core.document.ExportState;
import com.accountingexport.core.fakes.InMemoryDocumentRepository;
import com.accountingexport.core.fakes.InMemorySettingsRepository;
import com.accountingexport.core.fakes.TestDocuments;
import com.accountingexport.core.port.Page;
import com.accountingexport.core.service.DocumentQuery;
import com.accountingexport.core.service.DocumentService;
import com.accountingexport.core.service.DocumentView;
import com.accountingexport.core.service.SettingsService;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InvoiceListTest {
  static final LocalDate MARCH_1 = LocalDate.of(2026, 3, 1);
  static final LocalDate MARCH_31 = LocalDate.of(2026, 3, 31);

  private static Document invoiceOfTwoRates() {
    return ListDocs.of(DocumentType.INVOICE, "f1").number("F-1").date(LocalDate.of(2026, 3, 2)).customer("C1", "Alice")
        .line("100.00", "20.00", "20.00").line("10.00", "5.50", "0.55").build();
  }

  private static Document deposit() {
    return ListDocs.of(DocumentType.DEPOSIT_INVOICE, "d1").number("D-1").date(LocalDate.of(2026, 3, 3))
        .customer("C2", "Bob").line("50.00", "20.00", "10.00").build();
  }

  private static Document creditNote() {
    return ListDocs.of(DocumentType.CREDIT_NOTE, "a1").number("A-1").date(LocalDate.of(2026, 3, 5))
        .customer("C1", "Alice").line("40.00", "20.00", "8.00").related("f1").build();
  }

  private static BigDecimal sign(Document d) {
    return d.type() == DocumentType.CREDIT_NOTE ? BigDecimal.ONE.negate() : BigDecimal.ONE;
  }

  @Test
  void table_listsInvoicesDepositsAndCreditNotes_creditNotesNegative_withAmountsPerRate() {
    List<Document> sales = List.of(creditNote(), invoiceOfTwoRates(), deposit());
    InvoiceList list = new InvoiceList();
    sales.forEach(d -> list.add(view(d)));
    list.add(view(TestDocuments.payment("p1", LocalDate.of(2026, 3, 4), "120.55", "f1")));
    list.add(view(TestDocuments.purchase("b1", LocalDate.of(2026, 3, 4), "S1", "606000", "10.00", "2.00")));

    ReportTable t = list.table(MARCH_1, MARCH_31);

    assertEquals("invoices", t.id());
    assertEquals(List.of("F-1", "D-1", "A-1"), column(t, "number"));
    assertEquals(List.of("invoice", "deposit_invoice", "credit_note"), column(t, "type"));
    assertEquals(List.of("C1", "C2", "C1"), column(t, "counterpartyId"));
    assertEquals(List.of("Alice", "Bob", "Alice"), column(t, "counterparty"));
    List<Object> credit = row(t, "number", "A-1");
    assertEquals(new BigDecimal("-40.00"), cell(t, credit, "net"));
    assertEquals(new BigDecimal("-8.00"), cell(t, credit, "vat"));
    assertEquals(new BigDecimal("-48.00"), cell(t, credit, "gross"));
    assertEquals("20.00: net -40.00 vat -8.00", cell(t, credit, "vatByRate"));
    assertEquals("20.00: net 100.00 vat 20.00 / 5.50: net 10.00 vat 0.55",
        cell(t, row(t, "number", "F-1"), "vatByRate"));

    for (String c : List.of("net", "vat", "gross")) {
      BigDecimal expected = BigDecimal.ZERO;
      for (Document d : sales) {
        BigDecimal v = switch (c) {
          case "net" -> d.totals().net();
          case "vat" -> d.totals().vat();
          default -> d.totals().gross();
        };
        expected = expected.add(v.multiply(sign(d)));
      }
      assertEquals(0, expected.compareTo((BigDecimal) total(t, c)), c);
    }
    // 20 %: 100.00 + 50.00 - 40.00 net, 20.00 + 10.00 - 8.00 VAT; 5.5 %: the invoice's line alone
    assertEquals("20.00: net 110.00 vat 22.00 / 5.50: net 10.00 vat 0.55", total(t, "vatByRate"));
    assertNull(total(t, "number"));
  }

  @Test
  void table_keepsTheDocumentsOfItsPeriod_only() {
    InvoiceList list = new InvoiceList();
    list.add(view(invoiceOfTwoRates()));
    list.add(view(ListDocs.of(DocumentType.INVOICE, "f0").date(LocalDate.of(2026, 2, 28)).customer("C1", "Alice")
        .line("999.00", "20.00", "199.80").build()));
    list.add(view(ListDocs.of(DocumentType.INVOICE, "f9").date(LocalDate.of(2026, 4, 1)).customer("C1", "Alice")
        .line("999.00", "20.00", "199.80").build()));

    ReportTable t = list.table(MARCH_1, MARCH_31);

    assertEquals(List.of("F-1"), column(t, "number"));
    assertEquals(invoiceOfTwoRates().totals().gross(), total(t, "gross"));
  }

  @Test
  void aForeignInvoice_isListedInEuroAtItsRate() {
    InvoiceList list = new InvoiceList();
    list.add(view(ListDocs.of(DocumentType.INVOICE, "u1").date(LocalDate.of(2026, 3, 9)).customer("C3", "Carol")
        .currency("USD", "1.10").line("110.00", "20.00", "22.00").build()));

    ReportTable t = list.table(MARCH_1, MARCH_31);

    // 110.00 / 1.10, 22.00 / 1.10, 132.00 / 1.10
    assertEquals(List.of(new BigDecimal("100.00")), column(t, "net"));
    assertEquals(List.of(new BigDecimal("20.00")), column(t, "vat"));
    assertEquals(List.of(new BigDecimal("120.00")), column(t, "gross"));
    assertEquals(List.of("20.00: net 100.00 vat 20.00"), column(t, "vatByRate"));
  }

  @Test
  void exportState_isTheOneTheDocumentsApiReports_pageByPage() {
    TenantId tenant = new TenantId("acme");
    Caller caller = new Caller(tenant, "u1", Role.COMPANY_ADMIN, "admin@acme.test");
    InMemoryDocumentRepository repo = new InMemoryDocumentRepository();
    DocumentService documents = new DocumentService(repo, new SettingsService(new InMemorySettingsRepository()),
        Clock.fixed(Instant.parse("2026-04-02T10:00:00Z"), ZoneOffset.UTC));
    Instant now = Instant.parse("2026-03-20T10:00:00Z");
    repo.upsert(tenant, invoiceOfTwoRates(), now);
    repo.upsert(tenant, deposit(), now);
    repo.upsert(tenant, creditNote(), now);
    repo.upsert(tenant, ListDocs.of(DocumentType.INVOICE, "draft").number("F-2").date(LocalDate.of(2026, 3, 6))
        .status(DocumentStatus.DRAFT).customer("C1", "Alice").line("10.00", "20.00", "2.00").build(), now);
    repo.upsert(tenant, ListDocs.of(DocumentType.INVOICE, "anon").number("F-3").date(LocalDate.of(2026, 3, 7))
        .noCustomer().line("10.00", "20.00", "2.00").build(), now);
    repo.markExported(tenant, "d1", new ExportRef("e1", "EXP-2026-00001"));

    InvoiceList list = new InvoiceList();
    Map<String, ExportState> reported = new HashMap<>();
    String cursor = null;
    do {
      Page<DocumentView> page = documents.list(caller, new DocumentQuery(MARCH_1, MARCH_31, null, null, null, null,
          cursor, 2));
      page.items().forEach(v -> {
        list.add(v);
        reported.put(v.stored().document().number(), v.exportState());
      });
      cursor = page.nextCursor();
    } while (cursor != null);
    ReportTable t = list.table(MARCH_1, MARCH_31);

    assertEquals(List.of("F-1", "D-1", "A-1", "F-2", "F-3"), column(t, "number"));
    for (List<Object> r : t.rows()) {
      assertEquals(reported.get((String) cell(t, r, "number")).wire(), cell(t, r, "exportState"));
    }
    assertEquals(List.of("exportable", "exported", "exportable", "blocked", "blocked"), column(t, "exportState"));
    assertEquals(java.util.Arrays.asList(null, "EXP-2026-00001", null, null, null), column(t, "exportNumber"));
  }
}
