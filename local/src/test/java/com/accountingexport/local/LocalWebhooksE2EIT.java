package com.accountingexport.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue #12's webhook test on the whole local runtime: a receiver on 127.0.0.1 subscribed through the
 * real route gets a signed export.ready when an export is generated, answers 500 twice then 200, and
 * sees exactly three attempts, run by statemachine/deliver-webhook.asl.json in aws-local-stepfunctions
 * (1 s retry base); the deliveries route shows them. A private address is refused at subscription.
 */
class LocalWebhooksE2EIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final Queue<String[]> received = new ConcurrentLinkedQueue<>();
  private volatile String secret;
  private LocalRuntime runtime;
  private HttpServer receiver;

  @BeforeAll
  static void tools() {
    E2E.requireStepFunctionsHost();
  }

  @AfterEach
  void stop() {
    if (receiver != null) {
      receiver.stop(0);
    }
    if (runtime != null) {
      runtime.close();
    }
  }

  private HttpResponse<String> send(String method, String path, String token, String body) throws Exception {
    return E2E.send(http, runtime.baseUri(), method, path, token, body);
  }

  /** The receiver's own check of {@code Webhook-Signature}: v1=hex(HMAC-SHA256(secret, timestamp.body)). */
  private static boolean signedWith(String secret, String timestamp, String body, String header) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    StringBuilder hex = new StringBuilder("v1=");
    for (byte x : mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8))) {
      hex.append(String.format("%02x", x));
    }
    return header != null && MessageDigest.isEqual(hex.toString().getBytes(StandardCharsets.US_ASCII),
        header.getBytes(StandardCharsets.US_ASCII));
  }

  @Test
  void aLoopbackReceiver_getsTheSignedExportReady_after500Twice_inThreeAttempts() throws Exception {
    LocalOptions t = LocalOptions.forTests();
    Map<String, String> env = new HashMap<>(t.env());
    env.remove("WEBHOOK_RETRY_BASE_SECONDS");
    runtime = LocalRuntime.start(new LocalOptions(true, false, null, 0, false, false, t.repoRoot(), env));
    assertTrue(runtime.webhookStepFunctions().isPresent(), "the delivery loop runs in the local Step Functions host");
    String token = runtime.token("wh-acme", "company_admin", "u-wh", "admin@wh-acme.test", Duration.ofHours(1)).token();

    AtomicInteger n = new AtomicInteger();
    int[] answers = {500, 500, 200};
    receiver = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
    receiver.createContext("/hook", exchange -> {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      var h = exchange.getRequestHeaders();
      boolean valid;
      try {
        valid = signedWith(secret, h.getFirst("Webhook-Timestamp"), body, h.getFirst("Webhook-Signature"));
      } catch (Exception e) {
        valid = false;
      }
      received.add(new String[] {h.getFirst("Webhook-Id"), body, Boolean.toString(valid)});
      int i = n.getAndIncrement();
      byte[] out = ("answer " + i).getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(i < answers.length ? answers[i] : 200, out.length);
      try (OutputStream o = exchange.getResponseBody()) {
        o.write(out);
      }
    });
    receiver.start();
    String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";

    HttpResponse<String> refused = send("POST", "/webhooks", token,
        "{\"url\": \"http://10.0.0.1/hook\", \"events\": [\"export.ready\"]}");
    assertEquals(400, refused.statusCode(), refused.body());
    assertEquals("URL_NOT_PUBLIC", JSON.readTree(refused.body()).path("error").path("code").asText());

    HttpResponse<String> created = send("POST", "/webhooks", token,
        "{\"url\": \"" + url + "\", \"events\": [\"export.ready\"]}");
    assertEquals(201, created.statusCode(), created.body());
    JsonNode hook = JSON.readTree(created.body());
    secret = hook.get("secret").asText();
    String hookId = hook.get("id").asText();
    HttpResponse<String> listed = send("GET", "/webhooks", token, null);
    assertEquals(1, JSON.readTree(listed.body()).get("items").size(), listed.body());

    HttpResponse<String> docs = send("POST", "/documents/batch", token, """
        {"documents": [{"id": "w-1", "type": "invoice", "number": "F-1", "date": "2026-03-02", "status": "validated",
          "counterparty": {"id": "C1", "name": "Client 1"},
          "lines": [{"netAmount": "100.00", "vatRate": "20.00", "vatAmount": "20.00"}],
          "totals": {"net": "100.00", "vat": "20.00", "gross": "120.00"}}]}""");
    assertEquals(200, docs.statusCode(), docs.body());
    HttpResponse<String> export = send("POST", "/exports", token, "{\"from\": \"2026-03-01\", \"to\": \"2026-03-31\"}");
    assertTrue(export.statusCode() == 201 || export.statusCode() == 202, export.body());
    String exportId = JSON.readTree(export.body()).get("id").asText();

    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    JsonNode delivery = null;
    while (System.nanoTime() < deadline) {
      HttpResponse<String> d = send("GET", "/webhooks/" + hookId + "/deliveries", token, null);
      assertEquals(200, d.statusCode(), d.body());
      JsonNode items = JSON.readTree(d.body()).get("items");
      if (items.size() == 1 && !items.get(0).get("status").asText().equals("PENDING")) {
        delivery = items.get(0);
        break;
      }
      Thread.sleep(200);
    }
    assertTrue(delivery != null, "the delivery ended within 90 s; received " + received.size());
    Thread.sleep(2500); // longer than the next backoff would have been: nothing more arrives
    assertEquals("DELIVERED", delivery.get("status").asText(), delivery.toString());
    List<Integer> statuses = new ArrayList<>();
    delivery.get("attempts").forEach(a -> statuses.add(a.get("status").asInt()));
    assertEquals(List.of(500, 500, 200), statuses, delivery.toString());
    assertEquals("evt_" + exportId + "_export.ready", delivery.get("eventId").asText());

    List<String[]> all = List.copyOf(received);
    assertEquals(3, all.size(), "exactly three requests");
    for (String[] r : all) {
      assertEquals("evt_" + exportId + "_export.ready", r[0]);
      assertEquals("true", r[2], "signature verified by the receiver: " + r[1]);
      assertEquals(all.get(0)[1], r[1], "the same bytes every attempt");
      JsonNode body = JSON.readTree(r[1]);
      assertEquals("export.ready", body.get("type").asText());
      assertEquals("wh-acme", body.get("tenant").asText());
      assertEquals(exportId, body.path("data").path("export").path("id").asText());
      assertFalse(r[1].contains("X-Amz-Signature") || r[1].contains("http"), "no link in the body: " + r[1]);
    }
  }
}
