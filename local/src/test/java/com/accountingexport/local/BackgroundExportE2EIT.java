package com.accountingexport.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.accountingexport.core.format.FecValidator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue #7, tests 1 and 2, on the whole local runtime: the same ASL run by aws-local-stepfunctions,
 * its tasks calling the same WorkflowHandler as Lambda, DynamoDB Local, S3Mock and the SES emulator.
 * A background export of 1,500 invoices goes from GENERATING to READY with its progress moving and
 * a mail that names it without any presigned URL; a step that keeps failing ends FAILED with its
 * documents released and a failure mail.
 */
class BackgroundExportE2EIT {
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

  private LocalRuntime start(Map<String, String> env) throws Exception {
    LocalOptions t = LocalOptions.forTests();
    Map<String, String> all = new HashMap<>(t.env());
    all.put(LocalRuntime.SFN_TIME_SCALE, "0.01");
    all.putAll(env);
    runtime = LocalRuntime.start(new LocalOptions(true, false, null, 0, false, false, t.repoRoot(), all));
    assertTrue(runtime.stepFunctions().isPresent(), "the runtime runs the workflow locally");
    return runtime;
  }

  private HttpResponse<String> send(String method, String path, String token, String body) throws Exception {
    return E2E.send(http, runtime.baseUri(), method, path, token, body);
  }

  private void seed(String tenant, String token) throws Exception {
    for (int batch = 0; batch < DOCUMENTS / 500; batch++) {
      StringBuilder docs = new StringBuilder("{\"documents\": [");
      for (int i = 0; i < 500; i++) {
        int n = batch * 500 + i;
        docs.append(i > 0 ? "," : "").append("""
            {"id": "b-%05d", "type": "invoice", "number": "F-%05d", "date": "%s", "status": "validated",
             "counterparty": {"id": "C%d", "name": "Client %d"},
             "lines": [{"netAmount": "100.00", "vatRate": "20.00", "vatAmount": "20.00"}],
             "totals": {"net": "100.00", "vat": "20.00", "gross": "120.00"}}""".formatted(n, n,
            LocalDate.of(2026, 1, 1).plusDays(n % 300), n % 40, n % 40));
      }
      HttpResponse<String> r = send("POST", "/documents/batch", token, docs.append("]}").toString());
      assertEquals(200, r.statusCode(), r.body());
      assertEquals(0, JSON.readTree(r.body()).get("failed").asInt(), r.body());
    }
  }

  /** Polls GET /exports/{id} until it leaves GENERATING; returns every answer seen. */
  private List<JsonNode> follow(String token, String id) throws Exception {
    List<JsonNode> seen = new ArrayList<>();
    long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
    while (true) {
      HttpResponse<String> r = send("GET", "/exports/" + id, token, null);
      assertEquals(200, r.statusCode(), r.body());
      JsonNode e = JSON.readTree(r.body());
      seen.add(e);
      if (!e.get("status").asText().equals("GENERATING")) {
        return seen;
      }
      assertTrue(System.nanoTime() < deadline, "still GENERATING after 4 minutes: " + e);
      Thread.sleep(100);
    }
  }

  private List<JsonNode> mailsTo(String address) throws Exception {
    URI store = runtime.mailStoreUri().orElseThrow();
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(store).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), r.body());
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode m : JSON.readTree(r.body()).path("emails")) {
      if (m.path("destination").path("to").toString().contains(address)) {
        out.add(m);
      }
    }
    return out;
  }

  private Map<String, Integer> exportStates(String token) throws Exception {
    HttpResponse<String> r = send("GET", "/documents?from=2026-01-01&to=2026-12-31&limit=1000", token, null);
    Map<String, Integer> states = new HashMap<>();
    String cursor = null;
    do {
      r = send("GET", "/documents?from=2026-01-01&to=2026-12-31&limit=1000" + (cursor == null ? "" : "&cursor=" + cursor),
          token, null);
      JsonNode page = JSON.readTree(r.body());
      page.get("items").forEach(i -> states.merge(i.get("exportState").asText(), 1, Integer::sum));
      cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
    } while (cursor != null);
    return states;
  }

  @Test
  void aLargeExport_runsInTheBackground_toReady_withItsProgress_andAMailWithoutAnyPresignedUrl() throws Exception {
    start(Map.of());
    String email = "compta@bg-acme.test";
    String token = runtime.token("bg-acme", "company_admin", "u-bg", email, Duration.ofHours(1)).token();
    seed("bg-acme", token);

    HttpResponse<String> created = send("POST", "/exports", token, "{\"from\": \"2026-01-01\", \"to\": \"2026-12-31\"}");
    assertEquals(202, created.statusCode(), created.body());
    JsonNode opened = JSON.readTree(created.body());
    String id = opened.get("id").asText();
    assertEquals("GENERATING", opened.get("status").asText());
    assertEquals("/exports/" + id, created.headers().firstValue("Location").orElse(null));
    assertEquals(DOCUMENTS, opened.path("progress").path("total").asInt(), created.body());

    List<JsonNode> seen = follow(token, id);
    JsonNode ready = seen.get(seen.size() - 1);
    assertEquals("READY", ready.get("status").asText(), ready.toString());
    assertEquals(DOCUMENTS, ready.get("documentCount").asInt());
    assertEquals(100, ready.path("progress").path("percent").asInt(), ready.toString());
    int last = -1;
    for (JsonNode s : seen) {
      int percent = s.path("progress").path("percent").asInt();
      assertTrue(percent >= last, "progress only grows: " + last + " then " + s.path("progress"));
      last = percent;
    }

    // the files are in S3: the FEC through its presigned link, every invoice in it
    HttpResponse<String> link = send("GET", "/exports/" + id + "/files/journal", token, null);
    assertEquals(200, link.statusCode(), link.body());
    HttpResponse<byte[]> fec = http.send(HttpRequest.newBuilder(URI.create(JSON.readTree(link.body()).get("url").asText()))
        .GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(200, fec.statusCode());
    assertEquals(List.of(), FecValidator.validate(new ByteArrayInputStream(fec.body())));
    String text = new String(fec.body(), StandardCharsets.UTF_8);
    assertEquals(DOCUMENTS * 3 + 1, text.split("\r\n").length, "a header and three lines per invoice");

    // the mail: the requester got it, it names the export and links to its route, never to S3
    List<JsonNode> mails = waitForMails(email, 1);
    JsonNode mail = mails.get(0);
    String all = mail.path("subject").asText() + mail.path("body").path("text").asText() + mail.path("body").path("html").asText();
    String number = ready.get("number").asText();
    assertTrue(all.contains(number), all);
    assertTrue(all.contains("/exports/" + id), all);
    assertFalse(all.contains("X-Amz-"), "no presigned URL in a mail");
    assertFalse(all.contains(runtime.wiring().config().bucketName()), "no S3 address in a mail");
    JsonNode notices = JSON.readTree(send("GET", "/exports/" + id, token, null).body()).get("notices");
    assertEquals(1, notices.size(), notices.toString());
    assertTrue(notices.get(0).get("sent").asBoolean(), notices.toString());
  }

  @Test
  void aStepThatKeepsFailing_failsTheExport_releasesItsDocuments_andMailsTheFailure() throws Exception {
    start(Map.of(LocalRuntime.FAIL_METHOD, "DocumentRepository.findAll"));
    String email = "compta@bg-fail.test";
    String token = runtime.token("bg-fail", "company_admin", "u-fail", email, Duration.ofHours(1)).token();
    seed("bg-fail", token);

    HttpResponse<String> created = send("POST", "/exports", token, "{\"from\": \"2026-01-01\", \"to\": \"2026-12-31\"}");
    assertEquals(202, created.statusCode(), created.body());
    String id = JSON.readTree(created.body()).get("id").asText();

    List<JsonNode> seen = follow(token, id);
    JsonNode failed = seen.get(seen.size() - 1);
    assertEquals("FAILED", failed.get("status").asText(), failed.toString());
    assertTrue(failed.get("failure").asText().contains("INJECTED_FAULT") || failed.get("failure").asText().contains("findAll"),
        failed.toString());
    assertNotNull(failed.get("number").asText());
    // the render step ran its retries before the failure branch: the runtime's log would show 4 attempts
    // FAILED is written first (a step still running then stops and gives its claims back), the release follows
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    Map<String, Integer> states;
    while (!(states = exportStates(token)).equals(Map.of("exportable", DOCUMENTS))) {
      assertTrue(System.nanoTime() < deadline, "every document is exportable again: " + states);
      Thread.sleep(200);
    }

    List<JsonNode> mails = waitForMails(email, 1);
    String all = mails.get(0).path("subject").asText() + mails.get(0).path("body").path("text").asText();
    assertTrue(all.contains(failed.get("number").asText()), all);
    assertFalse(all.contains("X-Amz-"), all);
  }

  private List<JsonNode> waitForMails(String address, int count) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    List<JsonNode> mails;
    while ((mails = mailsTo(address)).size() < count) {
      assertTrue(System.nanoTime() < deadline, "no mail to " + address);
      Thread.sleep(200);
    }
    return mails;
  }
}
