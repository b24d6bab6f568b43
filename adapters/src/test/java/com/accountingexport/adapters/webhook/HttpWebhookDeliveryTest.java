package com.accountingexport.adapters.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.accountingexport.core.auth.Caller;
import com.accountingexport.core.auth.Role;
import com.accountingexport.core.auth.TenantId;
import com.accountingexport.core.export.Export;
import com.accountingexport.core.export.ExportEvents;
import com.accountingexport.core.export.ExportStatus;
import com.accountingexport.core.fakes.InMemoryWebhooks;
import com.accountingexport.core.period.Period;
import com.accountingexport.core.webhook.Webhook;
import com.accountingexport.core.webhook.WebhookDelivery;
import com.accountingexport.core.webhook.WebhookService;
import com.accountingexport.core.webhook.WebhookSigner;
import com.accountingexport.core.webhook.WebhookUrlPolicy;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Deliveries to a real receiver on 127.0.0.1 (the local policy), sent by the real HTTP transport; the
 * receiver checks every signature with its own HMAC code, as an integration would.
 */
class HttpWebhookDeliveryTest {
  private static final TenantId T = new TenantId("acme");
  private static final Caller ADMIN = new Caller(T, "u1", Role.COMPANY_ADMIN, "admin@acme.test");

  /** One request as the receiver saw it, and whether its signature was right. */
  record Received(String path, String id, String timestamp, String body, boolean signatureValid) {}

  private final List<HttpServer> servers = new ArrayList<>();
  private final Queue<Received> received = new ConcurrentLinkedQueue<>();
  private final InMemoryWebhooks repo = new InMemoryWebhooks();
  private final AtomicInteger ids = new AtomicInteger();
  private final List<WebhookService.Outcome> outcomes = Collections.synchronizedList(new ArrayList<>());
  private volatile String secret;
  private WebhookService service;

  HttpWebhookDeliveryTest() {
    service = new WebhookService(repo, WebhookUrlPolicy.local(), new WebhookSigner(new SecureRandom()),
        (tenant, webhookId, deliveryId) -> {
          // the state machine's loop, with a retry base of 0: attempt again at once until it stops
          for (int guard = 0; guard < 20; guard++) {
            WebhookService.Outcome o = service.attempt(tenant, webhookId, deliveryId);
            outcomes.add(o);
            if (!o.status().equals(WebhookService.RETRY)) {
              return;
            }
          }
        },
        new HttpWebhookTransport(Duration.ofSeconds(5)), Clock.systemUTC(), () -> "n" + ids.incrementAndGet(),
        new WebhookService.Options(Duration.ZERO, Duration.ofHours(24)));
  }

  @AfterEach
  void stop() {
    servers.forEach(s -> s.stop(0));
  }

  /** A receiver answering {@code statuses} in turn (then 200), checking each signature against {@link #secret}. */
  private String receiver(String path, int... statuses) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
    AtomicInteger n = new AtomicInteger();
    server.createContext("/", exchange -> {
      byte[] body = exchange.getRequestBody().readAllBytes();
      String text = new String(body, StandardCharsets.UTF_8);
      String ts = exchange.getRequestHeaders().getFirst("Webhook-Timestamp");
      String sig = exchange.getRequestHeaders().getFirst("Webhook-Signature");
      received.add(new Received(exchange.getRequestURI().getPath(), exchange.getRequestHeaders().getFirst("Webhook-Id"),
          ts, text, verify(secret, ts, text, sig)));
      int i = n.getAndIncrement();
      answer(exchange, i < statuses.length ? statuses[i] : 200, "seen " + i);
    });
    server.start();
    servers.add(server);
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  private static void answer(HttpExchange exchange, int status, String text) throws IOException {
    byte[] out = text.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, out.length);
    try (OutputStream o = exchange.getResponseBody()) {
      o.write(out);
    }
  }

  /** The receiver's own check: hex HMAC-SHA256 of "timestamp.body" under the secret, compared in constant time. */
  private static boolean verify(String secret, String timestamp, String body, String header) {
    try {
      if (secret == null || timestamp == null || header == null || !header.startsWith("v1=")) {
        return false;
      }
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      byte[] expected = mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
      StringBuilder hex = new StringBuilder();
      for (byte b : expected) {
        hex.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
      }
      return MessageDigest.isEqual(hex.toString().getBytes(StandardCharsets.US_ASCII),
          header.substring(3).getBytes(StandardCharsets.US_ASCII));
    } catch (Exception e) {
      return false;
    }
  }

  private static Export ready(String id) {
    return new Export(id, "EXP-2026-00001", ExportStatus.READY, new Period(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 1, 31)),
        List.of("VT"), "fec", "none", false, 3, 9, new BigDecimal("10.00"), new BigDecimal("10.00"),
        Instant.parse("2026-02-01T08:00:00Z"), "admin@acme.test", null, null, null, null, List.of(), List.of(), null, null,
        1, null, "h", null);
  }

  private WebhookDelivery onlyDelivery(Webhook w) {
    List<WebhookDelivery> items = service.deliveries(ADMIN, w.id(), null, 10).items();
    assertEquals(1, items.size());
    return items.get(0);
  }

  @Test
  void fiveHundredTwiceThenOk_threeSignedAttempts_oneDelivery_noFurtherRequest() throws Exception {
    String url = receiver("/hooks/in", 500, 500, 200);
    Webhook w = service.subscribe(ADMIN, url, List.of(ExportEvents.READY));
    secret = w.secret();

    service.publish(T, ready("exp-1"), ExportEvents.READY);

    assertEquals(3, received.size());
    List<Received> all = List.copyOf(received);
    for (Received r : all) {
      assertTrue(r.signatureValid(), "signature of " + r);
      assertEquals("/hooks/in", r.path());
      assertEquals("evt_exp-1_export.ready", r.id());
      assertEquals(all.get(0).body(), r.body());
    }
    assertTrue(all.get(0).body().contains("\"type\":\"export.ready\""));
    assertEquals(List.of("RETRY", "RETRY", "DELIVERED"), outcomes.stream().map(WebhookService.Outcome::status).toList());
    WebhookDelivery d = onlyDelivery(w);
    assertEquals(WebhookDelivery.Status.DELIVERED, d.status());
    assertEquals(List.of(500, 500, 200), d.attempts().stream().map(WebhookDelivery.Attempt::status).toList());
    assertEquals("seen 2", d.attempts().get(2).response());

    // the same event again (a redelivered workflow step) and a late retry of the task: nothing more is sent
    service.publish(T, ready("exp-1"), ExportEvents.READY);
    service.attempt(T, w.id(), d.id());
    Thread.sleep(200);
    assertEquals(3, received.size());
  }

  @Test
  void notFoundFailsAfterOneAttempt() throws Exception {
    Webhook w = service.subscribe(ADMIN, receiver("/gone", 404), List.of(ExportEvents.FAILED));
    secret = w.secret();
    service.publish(T, ready("exp-2"), ExportEvents.FAILED);
    assertEquals(1, received.size());
    WebhookDelivery d = onlyDelivery(w);
    assertEquals(WebhookDelivery.Status.FAILED, d.status());
    assertEquals(404, d.attempts().get(0).status());
  }

  @Test
  void aRedirectIsNeverFollowedAndFailsTheDelivery() throws Exception {
    String target = receiver("/target");
    HttpServer redirecting = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
    redirecting.createContext("/", exchange -> {
      exchange.getRequestBody().readAllBytes();
      exchange.getResponseHeaders().add("Location", target);
      answer(exchange, 307, "moved");
    });
    redirecting.start();
    servers.add(redirecting);
    Webhook w = service.subscribe(ADMIN, "http://127.0.0.1:" + redirecting.getAddress().getPort() + "/in",
        List.of(ExportEvents.READY));
    service.publish(T, ready("exp-3"), ExportEvents.READY);
    assertEquals(0, received.size(), "the redirect target was never called");
    WebhookDelivery d = onlyDelivery(w);
    assertEquals(WebhookDelivery.Status.FAILED, d.status());
    assertEquals(307, d.attempts().get(0).status());
  }

  @Test
  void aLargeAnswerIsStoredCut() throws Exception {
    HttpServer big = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
    big.createContext("/", exchange -> {
      exchange.getRequestBody().readAllBytes();
      answer(exchange, 200, "x".repeat(100_000));
    });
    big.start();
    servers.add(big);
    Webhook w = service.subscribe(ADMIN, "http://127.0.0.1:" + big.getAddress().getPort() + "/", List.of(ExportEvents.READY));
    service.publish(T, ready("exp-4"), ExportEvents.READY);
    WebhookDelivery d = onlyDelivery(w);
    assertEquals(WebhookDelivery.Status.DELIVERED, d.status());
    assertEquals(500, d.attempts().get(0).response().length());
  }

  @Test
  void nobodyListening_isANetworkErrorRetried() throws Exception {
    HttpServer closed = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
    int port = closed.getAddress().getPort();
    closed.stop(0); // nothing listens there any more: refused (or, on some hosts, timed out)
    service = new WebhookService(repo, WebhookUrlPolicy.local(), new WebhookSigner(new SecureRandom()),
        (tenant, webhookId, deliveryId) -> outcomes.add(service.attempt(tenant, webhookId, deliveryId)),
        new HttpWebhookTransport(Duration.ofSeconds(2)), Clock.systemUTC(), () -> "m" + ids.incrementAndGet(),
        WebhookService.Options.defaults());
    Webhook w = service.subscribe(ADMIN, "http://127.0.0.1:" + port + "/", List.of(ExportEvents.READY));
    service.publish(T, ready("exp-5"), ExportEvents.READY);
    assertEquals(List.of(new WebhookService.Outcome("RETRY", 30)), outcomes);
    WebhookDelivery.Attempt a = onlyDelivery(w).attempts().get(0);
    assertNull(a.status());
    assertTrue(a.error().contains("ConnectException") || a.error().contains("HttpTimeoutException"), a.error());
  }
}
