package com.accountingexport.adapters.exports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.accountingexport.adapters.Config;
import com.accountingexport.adapters.Wiring;
import com.accountingexport.adapters.AwsClients;
import com.accountingexport.adapters.dynamodb.DynamoDocumentRepository;
import com.accountingexport.adapters.dynamodb.DynamoExportRepository;
import com.accountingexport.adapters.dynamodb.DynamoSettingsRepository;
import com.accountingexport.adapters.s3.S3FileStore;
import com.accountingexport.adapters.testing.LocalDynamo;
import com.accountingexport.adapters.testing.LocalS3;
import com.accountingexport.core.auth.Caller;
import com.accountingexport.core.auth.Role;
import com.accountingexport.core.auth.TenantId;
import com.accountingexport.core.document.Document;
import com.accountingexport.core.document.StoredDocument;
import com.accountingexport.core.error.DomainException;
import com.accountingexport.core.export.Download;
import com.accountingexport.core.export.Export;
import com.accountingexport.core.export.ExportFile;
import com.accountingexport.core.export.ExportGenerator;
import com.accountingexport.core.export.ExportStatus;
import com.accountingexport.core.export.RecordHash;
import com.accountingexport.core.fakes.Faults;
import com.accountingexport.core.fakes.TestDocuments;
import com.accountingexport.core.port.ExportRepository;
import com.accountingexport.core.port.FileStore;
import com.accountingexport.core.format.FecValidator;
import com.accountingexport.core.period.Period;
import com.accountingexport.core.service.Selection;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The export lifecycle on DynamoDB Local and S3Mock, through the same Wiring as Lambda: races,
 * injected faults, cancel and regenerate, and downloads through presigned URLs.
 */
class ExportLifecycleIT {
  static final TenantId TENANT = new TenantId("acme");
  static final Caller ADMIN = new Caller(TENANT, "u1", Role.COMPANY_ADMIN, "admin@acme.test");
  static final LocalDate START = LocalDate.of(2026, 1, 1);

  /**
   * A clock that moves, on the last day of 2026 whenever the tests run: every seeded document (2026)
   * lies in the current fiscal year and none is booked after today (FUTURE_DATED).
   */
  static final Clock CLOCK = Clock.offset(Clock.systemUTC(),
      java.time.Duration.between(java.time.Instant.now(), java.time.Instant.parse("2026-12-31T08:00:00Z")));

  Wiring wiring;
  String table;

  @BeforeEach
  void setUp() {
    table = LocalDynamo.get().newTable();
    String bucket = LocalS3.get().newBucket();
    AwsClients aws = new AwsClients(LocalDynamo.get().client(), LocalS3.get().s3(), LocalS3.get().presigner(), null);
    Config config = new Config(table, bucket, "exports@test", Duration.ofMinutes(15), "http://localhost", Duration.ofMinutes(5));
    wiring = new Wiring(aws, config, CLOCK, () -> UUID.randomUUID().toString());
  }

  /** The same Wiring over decorated ports (faults, pauses) around the real DynamoDB and S3 adapters. */
  Wiring decorated(java.util.function.UnaryOperator<ExportRepository> exports, java.util.function.UnaryOperator<FileStore> files) {
    return new Wiring(wiring.aws(), wiring.config(), CLOCK, () -> UUID.randomUUID().toString(),
        new DynamoDocumentRepository(wiring.aws().dynamo(), table),
        new DynamoSettingsRepository(wiring.aws().dynamo(), table),
        exports.apply(new DynamoExportRepository(wiring.aws().dynamo(), table)),
        files.apply(new S3FileStore(wiring.aws().s3(), wiring.aws().presigner(), wiring.config().bucketName())));
  }

  void seed(int n) {
    List<Document> docs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      docs.add(TestDocuments.invoice(String.format("inv-%05d", i), START.plusDays(i % 365), "100.00", "20.00"));
      if (docs.size() == 500) {
        wiring.documents().putAll(ADMIN, docs);
        docs.clear();
      }
    }
    if (!docs.isEmpty()) {
      wiring.documents().putAll(ADMIN, docs);
    }
  }

  static ExportGenerator.GenerateRequest period(LocalDate from, LocalDate to) {
    return new ExportGenerator.GenerateRequest(new Selection(from, to, List.of(), List.of(), true, false), null, null, null, "h");
  }

  List<StoredDocument> allDocuments() {
    return wiring.documentRepository().listAll(TENANT, new Period(START, START.plusDays(365)), d -> true);
  }

  List<Export> allExports() {
    List<Export> out = new ArrayList<>();
    String cursor = null;
    do {
      var page = wiring.exportRepository().list(TENANT, e -> true, cursor, 1000);
      out.addAll(page.items());
      cursor = page.nextCursor();
    } while (cursor != null);
    return out;
  }

  byte[] read(String key) throws Exception {
    try (InputStream in = wiring.fileStore().open(key)) {
      return in.readAllBytes();
    }
  }

  /** No document in two exports, none held by a FAILED/CANCELLED export, numbers 1..n once each. */
  void assertInvariants() {
    Map<String, Export> byId = new HashMap<>();
    allExports().forEach(e -> byId.put(e.id(), e));
    Map<String, Integer> heldCount = new HashMap<>();
    for (StoredDocument d : allDocuments()) {
      if (d.isExported()) {
        Export holder = byId.get(d.export().exportId());
        assertTrue(holder != null, d.id() + " is held by an export that does not exist");
        assertTrue(holder.status().holdsDocuments(), d.id() + " is held by " + holder.status() + " export " + holder.number());
        assertEquals(holder.number(), d.export().exportNumber());
        heldCount.merge(holder.id(), 1, Integer::sum);
      }
    }
    for (Export e : byId.values()) {
      if (e.status() == ExportStatus.READY || e.status() == ExportStatus.DOWNLOADED) {
        assertEquals(e.documentCount(), heldCount.getOrDefault(e.id(), 0).intValue(), "documents held by " + e.number());
      } else {
        assertEquals(0, heldCount.getOrDefault(e.id(), 0).intValue(), e.status() + " export " + e.number() + " holds documents");
      }
    }
    List<Integer> numbers = byId.values().stream().map(e -> Integer.parseInt(e.number().substring(e.number().lastIndexOf('-') + 1)))
        .sorted().toList();
    for (int i = 0; i < numbers.size(); i++) {
      assertEquals(i + 1, numbers.get(i), "export numbers must be 1..n without gap or duplicate: " + numbers);
    }
  }

  @Test
  void generate_shouldPutEachDocumentInOneExport_whenEightCallersRaceOver5000Documents() throws Exception {
    seed(5000);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<Export>> results = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      // Overlapping periods: different locks, the same documents fought over by claims.
      LocalDate from = START.plusDays(t * 15L);
      LocalDate to = START.plusDays(364 - t * 10L);
      Callable<Export> call = () -> wiring.generator().generate(ADMIN, period(from, to)).export();
      results.add(pool.submit(call));
    }
    int ready = 0;
    List<String> refusals = new ArrayList<>();
    for (Future<Export> f : results) {
      try {
        Export e = f.get(10, TimeUnit.MINUTES);
        assertEquals(ExportStatus.READY, e.status());
        ready++;
        byte[] fec = read(e.file("journal", "fec").orElseThrow().key());
        assertEquals(List.of(), FecValidator.validate(new java.io.ByteArrayInputStream(fec)), "FEC of " + e.number());
        assertEquals(e.file("journal", "fec").orElseThrow().sha256(), RecordHash.sha256(fec));
      } catch (java.util.concurrent.ExecutionException ex) {
        DomainException d = (DomainException) ex.getCause();
        refusals.add(d.code());
        assertTrue(Set.of("NOTHING_TO_EXPORT", "NOTHING_LEFT_TO_EXPORT", "EXPORT_IN_PROGRESS").contains(d.code()), d.code());
      }
    }
    pool.shutdown();
    assertTrue(ready >= 1, "at least one export completes; refusals: " + refusals);
    assertInvariants();
    long exported = allDocuments().stream().filter(StoredDocument::isExported).count();
    // The first caller's period covers the whole year: whatever the others took, it took the rest.
    assertEquals(5000, exported, "every document ends in exactly one export");
    Export verifyTarget = allExports().stream().filter(e -> e.status() == ExportStatus.READY).findFirst().orElseThrow();
    assertTrue(wiring.exports().verify(ADMIN, verifyTarget.id()).valid());
  }

  /** Where a generation dies: after its claims landed, in the middle of a multipart upload, at the seal. */
  enum FaultPoint { AFTER_CLAIM, DURING_UPLOAD, AT_SEAL }

  @ParameterizedTest
  @EnumSource(FaultPoint.class)
  void aFaultAfterClaiming_shouldLeaveNoDocumentClaimedNorLockHeld_andARetryCompletes(FaultPoint point) {
    seed(250);
    Faults.Switch fault = new Faults.Switch();
    Wiring faulty = decorated(
        repo -> switch (point) {
          case AFTER_CLAIM -> Faults.failing(ExportRepository.class, repo, "claimVersions", Faults.When.AFTER, 1, fault);
          case AT_SEAL -> Faults.failing(ExportRepository.class, repo, "markReady", Faults.When.BEFORE, 1, fault);
          case DURING_UPLOAD -> repo;
        },
        store -> point == FaultPoint.DURING_UPLOAD ? Faults.failingUploads(store, "entries.tsv", 20_000, fault) : store);
    assertThrows(Faults.InjectedFault.class, () -> faulty.generator().generate(ADMIN, period(null, null)));
    assertTrue(fault.fired() >= 1, "the fault struck (once per claim slice running side by side)");
    assertTrue(allDocuments().stream().noneMatch(StoredDocument::isExported), "no document may stay claimed");
    Export failed = allExports().get(0);
    assertEquals(ExportStatus.FAILED, failed.status());
    assertEquals(List.of(), wiring.exportRepository().heldDocuments(TENANT, failed.id()));

    fault.disarm();
    Export retry = faulty.generator().generate(ADMIN, period(null, null)).export(); // no EXPORT_IN_PROGRESS: lock released
    assertEquals(ExportStatus.READY, retry.status());
    assertEquals(250, retry.documentCount());
    assertInvariants();
  }

  /**
   * Issue test 3: the platform rewrites documents while a generation plans, claims and renders
   * them. Whatever the interleaving, every frozen document's exported entry is its booking as
   * stored, and a document changed after the plan stays exportable.
   */
  @Test
  void putsRacingAGeneration_neverFreezeADocumentWhoseEntriesDifferFromItsStoredBooking() throws Exception {
    seed(400);
    // a slow generation: a pause after opening (between plan and claim) and after each claim call
    Wiring slow = decorated(repo -> Faults.slow(ExportRepository.class,
        Faults.slow(ExportRepository.class, repo, "create", Duration.ofMillis(400)), "claimVersions", Duration.ofMillis(200)),
        store -> store);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
    Future<Export> generation = pool.submit(() -> {
      try {
        return slow.generator().generate(ADMIN, period(null, null)).export();
      } finally {
        done.set(true);
      }
    });
    Future<Integer> writer = pool.submit(() -> {
      int written = 0;
      java.util.Random random = new java.util.Random(7);
      while (!done.get()) {
        int i = random.nextInt(400);
        String id = String.format("inv-%05d", i);
        try {
          // the same invoice with other amounts (and so another booking)
          wiring.documents().put(ADMIN, TestDocuments.invoice(id, START.plusDays(i % 365), "250.00", "50.00"));
          written++;
        } catch (DomainException frozen) {
          assertEquals("DOCUMENT_FROZEN", frozen.code());
        }
      }
      return written;
    });
    Export e = generation.get(5, TimeUnit.MINUTES);
    int rewrites = writer.get(1, TimeUnit.MINUTES);
    pool.shutdown();
    assertTrue(rewrites > 0, "the writer changed documents during the generation");
    assertEquals(ExportStatus.READY, e.status());

    Map<String, com.accountingexport.core.booking.JournalEntry> exported = new HashMap<>();
    try (InputStream in = wiring.fileStore().open(e.file(ExportFile.ENTRIES, null).orElseThrow().key())) {
      com.accountingexport.core.export.EntryCodec.read(in).forEachRemaining(x -> exported.put(x.documentId(), x));
    }
    var bookkeeper = new com.accountingexport.core.booking.Bookkeeper(wiring.settings().get(TENANT));
    List<String> held = wiring.exportRepository().heldDocuments(TENANT, e.id());
    assertEquals(e.documentCount(), held.size());
    assertEquals(new HashSet<>(held), exported.keySet(), "the export's entries are those of the documents it holds");
    for (String id : held) {
      StoredDocument d = wiring.documentRepository().find(TENANT, id).orElseThrow();
      assertEquals(bookkeeper.book(d.document(), wiring.planner().lookup(TENANT)).entry(), exported.get(id), id);
    }
    // what was changed after the plan was skipped and is exportable again
    for (var s : e.skipped()) {
      assertFalse(wiring.documentRepository().find(TENANT, s.documentId()).orElseThrow().isExported(), s.toString());
    }
    assertEquals(400, e.documentCount() + e.skipped().size());
    assertInvariants();
  }

  @Test
  void cancel_thenGenerate_shouldPickTheSameDocumentsUpAgain() {
    seed(120);
    Export first = wiring.generator().generate(ADMIN, period(null, null)).export();
    wiring.exports().cancel(ADMIN, first.id());
    assertTrue(allDocuments().stream().noneMatch(StoredDocument::isExported));
    Export second = wiring.generator().generate(ADMIN, period(null, null)).export();
    assertEquals(120, second.documentCount());
    Set<String> held = new HashSet<>(wiring.exportRepository().heldDocuments(TENANT, second.id()));
    assertEquals(120, held.size());
    assertEquals(first.recordHash(), second.previousHash());
    assertEquals(ExportStatus.CANCELLED, wiring.exports().find(ADMIN, first.id()).status());
    assertInvariants();
  }

  @Test
  void download_throughThePresignedUrl_shouldReturnExactlyTheStoredBytes() throws Exception {
    seed(30);
    Export e = wiring.generator().generate(ADMIN, period(null, null)).export();
    HttpClient http = HttpClient.newHttpClient();
    for (String format : List.of("fec", "csv", "fec-pipe")) {
      Download d = wiring.exports().download(ADMIN, e.id(), "journal", format);
      HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(d.url())).GET().build(),
          HttpResponse.BodyHandlers.ofByteArray());
      assertEquals(200, r.statusCode(), format);
      assertEquals(d.sha256(), RecordHash.sha256(r.body()), format);
      assertEquals(d.bytes(), r.body().length);
      assertTrue(r.headers().firstValue("content-disposition").orElse("").contains("attachment"));
    }
    Export after = wiring.exports().find(ADMIN, e.id());
    assertEquals(ExportStatus.DOWNLOADED, after.status());
    assertTrue(after.file("journal", "csv").isPresent());
    ExportFile original = after.file("journal", "fec").orElseThrow();
    assertEquals(original.sha256(), e.file("journal", "fec").orElseThrow().sha256(), "downloads never rewrite the original");
    assertFalse(wiring.exports().verify(ADMIN, e.id()).problems().stream().anyMatch(p -> p.kind().equals("file")));
  }
}
