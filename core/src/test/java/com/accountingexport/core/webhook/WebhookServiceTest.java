package com.accountingexport.core.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.accountingexport.core.auth.Caller;
import com.accountingexport.core.auth.Role;
import com.accountingexport.core.auth.TenantId;
import com.accountingexport.core.error.DomainException;
import com.accountingexport.core.error.ErrorKind;
import com.accountingexport.core.export.Export;
import com.accountingexport.core.export.ExportEvents;
import com.accountingexport.core.export.ExportFile;
import com.accountingexport.core.export.ExportStatus;
import com.accountingexport.core.fakes.InMemoryWebhooks;
import com.accountingexport.core.period.Period;
import com.accountingexport.core.fakes.MovingClock;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class WebhookServiceTest {
  private static final TenantId T = new TenantId("acme");
  private static final Caller ADMIN = new Caller(T, "u1", Role.COMPANY_ADMIN, "admin@acme.test");
  private static final Caller USER = new Caller(T, "u2", Role.COMPANY_USER, "user@acme.test");
  private static final Caller OTHER = new Caller(new TenantId("globex"), "u3", Role.COMPANY_ADMIN, "a@globex.test");

  /** A clock the retry loop moves forward by each wait. */
  record Sent(URI url, Map<String, String> headers, String body) {}

  private final MovingClock clock = new MovingClock(Instant.parse("2027-01-05T10:00:00Z"));
  private final InMemoryWebhooks repo = new InMemoryWebhooks();
  private final Deque<Integer> answers = new ArrayDeque<>();
  private final List<Sent> sent = new ArrayList<>();
  private final List<WebhookService.Outcome> outcomes = new ArrayList<>();
  private final AtomicReference<String> resolvesTo = new AtomicReference<>("93.184.216.34");
  private final AtomicInteger ids = new AtomicInteger();
  private WebhookService service;

  private final WebhookTransport transport = (url, headers, body) -> {
    sent.add(new Sent(url, headers, body));
    Integer status = answers.isEmpty() ? 200 : answers.poll();
    if (status < 0) {
      throw new IOException("connection refused");
    }
    return new WebhookTransport.Answer(status, "answer " + status);
  };

  WebhookServiceTest() {
    WebhookUrlPolicy policy = new WebhookUrlPolicy(false,
        host -> new InetAddress[] {InetAddress.getByAddress(host, InetAddress.getByName(resolvesTo.get()).getAddress())});
    // the retry loop, as the state machine runs it: attempt, wait what it says (here: move the clock), again
    WebhookDispatcher loop = (tenant, webhookId, deliveryId) -> {
      for (int guard = 0; guard < 100; guard++) {
        WebhookService.Outcome o = service.attempt(tenant, webhookId, deliveryId);
        outcomes.add(o);
        if (!o.status().equals(WebhookService.RETRY)) {
          return;
        }
        clock.advance(java.time.Duration.ofSeconds(o.waitSeconds()));
      }
      throw new AssertionError("the loop never ended");
    };
    service = new WebhookService(repo, policy, new WebhookSigner(new SecureRandom()), loop, transport, clock,
        () -> "id" + ids.incrementAndGet(), WebhookService.Options.defaults());
  }

  static Export ready(String id) {
    return new Export(id, "EXP-2026-00042", ExportStatus.READY, new Period(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 1, 31)),
        List.of("VT"), "fec", "none", false, 17, 58, new BigDecimal("1234.50"), new BigDecimal("1234.50"),
        Instant.parse("2027-01-05T09:30:00Z"), "user \"1\"", null, null, null, null,
        List.of(new ExportFile("journal", "fec", "t/acme/" + id + "/journal.txt", 10, "ab"),
            new ExportFile("journal", "csv", "t/acme/" + id + "/journal.csv", 10, "cd"),
            new ExportFile("entries", "json", "t/acme/" + id + "/entries.json", 10, "ef"),
            new ExportFile("accounts", "csv", "t/acme/" + id + "/accounts.csv", 10, "gh")),
        List.of(), null, null, 1, null, "hash", null);
  }

  private static String hmac(String secret, String text) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    StringBuilder hex = new StringBuilder();
    for (byte b : mac.doFinal(text.getBytes(StandardCharsets.UTF_8))) {
      hex.append(String.format("%02x", b));
    }
    return hex.toString();
  }

  @Test
  void aDeliveryWhoseLoopBroke_isAbandonedAsFailed_neverLeftPending_andAFinishedOneIsLeftAlone() {
    Webhook w = service.subscribe(ADMIN, "https://hooks.example.com/in", List.of(ExportEvents.READY));
    WebhookDelivery pending = new WebhookDelivery("dlv_1", T, w.id(), "evt_exp-9_export.ready", ExportEvents.READY, "{}",
        WebhookDelivery.Status.PENDING, clock.instant(), List.of(), clock.instant());
    repo.createDelivery(pending);

    assertEquals(new WebhookService.Outcome("FAILED", 0),
        service.abandon(T, w.id(), "dlv_1", "Lambda.ServiceException: busy"));
    WebhookDelivery d = service.deliveries(ADMIN, w.id(), null, 10).items().get(0);
    assertEquals(WebhookDelivery.Status.FAILED, d.status());
    assertEquals(1, d.attempts().size());
    assertNull(d.attempts().get(0).status(), "nothing was sent");
    assertTrue(d.attempts().get(0).error().contains("Lambda.ServiceException: busy"), d.attempts().get(0).error());
    assertEquals(0, sent.size());

    answers.add(200);
    service.publish(T, ready("exp-2"), ExportEvents.READY);
    String delivered = service.deliveries(ADMIN, w.id(), null, 10).items().stream()
        .filter(x -> x.status() == WebhookDelivery.Status.DELIVERED).findFirst().orElseThrow().id();
    assertEquals(new WebhookService.Outcome("DELIVERED", 0), service.abandon(T, w.id(), delivered, "late"));
    assertEquals(WebhookDelivery.Status.DELIVERED, service.deliveries(ADMIN, w.id(), null, 10).items().stream()
        .filter(x -> x.id().equals(delivered)).findFirst().orElseThrow().status());
  }

  @Test
  void aDeliveryWhoseLoopCannotStart_isFailedSayingWhy_andTheOtherSubscriptionsStillGetTheirs() {
    List<String> started = new ArrayList<>();
    WebhookDispatcher flaky = (tenant, webhookId, deliveryId) -> {
      if (started.isEmpty()) {
        started.add("refused " + deliveryId);
        throw new IllegalStateException("StartExecution throttled");
      }
      started.add(deliveryId);
    };
    WebhookService withFlaky = new WebhookService(repo, new WebhookUrlPolicy(false,
        host -> new InetAddress[] {InetAddress.getByAddress(host, InetAddress.getByName("93.184.216.34").getAddress())}),
        new WebhookSigner(new SecureRandom()), flaky, transport, clock, () -> "id" + ids.incrementAndGet(),
        WebhookService.Options.defaults());
    Webhook first = withFlaky.subscribe(ADMIN, "https://hooks.example.com/a", List.of(ExportEvents.READY));
    Webhook second = withFlaky.subscribe(ADMIN, "https://hooks.example.com/b", List.of(ExportEvents.READY));

    withFlaky.publish(T, ready("exp-3"), ExportEvents.READY);

    assertEquals(2, started.size(), started.toString());
    List<WebhookDelivery.Status> statuses = new ArrayList<>();
    for (Webhook w : List.of(first, second)) {
      statuses.add(withFlaky.deliveries(ADMIN, w.id(), null, 10).items().get(0).status());
    }
    statuses.sort(null);
    assertEquals(List.of(WebhookDelivery.Status.PENDING, WebhookDelivery.Status.FAILED), statuses,
        "the one whose loop could not start is FAILED, the other waits for its loop");
    WebhookDelivery failed = List.of(first, second).stream()
        .map(w -> withFlaky.deliveries(ADMIN, w.id(), null, 10).items().get(0))
        .filter(d -> d.status() == WebhookDelivery.Status.FAILED).findFirst().orElseThrow();
    assertTrue(failed.attempts().get(0).error().contains("StartExecution throttled"), failed.attempts().toString());
  }

  @Test
  void retriesOn5xxWithBackoffThenDeliversOnceAndNeverAgain() throws Exception {
    Webhook w = service.subscribe(ADMIN, "https://hooks.example.com/in", List.of(ExportEvents.READY));
    answers.addAll(List.of(500, 503, 200));
    service.publish(T, ready("exp-1"), ExportEvents.READY);

    assertEquals(3, sent.size());
    assertEquals(List.of(new WebhookService.Outcome("RETRY", 30), new WebhookService.Outcome("RETRY", 60),
        new WebhookService.Outcome("DELIVERED", 0)), outcomes);
    String body = sent.get(0).body();
    for (Sent s : sent) {
      assertEquals(body, s.body(), "every retry sends the same bytes");
      assertEquals("evt_exp-1_export.ready", s.headers().get("Webhook-Id"));
      String ts = s.headers().get("Webhook-Timestamp");
      assertEquals("v1=" + hmac(w.secret(), ts + "." + s.body()), s.headers().get("Webhook-Signature"));
    }
    assertNotEquals(sent.get(0).headers().get("Webhook-Timestamp"), sent.get(1).headers().get("Webhook-Timestamp"));

    WebhookDelivery d = service.deliveries(ADMIN, w.id(), null, 10).items().get(0);
    assertEquals(WebhookDelivery.Status.DELIVERED, d.status());
    assertEquals(List.of(500, 503, 200), d.attempts().stream().map(WebhookDelivery.Attempt::status).toList());
    assertEquals(List.of(1, 2, 3), d.attempts().stream().map(WebhookDelivery.Attempt::n).toList());
    assertEquals("answer 500", d.attempts().get(0).response());

    // the export redelivered by the workflow, and a late retried task: nothing is sent again
    service.publish(T, ready("exp-1"), ExportEvents.READY);
    assertEquals(new WebhookService.Outcome("DELIVERED", 0), service.attempt(T, w.id(), d.id()));
    assertEquals(3, sent.size());
    assertEquals(1, repo.deliveryCount());
  }

  @Test
  void theBodyCarriesTheExportSummaryAndFileRoutesNeverALink() {
    service.subscribe(ADMIN, "https://hooks.example.com/in", List.of(ExportEvents.READY));
    service.publish(T, ready("exp-1"), ExportEvents.READY);
    String body = sent.get(0).body();
    assertTrue(body.startsWith("{\"id\":\"evt_exp-1_export.ready\",\"type\":\"export.ready\",\"createdAt\":\"2027-01-05T10:00:00Z\","
        + "\"tenant\":\"acme\",\"data\":{\"export\":{\"id\":\"exp-1\",\"number\":\"EXP-2026-00042\",\"status\":\"READY\","
        + "\"from\":\"2026-01-01\",\"to\":\"2026-01-31\""), body);
    assertTrue(body.contains("\"createdBy\":\"user \\\"1\\\"\""), body);
    assertTrue(body.contains("\"totals\":{\"debit\":1234.50,\"credit\":1234.50}"), body);
    assertTrue(body.endsWith("\"files\":[\"/exports/exp-1/files/journal\",\"/exports/exp-1/files/accounts\"]}}"), body);
    assertFalse(body.contains("t/acme/"), "no storage key or link: " + body);
  }

  @Test
  void aClientErrorFailsAfterOneAttempt() {
    Webhook w = service.subscribe(ADMIN, "https://hooks.example.com/in", List.of(ExportEvents.READY));
    answers.add(404);
    service.publish(T, ready("exp-1"), ExportEvents.READY);
    assertEquals(1, sent.size());
    assertEquals(List.of(new WebhookService.Outcome("FAILED", 0)), outcomes);
    assertEquals(WebhookDelivery.Status.FAILED, service.deliveries(ADMIN, w.id(), null, 10).items().get(0).status());
  }

  @Test
  void networkErrorsAreRetriedUntilTheNextTryWouldBeMoreThan24HoursAfterTheFirst() {
    Webhook w = service.subscribe(ADMIN, "https://hooks.example.com/in", List.of(ExportEvents.FAILED));
    for (int i = 0; i < 50; i++) {
      answers.add(i % 2 == 0 ? -1 : 502);
    }
    service.publish(T, ready("exp-1"), ExportEvents.FAILED);
    // waits 30, 60, ... 30×2^10: the 11th retry would start 30×(2^12 - 1) s = 34 h after the first
    assertEquals(12, sent.size());
    for (int n = 1; n <= 11; n++) {
      assertEquals(new WebhookService.Outcome("RETRY", 30L << (n - 1)), outcomes.get(n - 1));
    }
    assertEquals(new WebhookService.Outcome("FAILED", 0), outcomes.get(11));
    WebhookDelivery d = service.deliveries(ADMIN, w.id(), null, 10).items().get(0);
    assertEquals("IOException: connection refused", d.attempts().get(0).error());
    assertNull(d.attempts().get(0).status());
    assertTrue(Duration.between(d.firstAttemptAt(), d.attempts().get(11).at()).compareTo(Duration.ofHours(24)) <= 0);
  }

  @Test
  void anAddressThatBecamePrivateFailsTheDeliveryWithoutSendingOrRetrying() {
    Webhook w = service.subscribe(ADMIN, "https://hooks.example.com/in", List.of(ExportEvents.READY));
    resolvesTo.set("10.0.0.7"); // DNS rebinding after the subscription
    service.publish(T, ready("exp-1"), ExportEvents.READY);
    assertEquals(List.of(), sent);
    assertEquals(List.of(new WebhookService.Outcome("FAILED", 0)), outcomes);
    assertTrue(service.deliveries(ADMIN, w.id(), null, 10).items().get(0).attempts().get(0).error()
        .startsWith("URL_NOT_PUBLIC"));
  }

  @Test
  void onlySubscriptionsWantingTheTypeGetADelivery() {
    service.subscribe(ADMIN, "https://hooks.example.com/a", List.of(ExportEvents.CANCELLED));
    Webhook b = service.subscribe(ADMIN, "https://hooks.example.com/b", List.of(ExportEvents.READY, ExportEvents.CANCELLED));
    service.subscribe(OTHER, "https://hooks.example.com/c", List.of(ExportEvents.READY));
    service.publish(T, ready("exp-1"), ExportEvents.READY);
    assertEquals(1, sent.size());
    assertEquals("/b", sent.get(0).url().getPath());
    assertEquals(1, service.deliveries(ADMIN, b.id(), null, 10).items().size());
  }

  @Test
  void subscriptionShowsTheSecretOnceAndRotationReplacesIt() {
    Webhook w = service.subscribe(ADMIN, "https://hooks.example.com/in", List.of(ExportEvents.READY, ExportEvents.READY));
    assertTrue(w.secret().startsWith("whsec_"));
    assertEquals(List.of(ExportEvents.READY), w.events());
    assertTrue(w.id().startsWith("wh_"));
    Webhook rotated = service.rotateSecret(ADMIN, w.id());
    assertNotEquals(w.secret(), rotated.secret());
    assertEquals(rotated.secret(), service.get(ADMIN, w.id()).secret());
    service.publish(T, ready("exp-1"), ExportEvents.READY);
    Map<String, String> h = sent.get(0).headers();
    assertEquals("v1=" + WebhookSigner.signature(rotated.secret(), Long.parseLong(h.get("Webhook-Timestamp")),
        sent.get(0).body()), h.get("Webhook-Signature"));
  }

  @Test
  void badEventsAre400WithTheAllowedValues() {
    DomainException e = assertThrows(DomainException.class,
        () -> service.subscribe(ADMIN, "https://hooks.example.com/in", List.of("export.ready", "export.created")));
    assertEquals(ErrorKind.INVALID, e.kind());
    assertEquals("events[1]", e.details().get(0).field());
    assertTrue(e.details().get(0).message().contains("export.downloaded"), e.details().get(0).message());
    assertEquals(ErrorKind.INVALID, assertThrows(DomainException.class,
        () -> service.subscribe(ADMIN, "https://hooks.example.com/in", List.of())).kind());
    assertEquals(List.of(), repo.list(T));
  }

  @Test
  void aPrivateUrlIsRefusedAndNothingStored() {
    resolvesTo.set("192.168.1.1");
    DomainException e = assertThrows(DomainException.class,
        () -> service.subscribe(ADMIN, "https://hooks.example.com/in", List.of(ExportEvents.READY)));
    assertEquals("URL_NOT_PUBLIC", e.code());
    assertEquals(List.of(), repo.list(T));
  }

  @Test
  void companyUsersCannotChangeWebhooksAndOtherTenantsSeeNone() {
    assertEquals(ErrorKind.FORBIDDEN, assertThrows(DomainException.class,
        () -> service.subscribe(USER, "https://hooks.example.com/in", List.of(ExportEvents.READY))).kind());
    Webhook w = service.subscribe(ADMIN, "https://hooks.example.com/in", List.of(ExportEvents.READY));
    assertEquals(ErrorKind.FORBIDDEN, assertThrows(DomainException.class, () -> service.delete(USER, w.id())).kind());
    assertEquals(ErrorKind.FORBIDDEN, assertThrows(DomainException.class, () -> service.rotateSecret(USER, w.id())).kind());
    assertEquals(w.id(), service.get(USER, w.id()).id());
    for (Runnable r : List.<Runnable>of(() -> service.get(OTHER, w.id()), () -> service.delete(OTHER, w.id()),
        () -> service.rotateSecret(OTHER, w.id()), () -> service.deliveries(OTHER, w.id(), null, 10))) {
      DomainException e = assertThrows(DomainException.class, r::run);
      assertEquals("WEBHOOK_NOT_FOUND", e.code());
    }
    assertEquals(List.of(), service.list(OTHER));
    service.delete(ADMIN, w.id());
    assertEquals("WEBHOOK_NOT_FOUND", assertThrows(DomainException.class, () -> service.get(ADMIN, w.id())).code());
  }

  @Test
  void atMostTwentyPerTenant() {
    for (int i = 0; i < WebhookService.MAX_PER_TENANT; i++) {
      service.subscribe(ADMIN, "https://hooks.example.com/" + i, List.of(ExportEvents.READY));
    }
    DomainException e = assertThrows(DomainException.class,
        () -> service.subscribe(ADMIN, "https://hooks.example.com/21", List.of(ExportEvents.READY)));
    assertEquals("WEBHOOK_LIMIT_REACHED", e.code());
    assertEquals(ErrorKind.CONFLICT, e.kind());
    assertEquals(List.of(), service.list(OTHER), "the limit is per tenant");
  }
}
