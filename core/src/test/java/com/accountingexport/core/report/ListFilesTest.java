package com.accountingexport.core.report;

import static com.accountingexport.core.report.ListDocs.view;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.accountingexport.core.booking.Bookkeeper;
import com.accountingexport.core.document.Document;
import com.accountingexport.core.format.TableFiles;
import com.accountingexport.core.settings.TenantSettings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every list renders as the report files do: its column ids as the header, a labelled totals row last. */
class ListFilesTest {
  static final LocalDate FROM = LocalDate.of(2026, 2, 1);
  static final LocalDate TO = LocalDate.of(2026, 3, 31);

  private static List<ReportTable> tables() {
    TenantSettings s = TenantSettings.defaults();
    List<Document> docs = new java.util.ArrayList<>(CashClosingTest.documents());
    docs.add(ListDocs.of(com.accountingexport.core.document.DocumentType.INVOICE, "f9").number("F-9, \"open\"")
        .date(LocalDate.of(2026, 3, 1)).customer("C9", "Zoé, \"SARL\"").line("50.00", "20.00", "10.00").build());
    InvoiceList invoices = new InvoiceList();
    PaymentList payments = new PaymentList(ListDocs.lookup(docs));
    CustomerBalances balances = new CustomerBalances(s, TO);
    UnpaidInvoices unpaid = new UnpaidInvoices(s, TO);
    CashClosing cash = new CashClosing(s);
    for (Document d : docs) {
      invoices.add(view(d));
      payments.add(view(d));
      balances.counterparty(s, d);
      var booked = new Bookkeeper(s).book(d, ListDocs.lookup(docs));
      if (booked.entry() != null) {
        balances.add(booked.entry());
      }
      unpaid.add(d);
      cash.add(d);
    }
    return List.of(invoices.table(FROM, TO), payments.table(FROM, TO), balances.table(FROM, TO),
        unpaid.table(FROM, TO), cash.table(FROM, TO));
  }

  @Test
  void everyList_isWrittenAsCsvAndXlsx() throws IOException {
    List<ReportTable> tables = tables();
    assertEquals(List.of("invoices", "payments", "customer-balances", "unpaid", "cash-closing"),
        tables.stream().map(ReportTable::id).toList());
    for (ReportTable t : tables) {
      assertTrue(!t.rows().isEmpty(), t.id());
      ByteArrayOutputStream csv = new ByteArrayOutputStream();
      TableFiles.write(t, TableFiles.Format.CSV, csv);
      List<String> lines = csv.toString(StandardCharsets.UTF_8).lines().toList();
      assertEquals(String.join(",", t.columns().stream().map(ReportColumn::id).toList()), lines.get(0), t.id());
      assertEquals(t.rows().size() + 2, lines.size(), t.id());
      assertTrue(lines.get(lines.size() - 1).contains("total"), t.id() + ": " + lines.get(lines.size() - 1));
      ByteArrayOutputStream xlsx = new ByteArrayOutputStream();
      TableFiles.write(t, TableFiles.Format.XLSX, xlsx);
      assertTrue(xlsx.size() > 0, t.id());
    }
  }
}
