package com.accountingexport.adapters.exports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
import com.accountingexport.core.error.DomainException;
import com.accountingexport.core.export.Download;
import com.accountingexport.core.export.Export;
import com.accountingexport.core.export.ExportGenerator;
import com.accountingexport.core.export.RecordHash;
import com.accountingexport.core.fakes.TestDocuments;
import com.accountingexport.core.format.FecReport;
import com.accountingexport.core.format.FecValidator;
import com.accountingexport.core.service.Selection;
import com.accountingexport.core.settings.TenantSettings;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The fiscal-year FEC end to end on DynamoDB Local and S3Mock: two monthly exports and a cancelled
 * one give one file of the whole year, numbered continuously, lettered across exports, valid.
 */
class FiscalYearFecIT {
  static final TenantId TENANT = new TenantId("fy-acme");
  static final Caller ADMIN = new Caller(TENANT, "u1", Role.COMPANY_ADMIN, "admin@acme.test");
  static final Clock CLOCK = Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), Instant.parse("2026-12-31T08:00:00Z")));
  static final String SIREN = "732829320";

  Wiring wiring;
  final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void setUp() {
    String table = LocalDynamo.get().newTable();
    String bucket = LocalS3.get().newBucket();
    AwsClients aws = new AwsClients(LocalDynamo.get().client(), LocalS3.get().s3(), LocalS3.get().presigner(), null);
    Config config = new Config(table, bucket, "exports@test", Duration.ofMinutes(15), "http://localhost", Duration.ofMinutes(5));
    wiring = new Wiring(aws, config, CLOCK, () -> UUID.randomUUID().toString());
  }

  void siren(String siren) {
    TenantSettings d = wiring.settings().get(TENANT);
    wiring.settings().put(ADMIN, new TenantSettings(d.fiscalYearStart(), d.vatRegimeServices(), d.numberingPattern(),
        d.defaultFormat(), d.journalCodes(), d.accounts(), d.notificationEmails(), d.backgroundThreshold(), d.pageAccess(),
        siren, d.language(), d.autoExport(), d.notifyAbove()));
  }

  Export export(LocalDate from, LocalDate to) {
    return wiring.generator().generate(ADMIN, new ExportGenerator.GenerateRequest(
        new Selection(from, to, List.of(), List.of(), true, false), null, null, null, "h")).export();
  }

  byte[] fetch(Download d) throws Exception {
    HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(d.url())).GET().build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(200, r.statusCode());
    assertEquals(d.sha256(), RecordHash.sha256(r.body()));
    return r.body();
  }

  /** The rows of a FEC (header dropped), split on its separator. */
  static List<String[]> rows(byte[] bytes, Charset charset, String separator) {
    String[] lines = new String(bytes, charset).split("\r\n");
    List<String[]> out = new ArrayList<>();
    for (int i = 1; i < lines.length; i++) {
      out.add(lines[i].split(java.util.regex.Pattern.quote(separator), -1));
    }
    return out;
  }

  static void put(Wiring wiring, Document... documents) {
    wiring.documents().putAll(ADMIN, List.of(documents));
  }

  @Test
  void twoMonthlyExportsAndACancelledOne_giveOneValidContinuousLetteredFile() throws Exception {
    // given: January invoices, February payments (one full, one partial), a March export then cancelled
    put(wiring,
        TestDocuments.invoice("1", LocalDate.of(2026, 1, 5), "100.00", "20.00"),
        TestDocuments.invoice("2", LocalDate.of(2026, 1, 6), "200.00", "40.00"),
        TestDocuments.invoice("10", LocalDate.of(2026, 1, 6), "50.00", "10.00"),
        TestDocuments.invoice("9", LocalDate.of(2026, 1, 6), "30.00", "6.00"));
    Export january = export(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 1, 31));
    put(wiring,
        TestDocuments.payment("p1", LocalDate.of(2026, 2, 10), "120.00", "1"),
        TestDocuments.payment("p2", LocalDate.of(2026, 2, 11), "100.00", "2"));
    Export february = export(LocalDate.of(2026, 2, 1), LocalDate.of(2026, 2, 28));
    put(wiring, TestDocuments.invoice("3", LocalDate.of(2026, 3, 2), "70.00", "14.00"));
    Export march = export(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 31));
    wiring.exports().cancel(ADMIN, march.id());

    // no SIREN: no legal file name, a clear 409 rather than 000000000FEC...
    DomainException noSiren = assertThrows(DomainException.class, () -> wiring.fiscalYearFec().build(ADMIN, "2026", null, null));
    assertEquals("SIREN_REQUIRED", noSiren.code());
    siren(SIREN);

    // when
    Download fec = wiring.fiscalYearFec().build(ADMIN, "2026", null, null);

    // then: named after the SIREN and the closing date, valid, every active entry once, numbered 1..n
    assertEquals(SIREN + "FEC20261231.txt", fec.fileName());
    byte[] bytes = fetch(fec);
    FecReport report = FecValidator.check(new ByteArrayInputStream(bytes));
    assertTrue(report.valid(), () -> report.violations().toString());
    List<String[]> rows = rows(bytes, StandardCharsets.UTF_8, "\t");
    Set<String> pieces = new LinkedHashSet<>();
    Set<String> numbers = new LinkedHashSet<>();
    for (String[] r : rows) {
      pieces.add(r[0] + " " + r[8]);
      numbers.add(r[2]);
    }
    assertEquals(List.of("VT F-1", "VT F-2", "VT F-9", "VT F-10", "BQ R-p1", "BQ R-p2"), List.copyOf(pieces),
        "journal order, then date, then piece number in natural order (F-9 before F-10); F-3 was cancelled");
    assertEquals(List.of("1", "2", "3", "4", "5", "6"), List.copyOf(numbers));

    // lettering across exports: F-1 and its full payment share a code; F-2, paid in part, has none
    String invoiceLetter = null;
    String paymentLetter = null;
    for (String[] r : rows) {
      boolean customerLine = r[4].equals("411000");
      if (customerLine && r[8].equals("F-1")) {
        invoiceLetter = r[13] + "/" + r[14];
      } else if (customerLine && r[8].equals("R-p1")) {
        paymentLetter = r[13] + "/" + r[14];
      } else if (customerLine && (r[8].equals("F-2") || r[8].equals("R-p2"))) {
        assertEquals("", r[13], "a partial settlement stays unlettered: " + String.join("|", r));
      }
    }
    assertEquals("AA/20260210", invoiceLetter, "DateLet is the date of the group's last line");
    assertEquals(invoiceLetter, paymentLetter);

    // the monthly January file letters nothing: the payment is not in it
    byte[] januaryFec = fetch(wiring.exports().download(ADMIN, january.id(), "journal", "fec"));
    assertTrue(rows(januaryFec, StandardCharsets.UTF_8, "\t").stream().allMatch(r -> r[13].isEmpty()));

    // asked again: the same file; in pipe and ISO-8859-15: the same entries, valid in that encoding
    assertEquals(fec.sha256(), wiring.fiscalYearFec().build(ADMIN, "2026", "tab", "utf-8").sha256());
    Download latin9 = wiring.fiscalYearFec().build(ADMIN, "2026", "pipe", "iso-8859-15");
    byte[] latin9Bytes = fetch(latin9);
    FecReport latin9Report = FecValidator.check(new ByteArrayInputStream(latin9Bytes),
        FecValidator.Options.defaults().withEncoding(FecValidator.ISO_8859_15));
    assertTrue(latin9Report.valid(), () -> latin9Report.violations().toString());
    assertEquals(rows.size(), rows(latin9Bytes, FecValidator.ISO_8859_15, "|").size());

    // a new export of the year: a new file, the codes already issued stay
    put(wiring, TestDocuments.payment("p3", LocalDate.of(2026, 4, 2), "140.00", "2"));
    export(LocalDate.of(2026, 4, 1), LocalDate.of(2026, 4, 30));
    Download after = wiring.fiscalYearFec().build(ADMIN, "2026", null, null);
    assertNotEquals(fec.sha256(), after.sha256());
    List<String> letters = new ArrayList<>();
    for (String[] r : rows(fetch(after), StandardCharsets.UTF_8, "\t")) {
      if (r[4].equals("411000")) {
        letters.add(r[8] + "=" + r[13]);
      }
    }
    assertTrue(letters.containsAll(List.of("F-1=AA", "R-p1=AA")), letters.toString());
    // F-2 is now settled in full; its customer (411C2) has its own sequence of codes, so AA again
    assertTrue(letters.containsAll(List.of("F-2=AA", "R-p2=AA", "R-p3=AA")), "F-2 now settled in full: " + letters);
    assertTrue(letters.containsAll(List.of("F-9=", "F-10=")), "unpaid invoices stay unlettered: " + letters);
    assertTrue(february.number().compareTo(january.number()) > 0);
  }

  @Test
  void badParameters_areA400_andAYearWithoutExports_a404() {
    siren(SIREN);
    for (String[] bad : new String[][] {{"26", null, null}, {"abcd", null, null}, {"2026", "comma", null}, {"2026", null, "latin1"}}) {
      DomainException e = assertThrows(DomainException.class, () -> wiring.fiscalYearFec().build(ADMIN, bad[0], bad[1], bad[2]));
      assertEquals(400, e.kind().status(), String.join(",", java.util.Arrays.asList(bad)));
    }
    DomainException none = assertThrows(DomainException.class, () -> wiring.fiscalYearFec().build(ADMIN, "2025", null, null));
    assertEquals("NO_EXPORTED_ENTRIES", none.code());
  }
}
