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
import com.accountingexport.core.fakes.InMemoryDocumentRepository;
import com.accountingexport.core.fakes.InMemoryExportRepository;
import com.accountingexport.core.fakes.InMemoryFileStore;
import com.accountingexport.core.fakes.InMemorySettingsRepository;
import com.accountingexport.core.fakes.TestDocuments;
import com.accountingexport.core.format.FecValidator;
import com.accountingexport.core.service.ExportPlanner;
import com.accountingexport.core.service.Selection;
import com.accountingexport.core.service.SettingsService;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
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
  static final class MovingClock extends Clock {
    Instant now = Instant.parse("2026-06-15T10:00:00Z");

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  final MovingClock clock = new MovingClock();
  final InMemoryDocumentRepository docs = new InMemoryDocumentRepository();
  final InMemoryExportRepository repo = new InMemoryExportRepository(docs);
  final InMemoryFileStore files = new InMemoryFileStore();
  final AtomicLong ids = new AtomicLong();
  ExportService service;

  @BeforeEach
  void setUp() {
    service = new ExportService(repo, new ExportPlanner(docs), new SettingsService(new InMemorySettingsRepository()),
        files, clock, () -> "exp-" + ids.incrementAndGet(), ExportService.Options.defaults());
    for (int i = 1; i <= 20; i++) {
      docs.upsert(ACME, TestDocuments.invoice("inv-" + i, LocalDate.of(2026, 3, i), "100.00", "20.00"), clock.instant());
    }
    docs.upsert(ACME, TestDocuments.payment("pay-1", LocalDate.of(2026, 4, 2), "120.00", "inv-1"), clock.instant());
  }

  static ExportService.GenerateRequest all() {
    return new ExportService.GenerateRequest(new Selection(null, null, List.of(), List.of(), true, false), null, null, null, "h");
  }

  static ExportService.GenerateRequest ids(String... documentIds) {
    return new ExportService.GenerateRequest(new Selection(null, null, List.of(), List.of(documentIds), true, false),
        null, null, null, "h");
  }

  List<String> held(String exportId) {
    return docs.heldBy(ACME, exportId);
  }

  @Test
  void generate_shouldFreezeEveryExportableDocument_andWriteAValidFec() throws Exception {
    Export e = service.generate(ADMIN, all()).export();
    assertEquals(ExportStatus.READY, e.status());
    assertEquals("EXP-2026-00001", e.number());
    assertEquals(21, e.documentCount());
    assertEquals(21, held(e.id()).size());
    assertEquals(0, e.debit().compareTo(e.credit()));
    assertEquals("2520.00", e.debit().toPlainString(), "21 pieces of 120.00 each: 20 invoices and one payment");
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
    service.generate(ADMIN, all());
    DomainException nothing = assertThrows(DomainException.class, () -> service.generate(ADMIN, all()));
    assertEquals("NOTHING_TO_EXPORT", nothing.code());
    DomainException frozen = assertThrows(DomainException.class, () ->
        docs.upsert(ACME, TestDocuments.invoice("inv-3", LocalDate.of(2026, 3, 3), "1.00", "0.20"), clock.instant()));
    assertEquals("DOCUMENT_FROZEN", frozen.code());
  }

  @Test
  void explicitSelection_shouldName409EveryAlreadyExportedId() {
    service.generate(ADMIN, ids("inv-1", "inv-2"));
    DomainException e = assertThrows(DomainException.class, () -> service.generate(ADMIN, ids("inv-2", "inv-3", "inv-1")));
    assertEquals("DOCUMENTS_ALREADY_EXPORTED", e.code());
    assertEquals(2, e.details().size());
    assertTrue(e.details().stream().anyMatch(v -> v.field().endsWith("inv-1")));
    assertTrue(e.details().stream().anyMatch(v -> v.field().endsWith("inv-2")));
  }

  @Test
  void cancel_thenGenerate_shouldTakeTheSameDocumentsAgain() {
    Export first = service.generate(ADMIN, all()).export();
    Export cancelled = service.cancel(ADMIN, first.id());
    assertEquals(ExportStatus.CANCELLED, cancelled.status());
    assertEquals(List.of(), held(first.id()));
    assertEquals("CANCELLED", service.find(ADMIN, first.id()).status().name());
    DomainException again = assertThrows(DomainException.class, () -> service.cancel(ADMIN, first.id()));
    assertEquals("EXPORT_ALREADY_CANCELLED", again.code());
    assertTrue(files.exists(first.file("journal", "fec").orElseThrow().key()), "files stay for the audit trail");

    Export second = service.generate(ADMIN, all()).export();
    assertEquals("EXP-2026-00002", second.number());
    assertEquals(first.documentCount(), second.documentCount());
    assertEquals(2, second.chainSeq());
    assertEquals(first.recordHash(), second.previousHash());
  }

  @Test
  void download_shouldMarkDownloadedOnce_andRenderOtherFormatsFromTheFrozenEntries() {
    Export e = service.generate(ADMIN, all()).export();
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
        () -> service.download(ADMIN, e.id(), "journal", "xlsx")).code());
  }

  @Test
  void idempotencyKey_shouldReplayTheFirstAnswer_andRefuseAnotherBody() {
    var first = new ExportService.GenerateRequest(new Selection(null, null, List.of(), List.of(), true, false), null, null, "k1", "body-a");
    Export e = service.generate(ADMIN, first).export();
    ExportService.Generated replay = service.generate(ADMIN, first);
    assertTrue(replay.replayed());
    assertEquals(e.id(), replay.export().id());
    var other = new ExportService.GenerateRequest(new Selection(null, null, List.of(), List.of(), true, false), null, null, "k1", "body-b");
    docs.upsert(ACME, TestDocuments.invoice("inv-99", LocalDate.of(2026, 5, 1), "10.00", "2.00"), clock.instant());
    assertEquals("IDEMPOTENCY_KEY_REUSED", assertThrows(DomainException.class, () -> service.generate(ADMIN, other)).code());
  }

  @ParameterizedTest
  @EnumSource(ExportService.Step.class)
  void aFaultAtAnyStep_shouldLeaveNothingClaimedNorLocked_andARetryCompletes(ExportService.Step step) {
    service.setFaultHook((at, exportId) -> {
      if (at == step) {
        throw new IllegalStateException("injected at " + at);
      }
    });
    assertThrows(IllegalStateException.class, () -> service.generate(ADMIN, all()));
    Export failed = service.find(ADMIN, "exp-1");
    assertEquals(ExportStatus.FAILED, failed.status());
    assertEquals(List.of(), held("exp-1"));
    assertEquals(0, repo.lockCount());

    service.setFaultHook(null);
    Export retry = service.generate(ADMIN, all()).export();
    assertEquals(ExportStatus.READY, retry.status());
    assertEquals(21, retry.documentCount());
    assertEquals("EXP-2026-00002", retry.number(), "the failed export keeps number 1: no gap, no reuse");
  }

  @Test
  void recover_shouldFailAndReleaseAGenerationWhoseLeaseExpired() {
    // A generation that died after claiming: a GENERATING export holding documents, its lease running.
    Export dead = repo.create(ACME, new NewExport("dead", "EXP-{yyyy}-{seq:5}",
        new com.accountingexport.core.period.Period(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31)),
        List.of("VT"), "fec", "none", false, clock.instant(), "x", clock.instant().plus(Duration.ofMinutes(5))));
    repo.claim(ACME, dead, List.of("inv-1", "inv-2"));
    assertEquals(0, service.recover(ACME), "lease still running: left alone");
    assertEquals(2, held("dead").size());

    clock.now = clock.now.plus(Duration.ofMinutes(6));
    assertEquals(1, service.recover(ACME));
    assertEquals(ExportStatus.FAILED, service.find(ADMIN, "dead").status());
    assertEquals(List.of(), held("dead"));
    assertEquals(21, service.generate(ADMIN, all()).export().documentCount());
  }

  @Test
  void verify_shouldPass_thenNameAnAlteredFileAndAnAlteredRecord() {
    Export first = service.generate(ADMIN, ids("inv-1")).export();
    Export second = service.generate(ADMIN, ids("inv-2")).export();
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
    Export first = service.generate(ADMIN, ids("inv-1", "inv-2")).export();
    var again = new ExportService.GenerateRequest(new Selection(null, null, List.of("VT"), List.of("inv-1", "inv-2"), true, true),
        null, null, null, "h2");
    Export second = service.generate(ADMIN, again).export();
    assertEquals(2, second.documentCount());
    assertTrue(second.reexport());
    StoredDocument d = docs.find(ACME, "inv-1").orElseThrow();
    assertEquals(first.id(), d.export().exportId());
    assertNotEquals(first.number(), second.number());
  }

  @Test
  void companyUser_shouldBeRefused_byDefault() {
    Caller user = new Caller(ACME, "u2", Role.COMPANY_USER, null);
    assertEquals("FORBIDDEN", assertThrows(DomainException.class, () -> service.generate(user, all())).code());
  }
}
