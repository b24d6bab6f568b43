package com.accountingexport.adapters.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.accountingexport.adapters.testing.LocalDynamo;
import com.accountingexport.core.auth.Caller;
import com.accountingexport.core.auth.Role;
import com.accountingexport.core.auth.TenantId;
import com.accountingexport.core.export.Export;
import com.accountingexport.core.export.ExportEvents;
import com.accountingexport.core.export.ExportStatus;
import com.accountingexport.core.period.Period;
import com.accountingexport.core.port.Page;
import com.accountingexport.core.webhook.Webhook;
import com.accountingexport.core.webhook.WebhookDelivery;
import com.accountingexport.core.webhook.WebhookService;
import com.accountingexport.core.webhook.WebhookSigner;
import com.accountingexport.core.webhook.WebhookUrlPolicy;
import java.math.BigDecimal;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Webhooks and deliveries on DynamoDB Local: read back whole, per tenant, and one delivery when publishers race. */
class DynamoWebhooksIT {
  private static final Instant AT = Instant.parse("2026-11-30T10:00:00Z");
  private static DynamoWebhooks store;

  @BeforeAll
  static void createTable() {
    LocalDynamo local = LocalDynamo.get();
    store = new DynamoWebhooks(local.client(), local.newTable());
  }

  private static Webhook hook(TenantId t, String id, Instant at) {
    return new Webhook(id, t, "https://hooks.example.com/" + id, List.of(ExportEvents.READY, ExportEvents.FAILED),
        "whsec_" + id, at, "admin@x.test", at);
  }

  private static WebhookDelivery delivery(TenantId t, String webhookId, String id, Instant at) {
    return new WebhookDelivery(id, t, webhookId, "evt_" + id, ExportEvents.READY, "{\"id\":\"evt_" + id + "\"}",
        WebhookDelivery.Status.PENDING, at, List.of(), at);
  }

  @Test
  void webhooks_readBackWhole_perTenant_deleted() {
    TenantId t = new TenantId("wh-a");
    Webhook b = hook(t, "wh_b", AT.plusSeconds(5));
    Webhook a = hook(t, "wh_a", AT);
    store.save(b);
    store.save(a);
    store.save(hook(new TenantId("wh-other"), "wh_c", AT));
    assertEquals(List.of(a, b), store.list(t));
    assertEquals(b, store.find(t, "wh_b").orElseThrow());
    assertTrue(store.find(new TenantId("wh-other"), "wh_a").isEmpty());

    Webhook rotated = a.withSecret("whsec_new", AT.plusSeconds(60));
    store.save(rotated);
    assertEquals(rotated, store.find(t, "wh_a").orElseThrow());

    assertTrue(store.delete(t, "wh_a"));
    assertFalse(store.delete(t, "wh_a"));
    assertEquals(List.of(b), store.list(t));
  }

  @Test
  void deliveries_attemptsKept_newestFirst_paged() {
    TenantId t = new TenantId("wh-b");
    assertTrue(store.createDelivery(delivery(t, "wh_1", "dlv_1", AT)));
    assertTrue(store.createDelivery(delivery(t, "wh_1", "dlv_2", AT.plusSeconds(1))));
    assertTrue(store.createDelivery(delivery(t, "wh_1", "dlv_3", AT.plusSeconds(2))));
    assertTrue(store.createDelivery(delivery(t, "wh_2", "dlv_4", AT)));
    assertFalse(store.createDelivery(delivery(t, "wh_1", "dlv_1", AT.plusSeconds(9))), "the id is taken");

    WebhookDelivery d = store.findDelivery(t, "wh_1", "dlv_1").orElseThrow();
    WebhookDelivery tried = d.after(new WebhookDelivery.Attempt(1, AT, 503, null, 12, "busy"),
        WebhookDelivery.Status.PENDING, AT.plusSeconds(30))
        .after(new WebhookDelivery.Attempt(2, AT.plusSeconds(30), null, "IOException: reset", 3, null),
            WebhookDelivery.Status.FAILED, null);
    store.saveDelivery(tried);
    WebhookDelivery back = store.findDelivery(t, "wh_1", "dlv_1").orElseThrow();
    assertEquals(tried, back);
    assertNull(back.nextAttemptAt());

    Page<WebhookDelivery> first = store.deliveries(t, "wh_1", null, 2);
    assertEquals(List.of("dlv_3", "dlv_2"), first.items().stream().map(WebhookDelivery::id).toList());
    Page<WebhookDelivery> second = store.deliveries(t, "wh_1", first.nextCursor(), 2);
    assertEquals(List.of("dlv_1"), second.items().stream().map(WebhookDelivery::id).toList());
    assertNull(second.nextCursor());
    assertTrue(store.findDelivery(new TenantId("wh-other"), "wh_1", "dlv_1").isEmpty());
  }

  @Test
  void twoThreadsPublishingTheSameEvent_makeOneDelivery_dispatchedOnce() throws Exception {
    TenantId t = new TenantId("wh-race");
    AtomicInteger dispatched = new AtomicInteger();
    Clock clock = Clock.fixed(AT, ZoneOffset.UTC);
    AtomicInteger ids = new AtomicInteger();
    WebhookService service = new WebhookService(store, WebhookUrlPolicy.local(), new WebhookSigner(new SecureRandom()),
        (tenant, webhookId, deliveryId) -> dispatched.incrementAndGet(),
        (url, headers, body) -> { throw new AssertionError("nothing is sent in this test"); },
        clock, () -> "race" + ids.incrementAndGet(), new WebhookService.Options(Duration.ZERO, Duration.ofHours(24)));
    Webhook w = service.subscribe(new Caller(t, "u", Role.COMPANY_ADMIN, "a@x.test"), "http://127.0.0.1:9/in",
        List.of(ExportEvents.READY));
    Export e = new Export("exp-race", "EXP-2026-00001", ExportStatus.READY,
        new Period(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 1, 31)), List.of("VT"), "fec", "none", false, 1, 2,
        BigDecimal.ONE, BigDecimal.ONE, AT, "a@x.test", null, null, null, null, List.of(), List.of(), null, null, 1, null,
        "h", null);

    for (int round = 0; round < 5; round++) {
      Export each = new Export(e.id() + round, e.number(), e.status(), e.period(), e.journals(), e.format(), e.pdf(),
          e.reexport(), e.documentCount(), e.entryCount(), e.debit(), e.credit(), e.createdAt(), e.createdBy(), null, null,
          null, null, List.of(), List.of(), null, null, 1, null, "h", null);
      CountDownLatch go = new CountDownLatch(1);
      ExecutorService pool = Executors.newFixedThreadPool(2);
      List<Future<?>> both = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        both.add(pool.submit(() -> {
          go.await();
          service.publish(t, each, ExportEvents.READY);
          return null;
        }));
      }
      go.countDown();
      for (Future<?> f : both) {
        f.get(30, TimeUnit.SECONDS);
      }
      pool.shutdown();
    }
    assertEquals(5, dispatched.get(), "one dispatch per event");
    assertEquals(5, store.deliveries(t, w.id(), null, 100).items().size());
  }
}
