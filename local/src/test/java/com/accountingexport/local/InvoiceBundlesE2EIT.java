package com.accountingexport.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.accountingexport.core.export.RecordHash;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.outline.PDOutlineItem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue #8 on the whole local runtime (DynamoDB Local, S3Mock, the ASL on aws-local-stepfunctions
 * with its Map state): 1,500 invoices exported in the background with {@code pdf: both} end READY
 * with a ZIP holding every invoice's PDF once and a merged PDF with one bookmark and one page per
 * invoice; an uploaded PDF is bundled (and served) byte for byte, a non-PDF upload does not count.
 */
class InvoiceBundlesE2EIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int DOCUMENTS = 1500;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private LocalRuntime runtime;

  @BeforeAll
  static void tools() {
    E2E.requireStepFunctionsHost();
  }

  @AfterEach
  void stop() {
    if (runtime != null) {
      runtime.close();
    }
  }

  private HttpResponse<String> send(String method, String path, String token, String body) throws Exception {
    return E2E.send(http, runtime.baseUri(), method, path, token, body);
  }

  private byte[] fetch(String url) throws Exception {
    HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(200, r.statusCode());
    return r.body();
  }

  private void upload(String token, String documentId, byte[] bytes) throws Exception {
    HttpResponse<String> link = send("PUT", "/documents/" + documentId + "/pdf", token, null);
    assertEquals(200, link.statusCode(), link.body());
    JsonNode l = JSON.readTree(link.body());
    assertEquals(10L << 20, l.get("maxBytes").asLong());
    HttpResponse<String> put = http.send(HttpRequest.newBuilder(URI.create(l.get("url").asText()))
        .header("Content-Type", l.get("headers").get("Content-Type").asText())
        .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, put.statusCode(), put.body());
  }

  @Test
  void fifteenHundredInvoices_withBothBundles_endReady_withEveryPdfOnce() throws Exception {
    LocalOptions t = LocalOptions.forTests();
    Map<String, String> env = new HashMap<>(t.env());
    env.put(LocalRuntime.SFN_TIME_SCALE, "0.01");
    runtime = LocalRuntime.start(new LocalOptions(true, false, null, 0, false, false, t.repoRoot(), env));
    String token = runtime.token("pdf-acme", "company_admin", "u-pdf", "compta@pdf-acme.test", Duration.ofHours(1)).token();
    HttpResponse<String> settings = send("PUT", "/settings", token, """
        {"company": {"name": "Formations Dupont", "legalForm": "SAS", "shareCapital": "10000.00",
                     "address": {"line1": "12 rue des Lilas", "postalCode": "69003", "city": "Lyon", "countryCode": "FR"},
                     "siren": "732829320", "siret": "73282932000074", "rcs": "RCS Lyon 732 829 320",
                     "vatNumber": "FR44732829320"}}""");
    assertEquals(200, settings.statusCode(), settings.body());
    for (int batch = 0; batch < DOCUMENTS / 500; batch++) {
      StringBuilder docs = new StringBuilder("{\"documents\": [");
      for (int i = 0; i < 500; i++) {
        int n = batch * 500 + i;
        docs.append(i > 0 ? "," : "").append("""
            {"id": "p-%05d", "type": "invoice", "number": "F-%05d", "date": "%s", "status": "validated",
             "counterparty": {"id": "C%d", "name": "Client %d",
                              "billingAddress": {"line1": "1 rue A", "postalCode": "75001", "city": "Paris", "countryCode": "FR"}},
             "lines": [{"label": "Formation", "netAmount": "100.00", "vatRate": "20.00", "vatAmount": "20.00"}],
             "totals": {"net": "100.00", "vat": "20.00", "gross": "120.00"}}""".formatted(n, n,
            LocalDate.of(2026, 1, 1).plusDays(n % 300), n % 40, n % 40));
      }
      HttpResponse<String> r = send("POST", "/documents/batch", token, docs.append("]}").toString());
      assertEquals(200, r.statusCode(), r.body());
      assertEquals(0, JSON.readTree(r.body()).get("failed").asInt(), r.body());
    }

    // a rendered PDF, uploaded for another invoice: served and bundled byte for byte; a non-PDF does not count
    byte[] rendered = fetch(JSON.readTree(send("GET", "/documents/p-00008/pdf", token, null).body()).get("url").asText());
    assertEquals("%PDF-", new String(rendered, 0, 5, java.nio.charset.StandardCharsets.US_ASCII));
    upload(token, "p-00007", rendered);
    HttpResponse<String> own = send("GET", "/documents/p-00007/pdf", token, null);
    assertEquals(200, own.statusCode(), own.body());
    assertArrayEquals(rendered, fetch(JSON.readTree(own.body()).get("url").asText()));
    assertEquals(RecordHash.sha256(rendered), JSON.readTree(own.body()).get("sha256").asText());
    upload(token, "p-00009", "not a pdf at all".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    HttpResponse<String> refused = send("GET", "/documents/p-00009/pdf", token, null);
    assertEquals(422, refused.statusCode(), refused.body());
    assertEquals("INVALID_PDF_UPLOAD", JSON.readTree(refused.body()).get("error").get("code").asText());

    // when
    HttpResponse<String> created = send("POST", "/exports", token,
        "{\"from\": \"2026-01-01\", \"to\": \"2026-12-31\", \"pdf\": \"both\"}");
    assertEquals(202, created.statusCode(), created.body());
    String id = JSON.readTree(created.body()).get("id").asText();
    JsonNode ready;
    long deadline = System.nanoTime() + Duration.ofMinutes(6).toNanos();
    do {
      Thread.sleep(200);
      ready = JSON.readTree(send("GET", "/exports/" + id, token, null).body());
      assertTrue(System.nanoTime() < deadline, "still generating: " + ready);
    } while (ready.get("status").asText().equals("GENERATING"));

    // then
    assertEquals("READY", ready.get("status").asText(), ready.toString());
    assertEquals("both", ready.get("pdf").asText());
    Set<String> kinds = new HashSet<>();
    ready.get("files").forEach(f -> kinds.add(f.get("kind").asText()));
    assertTrue(kinds.containsAll(Set.of("journal", "accounts", "invoices-zip", "invoices-pdf")), kinds.toString());

    JsonNode zipLink = JSON.readTree(send("GET", "/exports/" + id + "/files/invoices-zip", token, null).body());
    byte[] zip = fetch(zipLink.get("url").asText());
    assertEquals(zipLink.get("sha256").asText(), RecordHash.sha256(zip));
    Set<String> names = new HashSet<>();
    byte[] seven = null;
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
        byte[] bytes = in.readAllBytes();
        assertTrue(names.add(e.getName()), "once: " + e.getName());
        if (e.getName().equals("F-00007.pdf")) {
          seven = bytes;
        }
      }
    }
    assertEquals(DOCUMENTS + 1, names.size(), "every invoice once, and the manifest");
    assertTrue(names.contains("manifest.csv"));
    assertArrayEquals(rendered, seven, "the uploaded PDF, byte for byte");

    JsonNode pdfLink = JSON.readTree(send("GET", "/exports/" + id + "/files/invoices-pdf", token, null).body());
    byte[] merged = fetch(pdfLink.get("url").asText());
    try (PDDocument doc = Loader.loadPDF(merged)) {
      assertEquals(DOCUMENTS, doc.getNumberOfPages(), "one page per invoice");
      int bookmarks = 0;
      for (PDOutlineItem item = doc.getDocumentCatalog().getDocumentOutline().getFirstChild(); item != null;
          item = item.getNextSibling()) {
        bookmarks++;
      }
      assertEquals(DOCUMENTS, bookmarks);
    }
  }

  @Test
  void aPdfBatchThatKeepsFailing_failsTheExport_throughTheFailureBranch_andReleasesItsDocuments() throws Exception {
    // every FileStore.size fails: the PDF batches of the Map state (they look for uploads) run out of retries
    LocalOptions t = LocalOptions.forTests();
    Map<String, String> env = new HashMap<>(t.env());
    env.put(LocalRuntime.SFN_TIME_SCALE, "0.01");
    env.put(LocalRuntime.FAIL_METHOD, "FileStore.size");
    runtime = LocalRuntime.start(new LocalOptions(true, false, null, 0, false, false, t.repoRoot(), env));
    String token = runtime.token("pdf-fail", "company_admin", "u-fail", "compta@pdf-fail.test", Duration.ofHours(1)).token();
    assertEquals(200, send("PUT", "/settings", token, """
        {"backgroundThreshold": 1,
         "company": {"name": "Formations Dupont", "address": {"line1": "12 rue des Lilas", "postalCode": "69003",
                     "city": "Lyon", "countryCode": "FR"}, "siren": "732829320", "vatNumber": "FR44732829320"}}""")
        .statusCode());
    StringBuilder docs = new StringBuilder("{\"documents\": [");
    for (int n = 0; n < 150; n++) {
      docs.append(n > 0 ? "," : "").append("""
          {"id": "q-%03d", "type": "invoice", "number": "F-%03d", "date": "2026-03-02", "status": "validated",
           "counterparty": {"id": "C1", "name": "Client",
                            "billingAddress": {"line1": "1 rue A", "postalCode": "75001", "city": "Paris", "countryCode": "FR"}},
           "lines": [{"label": "Formation", "netAmount": "100.00", "vatRate": "20.00", "vatAmount": "20.00"}],
           "totals": {"net": "100.00", "vat": "20.00", "gross": "120.00"}}""".formatted(n, n));
    }
    assertEquals(200, send("POST", "/documents/batch", token, docs.append("]}").toString()).statusCode());

    HttpResponse<String> created = send("POST", "/exports", token,
        "{\"from\": \"2026-01-01\", \"to\": \"2026-12-31\", \"pdf\": \"zip\"}");
    assertEquals(202, created.statusCode(), created.body());
    String id = JSON.readTree(created.body()).get("id").asText();
    JsonNode end;
    long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
    do {
      Thread.sleep(200);
      end = JSON.readTree(send("GET", "/exports/" + id, token, null).body());
      assertTrue(System.nanoTime() < deadline, "still generating: " + end);
    } while (end.get("status").asText().equals("GENERATING"));

    assertEquals("FAILED", end.get("status").asText(), end.toString());
    assertTrue(end.get("failure").asText().contains("FileStore.size"), end.toString());
    JsonNode exportable = JSON.readTree(send("GET", "/documents?state=exportable&limit=1000", token, null).body());
    assertEquals(150, exportable.get("items").size(), "every document released");
  }
}
