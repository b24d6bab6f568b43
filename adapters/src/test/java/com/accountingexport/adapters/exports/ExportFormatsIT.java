package com.accountingexport.adapters.exports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.accountingexport.adapters.AwsClients;
import com.accountingexport.adapters.Config;
import com.accountingexport.adapters.Wiring;
import com.accountingexport.adapters.testing.LocalDynamo;
import com.accountingexport.adapters.testing.LocalS3;
import com.accountingexport.core.auth.Caller;
import com.accountingexport.core.auth.Role;
import com.accountingexport.core.auth.TenantId;
import com.accountingexport.core.document.Counterparty;
import com.accountingexport.core.document.Document;
import com.accountingexport.core.error.DomainException;
import com.accountingexport.core.export.Download;
import com.accountingexport.core.export.Export;
import com.accountingexport.core.export.ExportFile;
import com.accountingexport.core.export.ExportGenerator;
import com.accountingexport.core.fakes.TestDocuments;
import com.accountingexport.core.format.ExportTemplate;
import com.accountingexport.core.format.ExportWriter;
import com.accountingexport.core.service.Selection;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One stored export renders in every format of the catalog (built-in and a tenant template) on
 * DynamoDB Local and S3Mock: journal and accounts files fetched through their presigned URLs, their
 * bytes matching the SHA-256 recorded, and what each format had to transliterate counted.
 */
class ExportFormatsIT {
  static final TenantId TENANT = new TenantId("formats");
  static final Caller ADMIN = new Caller(TENANT, "u1", Role.COMPANY_ADMIN, "admin@formats.test");
  static final LocalDate DAY = LocalDate.of(2026, 3, 2);

  Wiring wiring;

  @BeforeEach
  void setUp() {
    String table = LocalDynamo.get().newTable();
    String bucket = LocalS3.get().newBucket();
    AwsClients aws = new AwsClients(LocalDynamo.get().client(), LocalS3.get().s3(), LocalS3.get().presigner(), null);
    Config config = new Config(table, bucket, "exports@test", Duration.ofMinutes(15), "http://localhost", Duration.ofMinutes(5));
    wiring = new Wiring(aws, config, ExportLifecycleIT.CLOCK, () -> UUID.randomUUID().toString());
    List<Document> docs = new ArrayList<>();
    String[] names = {"Łódź Œuvres; \"SARL\"", "=HYPERLINK(\"http://x\")", "Café €uro | Tab\tCo", "x".repeat(60)};
    for (int i = 0; i < 12; i++) {
      Document d = TestDocuments.invoice("inv-" + i, DAY.plusDays(i), "100.00", "20.00");
      Counterparty c = TestDocuments.customer("C" + i, names[i % names.length]);
      docs.add(new Document(d.id(), d.type(), d.number(), d.date(), d.status(), d.currency(), d.exchangeRate(), c,
          d.lines(), d.totals(), d.relatedDocumentId(), d.depositDocumentIds(), d.payment(), d.engagementNumber(),
          d.purchaseOrderNumber(), d.accountingPeriodEnd()));
    }
    wiring.documents().putAll(ADMIN, docs);
  }

  Export generate(String format) {
    return wiring.generator().generate(ADMIN, new ExportGenerator.GenerateRequest(
        new Selection(DAY, DAY.plusDays(30), List.of(), List.of(), true, false), format, "none", null, "h")).export();
  }

  static byte[] fetch(Download d) throws Exception {
    HttpResponse<byte[]> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(d.url())).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(200, r.statusCode(), d.kind() + " " + d.format());
    return r.body();
  }

  static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  @Test
  void everyFormat_rendersTheStoredExport_journalAndAccounts_hashesMatch() throws Exception {
    ExportTemplate tpl = wiring.templates().create(ADMIN, TemplateFixtures.cabinet("windows-1252"));
    ExportTemplate utf8 = wiring.templates().create(ADMIN, TemplateFixtures.cabinet("utf-8"));
    Export e = generate(null);
    List<String> seen = new ArrayList<>();
    for (ExportWriter w : wiring.formats().all(TENANT)) {
      Download journal = wiring.exports().download(ADMIN, e.id(), "journal", w.id());
      byte[] bytes = fetch(journal);
      assertTrue(bytes.length > 0, w.id());
      assertEquals(journal.sha256(), sha256(bytes), w.id() + ": the bytes are the ones recorded");
      assertEquals(w.fileName(com.accountingexport.core.export.ExportFiles.context(e, null)), journal.fileName());
      if (w.accounts().isPresent()) {
        Download accounts = wiring.exports().download(ADMIN, e.id(), "accounts", w.id());
        byte[] a = fetch(accounts);
        assertEquals(accounts.sha256(), sha256(a), w.id() + " accounts");
        assertTrue(accounts.fileName().startsWith(e.number() + "-accounts."), accounts.fileName());
      } else {
        DomainException refused = org.junit.jupiter.api.Assertions.assertThrows(DomainException.class,
            () -> wiring.exports().download(ADMIN, e.id(), "accounts", w.id()));
        assertEquals("NO_ACCOUNTS_FILE", refused.details().get(0).code());
      }
      seen.add(w.id());
    }
    assertTrue(seen.contains(tpl.id()));
    Export after = wiring.exports().find(ADMIN, e.id());
    ExportFile cp1252 = journalOf(after, tpl.id());
    ExportFile unicode = journalOf(after, utf8.id());
    assertTrue(cp1252.changes().transliterated() > 0, "Ł and ź are not in Windows-1252: transliterated and counted");
    assertTrue(cp1252.changes().transliterated() > unicode.changes().transliterated(),
        "UTF-8 keeps Ł and ź: " + cp1252.changes() + " vs " + unicode.changes());
  }

  static ExportFile journalOf(Export e, String format) {
    return e.files().stream().filter(f -> f.kind().equals("journal") && f.format().equals(format)).findFirst()
        .orElseThrow();
  }

  @Test
  void aTemplateEdited_rendersAgain_theOldFileStaysInTheExport() throws Exception {
    ExportTemplate tpl = wiring.templates().create(ADMIN, TemplateFixtures.cabinet("utf-8"));
    Export e = generate(tpl.id());
    Download first = wiring.exports().download(ADMIN, e.id(), "journal", null);
    assertEquals(tpl.id(), first.format());
    String before = new String(fetch(first), java.nio.charset.StandardCharsets.UTF_8);

    ExportTemplate edited = wiring.templates().update(ADMIN, tpl.id(), TemplateFixtures.cabinetDotDecimals());
    Download second = wiring.exports().download(ADMIN, e.id(), "journal", tpl.id());
    String after = new String(fetch(second), java.nio.charset.StandardCharsets.UTF_8);

    assertNotEquals(first.sha256(), second.sha256());
    assertTrue(before.contains("120,00") && after.contains("120.00"), after);
    assertEquals(2, edited.version());
    assertEquals(2, wiring.exports().find(ADMIN, e.id()).files().stream()
        .filter(f -> f.kind().equals("journal") && f.format().equals(tpl.id())).count());
    DomainException inUse = null;
    wiring.settings().put(ADMIN, com.accountingexport.adapters.json.SettingsJson.merge(wiring.settings().get(TENANT),
        com.accountingexport.adapters.json.Json.parse("{\"defaultFormat\": \"" + tpl.id() + "\"}"),
        wiring.formats().ids(TENANT)));
    try {
      wiring.templates().delete(ADMIN, tpl.id());
    } catch (DomainException x) {
      inUse = x;
    }
    assertEquals("TEMPLATE_IN_USE", inUse == null ? null : inUse.code());
  }

  @Test
  void anUnknownTemplateId_is400WithTheKnownIds() {
    Export e = generate("fec");
    DomainException x = org.junit.jupiter.api.Assertions.assertThrows(DomainException.class,
        () -> wiring.exports().download(ADMIN, e.id(), "journal", "tpl-nope"));
    assertEquals("UNKNOWN_FORMAT", x.code());
    assertTrue(x.getMessage().contains("sage") || x.getMessage().contains("fec"), x.getMessage());
  }

  /** Templates the tests save. */
  static final class TemplateFixtures {
    private TemplateFixtures() {}

    static ExportTemplate cabinet(String encoding) {
      return content(encoding, ',');
    }

    static ExportTemplate cabinetDotDecimals() {
      return content("utf-8", '.');
    }

    private static ExportTemplate content(String encoding, char decimal) {
      List<ExportTemplate.Column> columns = java.util.stream.Stream.of("EcritureDate", "JournalCode", "EcritureNum",
          "CompteNum", "CompAuxNum", "CompAuxLib", "EcritureLib", "Debit", "Credit")
          .map(f -> new ExportTemplate.Column(f, null)).toList();
      return new ExportTemplate("new", "Cabinet " + encoding, null, columns, ';', decimal, "dd/MM/yyyy", encoding,
          "minimal", true, 0, null, null);
    }
  }
}
