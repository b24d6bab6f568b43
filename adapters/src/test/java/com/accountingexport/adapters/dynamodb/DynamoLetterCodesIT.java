package com.accountingexport.adapters.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.accountingexport.adapters.testing.LocalDynamo;
import com.accountingexport.core.auth.TenantId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

class DynamoLetterCodesIT {
  private static final int THREADS = 8;
  private static final int SHARED = 50;
  private static final int OWN = 25;

  private static DynamoDbClient dynamo;
  private static String table;
  private static DynamoLetterCodes codes;

  @BeforeAll
  static void createTable() {
    LocalDynamo local = LocalDynamo.get();
    dynamo = local.client();
    table = local.newTable();
    codes = new DynamoLetterCodes(dynamo, table);
  }

  @Test
  void codeFor_shouldIssueAaThenAbPerAccount_andKeepThem() {
    // given
    TenantId tenant = new TenantId("letters-seq");

    // when
    String first = codes.codeFor(tenant, "411C0042", "F-1");
    String second = codes.codeFor(tenant, "411C0042", "F-2");
    String again = codes.codeFor(tenant, "411C0042", "F-1");
    String otherAccount = codes.codeFor(tenant, "411C0043", "F-2");
    String otherTenant = codes.codeFor(new TenantId("letters-seq-2"), "411C0042", "F-2");

    // then
    assertEquals("AA", first);
    assertEquals("AB", second);
    assertEquals("AA", again);
    assertEquals("AA", otherAccount);
    assertEquals("AA", otherTenant);
    Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table).consistentRead(true)
        .key(Map.of("PK", Attrs.s("T#letters-seq#LET#411C0042"), "SK", Attrs.s("A#F-2")))).item();
    assertEquals("AB", item.get("code").s());
    assertEquals("F-2", item.get("anchor").s());
    Map<String, AttributeValue> counter = dynamo.getItem(r -> r.tableName(table).consistentRead(true)
        .key(Map.of("PK", Attrs.s("T#letters-seq#LET#411C0042"), "SK", Attrs.s("SEQ")))).item();
    assertEquals("2", counter.get("seq").n());
  }

  @Test
  void codesFor_shouldAnswerKnownCodesInBatches_andIssueTheNewOnesInOrder() {
    // given: 250 anchors (three batches), the first 120 issued one by one before
    TenantId tenant = new TenantId("letters-batch");
    java.util.List<com.accountingexport.core.port.LetterCodes.Key> keys = new java.util.ArrayList<>();
    for (int i = 0; i < 250; i++) {
      keys.add(new com.accountingexport.core.port.LetterCodes.Key(i % 2 == 0 ? "411C1" : "411C2", "inv-" + i));
    }
    Map<String, String> before = new java.util.HashMap<>();
    for (int i = 0; i < 120; i++) {
      before.put(keys.get(i).anchor(), codes.codeFor(tenant, keys.get(i).account(), keys.get(i).anchor()));
    }

    // when
    Map<com.accountingexport.core.port.LetterCodes.Key, String> all = codes.codesFor(tenant, keys);

    // then: the old ones unchanged, the new ones following them, no code twice on one account
    assertEquals(250, all.size());
    for (int i = 0; i < 120; i++) {
      assertEquals(before.get(keys.get(i).anchor()), all.get(keys.get(i)));
    }
    assertEquals(com.accountingexport.core.port.LetterCodes.code(60), all.get(keys.get(120)), "the 61st code of 411C1");
    assertEquals(125, all.entrySet().stream().filter(e -> e.getKey().account().equals("411C1"))
        .map(Map.Entry::getValue).distinct().count());
    assertEquals(all, codes.codesFor(tenant, keys), "asked again: the same codes");
  }

  @Test
  void codeFor_shouldGiveOneCodePerAnchorAndNeverOneCodeTwice_whenEightCallersRace() throws Exception {
    // given: each thread its own client on the same server, all released at once
    TenantId tenant = new TenantId("letters-race");
    String account = "401S0077";
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    CountDownLatch start = new CountDownLatch(1);
    Map<String, Set<String>> byAnchor = new ConcurrentHashMap<>();
    List<Future<Map<String, String>>> results = new ArrayList<>();
    List<DynamoDbClient> clients = new ArrayList<>();

    // when: 8 threads × the same 50 anchors (each from another starting point) + 25 anchors of their own
    for (int t = 0; t < THREADS; t++) {
      int thread = t;
      DynamoDbClient client = LocalDynamo.newClient(LocalDynamo.get().endpoint());
      clients.add(client);
      DynamoLetterCodes mine = new DynamoLetterCodes(client, table);
      results.add(pool.submit(() -> {
        start.await();
        Map<String, String> own = new HashMap<>();
        for (int i = 0; i < SHARED; i++) {
          String anchor = "shared-" + ((i + thread * 7) % SHARED);
          byAnchor.computeIfAbsent(anchor, k -> ConcurrentHashMap.newKeySet()).add(mine.codeFor(tenant, account, anchor));
          if (i % 2 == 0) {
            String ownAnchor = "own-" + thread + "-" + i;
            own.put(ownAnchor, mine.codeFor(tenant, account, ownAnchor));
          }
        }
        return own;
      }));
    }
    start.countDown();
    Map<String, String> ownCodes = new HashMap<>();
    for (Future<Map<String, String>> f : results) {
      ownCodes.putAll(f.get(120, TimeUnit.SECONDS));
    }
    pool.shutdown();
    clients.forEach(DynamoDbClient::close);

    // then: the same anchor got the same code everywhere ...
    assertEquals(SHARED, byAnchor.size());
    byAnchor.forEach((anchor, seen) -> assertEquals(1, seen.size(), anchor + " got " + seen));
    assertEquals(THREADS * OWN, ownCodes.size());
    // ... distinct anchors distinct codes ...
    Map<String, String> codeToAnchor = new HashMap<>();
    byAnchor.forEach((anchor, seen) -> assertUnique(codeToAnchor, seen.iterator().next(), anchor));
    ownCodes.forEach((anchor, code) -> assertUnique(codeToAnchor, code, anchor));
    // ... and what was recorded is what the callers were told
    for (Map.Entry<String, String> e : codeToAnchor.entrySet()) {
      assertEquals(e.getKey(), codes.codeFor(tenant, account, e.getValue()), e.getValue());
    }
    assertTrue(codeToAnchor.values().containsAll(byAnchor.keySet()));
  }

  private static void assertUnique(Map<String, String> codeToAnchor, String code, String anchor) {
    String earlier = codeToAnchor.putIfAbsent(code, anchor);
    assertTrue(earlier == null, "code " + code + " given to " + earlier + " and " + anchor);
  }

  @Test
  void codeFor_shouldReturnTheWinnersCode_whenAnotherCallerRecordsTheAnchorFirst() {
    // given: a client that lets a rival record the anchor (as "ZZ") right after our number is drawn
    TenantId tenant = new TenantId("letters-lost");
    AtomicInteger draws = new AtomicInteger();
    DynamoDbClient rivalFirst = new Decorated(dynamo) {
      @Override
      public UpdateItemResponse updateItem(UpdateItemRequest request) {
        UpdateItemResponse drawn = super.updateItem(request);
        if (draws.incrementAndGet() == 1) {
          Map<String, AttributeValue> item = new HashMap<>(DynamoLetterCodes.anchorKey(tenant, "411C9", "F-9"));
          item.put("code", Attrs.s("ZZ"));
          super.putItem(PutItemRequest.builder().tableName(table).item(item).build());
        }
        return drawn;
      }
    };

    // when
    String code = new DynamoLetterCodes(rivalFirst, table).codeFor(tenant, "411C9", "F-9");
    String next = new DynamoLetterCodes(rivalFirst, table).codeFor(tenant, "411C9", "F-10");

    // then: the winner's code; our drawn number (AA) is skipped, never reused
    assertEquals("ZZ", code);
    assertEquals("ZZ", codes.codeFor(tenant, "411C9", "F-9"));
    assertEquals("AB", next);
  }

  /** The real client for the calls DynamoLetterCodes makes. */
  private static class Decorated implements DynamoDbClient {
    private final DynamoDbClient real;

    Decorated(DynamoDbClient real) {
      this.real = real;
    }

    @Override
    public GetItemResponse getItem(GetItemRequest request) {
      return real.getItem(request);
    }

    @Override
    public PutItemResponse putItem(PutItemRequest request) {
      return real.putItem(request);
    }

    @Override
    public UpdateItemResponse updateItem(UpdateItemRequest request) {
      return real.updateItem(request);
    }

    @Override
    public String serviceName() {
      return real.serviceName();
    }

    @Override
    public void close() {}
  }
}
