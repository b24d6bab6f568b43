package com.accountingexport.adapters.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.accountingexport.adapters.testing.LocalDynamo;
import com.accountingexport.core.auth.TenantId;
import com.accountingexport.core.document.Document;
import com.accountingexport.core.document.ExportRef;
import com.accountingexport.core.document.StoredDocument;
import com.accountingexport.core.error.DomainException;
import com.accountingexport.core.error.ErrorKind;
import com.accountingexport.core.period.Period;
import com.accountingexport.core.port.Page;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

class DynamoDocumentRepositoryIT {
  private static final Instant T0 = Instant.parse("2026-03-01T08:00:00Z");
  private static final Instant T1 = Instant.parse("2026-03-02T09:15:30.250Z");
  private static final AtomicInteger TENANTS = new AtomicInteger();

  private static DynamoDbClient dynamo;
  private static String table;
  private static DynamoDocumentRepository repository;

  @BeforeAll
  static void createTable() {
    LocalDynamo local = LocalDynamo.get();
    dynamo = local.client();
    table = local.newTable();
    repository = new DynamoDocumentRepository(dynamo, table);
  }

  /** Each test its own tenant: tests share the table and must not see each other's documents. */
  private static TenantId newTenant() {
    return new TenantId("tenant-" + TENANTS.incrementAndGet());
  }

  private static Map<String, AttributeValue> rawItem(TenantId tenant, String id) {
    return dynamo.getItem(r -> r.tableName(table).key(DocumentItemMapper.key(tenant, id)).consistentRead(true)).item();
  }

  private static void markExported(TenantId tenant, String id, String exportId, String exportNumber) {
    dynamo.updateItem(r -> r.tableName(table)
        .key(DocumentItemMapper.key(tenant, id))
        .updateExpression("SET exportId = :id, exportNumber = :number")
        .expressionAttributeValues(Map.of(":id", Attrs.s(exportId), ":number", Attrs.s(exportNumber))));
  }

  /** Writes many documents fast (BatchWriteItem, 25 a call) in the layout upsert writes, at version 1. */
  private static void seed(TenantId tenant, List<Document> docs) {
    for (int from = 0; from < docs.size(); from += 25) {
      List<WriteRequest> writes = docs.subList(from, Math.min(docs.size(), from + 25)).stream()
          .map(d -> WriteRequest.builder().putRequest(p -> p.item(
              DocumentItemMapper.toItem(tenant, new StoredDocument(d, null, T0, T0, 1)))).build())
          .toList();
      Map<String, List<WriteRequest>> pending = Map.of(table, writes);
      while (!pending.isEmpty()) {
        Map<String, List<WriteRequest>> request = pending;
        pending = dynamo.batchWriteItem(r -> r.requestItems(request)).unprocessedItems();
      }
    }
  }

  private static List<String> ids(List<StoredDocument> docs) {
    return docs.stream().map(StoredDocument::id).toList();
  }

  @Test
  void list_shouldSelectByTheAccountingDate_aPaymentPaidInJanuaryBelongsToJanuary() {
    // given: a payment dated 31 December 2026, paid (booked in BQ) on 4 January 2027, and an invoice of 31 December
    TenantId tenant = newTenant();
    Document paid = com.accountingexport.core.fakes.TestDocuments.payment("pay-1", LocalDate.of(2027, 1, 4), "120.00",
        "inv-1");
    Document payment = new Document(paid.id(), paid.type(), paid.number(), LocalDate.of(2026, 12, 31), paid.status(),
        paid.currency(), paid.exchangeRate(), paid.counterparty(), paid.lines(), paid.totals(), paid.relatedDocumentId(),
        paid.depositDocumentIds(), paid.payment(), paid.engagementNumber(), paid.purchaseOrderNumber(),
        paid.accountingPeriodEnd());
    repository.upsert(tenant, payment, T0);
    repository.upsert(tenant, Fixtures.invoice("inv-1", LocalDate.of(2026, 12, 31)), T0);

    // when / then: 2026 holds the invoice only, January 2027 the payment
    Period year2026 = new Period(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31));
    Period january2027 = new Period(LocalDate.of(2027, 1, 1), LocalDate.of(2027, 1, 31));
    assertEquals(List.of("inv-1"), ids(repository.listAll(tenant, year2026, d -> true)));
    assertEquals(List.of("pay-1"), ids(repository.listAll(tenant, january2027, d -> true)));
  }

  /** A payment of {@code gross} naming the given invoices (each with its amount), at the given version of its text. */
  private static Document settling(String id, String gross, String... invoiceAndAmount) {
    Document base = com.accountingexport.core.fakes.TestDocuments.payment(id, LocalDate.of(2026, 3, 20), gross, null);
    List<com.accountingexport.core.document.Allocation> allocations = new ArrayList<>();
    for (int i = 0; i < invoiceAndAmount.length; i += 2) {
      allocations.add(new com.accountingexport.core.document.Allocation(invoiceAndAmount[i],
          new java.math.BigDecimal(invoiceAndAmount[i + 1])));
    }
    return new Document(base.id(), base.type(), base.number(), base.date(), base.status(), base.currency(),
        base.exchangeRate(), base.counterparty(), base.lines(), base.totals(), null, List.of(), base.payment(), null,
        null, null, allocations, com.accountingexport.core.settings.VatRegime.DEBITS, Instant.parse("2026-03-21T10:00:00Z"));
  }

  private static Set<String> settlementIds(TenantId tenant, String documentId) {
    Set<String> out = new HashSet<>();
    repository.settlementsOf(tenant, documentId).forEach(d -> out.add(d.id()));
    return out;
  }

  @Test
  void settlementsOf_shouldListEveryPaymentNamingADocument_andForgetOnesThatNoLongerDo() {
    // given: two invoices, a payment of the first, a payment of both
    TenantId tenant = newTenant();
    repository.upsert(tenant, Fixtures.invoice("inv-a", LocalDate.of(2026, 3, 1)), T0);
    repository.upsert(tenant, Fixtures.invoice("inv-b", LocalDate.of(2026, 3, 2)), T0);
    repository.upsert(tenant, com.accountingexport.core.fakes.TestDocuments.payment("p-1", LocalDate.of(2026, 3, 10),
        "120.00", "inv-a"), T0);
    Document both = settling("p-2", "150.00", "inv-a", "30.00", "inv-b", "120.00");
    repository.upsert(tenant, both, T0);

    // then
    assertEquals(Set.of("p-1", "p-2"), settlementIds(tenant, "inv-a"));
    assertEquals(Set.of("p-2"), settlementIds(tenant, "inv-b"));
    assertEquals(both, repository.find(tenant, "p-2").orElseThrow().document(), "allocations, regime and validatedAt round-trip");
    // the relation items never show in a period listing
    Period march = new Period(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 31));
    assertEquals(List.of("inv-a", "inv-b", "p-1", "p-2"), ids(repository.listAll(tenant, march, d -> true)));

    // when: p-2 now pays inv-b only, p-1 becomes an invoice
    repository.upsert(tenant, settling("p-2", "120.00", "inv-b", "120.00"), T1);
    repository.upsert(tenant, Fixtures.invoice("p-1", LocalDate.of(2026, 3, 10)), T1);

    // then
    assertEquals(Set.of(), settlementIds(tenant, "inv-a"));
    assertEquals(Set.of("p-2"), settlementIds(tenant, "inv-b"));
  }

  @Test
  void settlementsOf_shouldMatchTheLastWrite_whenWritersRaceOnOnePayment() throws Exception {
    // given: three invoices; 8 threads rewrite the same payment, each naming one of them
    TenantId tenant = newTenant();
    for (String id : List.of("inv-x", "inv-y", "inv-z")) {
      repository.upsert(tenant, Fixtures.invoice(id, LocalDate.of(2026, 3, 1)), T0);
    }
    String[] targets = {"inv-x", "inv-y", "inv-z"};
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> writes = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        int thread = t;
        writes.add(pool.submit(() -> {
          for (int i = 0; i < 6; i++) {
            String target = targets[(thread + i) % targets.length];
            repository.upsert(tenant, settling("p-race", "10.00", target, "10.00"), T0);
          }
        }));
      }
      for (Future<?> w : writes) {
        w.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    // then: exactly the invoice the stored payment names lists it
    String named = repository.find(tenant, "p-race").orElseThrow().document().allocations().get(0).documentId();
    for (String id : targets) {
      assertEquals(id.equals(named) ? Set.of("p-race") : Set.of(), settlementIds(tenant, id), id + " (payment names " + named + ")");
    }
  }

  @Test
  void upsert_shouldRoundTripEveryField_whenDocumentIsFull() {
    // given
    TenantId tenant = newTenant();
    Document full = Fixtures.fullDocument("INV-42");

    // when
    StoredDocument written = repository.upsert(tenant, full, T0);
    StoredDocument read = repository.find(tenant, "INV-42").orElseThrow();

    // then
    assertEquals(full, read.document());
    assertEquals(written, read);
    assertEquals(new StoredDocument(full, null, T0, T0, 1), read);
    Map<String, AttributeValue> item = rawItem(tenant, "INV-42");
    assertEquals("1404.28", item.get("totals").m().get("gross").s());
    assertEquals("T#" + tenant.value() + "#DOCMONTH#2026-02", item.get("GSI1PK").s());
    assertEquals("2026-02-14#INV-42", item.get("GSI1SK").s());
    assertEquals("C-42", item.get("counterpartyId").s());
    assertFalse(item.containsKey("exportId"));
  }

  @Test
  void upsert_shouldRoundTripNulls_whenOptionalFieldsAreAbsent() {
    // given
    TenantId tenant = newTenant();
    Document minimal = Fixtures.minimalDocument("PAY-1", LocalDate.of(2026, 1, 31));

    // when
    repository.upsert(tenant, minimal, T0);

    // then
    assertEquals(minimal, repository.find(tenant, "PAY-1").orElseThrow().document());
    assertFalse(rawItem(tenant, "PAY-1").containsKey("counterparty"));
  }

  @Test
  void upsert_shouldKeepCreatedAtAndBumpVersion_whenDocumentIsReplaced() {
    // given
    TenantId tenant = newTenant();
    repository.upsert(tenant, Fixtures.invoice("D1", LocalDate.of(2026, 1, 5)), T0);
    Document changed = Fixtures.fullDocument("D1");

    // when
    StoredDocument second = repository.upsert(tenant, changed, T1);

    // then
    assertEquals(new StoredDocument(changed, null, T0, T1, 2), second);
    assertEquals(second, repository.find(tenant, "D1").orElseThrow());
  }

  @Test
  void upsert_shouldMoveDocumentToItsNewMonth_whenDateChanges() {
    // given
    TenantId tenant = newTenant();
    repository.upsert(tenant, Fixtures.invoice("D1", LocalDate.of(2026, 1, 5)), T0);

    // when
    repository.upsert(tenant, Fixtures.invoice("D1", LocalDate.of(2026, 2, 5)), T1);

    // then
    Page<StoredDocument> january = repository.list(tenant, new Period(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 1, 31)), d -> true, null, 10);
    Page<StoredDocument> february = repository.list(tenant, new Period(LocalDate.of(2026, 2, 1), LocalDate.of(2026, 2, 28)), d -> true, null, 10);
    assertEquals(List.of(), january.items());
    assertEquals(List.of("D1"), ids(february.items()));
  }

  @Test
  void upsert_shouldRefuse_whenDocumentIsExported() {
    // given
    TenantId tenant = newTenant();
    repository.upsert(tenant, Fixtures.invoice("D1", LocalDate.of(2026, 1, 5)), T0);
    markExported(tenant, "D1", "exp-1", "EXP-2026-00007");

    // when
    DomainException e = assertThrows(DomainException.class,
        () -> repository.upsert(tenant, Fixtures.invoice("D1", LocalDate.of(2026, 1, 6)), T1));

    // then
    assertEquals("DOCUMENT_FROZEN", e.code());
    assertEquals(ErrorKind.CONFLICT, e.kind());
    assertEquals("Document D1 is in export EXP-2026-00007 and can no longer change", e.getMessage());
    StoredDocument stored = repository.find(tenant, "D1").orElseThrow();
    assertEquals(new ExportRef("exp-1", "EXP-2026-00007"), stored.export());
    assertEquals(LocalDate.of(2026, 1, 5), stored.document().date());
    assertEquals(1, stored.version());
  }

  @Test
  void upsert_shouldRefuse_whenDocumentIsExportedBetweenReadAndWrite() {
    // given: a store whose first read of the item happens before an export claims it
    TenantId tenant = newTenant();
    repository.upsert(tenant, Fixtures.invoice("D1", LocalDate.of(2026, 1, 5)), T0);
    DynamoDbClient racing = new ClaimingClient(dynamo, () -> markExported(tenant, "D1", "exp-2", "EXP-2026-00008"));
    DynamoDocumentRepository raced = new DynamoDocumentRepository(racing, table);

    // when
    DomainException e = assertThrows(DomainException.class,
        () -> raced.upsert(tenant, Fixtures.invoice("D1", LocalDate.of(2026, 1, 6)), T1));

    // then
    assertEquals("DOCUMENT_FROZEN", e.code());
    assertTrue(e.getMessage().contains("EXP-2026-00008"), e.getMessage());
  }

  @Test
  void find_shouldBeEmpty_whenDocumentBelongsToAnotherTenant() {
    // given
    TenantId a = newTenant();
    TenantId b = newTenant();
    repository.upsert(a, Fixtures.invoice("SHARED-ID", LocalDate.of(2026, 1, 5)), T0);
    Period january = new Period(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 1, 31));

    // when / then
    assertTrue(repository.find(b, "SHARED-ID").isEmpty());
    assertEquals(Map.of(), repository.findAll(b, List.of("SHARED-ID")));
    Page<StoredDocument> page = repository.list(b, january, d -> true, null, 10);
    assertEquals(List.of(), page.items());
    assertNull(page.nextCursor());
    assertEquals(List.of("SHARED-ID"), ids(repository.list(a, january, d -> true, null, 10).items()));
  }

  @Test
  void findAll_shouldReturnFoundDocumentsInRequestOrder_whenIdsSpanSeveralBatches() {
    // given: 130 documents, more than one BatchGetItem
    TenantId tenant = newTenant();
    List<String> stored = IntStream.range(0, 130).mapToObj(i -> String.format("B%03d", i)).toList();
    seed(tenant, stored.stream().map(id -> Fixtures.invoice(id, LocalDate.of(2026, 1, 1))).toList());
    List<String> reversed = new ArrayList<>(stored);
    Collections.reverse(reversed);
    List<String> asked = new ArrayList<>(reversed);
    asked.add("MISSING");
    asked.add("B000"); // twice

    // when
    Map<String, StoredDocument> found = repository.findAll(tenant, asked);

    // then
    assertEquals(reversed, List.copyOf(found.keySet()));
    found.forEach((id, d) -> assertEquals(id, d.id()));
  }

  @Test
  void list_shouldReturnEachKeptDocumentOnceInOrder_whenPagingAcrossThreeMonths() {
    // given: 250 documents from January to March, plus some just outside the period
    TenantId tenant = newTenant();
    LocalDate start = LocalDate.of(2026, 1, 1);
    List<Document> docs = new ArrayList<>();
    for (int i = 0; i < 250; i++) {
      docs.add(Fixtures.invoice(String.format("N%03d", i), start.plusDays((i * 7L) % 90)));
    }
    seed(tenant, docs);
    seed(tenant, List.of(Fixtures.invoice("N901", LocalDate.of(2025, 12, 31)), Fixtures.invoice("N903", LocalDate.of(2026, 4, 1))));
    Period quarter = new Period(start, LocalDate.of(2026, 3, 31));
    Predicate<StoredDocument> odd = d -> Integer.parseInt(d.id().substring(1)) % 2 == 1;
    List<String> expected = docs.stream()
        .filter(d -> Integer.parseInt(d.id().substring(1)) % 2 == 1)
        .sorted((x, y) -> (x.date() + "#" + x.id()).compareTo(y.date() + "#" + y.id()))
        .map(Document::id)
        .toList();

    // when
    List<String> seen = new ArrayList<>();
    List<Integer> sizes = new ArrayList<>();
    String cursor = null;
    do {
      Page<StoredDocument> page = repository.list(tenant, quarter, odd, cursor, 40);
      seen.addAll(ids(page.items()));
      sizes.add(page.items().size());
      cursor = page.nextCursor();
    } while (cursor != null && sizes.size() < 20);

    // then
    assertEquals(125, expected.size());
    assertEquals(expected, seen);
    assertEquals(seen.size(), new HashSet<>(seen).size());
    assertEquals(List.of(40, 40, 40, 5), sizes);
    assertNull(cursor);
    assertEquals(expected, ids(repository.listAll(tenant, quarter, odd)));
  }

  @Test
  void list_shouldKeepOnlyDatesInsideThePeriod_whenBoundsFallMidMonth() {
    // given
    TenantId tenant = newTenant();
    for (LocalDate date : List.of(LocalDate.of(2026, 1, 14), LocalDate.of(2026, 1, 15), LocalDate.of(2026, 2, 10),
        LocalDate.of(2026, 3, 10), LocalDate.of(2026, 3, 11))) {
      repository.upsert(tenant, Fixtures.invoice("D" + date, date), T0);
    }

    // when
    Page<StoredDocument> page = repository.list(tenant,
        new Period(LocalDate.of(2026, 1, 15), LocalDate.of(2026, 3, 10)), d -> true, null, 100);

    // then
    assertEquals(List.of("D2026-01-15", "D2026-02-10", "D2026-03-10"), ids(page.items()));
    assertNull(page.nextCursor());
  }

  @Test
  void list_shouldGiveNoCursor_whenLastPageIsExactlyFull() {
    // given
    TenantId tenant = newTenant();
    for (int day = 1; day <= 3; day++) {
      repository.upsert(tenant, Fixtures.invoice("D" + day, LocalDate.of(2026, 1, day)), T0);
    }
    Period january = new Period(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 1, 31));

    // when
    Page<StoredDocument> whole = repository.list(tenant, january, d -> true, null, 3);
    Page<StoredDocument> first = repository.list(tenant, january, d -> true, null, 2);
    Page<StoredDocument> second = repository.list(tenant, january, d -> true, first.nextCursor(), 2);

    // then
    assertEquals(List.of("D1", "D2", "D3"), ids(whole.items()));
    assertNull(whole.nextCursor());
    assertEquals(List.of("D1", "D2"), ids(first.items()));
    assertNotNull(first.nextCursor());
    assertEquals(List.of("D3"), ids(second.items()));
    assertNull(second.nextCursor());
  }

  @Test
  void list_shouldRefuseCursor_whenTamperedOrFromAnotherTenant() {
    // given
    TenantId a = newTenant();
    TenantId b = newTenant();
    Period january = new Period(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 1, 31));
    for (int day = 1; day <= 3; day++) {
      repository.upsert(a, Fixtures.invoice("D" + day, LocalDate.of(2026, 1, day)), T0);
      repository.upsert(b, Fixtures.invoice("D" + day, LocalDate.of(2026, 1, day)), T0);
    }
    String cursorOfA = repository.list(a, january, d -> true, null, 1).nextCursor();
    String decoded = new String(Base64.getUrlDecoder().decode(cursorOfA), StandardCharsets.UTF_8);
    String retargeted = Base64.getUrlEncoder().withoutPadding()
        .encodeToString(decoded.replace("|" + a.value() + "|", "|" + b.value() + "|x").getBytes(StandardCharsets.UTF_8));

    // when / then
    for (String bad : List.of(cursorOfA, "garbage!", "Zm9vYmFy", cursorOfA.substring(0, 5), retargeted)) {
      DomainException e = assertThrows(DomainException.class, () -> repository.list(b, january, d -> true, bad, 10), bad);
      assertEquals("INVALID_CURSOR", e.code());
      assertEquals(ErrorKind.INVALID, e.kind());
      assertEquals("The cursor is not one this list gave out", e.getMessage());
    }
    assertEquals(List.of("D2", "D3"), ids(repository.list(a, january, d -> true, cursorOfA, 10).items()));
  }

  @Test
  void upsert_shouldCountEveryWrite_whenEightThreadsRace() throws Exception {
    // given
    TenantId tenant = newTenant();
    int threads = 8;
    int writesEach = 5;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<List<Long>>> results = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      results.add(pool.submit(() -> {
        go.await();
        List<Long> versions = new ArrayList<>();
        for (int w = 0; w < writesEach; w++) {
          Document d = Fixtures.invoice("HOT", LocalDate.of(2026, 1, 1 + thread));
          versions.add(repository.upsert(tenant, d, T0.plusSeconds(w)).version());
        }
        return versions;
      }));
    }

    // when
    go.countDown();
    Set<Long> versions = new HashSet<>();
    for (Future<List<Long>> f : results) {
      versions.addAll(f.get(60, TimeUnit.SECONDS));
    }
    pool.shutdown();

    // then
    long writes = (long) threads * writesEach;
    assertEquals(writes, repository.find(tenant, "HOT").orElseThrow().version());
    assertEquals(LongRange.of(1, writes), versions);
    Period january = new Period(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 1, 31));
    assertEquals(List.of("HOT"), ids(repository.list(tenant, january, d -> true, null, 10).items()));
  }

  /**
   * The real client, except that right after the first GetItem it runs {@code between}: an export
   * claiming the document while upsert is between its read and its conditional put.
   */
  private static final class ClaimingClient implements DynamoDbClient {
    private final DynamoDbClient real;
    private final Runnable between;
    private final AtomicInteger reads = new AtomicInteger();

    ClaimingClient(DynamoDbClient real, Runnable between) {
      this.real = real;
      this.between = between;
    }

    @Override
    public GetItemResponse getItem(GetItemRequest request) {
      GetItemResponse response = real.getItem(request);
      if (reads.incrementAndGet() == 1) {
        between.run();
      }
      return response;
    }

    @Override
    public PutItemResponse putItem(PutItemRequest request) {
      return real.putItem(request);
    }

    @Override
    public String serviceName() {
      return real.serviceName();
    }

    @Override
    public void close() {}
  }

  /** 1..n as a set. */
  private static final class LongRange {
    static Set<Long> of(long from, long to) {
      Set<Long> s = new HashSet<>();
      for (long i = from; i <= to; i++) {
        s.add(i);
      }
      return s;
    }
  }
}
