package com.accountingexport.adapters.exports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.accountingexport.adapters.AwsClients;
import com.accountingexport.adapters.Config;
import com.accountingexport.adapters.Wiring;
import com.accountingexport.adapters.testing.LocalDynamo;
import com.accountingexport.adapters.testing.LocalS3;
import com.accountingexport.core.auth.Caller;
import com.accountingexport.core.auth.Role;
import com.accountingexport.core.auth.TenantId;
import com.accountingexport.core.document.Document;
import com.accountingexport.core.export.Download;
import com.accountingexport.core.export.Export;
import com.accountingexport.core.export.ExportGenerator;
import com.accountingexport.core.fakes.TestDocuments;
import com.accountingexport.core.format.TableFiles;
import com.accountingexport.core.report.ReportService;
import com.accountingexport.core.report.ReportTable;
import com.accountingexport.core.service.Selection;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The trial balance on DynamoDB Local and S3Mock agrees with the journals: each account's movements
 * equal the sum of its lines in the CSV journal of an export of the same period, the opening
 * balances are the entries of the fiscal year before the period, and an export's own trial-balance
 * file holds its totals.
 */
class ReportsIT {
  static final TenantId TENANT = new TenantId("reports");
  static final Caller ADMIN = new Caller(TENANT, "u1", Role.COMPANY_ADMIN, "admin@reports.test");
  static final LocalDate JAN = LocalDate.of(2026, 1, 5);
  static final LocalDate MARCH = LocalDate.of(2026, 3, 1);

  Wiring wiring;

  @BeforeEach
  void setUp() {
    String table = LocalDynamo.get().newTable();
    String bucket = LocalS3.get().newBucket();
    AwsClients aws = new AwsClients(LocalDynamo.get().client(), LocalS3.get().s3(), LocalS3.get().presigner(), null);
    Config config = new Config(table, bucket, "exports@test", Duration.ofMinutes(15), "http://localhost", Duration.ofMinutes(5));
    wiring = new Wiring(aws, config, ExportLifecycleIT.CLOCK, () -> UUID.randomUUID().toString());
    Random r = new Random(11);
    List<Document> docs = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      LocalDate day = (i % 3 == 0 ? JAN : MARCH).plusDays(r.nextInt(25));
      String net = BigDecimal.valueOf(1000 + r.nextInt(90_000), 2).toPlainString();
      String vat = new BigDecimal(net).multiply(new BigDecimal("0.20")).setScale(2, java.math.RoundingMode.HALF_UP).toPlainString();
      Document inv = TestDocuments.invoice("inv-" + i, day, net, vat);
      docs.add(inv);
      if (i % 2 == 0) {
        docs.add(TestDocuments.payment("pay-" + i, day.plusDays(3), inv.totals().gross().toPlainString(), inv.id()));
      }
    }
    wiring.documents().putAll(ADMIN, docs);
  }

  @Test
  void trialBalance_movementsEqualTheExportedJournal_openingIsTheYearBefore() throws Exception {
    LocalDate from = MARCH;
    LocalDate to = LocalDate.of(2026, 3, 31);
    Export march = wiring.generator().generate(ADMIN, new ExportGenerator.GenerateRequest(
        new Selection(from, to, List.of(), List.of(), false, false), "csv", "none", null, "h")).export();
    Download csv = wiring.exports().download(ADMIN, march.id(), "journal", "csv");
    Map<String, BigDecimal[]> journal = new HashMap<>();
    String[] lines = new String(ExportFormatsIT.fetch(csv), StandardCharsets.UTF_8).split("\r\n");
    for (int i = 1; i < lines.length; i++) {
      String[] f = lines[i].split(",", -1); // names here hold no comma
      BigDecimal[] sums = journal.computeIfAbsent(f[5], k -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
      sums[0] = sums[0].add(new BigDecimal(f[9]));
      sums[1] = sums[1].add(new BigDecimal(f[10]));
    }

    ReportTable tb = wiring.reports().report(ADMIN, "trial-balance", new ReportService.Query(from, to, null, null));

    assertEquals(journal.keySet(), tb.rows().stream().filter(row -> ((BigDecimal) row.get(4)).signum() != 0
        || ((BigDecimal) row.get(5)).signum() != 0).map(row -> (String) row.get(0)).collect(java.util.stream.Collectors.toSet()));
    for (List<Object> row : tb.rows()) {
      BigDecimal[] sums = journal.getOrDefault((String) row.get(0), new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
      assertEquals(0, sums[0].compareTo((BigDecimal) row.get(4)), row.toString());
      assertEquals(0, sums[1].compareTo((BigDecimal) row.get(5)), row.toString());
    }
    BigDecimal openingDebit = (BigDecimal) tb.totals().get(2);
    assertTrue(openingDebit.signum() > 0, "January's invoices open March");
    assertEquals(0, openingDebit.compareTo((BigDecimal) tb.totals().get(3)));
    ReportTable january = wiring.reports().report(ADMIN, "trial-balance",
        new ReportService.Query(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 2, 28), null, null));
    assertEquals(0, ((BigDecimal) january.totals().get(6)).compareTo(openingDebit),
        "closing of Jan–Feb = opening of March: " + january.totals() + " vs " + tb.totals());

    Download file = wiring.reports().exportFile(ADMIN, march.id(), "trial-balance", "csv");
    String[] rows = new String(ExportFormatsIT.fetch(file), StandardCharsets.UTF_8).split("\r\n");
    String[] total = rows[rows.length - 1].split(",", -1);
    assertEquals("total", total[0]);
    assertEquals(0, new BigDecimal(total[4]).compareTo(march.debit()), "the export's own trial balance holds its totals");
    assertEquals(0, new BigDecimal(total[5]).compareTo(march.credit()));
    Download again = wiring.reports().exportFile(ADMIN, march.id(), "trial-balance", "csv");
    assertEquals(file.sha256(), again.sha256(), "rendered once, kept");
  }

  @Test
  void reportFiles_xlsxAndCsv_behindPresignedLinks() throws Exception {
    ReportTable tb = wiring.reports().report(ADMIN, "trial-balance",
        new ReportService.Query(null, null, null, "customers"));
    assertTrue(tb.rows().stream().allMatch(row -> ((String) row.get(0)).startsWith("411")), tb.rows().toString());
    Download xlsx = wiring.reports().file(TENANT, tb, TableFiles.Format.XLSX);
    byte[] bytes = ExportFormatsIT.fetch(xlsx);
    assertEquals(xlsx.sha256(), ExportFormatsIT.sha256(bytes));
    assertEquals('P', (char) bytes[0], "a ZIP (xlsx)");
    assertTrue(xlsx.fileName().startsWith("trial-balance-"), xlsx.fileName());
  }

  @Test
  void everythingAtOnce_zipHoldsJournalAccountsReports_andItsManifestMatchesTheContents() throws Exception {
    Export e = wiring.generator().generate(ADMIN, new ExportGenerator.GenerateRequest(
        new Selection(MARCH, LocalDate.of(2026, 3, 31), List.of(), List.of(), false, false), null, "none", null, "h"))
        .export();

    Download all = wiring.reports().everything(ADMIN, e.id());
    byte[] zip = ExportFormatsIT.fetch(all);

    Map<String, byte[]> entries = new java.util.LinkedHashMap<>();
    try (java.util.zip.ZipInputStream in = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(zip))) {
      for (java.util.zip.ZipEntry z; (z = in.getNextEntry()) != null; ) {
        entries.put(z.getName(), in.readAllBytes());
      }
    }
    List<String> expected = new ArrayList<>(List.of("000000000FEC20260331.txt", e.number() + "-accounts.csv"));
    for (String report : List.of("trial-balance", "vat-summary", "journal-by-day", "collections", "deferred-revenue",
        "invoices", "payments", "customer-balances", "unpaid", "cash-closing")) {
      expected.add(e.number() + "-" + report + ".csv");
    }
    expected.add("manifest.csv");
    assertEquals(expected, List.copyOf(entries.keySet()));
    String invoices = new String(entries.get(e.number() + "-invoices.csv"), StandardCharsets.UTF_8);
    assertTrue(invoices.split("\r\n").length > 10, "the invoices of March are listed: " + invoices);
    String[] manifest = new String(entries.get("manifest.csv"), StandardCharsets.UTF_8).split("\r\n");
    assertEquals("file,bytes,sha256", manifest[0]);
    assertEquals(entries.size() - 1, manifest.length - 1, "one manifest line per file");
    for (int i = 1; i < manifest.length; i++) {
      String[] f = manifest[i].split(",");
      byte[] content = entries.get(f[0]);
      assertEquals(content.length, Integer.parseInt(f[1]), f[0]);
      assertEquals(ExportFormatsIT.sha256(content), f[2], f[0]);
    }
    assertEquals(all.sha256(), wiring.reports().everything(ADMIN, e.id()).sha256(), "built once, kept");
    assertEquals(com.accountingexport.core.export.ExportStatus.DOWNLOADED, wiring.exports().find(ADMIN, e.id()).status());

    // a role outside the VAT-summary page that may see exports gets its own ZIP, without the VAT summary
    var s = wiring.settings().get(TENANT);
    wiring.settings().put(ADMIN, s.withLevel(com.accountingexport.core.auth.Screen.EXPORTS, Role.COMPANY_USER,
        com.accountingexport.core.auth.Level.READ));
    Caller user = new Caller(TENANT, "u2", Role.COMPANY_USER, "user@reports.test");
    byte[] userZip = ExportFormatsIT.fetch(wiring.reports().everything(user, e.id()));
    List<String> userEntries = new ArrayList<>();
    try (java.util.zip.ZipInputStream in = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(userZip))) {
      for (java.util.zip.ZipEntry z; (z = in.getNextEntry()) != null; ) {
        userEntries.add(z.getName());
      }
    }
    assertTrue(userEntries.stream().noneMatch(n -> n.contains("vat-summary")), userEntries.toString());
    assertEquals(expected.size() - 1, userEntries.size());
  }

  @Test
  void lists_customerBalancesAreThe411SubAccounts_unpaidAreTheInvoicesWithoutPayment_vatSummaryNeedsItsPage()
      throws Exception {
    LocalDate at = LocalDate.of(2026, 3, 31);
    ReportService.Query q = new ReportService.Query(LocalDate.of(2026, 1, 1), null, at, null);
    ReportTable balances = wiring.reports().list(ADMIN, "customer-balances", q);
    ReportTable customers = wiring.reports().report(ADMIN, "trial-balance",
        new ReportService.Query(LocalDate.of(2026, 1, 1), at, null, "customers"));
    Map<String, BigDecimal> closing = new HashMap<>();
    customers.rows().forEach(row -> closing.put((String) row.get(0),
        ((BigDecimal) row.get(6)).subtract((BigDecimal) row.get(7))));
    assertEquals(closing.size(), balances.rows().size());
    for (List<Object> row : balances.rows()) {
      assertEquals(0, closing.get((String) row.get(2)).compareTo((BigDecimal) row.get(3)), row.toString());
      assertTrue(row.get(0) != null, "the counterparty id is known from the documents: " + row);
    }

    ReportService.Query year = new ReportService.Query(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31), null, null);
    ReportTable invoices = wiring.reports().list(ADMIN, "invoices", year);
    Download streamed = wiring.reports().listFile(ADMIN, "invoices", year, TableFiles.Format.CSV);
    String[] csvRows = new String(ExportFormatsIT.fetch(streamed), StandardCharsets.UTF_8).split("\r\n");
    assertEquals(invoices.rows().size() + 2, csvRows.length, "header, one row per invoice, totals");
    assertEquals(60, invoices.rows().size());
    String[] totalRow = csvRows[csvRows.length - 1].split(",", -1);
    assertEquals(0, new BigDecimal(totalRow[7]).compareTo((BigDecimal) invoices.totals().get(7)), "the same gross total");

    ReportTable unpaid = wiring.reports().list(ADMIN, "unpaid", q);
    long paid = balances.rows().stream().filter(row -> ((BigDecimal) row.get(3)).signum() == 0).count();
    assertEquals(30, unpaid.rows().size(), "the 30 invoices without a payment");
    assertEquals(30, balances.rows().size() - paid, "and their 30 customers owe");

    Caller user = new Caller(TENANT, "u2", Role.COMPANY_USER, "user@reports.test");
    com.accountingexport.core.error.DomainException denied = org.junit.jupiter.api.Assertions.assertThrows(
        com.accountingexport.core.error.DomainException.class,
        () -> wiring.reports().report(user, "vat-summary", new ReportService.Query(null, null, null, null)));
    assertEquals(com.accountingexport.core.error.ErrorKind.FORBIDDEN, denied.kind());
    ReportTable vat = wiring.reports().report(ADMIN, "vat-summary", new ReportService.Query(MARCH, at, null, null));
    assertTrue(vat.rows().stream().anyMatch(row -> "collected".equals(row.get(1))), vat.rows().toString());
  }
}
