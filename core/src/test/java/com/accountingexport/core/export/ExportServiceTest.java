package com.accountingexport.core.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.accountingexport.core.auth.Caller;
import com.accountingexport.core.auth.Role;
import com.accountingexport.core.auth.TenantId;
import com.accountingexport.core.document.StoredDocument;
import com.accountingexport.core.error.DomainException;
import com.accountingexport.core.fakes.Faults;
import com.accountingexport.core.fakes.InMemoryDocumentRepository;
import com.accountingexport.core.fakes.InMemoryExportRepository;
import com.accountingexport.core.fakes.InMemoryFileStore;
import com.accountingexport.core.fakes.InMemorySettingsRepository;
import com.accountingexport.core.fakes.TestDocuments;
import com.accountingexport.core.format.FecValidator;
import com.accountingexport.core.port.ExportRepository;
import com.accountingexport.core.port.FileStore;
import com.accountingexport.core.service.ExportPlanner;
import com.accountingexport.core.service.Selection;
import com.accountingexport.core.service.SettingsService;
import com.accountingexport.core.fakes.MovingClock;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ExportServiceTest {
  static final TenantId ACME = new TenantId("acme");
  static final Caller ADMIN = new Caller(ACME, "u1", Role.COMPANY_ADMIN, "admin@acme.test");

  /** A clock the test moves forward. */
  final MovingClock clock = new MovingClock(Instant.parse("2026-06-15T10:00:00Z"));
  final InMemoryDocumentRepository docs = new InMemoryDocumentRepository();
  final InMemoryExportRepository repo = new InMemoryExportRepository(docs);
  final InMemoryFileStore files = new InMemoryFileStore();
  final AtomicLong ids = new AtomicLong();
  final Faults.Switch fault = new Faults.Switch();
  ExportService service;
  ExportRecovery recovery;
  ExportFacade facade;

  /** The generator and the read side over the same (possibly decorated) ports, as Wiring builds them. */
  record ExportFacade(ExportGenerator generator, GenerationSteps steps) {}

  ExportFacade build(ExportRepository exports, FileStore store) {
    SettingsService settings = new SettingsService(new InMemorySettingsRepository());
    ExportFiles exportFiles = new ExportFiles(store);
    GenerationSteps steps = new GenerationSteps(exports, docs, new ExportPlanner(docs), settings, exportFiles,
        ExportNotifier.NONE, clock, GenerationSteps.Options.defaults());
    recovery = new ExportRecovery(exports, clock);
    service = new ExportService(exports, settings, exportFiles, clock, ExportService.Options.defaults());
    return new ExportFacade(new ExportGenerator(exports, new ExportPlanner(docs), settings, exportFiles, steps, recovery,
        null, clock, () -> "exp-" + ids.incrementAndGet(), Duration.ofMinutes(5)), steps);
  }

  @BeforeEach
  void setUp() {
    facade = build(repo, files);
    for (int i = 1; i <= 20; i++) {
      docs.upsert(ACME, TestDocuments.invoice("inv-" + i, LocalDate.of(2026, 3, i), "100.00", "20.00"), clock.instant());
    }
    docs.upsert(ACME, TestDocuments.payment("pay-1", LocalDate.of(2026, 4, 2), "120.00", "inv-1"), clock.instant());
  }

  ExportGenerator.Generated generate(Caller caller, ExportGenerator.GenerateRequest request) {
    return facade.generator().generate(caller, request);
  }

  static ExportGenerator.GenerateRequest all() {
    return new ExportGenerator.GenerateRequest(new Selection(null, null, List.of(), List.of(), true, false), null, null, null, "h");
  }

  static ExportGenerator.GenerateRequest ids(String... documentIds) {
    return new ExportGenerator.GenerateRequest(new Selection(null, null, List.of(), List.of(documentIds), true, false),
        null, null, null, "h");
  }

  List<String> held(String exportId) {
    return docs.heldBy(ACME, exportId);
  }

  @Test
  void generate_shouldFreezeEveryExportableDocument_andWriteAValidFec() throws Exception {
    Export e = generate(ADMIN, all()).export();
    assertEquals(ExportStatus.READY, e.status());
    assertEquals("EXP-2026-00001", e.number());
    assertEquals(21, e.documentCount());
    assertEquals(21, held(e.id()).size());
    assertEquals(0, e.debit().compareTo(e.credit()));
    // 21 pieces of 120.00 each (20 invoices and one payment), plus the payment's transfer of 20.00 of
    // VAT from 44574 to 44571: services are on collections by default
    assertEquals("2540.00", e.debit().toPlainString());
    ExportFile fec = e.file("journal", "fec").orElseThrow();
    byte[] bytes = files.bytes(fec.key());
    assertEquals(fec.bytes(), bytes.length);
    assertEquals(fec.sha256(), RecordHash.sha256(bytes));
    assertEquals(List.of(), FecValidator.validate(new ByteArrayInputStream(bytes)));
    assertTrue(new String(bytes, StandardCharsets.UTF_8).startsWith("JournalCode\t"));
    assertTrue(e.file("accounts", "csv").isPresent());
    assertTrue(e.file("entries", "tsv").isPresent());
    assertEquals(1, e.chainSeq());
    assertEquals(RecordHash.GENESIS, e.previousHash());
    assertEquals(0, repo.lockCount());
  }

  @Test
  void generate_again_shouldFindNothing_andFrozenDocumentsRefuseChanges() {
    generate(ADMIN, all());
    DomainException nothing = assertThrows(DomainException.class, () -> generate(ADMIN, all()));
    assertEquals("NOTHING_TO_EXPORT", nothing.code());
    DomainException frozen = assertThrows(DomainException.class, () ->
        docs.upsert(ACME, TestDocuments.invoice("inv-3", LocalDate.of(2026, 3, 3), "1.00", "0.20"), clock.instant()));
    assertEquals("DOCUMENT_FROZEN", frozen.code());
  }

  @Test
  void explicitSelection_shouldName409EveryAlreadyExportedId() {
    generate(ADMIN, ids("inv-1", "inv-2"));
    DomainException e = assertThrows(DomainException.class, () -> generate(ADMIN, ids("inv-2", "inv-3", "inv-1")));
    assertEquals("DOCUMENTS_ALREADY_EXPORTED", e.code());
    assertEquals(2, e.details().size());
    assertTrue(e.details().stream().anyMatch(v -> v.field().endsWith("inv-1")));
    assertTrue(e.details().stream().anyMatch(v -> v.field().endsWith("inv-2")));
  }

  @Test
  void cancel_thenGenerate_shouldTakeTheSameDocumentsAgain() {
    Export first = generate(ADMIN, all()).export();
    Export cancelled = service.cancel(ADMIN, first.id());
    assertEquals(ExportStatus.CANCELLED, cancelled.status());
    assertEquals(List.of(), held(first.id()));
    assertEquals("CANCELLED", service.find(ADMIN, first.id()).status().name());
    DomainException again = assertThrows(DomainException.class, () -> service.cancel(ADMIN, first.id()));
    assertEquals("EXPORT_ALREADY_CANCELLED", again.code());
    assertTrue(files.exists(first.file("journal", "fec").orElseThrow().key()), "files stay for the audit trail");

    Export second = generate(ADMIN, all()).export();
    assertEquals("EXP-2026-00002", second.number());
    assertEquals(first.documentCount(), second.documentCount());
    assertEquals(2, second.chainSeq());
    assertEquals(first.recordHash(), second.previousHash());
  }

  @Test
  void download_shouldMarkDownloadedOnce_andRenderOtherFormatsFromTheFrozenEntries() {
    Export e = generate(ADMIN, all()).export();
    Download fec = service.download(ADMIN, e.id(), "journal", null);
    assertEquals("fec", fec.format());
    Export downloaded = service.find(ADMIN, e.id());
    assertEquals(ExportStatus.DOWNLOADED, downloaded.status());
    assertEquals("admin@acme.test", downloaded.downloadedBy());

    Download csv = service.download(ADMIN, e.id(), "journal", "csv");
    assertEquals("csv", csv.format());
    ExportFile csvFile = service.find(ADMIN, e.id()).file("journal", "csv").orElseThrow();
    assertEquals(csv.sha256(), RecordHash.sha256(files.bytes(csvFile.key())));
    String text = new String(files.bytes(csvFile.key()), StandardCharsets.UTF_8);
    assertTrue(text.contains("F-inv-7"), text.substring(0, Math.min(300, text.length())));
    assertEquals(csv.sha256(), service.download(ADMIN, e.id(), "journal", "csv").sha256(), "cached, same bytes");
    assertEquals(ExportStatus.DOWNLOADED, service.find(ADMIN, e.id()).status());

    assertEquals("FILE_NOT_AVAILABLE", assertThrows(DomainException.class,
        () -> service.download(ADMIN, e.id(), "invoices-zip", null)).code());
    assertEquals("UNKNOWN_FORMAT", assertThrows(DomainException.class,
        () -> service.download(ADMIN, e.id(), "journal", "ods")).code());

    Download xlsx = service.download(ADMIN, e.id(), "journal", "xlsx");
    assertEquals("xlsx", xlsx.format());
    assertTrue(xlsx.fileName().endsWith("-journal.xlsx"), xlsx.fileName());
    byte[] workbook = files.bytes(service.find(ADMIN, e.id()).file("journal", "xlsx").orElseThrow().key());
    assertEquals("PK", new String(workbook, 0, 2, StandardCharsets.US_ASCII), "a ZIP package");
    assertEquals(xlsx.sha256(), RecordHash.sha256(workbook));
  }

  @Test
  void idempotencyKey_shouldReplayTheFirstAnswer_andRefuseAnotherBody() {
    var first = new ExportGenerator.GenerateRequest(new Selection(null, null, List.of(), List.of(), true, false), null, null, "k1", "body-a");
    Export e = generate(ADMIN, first).export();
    ExportGenerator.Generated replay = generate(ADMIN, first);
    assertTrue(replay.replayed());
    assertEquals(e.id(), replay.export().id());
    var other = new ExportGenerator.GenerateRequest(new Selection(null, null, List.of(), List.of(), true, false), null, null, "k1", "body-b");
    docs.upsert(ACME, TestDocuments.invoice("inv-99", LocalDate.of(2026, 5, 1), "10.00", "2.00"), clock.instant());
    assertEquals("IDEMPOTENCY_KEY_REUSED", assertThrows(DomainException.class, () -> generate(ADMIN, other)).code());
  }

  /** Where a generation can die: after its claims landed, in the middle of an upload, at the seal. */
  enum FaultPoint { AFTER_CLAIM, DURING_UPLOAD, AT_SEAL }

  @ParameterizedTest
  @EnumSource(FaultPoint.class)
  void aFaultAtAnyStep_shouldLeaveNothingClaimedNorLocked_andARetryCompletes(FaultPoint point) {
    ExportRepository exports = switch (point) {
      case AFTER_CLAIM -> Faults.failing(ExportRepository.class, repo, "claimVersions", Faults.When.AFTER, 1, fault);
      case AT_SEAL -> Faults.failing(ExportRepository.class, repo, "markReady", Faults.When.BEFORE, 1, fault);
      case DURING_UPLOAD -> repo;
    };
    FileStore store = point == FaultPoint.DURING_UPLOAD ? Faults.failingUploads(files, "entries.tsv", 700, fault) : files;
    facade = build(exports, store);
    assertThrows(Faults.InjectedFault.class, () -> generate(ADMIN, all()));
    assertEquals(1, fault.fired(), "the fault struck once");
    Export failed = service.find(ADMIN, "exp-1");
    assertEquals(ExportStatus.FAILED, failed.status());
    assertTrue(failed.failure().contains("InjectedFault"), failed.failure());
    assertEquals(List.of(), held("exp-1"));
    assertEquals(0, repo.lockCount());

    fault.disarm();
    Export retry = generate(ADMIN, all()).export();
    assertEquals(ExportStatus.READY, retry.status());
    assertEquals(21, retry.documentCount());
    assertEquals("EXP-2026-00002", retry.number(), "the failed export keeps number 1: no gap, no reuse");
  }

  @Test
  void aFecThatFailsTheValidator_failsTheExport_withItsFindings_andIsNeverHandedOut() {
    facade = build(repo, Faults.cuttingUploads(files, "journal-fec.", 1200)); // the FEC stops in the middle of an entry
    DomainException e = assertThrows(DomainException.class, () -> generate(ADMIN, all()));
    assertEquals("INVALID_FEC", e.code());
    assertTrue(e.details().size() >= 1, e.details().toString());
    Export failed = service.find(ADMIN, "exp-1");
    assertEquals(ExportStatus.FAILED, failed.status());
    assertTrue(failed.failure().startsWith("INVALID_FEC"), failed.failure());
    assertEquals(List.of(), held("exp-1"), "its documents are exportable again");

    // the same check guards a FEC rendered later, at download time: the file is refused, not recorded
    facade = build(repo, files);
    Export ok = generate(ADMIN, all()).export();
    facade = build(repo, Faults.cuttingUploads(files, "journal-fec-pipe.", 1200));
    assertEquals("INVALID_FEC", assertThrows(DomainException.class,
        () -> service.download(ADMIN, ok.id(), "journal", "fec-pipe")).code());
    assertTrue(service.find(ADMIN, ok.id()).file("journal", "fec-pipe").isEmpty());
    facade = build(repo, files);
    assertEquals("fec-pipe", service.download(ADMIN, ok.id(), "journal", "fec-pipe").format(), "a sound one goes");
  }

  @Test
  void recover_shouldFailAndReleaseAGenerationWhoseLeaseExpired() {
    // A generation that died after claiming: a GENERATING export holding documents, its lease running.
    Export dead = repo.create(ACME, new NewExport("dead", "EXP-{yyyy}-{seq:5}",
        new com.accountingexport.core.period.Period(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31)),
        List.of("VT"), "fec", "none", false, clock.instant(), "x", clock.instant().plus(Duration.ofMinutes(5))));
    repo.claim(ACME, dead, List.of("inv-1", "inv-2"));
    assertEquals(0, recovery.recover(ACME), "lease still running: left alone");
    assertEquals(2, held("dead").size());

    clock.advance(Duration.ofMinutes(6));
    assertEquals(1, recovery.recover(ACME));
    assertEquals(ExportStatus.FAILED, service.find(ADMIN, "dead").status());
    assertEquals(List.of(), held("dead"));
    assertEquals(21, generate(ADMIN, all()).export().documentCount());
  }

  @Test
  void verify_shouldPass_thenNameAnAlteredFileAndAnAlteredRecord() {
    Export first = generate(ADMIN, ids("inv-1")).export();
    Export second = generate(ADMIN, ids("inv-2")).export();
    Verification ok = service.verify(ADMIN, second.id());
    assertTrue(ok.valid(), ok.problems().toString());
    assertEquals(2, ok.recordsChecked());
    assertEquals(3, ok.filesChecked());

    String key = second.file("journal", "fec").orElseThrow().key();
    files.overwrite(key, "tampered".getBytes(StandardCharsets.UTF_8));
    Verification badFile = service.verify(ADMIN, second.id());
    assertFalse(badFile.valid());
    assertEquals("file", badFile.problems().get(0).kind());
    assertEquals("journal:fec", badFile.problems().get(0).target());

    repo.tamper(ACME, first.id(), e -> new Export(e.id(), e.number(), e.status(), e.period(), e.journals(), e.format(),
        e.pdf(), e.reexport(), e.documentCount() + 1, e.entryCount(), e.debit(), e.credit(), e.createdAt(), e.createdBy(),
        e.downloadedAt(), e.downloadedBy(), e.cancelledAt(), e.cancelledBy(), e.files(), e.skipped(), e.leaseUntil(),
        e.failure(), e.chainSeq(), e.previousHash(), e.recordHash(), e.releasedAt()));
    Verification badRecord = service.verify(ADMIN, second.id());
    assertTrue(badRecord.problems().stream().anyMatch(p -> p.kind().equals("record") && p.target().equals(first.number())),
        badRecord.problems().toString());
  }

  @Test
  void reexport_shouldTakeExportedDocumentsWithoutTouchingTheirFirstExport() {
    Export first = generate(ADMIN, ids("inv-1", "inv-2")).export();
    var again = new ExportGenerator.GenerateRequest(new Selection(null, null, List.of("VT"), List.of("inv-1", "inv-2"), true, true),
        null, null, null, "h2");
    Export second = generate(ADMIN, again).export();
    assertEquals(2, second.documentCount());
    assertTrue(second.reexport());
    StoredDocument d = docs.find(ACME, "inv-1").orElseThrow();
    assertEquals(first.id(), d.export().exportId());
    assertNotEquals(first.number(), second.number());
  }

  @Test
  void companyUser_shouldBeRefused_byDefault() {
    Caller user = new Caller(ACME, "u2", Role.COMPANY_USER, null);
    assertEquals("FORBIDDEN", assertThrows(DomainException.class, () -> generate(user, all())).code());
  }
}
