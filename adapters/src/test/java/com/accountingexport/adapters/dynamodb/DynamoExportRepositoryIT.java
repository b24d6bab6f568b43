package com.accountingexport.adapters.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.accountingexport.adapters.testing.LocalDynamo;
import com.accountingexport.core.auth.TenantId;
import com.accountingexport.core.document.ExportRef;
import com.accountingexport.core.document.StoredDocument;
import com.accountingexport.core.error.DomainException;
import com.accountingexport.core.error.ErrorKind;
import com.accountingexport.core.export.ClaimRequest;
import com.accountingexport.core.export.ClaimResult;
import com.accountingexport.core.export.Export;
import com.accountingexport.core.export.ExportFile;
import com.accountingexport.core.export.ExportService;
import com.accountingexport.core.export.ExportStatus;
import com.accountingexport.core.export.NewExport;
import com.accountingexport.core.export.Progress;
import com.accountingexport.core.export.RecordHash;
import com.accountingexport.core.export.SkippedDocument;
import com.accountingexport.core.period.Period;
import com.accountingexport.core.port.ExportRepository.ChainLink;
import com.accountingexport.core.port.ExportRepository.IdempotencyRecord;
import com.accountingexport.core.port.Page;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

class DynamoExportRepositoryIT {
  private static final Instant T0 = Instant.parse("2026-03-01T08:00:00Z");
  private static final String PATTERN = "EXP-{yyyy}-{seq:5}";
  private static final Period Q1 = new Period(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 3, 31));
  private static final AtomicInteger TENANTS = new AtomicInteger();
  private static final AtomicInteger IDS = new AtomicInteger();

  private static DynamoDbClient dynamo;
  private static String table;
  private static DynamoDocumentRepository documents;
  private static DynamoExportRepository exports;
  private static ExecutorService pool;

  @BeforeAll
  static void createTable() {
    LocalDynamo local = LocalDynamo.get();
    dynamo = local.client();
    table = local.newTable();
    documents = new DynamoDocumentRepository(dynamo, table);
    exports = new DynamoExportRepository(dynamo, table);
    pool = Executors.newFixedThreadPool(8);
  }

  @AfterAll
  static void stopPool() {
    pool.shutdownNow();
  }

  /** Each test its own tenant: tests share the table and must not see each other's items. */
  private static TenantId newTenant() {
    return new TenantId("exp-tenant-" + TENANTS.incrementAndGet());
  }

  private static NewExport newExport(String id, String pattern, Instant createdAt, Instant leaseUntil) {
    return new NewExport(id, pattern, Q1, List.of("VT", "BQ"), "fec", "none", false, createdAt, "alice@example.fr",
        leaseUntil);
  }

  private static Export open(TenantId tenant) {
    return exports.create(tenant, newExport("exp-" + IDS.incrementAndGet(), PATTERN, T0, T0.plus(Duration.ofMinutes(5))));
  }

  /** Writes documents through the document repository (a few writers at once). */
  private static List<String> upsertDocuments(TenantId tenant, int count) throws Exception {
    List<String> ids = IntStream.range(0, count).mapToObj(i -> String.format("D%04d", i)).toList();
    runAll(IntStream.range(0, 4).<Callable<Void>>mapToObj(w -> () -> {
      for (int i = w; i < ids.size(); i += 4) {
        documents.upsert(tenant, Fixtures.invoice(ids.get(i), LocalDate.of(2026, 1, 1 + i % 28)), T0);
      }
      return null;
    }).toList());
    return ids;
  }

  /** Starts every task at once and returns their results in order. */
  private static <T> List<T> runAll(List<Callable<T>> tasks) throws Exception {
    CountDownLatch go = new CountDownLatch(1);
    List<Future<T>> futures = new ArrayList<>();
    for (Callable<T> task : tasks) {
      futures.add(pool.submit(() -> {
        go.await();
        return task.call();
      }));
    }
    go.countDown();
    List<T> results = new ArrayList<>();
    for (Future<T> f : futures) {
      results.add(f.get(180, TimeUnit.SECONDS));
    }
    return results;
  }

  private static Export ready(TenantId tenant, Export e) {
    ChainLink head = exports.chainHead(tenant);
    String hash = RecordHash.sha256((e.id() + "#" + (head.seq() + 1)).getBytes(StandardCharsets.UTF_8));
    return exports.markReady(tenant, e.id(), 2, 4, new BigDecimal("240.00"), new BigDecimal("240.00"),
        List.of(new ExportFile("journal", "fec", "k/" + e.id() + "/journal", 10, "a".repeat(64))), List.of(),
        new ChainLink(head.seq() + 1, hash));
  }

  private static Map<String, AttributeValue> rawItem(Map<String, AttributeValue> key) {
    return dynamo.getItem(r -> r.tableName(table).key(key).consistentRead(true)).item();
  }

  // ------------------------------------------------------------------ create, find, list

  private static final Progress DONE_12 = new Progress(Progress.DONE, 12, 12);

  @Test
  void create_shouldRoundTripEveryField_whenExportGoesThroughItsLife() {
    // given
    TenantId tenant = newTenant();
    NewExport request = new NewExport("exp-life", PATTERN, Q1, List.of("VT", "BQ"), "fec", "none", true, T0,
        "alice@example.fr", T0.plusSeconds(300));

    // when: opened
    Export opened = exports.create(tenant, request);

    // then
    Export expectedOpen = new Export("exp-life", "EXP-2026-00001", ExportStatus.GENERATING, Q1, List.of("VT", "BQ"),
        "fec", "none", true, 0, 0, new BigDecimal("0.00"), new BigDecimal("0.00"), T0, "alice@example.fr", null, null,
        null, null, List.of(), List.of(), T0.plusSeconds(300), null, 0, null, null, null, Progress.start(0), List.of());
    assertEquals(expectedOpen, opened);
    assertEquals(Optional.of(expectedOpen), exports.find(tenant, "exp-life"));
    assertEquals(Optional.empty(), exports.find(newTenant(), "exp-life"));
    Map<String, AttributeValue> item = rawItem(ExportItemMapper.key(tenant, "exp-life"));
    assertEquals("T#" + tenant.value() + "#EXPORTS", item.get("GSI1PK").s());
    assertEquals("2026-03-01T08:00:00.000000000Z#exp-life", item.get("GSI1SK").s());
    assertEquals("T#" + tenant.value() + "#OPEN", item.get("GSI2PK").s());
    assertEquals("1", rawItem(ExportItemMapper.counterKey(tenant, "2026")).get("seq").n());

    // when: lease renewed, sealed, rendered in another format, downloaded, cancelled, released
    exports.renewLease(tenant, "exp-life", T0.plusSeconds(600));
    assertEquals(T0.plusSeconds(600), exports.find(tenant, "exp-life").orElseThrow().leaseUntil());
    List<ExportFile> files = List.of(
        new ExportFile("entries", "tsv", "tenants/t/exports/exp-life/entries.tsv", 1234, "1".repeat(64)),
        new ExportFile("journal", "fec", "tenants/t/exports/exp-life/journal.fec.txt", 2048, "2".repeat(64)));
    List<SkippedDocument> skipped = List.of(new SkippedDocument("D9", "claimed by a concurrent export"));
    String hash = "9".repeat(64);
    Export sealed = exports.markReady(tenant, "exp-life", 12, 48, new BigDecimal("1234.50"), new BigDecimal("1234.50"),
        files, skipped, new ChainLink(1, hash));
    ExportFile csv = new ExportFile("journal", "csv", "tenants/t/exports/exp-life/journal.csv.csv", 999, "3".repeat(64));
    exports.addFile(tenant, "exp-life", csv);
    exports.addFile(tenant, "exp-life", new ExportFile("journal", "csv", "other-key", 1, "4".repeat(64)));
    assertTrue(exports.markDownloaded(tenant, "exp-life", "bob@example.fr", T0.plusSeconds(3600)));
    Export cancelled = exports.markCancelled(tenant, "exp-life", "carol@example.fr", T0.plusSeconds(7200)).orElseThrow();
    exports.markReleased(tenant, "exp-life", T0.plusSeconds(7201));

    // then
    Export expectedSealed = new Export("exp-life", "EXP-2026-00001", ExportStatus.READY, Q1, List.of("VT", "BQ"), "fec",
        "none", true, 12, 48, new BigDecimal("1234.50"), new BigDecimal("1234.50"), T0, "alice@example.fr", null, null,
        null, null, files, skipped, null, null, 1, RecordHash.GENESIS, hash, null, DONE_12, List.of());
    assertEquals(expectedSealed, sealed);
    List<ExportFile> allFiles = List.of(files.get(0), files.get(1), csv);
    Export expectedCancelled = new Export("exp-life", "EXP-2026-00001", ExportStatus.CANCELLED, Q1, List.of("VT", "BQ"),
        "fec", "none", true, 12, 48, new BigDecimal("1234.50"), new BigDecimal("1234.50"), T0, "alice@example.fr",
        T0.plusSeconds(3600), "bob@example.fr", T0.plusSeconds(7200), "carol@example.fr", allFiles, skipped, null,
        null, 1, RecordHash.GENESIS, hash, null, DONE_12, List.of());
    assertEquals(expectedCancelled, cancelled);
    Export released = exports.find(tenant, "exp-life").orElseThrow();
    assertEquals(T0.plusSeconds(7201), released.releasedAt());
    assertEquals(expectedCancelled, new Export(released.id(), released.number(), released.status(), released.period(),
        released.journals(), released.format(), released.pdf(), released.reexport(), released.documentCount(),
        released.entryCount(), released.debit(), released.credit(), released.createdAt(), released.createdBy(),
        released.downloadedAt(), released.downloadedBy(), released.cancelledAt(), released.cancelledBy(),
        released.files(), released.skipped(), released.leaseUntil(), released.failure(), released.chainSeq(),
        released.previousHash(), released.recordHash(), null, released.progress(), released.notices()));
    Map<String, AttributeValue> after = rawItem(ExportItemMapper.key(tenant, "exp-life"));
    assertEquals("1234.50", after.get("debit").s());
    assertFalse(after.containsKey("GSI2PK"));
    assertEquals(Set.of("entries|tsv", "journal|fec", "journal|csv"), Set.copyOf(after.get("fileKeys").ss()));
  }

  @Test
  void markFailed_shouldRecordTheReason_whenGenerating_andDoNothingOtherwise() {
    // given
    TenantId tenant = newTenant();
    Export generating = open(tenant);
    Export sealed = ready(tenant, open(tenant));

    // when
    exports.markFailed(tenant, generating.id(), "STORAGE_DOWN: the store refused the upload", T0.plusSeconds(5));
    exports.markFailed(tenant, sealed.id(), "late failure", T0.plusSeconds(5));
    exports.markFailed(tenant, "no-such-export", "nothing", T0.plusSeconds(5));

    // then
    Export failed = exports.find(tenant, generating.id()).orElseThrow();
    assertEquals(ExportStatus.FAILED, failed.status());
    assertEquals("STORAGE_DOWN: the store refused the upload", failed.failure());
    assertNull(failed.leaseUntil());
    assertEquals(sealed, exports.find(tenant, sealed.id()).orElseThrow());
    assertEquals(Optional.empty(), exports.find(tenant, "no-such-export"));
  }

  @Test
  void list_shouldReturnNewestFirstInPages_whenAFilterKeepsSome() {
    // given: 30 exports over 10 creation times (half of them with a fraction of a second), 3 on each
    TenantId tenant = newTenant();
    List<Export> all = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      Instant createdAt = T0.plusMillis((i % 10) * 500L);
      all.add(exports.create(tenant, newExport(String.format("L%02d", i), PATTERN, createdAt, createdAt.plusSeconds(60))));
    }
    Predicate<Export> notThirds = e -> Integer.parseInt(e.id().substring(1)) % 3 != 0;
    List<String> expected = all.stream().filter(notThirds)
        .sorted(Comparator.comparing(Export::createdAt).thenComparing(Export::id).reversed())
        .map(Export::id).toList();

    // when
    List<String> seen = new ArrayList<>();
    List<Integer> sizes = new ArrayList<>();
    String cursor = null;
    do {
      Page<Export> page = exports.list(tenant, notThirds, cursor, 7);
      page.items().forEach(e -> seen.add(e.id()));
      sizes.add(page.items().size());
      cursor = page.nextCursor();
    } while (cursor != null && sizes.size() < 10);

    // then
    assertEquals(20, expected.size());
    assertEquals(expected, seen);
    assertEquals(List.of(7, 7, 6), sizes);
    Page<Export> whole = exports.list(tenant, e -> true, null, 30);
    assertEquals(30, whole.items().size());
    assertNull(whole.nextCursor());
    assertEquals(all.stream().filter(e -> e.id().equals("L29")).findFirst().orElseThrow(), whole.items().get(0));
    assertEquals(List.of(), exports.list(newTenant(), e -> true, null, 10).items());
  }

  @Test
  void list_shouldRefuseCursor_whenTamperedOrFromAnotherTenant() {
    // given
    TenantId a = newTenant();
    TenantId b = newTenant();
    for (int i = 0; i < 3; i++) {
      exports.create(a, newExport("A" + i, PATTERN, T0.plusSeconds(i), T0));
      exports.create(b, newExport("B" + i, PATTERN, T0.plusSeconds(i), T0));
    }
    String cursorOfA = exports.list(a, e -> true, null, 1).nextCursor();
    String decoded = new String(Base64.getUrlDecoder().decode(cursorOfA), StandardCharsets.UTF_8);
    String retargeted = Base64.getUrlEncoder().withoutPadding()
        .encodeToString(decoded.replace("|" + a.value() + "|", "|" + b.value() + "|x").getBytes(StandardCharsets.UTF_8));

    // when / then
    for (String bad : List.of(cursorOfA, "garbage!", "Zm9vYmFy", cursorOfA.substring(0, 5), retargeted)) {
      DomainException e = assertThrows(DomainException.class, () -> exports.list(b, x -> true, bad, 10), bad);
      assertEquals("INVALID_CURSOR", e.code());
      assertEquals(ErrorKind.INVALID, e.kind());
    }
    assertEquals(List.of("A1", "A0"), exports.list(a, e -> true, cursorOfA, 10).items().stream().map(Export::id).toList());
  }

  @Test
  void create_shouldNumberWithoutGapsOrDuplicates_whenEightThreadsCreateAtOnce() throws Exception {
    // given
    TenantId tenant = newTenant();
    int threads = 8;
    int each = 25;
    CountingClient counting = new CountingClient(dynamo);
    DynamoExportRepository counted = new DynamoExportRepository(counting, table);
    long start = System.nanoTime();

    // when
    List<List<Export>> created = runAll(IntStream.range(0, threads).<Callable<List<Export>>>mapToObj(t -> () -> {
      List<Export> mine = new ArrayList<>();
      for (int i = 0; i < each; i++) {
        mine.add(counted.create(tenant, newExport("C" + t + "-" + i, PATTERN, T0.plusSeconds(i), T0)));
      }
      return mine;
    }).toList());
    System.out.printf("create race: %d exports in %d transactions, %d ms%n", threads * each,
        counting.transactions.get(), (System.nanoTime() - start) / 1_000_000);

    // then
    List<String> numbers = created.stream().flatMap(List::stream).map(Export::number).toList();
    Set<String> expected = IntStream.rangeClosed(1, threads * each).mapToObj(i -> String.format("EXP-2026-%05d", i))
        .collect(Collectors.toSet());
    assertEquals(threads * each, numbers.size());
    assertEquals(expected, new HashSet<>(numbers));
    Map<String, String> stored = new HashMap<>();
    String cursor = null;
    do {
      Page<Export> page = exports.list(tenant, e -> true, cursor, 100);
      page.items().forEach(e -> stored.put(e.id(), e.number()));
      cursor = page.nextCursor();
    } while (cursor != null);
    assertEquals(threads * each, stored.size());
    created.stream().flatMap(List::stream).forEach(e -> assertEquals(e.number(), stored.get(e.id())));
    assertEquals(String.valueOf(threads * each), rawItem(ExportItemMapper.counterKey(tenant, "2026")).get("seq").n());
  }

  @Test
  void create_shouldRestartEachYear_whenPatternHasAYear_andNeverOtherwise() {
    // given
    TenantId tenant = newTenant();
    Instant lastDay = Instant.parse("2026-12-31T23:59:59Z");
    Instant newYear = Instant.parse("2027-01-01T00:00:00Z");

    // when
    List<String> yearly = List.of(
        exports.create(tenant, newExport("Y1", "{yy}-{MM}/{seq:3}", lastDay, lastDay)).number(),
        exports.create(tenant, newExport("Y2", "{yy}-{MM}/{seq:3}", newYear, newYear)).number(),
        exports.create(tenant, newExport("Y3", "{yy}-{MM}/{seq:3}", newYear, newYear)).number());
    List<String> forever = List.of(
        exports.create(tenant, newExport("F1", "N{seq}", lastDay, lastDay)).number(),
        exports.create(tenant, newExport("F2", "N{seq}", newYear, newYear)).number());

    // then
    assertEquals(List.of("26-12/001", "27-01/001", "27-01/002"), yearly);
    assertEquals(List.of("N1", "N2"), forever);
  }

  // ------------------------------------------------------------------ claims

  @Test
  void claim_shouldTakeEachDocumentOnce_whenEightExportsRace() throws Exception {
    // given: 1,000 documents, 8 exports each after all of them, in its own order
    TenantId tenant = newTenant();
    List<String> ids = upsertDocuments(tenant, 1000);
    List<Export> racers = IntStream.range(0, 8).mapToObj(i -> open(tenant)).toList();

    long start = System.nanoTime();

    // when
    List<ClaimResult> results = runAll(IntStream.range(0, racers.size()).<Callable<ClaimResult>>mapToObj(t -> () -> {
      List<String> mine = new ArrayList<>(ids);
      Collections.shuffle(mine, new Random(t));
      return exports.claim(tenant, racers.get(t), mine);
    }).toList());
    long elapsed = (System.nanoTime() - start) / 1_000_000;

    // then: Σ claimed = 1000, and each thread either claimed or lost each of its ids
    assertEquals(1000, results.stream().mapToInt(r -> r.claimed().size()).sum());
    Map<String, String> holder = new HashMap<>();
    for (int t = 0; t < racers.size(); t++) {
      ClaimResult r = results.get(t);
      assertEquals(List.of(), r.missing());
      Set<String> union = new TreeSet<>(r.claimed());
      union.addAll(r.taken());
      assertEquals(new TreeSet<>(ids), union);
      assertEquals(1000, r.claimed().size() + r.taken().size());
      assertTrue(r.writeCalls() >= 10, "at least one call per 100 documents: " + r.writeCalls());
      String exportId = racers.get(t).id();
      r.claimed().forEach(id -> assertNull(holder.put(id, exportId), id));
      assertEquals(r.claimed().stream().sorted().toList(), exports.heldDocuments(tenant, exportId));
    }
    Map<String, StoredDocument> stored = documents.findAll(tenant, ids);
    assertEquals(1000, stored.size());
    Map<String, String> numbers = racers.stream().collect(Collectors.toMap(Export::id, Export::number));
    stored.forEach((id, d) -> assertEquals(new ExportRef(holder.get(id), numbers.get(holder.get(id))), d.export(), id));
    System.out.printf("claim race: claimed %s, write calls %s, %d ms%n",
        results.stream().map(r -> r.claimed().size()).toList(), results.stream().map(ClaimResult::writeCalls).toList(),
        elapsed);
  }

  @Test
  void claim_shouldUseCeilNOver100Calls_whenUncontended() throws Exception {
    // given
    TenantId tenant = newTenant();
    List<String> ids = upsertDocuments(tenant, 1000);
    CountingClient counting = new CountingClient(dynamo);
    DynamoExportRepository counted = new DynamoExportRepository(counting, table);
    Export first = open(tenant);
    Export second = open(tenant);

    // when
    ClaimResult quarter = counted.claim(tenant, first, ids.subList(0, 250));
    int quarterCalls = counting.transactions.getAndSet(0);
    counted.release(tenant, first.id(), quarter.claimed());
    int releaseCalls = counting.transactions.getAndSet(0);
    ClaimResult whole = counted.claim(tenant, second, ids);
    int wholeCalls = counting.transactions.getAndSet(0);

    // then
    assertEquals(250, quarter.claimed().size());
    assertEquals(3, quarter.writeCalls());
    assertEquals(3, quarterCalls);
    assertEquals(3, releaseCalls);
    assertEquals(ids, whole.claimed());
    assertEquals(10, whole.writeCalls());
    assertEquals(10, wholeCalls);
    assertEquals(ids, exports.heldDocuments(tenant, second.id()));
    assertEquals(List.of(), exports.heldDocuments(tenant, first.id()));
  }

  @Test
  void claim_shouldReportTakenAndMissing_whenSomeDocumentsAreHeldOrGone() throws Exception {
    // given
    TenantId tenant = newTenant();
    upsertDocuments(tenant, 4);
    Export first = open(tenant);
    Export second = open(tenant);
    exports.claim(tenant, first, List.of("D0000", "D0001"));

    // when: D0001 is held, NOPE does not exist, D0002 is asked twice
    ClaimResult r = exports.claim(tenant, second, List.of("D0001", "D0002", "NOPE", "D0002", "D0003", "NOPE"));

    // then: the refused ones are left out and the rest is claimed on the second call
    assertEquals(List.of("D0002", "D0003"), r.claimed());
    assertEquals(List.of("D0001", "D0002"), r.taken());
    assertEquals(List.of("NOPE", "NOPE"), r.missing());
    assertEquals(2, r.writeCalls());
    assertEquals(List.of("D0000", "D0001"), exports.heldDocuments(tenant, first.id()));
    assertEquals(List.of("D0002", "D0003"), exports.heldDocuments(tenant, second.id()));
    assertTrue(documents.find(tenant, "NOPE").isEmpty(), "a refused claim must not create the document");
    assertEquals(new ClaimResult(List.of(), List.of(), List.of(), 0), exports.claim(tenant, second, List.of()));
  }

  @Test
  void claimVersions_shouldRefuseADocumentWrittenSinceItWasPlanned_andTakeAgainWhatItHolds() throws Exception {
    // given: four documents planned at their version; D0001 is rewritten after the plan
    TenantId tenant = newTenant();
    upsertDocuments(tenant, 4);
    Map<String, Long> planned = new java.util.HashMap<>();
    documents.findAll(tenant, List.of("D0000", "D0001", "D0002", "D0003")).forEach((id, d) -> planned.put(id, d.version()));
    documents.upsert(tenant, Fixtures.invoice("D0001", LocalDate.of(2026, 1, 2)), T0.plusSeconds(5));
    Export e = open(tenant);
    List<ClaimRequest> plan = planned.keySet().stream().sorted().map(id -> new ClaimRequest(id, planned.get(id))).toList();

    // when
    ClaimResult r = exports.claimVersions(tenant, e, plan);

    // then: the changed one is reported, stays free, and the rest is held
    assertEquals(List.of("D0000", "D0002", "D0003"), r.claimed());
    assertEquals(List.of("D0001"), r.changed());
    assertEquals(List.of(), r.taken());
    assertFalse(documents.find(tenant, "D0001").orElseThrow().isExported());

    // when: the same step runs again (a retried Lambda): what it holds counts as claimed, nothing moves
    ClaimResult again = exports.claimVersions(tenant, e, plan);
    assertEquals(List.of("D0000", "D0002", "D0003"), again.claimed());
    assertEquals(List.of("D0001"), again.changed());
    assertEquals(List.of("D0000", "D0002", "D0003"), exports.heldDocuments(tenant, e.id()));

    // and another export finds them taken, not changed
    ClaimResult other = exports.claimVersions(tenant, open(tenant), plan);
    assertEquals(List.of("D0000", "D0002", "D0003"), other.taken());
  }

  @Test
  void saveProgressAndRendered_shouldWriteOnlyWhileGenerating_andNoticesAlways() {
    TenantId tenant = newTenant();
    Export e = open(tenant);
    List<SkippedDocument> lost = List.of(new SkippedDocument("D7", "claimed by a concurrent export"));
    assertTrue(exports.saveProgress(tenant, e.id(), new Progress(Progress.CLAIM, 100, 250), T0.plusSeconds(900), lost));
    assertTrue(exports.saveProgress(tenant, e.id(), new Progress(Progress.CLAIM, 250, 250), T0.plusSeconds(901),
        List.of(new SkippedDocument("D8", "deleted meanwhile"))));
    Export mid = exports.find(tenant, e.id()).orElseThrow();
    assertEquals(new Progress(Progress.CLAIM, 250, 250), mid.progress());
    assertEquals(T0.plusSeconds(901), mid.leaseUntil());
    assertEquals(List.of("D7", "D8"), mid.skipped().stream().map(SkippedDocument::documentId).toList());

    List<ExportFile> files = List.of(new ExportFile("entries", "tsv", "k/entries.tsv", 10, "a".repeat(64)));
    assertTrue(exports.saveRendered(tenant, e.id(), 248, 700, new BigDecimal("10.00"), new BigDecimal("10.00"), files,
        mid.skipped(), new Progress(Progress.SEAL, 0, 1), T0.plusSeconds(902)));
    Export rendered = exports.find(tenant, e.id()).orElseThrow();
    assertEquals(248, rendered.documentCount());
    assertEquals(files, rendered.files());
    assertEquals(Progress.SEAL, rendered.progress().phase());

    exports.addNotice(tenant, e.id(), new com.accountingexport.core.export.Notice("FAILED", List.of("a@b.fr"), false, 4,
        "throttled", T0));
    exports.markFailed(tenant, e.id(), "boom", T0);
    assertFalse(exports.saveProgress(tenant, e.id(), new Progress(Progress.RENDER, 1, 2), T0, List.of()));
    assertFalse(exports.saveRendered(tenant, e.id(), 1, 1, BigDecimal.ONE, BigDecimal.ONE, files, List.of(),
        new Progress(Progress.SEAL, 0, 1), T0));
    exports.addNotice(tenant, e.id(), new com.accountingexport.core.export.Notice("FAILED", List.of("a@b.fr"), true, 1,
        null, T0.plusSeconds(1)));
    Export failed = exports.find(tenant, e.id()).orElseThrow();
    assertEquals(new Progress(Progress.SEAL, 0, 1), failed.progress(), "nothing written once FAILED");
    assertEquals(2, failed.notices().size());
    assertEquals("throttled", failed.notices().get(0).error());
    assertTrue(failed.notices().get(1).sent());
  }

  @Test
  void claim_shouldFreezeTheDocument_untilItsOwnExportReleasesIt() throws Exception {
    // given
    TenantId tenant = newTenant();
    upsertDocuments(tenant, 3);
    Export holder = open(tenant);
    Export other = open(tenant);
    exports.claim(tenant, holder, List.of("D0000", "D0001"));

    // when: updated while held
    DomainException frozen = assertThrows(DomainException.class,
        () -> documents.upsert(tenant, Fixtures.invoice("D0000", LocalDate.of(2026, 1, 9)), T0.plusSeconds(1)));

    // then
    assertEquals("DOCUMENT_FROZEN", frozen.code());
    assertEquals(ErrorKind.CONFLICT, frozen.kind());
    assertTrue(frozen.getMessage().contains(holder.number()), frozen.getMessage());
    Map<String, AttributeValue> item = rawItem(DocumentItemMapper.key(tenant, "D0000"));
    assertEquals("T#" + tenant.value() + "#EXPDOC#" + holder.id(), item.get("GSI2PK").s());
    assertEquals("D0000", item.get("GSI2SK").s());

    // when: another export releases it
    exports.release(tenant, other.id(), List.of("D0000", "D0001"));

    // then: nothing changed
    assertEquals(new ExportRef(holder.id(), holder.number()), documents.find(tenant, "D0000").orElseThrow().export());
    assertEquals(List.of("D0000", "D0001"), exports.heldDocuments(tenant, holder.id()));

    // when: its export releases it, among ids it does not hold (the fallback path), twice
    exports.release(tenant, holder.id(), List.of("D0000", "D0002", "NOPE", "D0001"));
    exports.release(tenant, holder.id(), List.of("D0000", "D0001"));

    // then
    StoredDocument rewritten = documents.upsert(tenant, Fixtures.invoice("D0000", LocalDate.of(2026, 1, 9)), T0.plusSeconds(2));
    assertNull(rewritten.export());
    assertEquals(2, rewritten.version());
    assertNull(documents.find(tenant, "D0001").orElseThrow().export());
    assertFalse(rawItem(DocumentItemMapper.key(tenant, "D0001")).containsKey("GSI2PK"));
    assertEquals(List.of(), exports.heldDocuments(tenant, holder.id()));
    assertTrue(documents.find(tenant, "NOPE").isEmpty(), "a release must not create the document");
  }

  @Test
  void claimAndRelease_shouldRetryTheSameChunk_whenATransactionConflicts() throws Exception {
    // given: 150 documents; the first transaction of each operation meets another one
    TenantId tenant = newTenant();
    List<String> ids = upsertDocuments(tenant, 150);
    CountingClient conflicting = new CountingClient(dynamo);
    DynamoExportRepository repository = new DynamoExportRepository(conflicting, table);
    Export export = open(tenant);

    // when
    conflicting.conflicts.set(1);
    ClaimResult r = repository.claim(tenant, export, ids);
    List<String> held = exports.heldDocuments(tenant, export.id());
    conflicting.conflicts.set(1);
    conflicting.transactions.set(0);
    repository.release(tenant, export.id(), ids);

    // then: every document claimed, in one call per chunk plus the retry
    assertEquals(ids, r.claimed());
    assertEquals(List.of(), r.taken());
    assertEquals(3, r.writeCalls());
    assertEquals(ids, held);
    assertEquals(3, conflicting.transactions.get());
    assertEquals(List.of(), exports.heldDocuments(tenant, export.id()));
  }

  @Test
  void createAndMarkReady_shouldSurviveATransactionConflict() {
    // given
    TenantId tenant = newTenant();
    CountingClient conflicting = new CountingClient(dynamo);
    DynamoExportRepository repository = new DynamoExportRepository(conflicting, table);

    // when: creation retries by itself
    conflicting.conflicts.set(2);
    Export created = repository.create(tenant, newExport("X1", PATTERN, T0, T0.plusSeconds(60)));

    // then: no number lost
    assertEquals("EXP-2026-00001", created.number());
    assertEquals(3, conflicting.transactions.get());
    assertEquals("EXP-2026-00002", open(tenant).number());

    // when: sealing meets a conflict, the caller is told to try again (ExportService rehashes and retries)
    conflicting.conflicts.set(1);
    assertThrows(ExportService.ChainMovedException.class, () -> repository.markReady(tenant, "X1", 0, 0,
        new BigDecimal("0.00"), new BigDecimal("0.00"), List.of(), List.of(), new ChainLink(1, "e".repeat(64))));
    Export sealed = repository.markReady(tenant, "X1", 0, 0, new BigDecimal("0.00"), new BigDecimal("0.00"), List.of(),
        List.of(), new ChainLink(1, "e".repeat(64)));

    // then
    assertEquals(ExportStatus.READY, sealed.status());
    assertEquals(new ChainLink(1, "e".repeat(64)), exports.chainHead(tenant));
  }

  // ------------------------------------------------------------------ chain

  @Test
  void markReady_shouldLinkTheChain_whenTwoExportsAreSealed() {
    // given
    TenantId tenant = newTenant();
    assertEquals(new ChainLink(0, RecordHash.GENESIS), exports.chainHead(tenant));
    Export a = open(tenant);
    Export b = open(tenant);

    // when
    Export first = ready(tenant, a);
    Export second = ready(tenant, b);

    // then
    assertEquals(1, first.chainSeq());
    assertEquals(RecordHash.GENESIS, first.previousHash());
    assertEquals(2, second.chainSeq());
    assertEquals(first.recordHash(), second.previousHash());
    assertEquals(ExportStatus.READY, second.status());
    assertNull(second.leaseUntil());
    assertEquals(new ChainLink(2, second.recordHash()), exports.chainHead(tenant));
    assertEquals(List.of(first, second), exports.chain(tenant));
    assertEquals(new ChainLink(0, RecordHash.GENESIS), exports.chainHead(newTenant()));
  }

  @Test
  void markReady_shouldThrowChainMoved_whenTheLinkIsStale() {
    // given: two exports hashed from the same head; the first one joins the chain
    TenantId tenant = newTenant();
    Export a = open(tenant);
    Export b = open(tenant);
    ChainLink head = exports.chainHead(tenant);
    ChainLink staleLink = new ChainLink(head.seq() + 1, "b".repeat(64));
    exports.markReady(tenant, a.id(), 1, 2, new BigDecimal("1.00"), new BigDecimal("1.00"), List.of(), List.of(),
        new ChainLink(head.seq() + 1, "a".repeat(64)));

    // when / then: the second one's link no longer follows the head
    assertThrows(ExportService.ChainMovedException.class, () -> exports.markReady(tenant, b.id(), 1, 2,
        new BigDecimal("1.00"), new BigDecimal("1.00"), List.of(), List.of(), staleLink));
    assertThrows(ExportService.ChainMovedException.class, () -> exports.markReady(tenant, b.id(), 1, 2,
        new BigDecimal("1.00"), new BigDecimal("1.00"), List.of(), List.of(), new ChainLink(5, "c".repeat(64))));
    assertEquals(ExportStatus.GENERATING, exports.find(tenant, b.id()).orElseThrow().status());
    assertEquals(new ChainLink(1, "a".repeat(64)), exports.chainHead(tenant));
    Export sealed = ready(tenant, b);
    assertEquals("a".repeat(64), sealed.previousHash());
  }

  @Test
  void markReady_shouldRefuse_whenTheExportIsNoLongerGenerating() {
    // given
    TenantId tenant = newTenant();
    Export sealed = ready(tenant, open(tenant));

    // when / then: sealed twice, or never opened; the chain does not move
    DomainException twice = assertThrows(DomainException.class, () -> ready(tenant, sealed));
    DomainException unknown = assertThrows(DomainException.class, () -> exports.markReady(tenant, "no-such-export",
        0, 0, new BigDecimal("0.00"), new BigDecimal("0.00"), List.of(), List.of(), new ChainLink(2, "d".repeat(64))));
    for (DomainException e : List.of(twice, unknown)) {
      assertEquals("EXPORT_NOT_GENERATING", e.code());
      assertEquals(ErrorKind.CONFLICT, e.kind());
    }
    assertEquals(new ChainLink(1, sealed.recordHash()), exports.chainHead(tenant));
    assertEquals(sealed, exports.find(tenant, sealed.id()).orElseThrow());
  }

  // ------------------------------------------------------------------ recovery, states

  @Test
  void needingRecovery_shouldListExpiredGenerationsAndUnreleasedExports() {
    // given
    TenantId tenant = newTenant();
    Instant now = T0.plus(Duration.ofMinutes(10));
    Export expired = exports.create(tenant, newExport("R-expired", PATTERN, T0, T0.plus(Duration.ofMinutes(5))));
    Export running = exports.create(tenant, newExport("R-running", PATTERN, T0, T0.plus(Duration.ofMinutes(15))));
    Export cancelled = ready(tenant, open(tenant));
    exports.markCancelled(tenant, cancelled.id(), "carol", now).orElseThrow();
    Export failed = open(tenant);
    exports.markFailed(tenant, failed.id(), "boom", now);
    Export sealed = ready(tenant, open(tenant));

    // when
    Set<String> before = ids(exports.needingRecovery(tenant, now));
    exports.markReleased(tenant, cancelled.id(), now);
    exports.markReleased(tenant, failed.id(), now);
    Set<String> after = ids(exports.needingRecovery(tenant, now));
    Set<String> later = ids(exports.needingRecovery(tenant, T0.plus(Duration.ofMinutes(20))));

    // then
    assertEquals(Set.of(expired.id(), cancelled.id(), failed.id()), before);
    assertEquals(Set.of(expired.id()), after);
    assertEquals(Set.of(expired.id(), running.id()), later);
    assertFalse(later.contains(sealed.id()));
    assertEquals(Set.of(), ids(exports.needingRecovery(newTenant(), now)));
  }

  private static Set<String> ids(List<Export> list) {
    return list.stream().map(Export::id).collect(Collectors.toSet());
  }

  @Test
  void markDownloaded_shouldSucceedOnlyOnce_whenReady() {
    // given
    TenantId tenant = newTenant();
    Export generating = open(tenant);
    Export sealed = ready(tenant, open(tenant));

    // when
    boolean early = exports.markDownloaded(tenant, generating.id(), "bob", T0);
    boolean first = exports.markDownloaded(tenant, sealed.id(), "bob", T0.plusSeconds(1));
    boolean second = exports.markDownloaded(tenant, sealed.id(), "eve", T0.plusSeconds(2));
    boolean unknown = exports.markDownloaded(tenant, "no-such-export", "bob", T0);

    // then
    assertFalse(early);
    assertTrue(first);
    assertFalse(second);
    assertFalse(unknown);
    Export downloaded = exports.find(tenant, sealed.id()).orElseThrow();
    assertEquals(ExportStatus.DOWNLOADED, downloaded.status());
    assertEquals(T0.plusSeconds(1), downloaded.downloadedAt());
    assertEquals("bob", downloaded.downloadedBy());
    assertEquals(Optional.empty(), exports.find(tenant, "no-such-export"));
  }

  @Test
  void markCancelled_shouldOnlyCancel_whenReadyOrDownloaded() {
    // given
    TenantId tenant = newTenant();
    Export generating = open(tenant);
    Export failed = open(tenant);
    exports.markFailed(tenant, failed.id(), "boom", T0);
    Export sealed = ready(tenant, open(tenant));
    Export downloaded = ready(tenant, open(tenant));
    exports.markDownloaded(tenant, downloaded.id(), "bob", T0);

    // when / then
    assertEquals(Optional.empty(), exports.markCancelled(tenant, generating.id(), "carol", T0));
    assertEquals(Optional.empty(), exports.markCancelled(tenant, failed.id(), "carol", T0));
    assertEquals(Optional.empty(), exports.markCancelled(tenant, "no-such-export", "carol", T0));
    assertEquals(ExportStatus.CANCELLED, exports.markCancelled(tenant, sealed.id(), "carol", T0).orElseThrow().status());
    Export c = exports.markCancelled(tenant, downloaded.id(), "carol", T0.plusSeconds(9)).orElseThrow();
    assertEquals(ExportStatus.CANCELLED, c.status());
    assertEquals("bob", c.downloadedBy());
    assertEquals(T0.plusSeconds(9), c.cancelledAt());
    assertEquals(Optional.empty(), exports.markCancelled(tenant, downloaded.id(), "carol", T0));
    assertEquals(ExportStatus.GENERATING, exports.find(tenant, generating.id()).orElseThrow().status());
    assertEquals(Optional.empty(), exports.find(tenant, "no-such-export"));
  }

  // ------------------------------------------------------------------ locks, idempotency

  @Test
  void tryLock_shouldRefuseAnotherOwner_untilTheLockExpires() {
    // given
    TenantId tenant = newTenant();
    Instant until = T0.plus(Duration.ofMinutes(5));
    assertTrue(exports.tryLock(tenant, "GEN#abc", "first", until, T0));

    // when / then
    assertFalse(exports.tryLock(tenant, "GEN#abc", "second", T0.plus(Duration.ofMinutes(6)), T0.plusSeconds(60)));
    assertTrue(exports.tryLock(tenant, "GEN#abc", "first", until, T0.plusSeconds(60)), "its owner renews it");
    assertTrue(exports.tryLock(newTenant(), "GEN#abc", "second", until, T0), "locks are per tenant");
    assertTrue(exports.tryLock(tenant, "GEN#other", "second", until, T0), "locks are per name");
    assertTrue(exports.tryLock(tenant, "GEN#abc", "second", until.plus(Duration.ofMinutes(5)), until));

    // when: the first owner, whose lock expired, unlocks
    exports.unlock(tenant, "GEN#abc", "first");

    // then: the second owner's lock stands, until it unlocks
    assertFalse(exports.tryLock(tenant, "GEN#abc", "third", until.plusSeconds(90), until.plusSeconds(1)));
    exports.unlock(tenant, "GEN#abc", "second");
    assertTrue(exports.tryLock(tenant, "GEN#abc", "third", until.plusSeconds(90), until.plusSeconds(1)));
    Map<String, AttributeValue> lock = rawItem(ExportItemMapper.lockKey(tenant, "GEN#abc"));
    assertEquals("third", lock.get("owner").s());
    assertEquals(String.valueOf(until.plusSeconds(90).toEpochMilli()), lock.get("expiresAt").n());
    assertNotNull(lock.get("ttl").n());
  }

  @Test
  void rememberIdempotency_shouldReturnTheFirstRecord_untilForgotten() {
    // given
    TenantId tenant = newTenant();
    Instant expires = Instant.now().plus(Duration.ofHours(24));

    // when
    Optional<IdempotencyRecord> first = exports.rememberIdempotency(tenant, "key-1", "req-a", "exp-a", expires);
    Optional<IdempotencyRecord> second = exports.rememberIdempotency(tenant, "key-1", "req-b", "exp-b", expires);
    Optional<IdempotencyRecord> elsewhere = exports.rememberIdempotency(newTenant(), "key-1", "req-c", "exp-c", expires);
    exports.forgetIdempotency(tenant, "key-1");
    Optional<IdempotencyRecord> third = exports.rememberIdempotency(tenant, "key-1", "req-d", "exp-d", expires);
    Optional<IdempotencyRecord> fourth = exports.rememberIdempotency(tenant, "key-1", "req-e", "exp-e", expires);

    // then
    assertEquals(Optional.empty(), first);
    assertEquals(Optional.of(new IdempotencyRecord("req-a", "exp-a")), second);
    assertEquals(Optional.empty(), elsewhere);
    assertEquals(Optional.empty(), third);
    assertEquals(Optional.of(new IdempotencyRecord("req-d", "exp-d")), fourth);
    assertEquals(String.valueOf(expires.getEpochSecond()),
        rawItem(ExportItemMapper.idempotencyKey(tenant, "key-1")).get("ttl").n());
  }

  @Test
  void rememberIdempotency_shouldOverwrite_whenTheEarlierRecordExpired() {
    // given: a record that expired at T0 and DynamoDB's TTL has not deleted yet
    TenantId tenant = newTenant();
    DynamoExportRepository at = new DynamoExportRepository(dynamo, table, Clock.fixed(T0.plusSeconds(5), ZoneOffset.UTC));
    at.rememberIdempotency(tenant, "key-1", "req-a", "exp-a", T0);

    // when
    Optional<IdempotencyRecord> again = at.rememberIdempotency(tenant, "key-1", "req-b", "exp-b", T0.plus(Duration.ofDays(1)));

    // then
    assertEquals(Optional.empty(), again);
    assertEquals(Optional.of(new IdempotencyRecord("req-b", "exp-b")),
        at.rememberIdempotency(tenant, "key-1", "req-c", "exp-c", T0.plus(Duration.ofDays(1))));
  }

  /**
   * The real client, counting TransactWriteItems calls; the next {@code conflicts} of them are
   * cancelled without being tried, as DynamoDB does when another transaction holds an item (the
   * first item's reason TransactionConflict, the others None).
   */
  private static final class CountingClient implements DynamoDbClient {
    private final DynamoDbClient real;
    final AtomicInteger transactions = new AtomicInteger();
    final AtomicInteger conflicts = new AtomicInteger();

    CountingClient(DynamoDbClient real) {
      this.real = real;
    }

    @Override
    public TransactWriteItemsResponse transactWriteItems(TransactWriteItemsRequest request) {
      transactions.incrementAndGet();
      if (conflicts.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        List<CancellationReason> reasons = new ArrayList<>();
        for (int i = 0; i < request.transactItems().size(); i++) {
          reasons.add(CancellationReason.builder().code(i == 0 ? "TransactionConflict" : "None").build());
        }
        throw TransactionCanceledException.builder().message("Transaction cancelled (injected)")
            .cancellationReasons(reasons).build();
      }
      return real.transactWriteItems(request);
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
    public DeleteItemResponse deleteItem(DeleteItemRequest request) {
      return real.deleteItem(request);
    }

    @Override
    public QueryResponse query(QueryRequest request) {
      return real.query(request);
    }

    @Override
    public String serviceName() {
      return real.serviceName();
    }

    @Override
    public void close() {}
  }
}
