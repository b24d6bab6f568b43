package com.accountingexport.adapters.dynamodb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.accountingexport.adapters.testing.LocalDynamo;
import com.accountingexport.core.auth.TenantId;
import com.accountingexport.core.port.IdempotencyStore;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Idempotency-Key claims on DynamoDB Local: one winner among racing requests, answers kept, keys forgotten. */
class DynamoIdempotencyIT {
  private static final TenantId TENANT = new TenantId("idem");
  private static DynamoIdempotency store;

  @BeforeAll
  static void createTable() {
    LocalDynamo local = LocalDynamo.get();
    store = new DynamoIdempotency(local.client(), local.newTable(), Clock.systemUTC());
  }

  private static Instant tomorrow() {
    return Instant.now().plusSeconds(86_400);
  }

  @Test
  void eightRequestsRacingOneKey_exactlyOneClaimsIt_theOthersSeeItInProgress() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Optional<IdempotencyStore.Remembered>>> results = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      results.add(pool.submit(() -> {
        start.await();
        return store.claim(TENANT, "race", "h1", tomorrow());
      }));
    }
    start.countDown();
    int claimed = 0;
    for (Future<Optional<IdempotencyStore.Remembered>> f : results) {
      Optional<IdempotencyStore.Remembered> r = f.get(30, TimeUnit.SECONDS);
      if (r.isEmpty()) {
        claimed++;
      } else {
        assertEquals("h1", r.get().requestHash());
        assertNull(r.get().answer(), "still in progress");
      }
    }
    pool.shutdown();
    assertEquals(1, claimed);
  }

  @Test
  void anAnswer_isKept_andReplayed_untilForgotten() {
    byte[] answer = "{\"stored\": 2}".getBytes(StandardCharsets.UTF_8);
    assertTrue(store.claim(TENANT, "k", "h", tomorrow()).isEmpty());
    store.complete(TENANT, "k", answer);

    IdempotencyStore.Remembered r = store.claim(TENANT, "k", "other", tomorrow()).orElseThrow();
    assertEquals("h", r.requestHash(), "the first request's hash, whatever the second sends");
    assertArrayEquals(answer, r.answer());
    assertTrue(store.claim(new TenantId("idem-other"), "k", "h", tomorrow()).isEmpty(), "keys are per tenant");

    store.forget(TENANT, "k");
    assertTrue(store.claim(TENANT, "k", "h2", tomorrow()).isEmpty(), "forgotten: the next request runs");
  }

  @Test
  void anExpiredClaim_isTakenOver() {
    assertTrue(store.claim(TENANT, "old", "h", Instant.now().minusSeconds(10)).isEmpty());
    assertTrue(store.claim(TENANT, "old", "h2", tomorrow()).isEmpty(), "its TTL passed: DynamoDB may not have deleted it yet");
  }
}
