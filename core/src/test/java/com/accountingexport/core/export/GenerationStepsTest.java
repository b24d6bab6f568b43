package com.accountingexport.core.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.accountingexport.core.auth.Caller;
import com.accountingexport.core.auth.Role;
import com.accountingexport.core.auth.TenantId;
import com.accountingexport.core.booking.Bookkeeper;
import com.accountingexport.core.booking.JournalEntry;
import com.accountingexport.core.document.Document;
import com.accountingexport.core.document.PaymentInfo;
import com.accountingexport.core.document.StoredDocument;
import com.accountingexport.core.fakes.InMemoryDocumentRepository;
import com.accountingexport.core.fakes.InMemoryExportRepository;
import com.accountingexport.core.fakes.InMemoryFileStore;
import com.accountingexport.core.fakes.InMemorySettingsRepository;
import com.accountingexport.core.fakes.TestDocuments;
import com.accountingexport.core.port.ExportRepository;
import com.accountingexport.core.port.WorkflowStarter;
import com.accountingexport.core.service.ExportPlanner;
import com.accountingexport.core.service.Selection;
import com.accountingexport.core.service.SettingsService;
import com.accountingexport.core.settings.TenantSettings;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The generation's steps driven one by one, as the state machine drives them: the background
 * path, the claim loop over pages, the race with a document written between plan and claim, the
 * compensation and its notice, and a step that finds its export no longer generating.
 */
class GenerationStepsTest {
  static final TenantId ACME = new TenantId("acme");
  static final Caller ADMIN = new Caller(ACME, "u1", Role.COMPANY_ADMIN, "admin@acme.test");

  final com.accountingexport.core.fakes.MovingClock clock =
      new com.accountingexport.core.fakes.MovingClock(java.time.Instant.parse("2026-06-15T10:00:00Z"));
  final InMemoryDocumentRepository docs = new InMemoryDocumentRepository();
  final InMemoryExportRepository repo = new InMemoryExportRepository(docs);
  final InMemoryFileStore files = new InMemoryFileStore();
  final InMemorySettingsRepository settingsRepo = new InMemorySettingsRepository();
  final SettingsService settings = new SettingsService(settingsRepo);
  final AtomicLong ids = new AtomicLong();
  final List<Map<String, ?>> started = new ArrayList<>();
  final List<String> startedNames = new ArrayList<>();
  final List<String> notified = new ArrayList<>();
  final WorkflowStarter starter = (name, input) -> {
    startedNames.add(name);
    started.add(input);
  };
  final ExportNotifier notifier = (export, outcome, requester, s) -> {
    notified.add(outcome + ":" + export.number() + ":" + requester);
    return new Notice(outcome, List.of(requester), true, 1, null, clock.instant());
  };
  final List<String> published = new ArrayList<>();
  final ExportEvents events = (tenant, export, type) -> published.add(type + ":" + export.status() + ":"
      + ExportEvents.eventId(export.id(), type));
  GenerationSteps steps;
  ExportGenerator generator;

  void build(ExportRepository exports, Duration stepBudget) {
    ExportFiles exportFiles = new ExportFiles(files);
    steps = new GenerationSteps(exports, docs, new ExportPlanner(docs), settings, exportFiles, notifier, clock,
        new GenerationSteps.Options(Duration.ofMinutes(5), stepBudget), null, events);
    generator = new ExportGenerator(exports, new ExportPlanner(docs), settings, exportFiles, steps,
        new ExportRecovery(exports, clock), starter, clock, () -> "exp-" + ids.incrementAndGet(), Duration.ofMinutes(5));
  }

  @BeforeEach
  void setUp() {
    TenantSettings d = TenantSettings.defaults();
    settingsRepo.save(ACME, new TenantSettings(d.fiscalYearStart(), d.vatRegimeServices(), d.numberingPattern(),
        d.defaultFormat(), d.journalCodes(), d.accounts(), d.notificationEmails(), 5, d.pageAccess()));
    build(repo, Duration.ofMinutes(2));
  }

  void invoices(int n) {
    for (int i = 1; i <= n; i++) {
      // before the test's today (2026-06-15): a later one would wait (FUTURE_DATED)
      docs.upsert(ACME, TestDocuments.invoice("inv-" + i, LocalDate.of(2026, 1 + i % 5, 1 + i % 28), "100.00", "20.00"),
          clock.instant());
    }
  }

  static ExportGenerator.GenerateRequest all() {
    return new ExportGenerator.GenerateRequest(new Selection(null, null, List.of(), List.of(), true, false), null, null,
        null, "h");
  }

  /** The state machine's happy path: claim until finished, render, seal, notify. */
  GenerationJob job() {
    Map<String, ?> in = started.get(started.size() - 1);
    return new GenerationJob(new TenantId((String) in.get("tenant")), (String) in.get("exportId"), (String) in.get("requester"),
        (String) in.get("lock"));
  }

  @Test
  void aSelectionAboveTheThreshold_startsTheWorkflowOnce_andItsStepsMakeTheExportReady() {
    invoices(8);
    ExportGenerator.Generated g = generator.generate(ADMIN, all());
    assertTrue(g.background());
    assertEquals(ExportStatus.GENERATING, g.export().status());
    assertEquals(List.of(g.export().id()), startedNames, "one execution, named after the export");
    assertEquals("admin@acme.test", started.get(0).get("requester"));
    assertEquals(new Progress(Progress.CLAIM, 0, 8), g.export().progress());
    assertEquals(List.of(), docs.heldBy(ACME, g.export().id()), "nothing claimed before the workflow runs");

    GenerationJob job = job();
    GenerationSteps.StepResult claim = steps.claim(job);
    assertTrue(claim.finished());
    assertEquals(8, docs.heldBy(ACME, job.exportId()).size());
    assertEquals(Progress.RENDER, repo.find(ACME, job.exportId()).orElseThrow().progress().phase());
    assertTrue(steps.render(job).finished());
    assertEquals(GenerationSteps.StepResult.class, steps.seal(job).getClass());
    steps.notify(job, ExportNotifier.READY);

    Export ready = repo.find(ACME, job.exportId()).orElseThrow();
    assertEquals(ExportStatus.READY, ready.status());
    assertEquals(8, ready.documentCount());
    assertEquals(100, ready.progress().percent());
    assertEquals(List.of("READY:" + ready.number() + ":admin@acme.test"), notified);
    assertEquals(1, ready.notices().size());
    assertEquals(0, repo.lockCount(), "the seal frees the generation lock");

    // every step may run again (a Lambda retried after its answer was lost): nothing changes, no second mail
    assertTrue(steps.claim(job).finished());
    assertTrue(steps.render(job).finished());
    assertEquals("READY", steps.seal(job).status());
    steps.notify(job, ExportNotifier.READY);
    assertEquals(1, notified.size());
    assertEquals(1, repo.chain(ACME).size());
  }

  @Test
  void thePagedPlan_holdsTheSameDocumentsInTheSameOrderAsThePreviewsPlan() {
    // more than a page of documents, payments booked in a later month than their document date
    for (int i = 1; i <= 2_600; i++) {
      docs.upsert(ACME, TestDocuments.invoice("i-" + i, LocalDate.of(2026, 1 + i % 5, 1 + i % 28), "10.00", "2.00"),
          clock.instant());
      if (i % 5 == 0) {
        docs.upsert(ACME, TestDocuments.payment("p-" + i, LocalDate.of(2026, 1 + (i + 1) % 5, 1 + (i * 7) % 28), "12.00",
            "i-" + i), clock.instant());
      }
    }
    Selection all = new Selection(null, null, List.of(), List.of(), true, false);
    ExportPlanner planner = new ExportPlanner(docs);
    var full = planner.plan(ACME, settings.get(ACME), all, LocalDate.now(clock));
    var paged = planner.planKeys(ACME, settings.get(ACME), all, LocalDate.now(clock));
    assertEquals(full.included().stream().map(p -> p.document().id()).toList(),
        paged.included().stream().map(ExportPlanner.PlanKey::documentId).toList());
    assertEquals(full.excluded().size(), paged.excludedCount());
    assertTrue(full.included().size() > ExportPlanner.PLAN_PAGE);
  }

  @Test
  void anExportGeneratedInTheRequest_mailsOnlyAboveTheTenantsNotifyAbove() {
    TenantSettings d = TenantSettings.defaults();
    settingsRepo.save(ACME, new TenantSettings(d.fiscalYearStart(), d.vatRegimeServices(), d.numberingPattern(),
        d.defaultFormat(), d.journalCodes(), d.accounts(), d.notificationEmails(), 1000, d.pageAccess(), null, d.language(), null, 5));
    invoices(3);
    Export small = generator.generate(ADMIN, all()).export();
    assertEquals(ExportStatus.READY, small.status());
    assertEquals(List.of(), notified, "3 documents: not above 5, no mail");

    for (int i = 4; i <= 10; i++) {
      docs.upsert(ACME, TestDocuments.invoice("inv-" + i, LocalDate.of(2026, 2, i), "100.00", "20.00"), clock.instant());
    }
    Export large = generator.generate(ADMIN, new ExportGenerator.GenerateRequest(
        new Selection(null, null, List.of(), List.of(), true, false), null, null, null, "h2")).export();
    assertEquals(ExportStatus.READY, large.status());
    assertEquals(7, large.documentCount());
    assertEquals(List.of("READY:" + large.number() + ":admin@acme.test"), notified, "7 documents: above 5, mailed");
    assertEquals(1, repo.find(ACME, large.id()).orElseThrow().notices().size());
    assertEquals(List.of(), startedNames, "both ran in the request");
  }

  @Test
  void theAccountsFile_listsCustomersAndSuppliers_eachOnTheSubAccountItsEntriesUse() throws Exception {
    invoices(2);
    docs.upsert(ACME, TestDocuments.purchase("p-1", LocalDate.of(2026, 3, 3), "S7", "606100", "50.00", "10.00"),
        clock.instant());
    Export e = generator.generate(ADMIN, all()).export();
    assertEquals(ExportStatus.READY, e.status());
    assertEquals(3, e.documentCount());
    String accounts = new String(files.bytes(e.file(ExportFile.ACCOUNTS, null).orElseThrow().key()),
        java.nio.charset.StandardCharsets.UTF_8);
    java.util.Set<String> inAccountsFile = new java.util.HashSet<>();
    accounts.lines().skip(1).forEach(l -> inAccountsFile.add(l.substring(0, l.indexOf(','))));
    // every sub-account the entries use is in the accounts file, and nothing else
    java.util.Set<String> inEntries = new java.util.HashSet<>();
    EntryCodec.read(new ByteArrayInputStream(files.bytes(e.file(ExportFile.ENTRIES, null).orElseThrow().key())))
        .forEachRemaining(x -> x.lines().forEach(l -> {
          if (l.auxAccount() != null) {
            inEntries.add(l.auxAccount());
          }
        }));
    assertEquals(inEntries, inAccountsFile, accounts);
    assertTrue(inAccountsFile.stream().anyMatch(a -> a.startsWith("401")), "the supplier: " + accounts);
    assertTrue(inAccountsFile.stream().anyMatch(a -> a.startsWith("411")), "the customers: " + accounts);
  }

  @Test
  void aPaymentDatedInDecemberButPaidInJanuary_belongsToJanuary_andItsEntryIsDatedWhenPaid() {
    docs.upsert(ACME, TestDocuments.invoice("inv-1", LocalDate.of(2025, 12, 20), "100.00", "20.00"), clock.instant());
    Document paid = TestDocuments.payment("pay-1", LocalDate.of(2026, 1, 4), "120.00", "inv-1");
    docs.upsert(ACME, new Document(paid.id(), paid.type(), paid.number(), LocalDate.of(2025, 12, 31), paid.status(),
        paid.currency(), paid.exchangeRate(), paid.counterparty(), paid.lines(), paid.totals(), paid.relatedDocumentId(),
        paid.depositDocumentIds(), paid.payment(), paid.engagementNumber(), paid.purchaseOrderNumber(),
        paid.accountingPeriodEnd()), clock.instant());
    var planner = new ExportPlanner(docs);
    LocalDate today = LocalDate.of(2026, 6, 15);
    var december = planner.plan(ACME, settings.get(ACME),
        new Selection(LocalDate.of(2025, 12, 1), LocalDate.of(2025, 12, 31), List.of(), List.of(), true, false), today);
    assertEquals(List.of("inv-1"), december.included().stream().map(p -> p.document().id()).toList());
    var january = planner.plan(ACME, settings.get(ACME),
        new Selection(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 1, 31), List.of(), List.of(), true, false), today);
    assertEquals(List.of("pay-1"), january.included().stream().map(p -> p.document().id()).toList());
    assertEquals(LocalDate.of(2026, 1, 4), january.included().get(0).entry().date());
    // named explicitly for December, it is refused as outside that period (booked on 4 January)
    var explicit = planner.plan(ACME, settings.get(ACME),
        new Selection(LocalDate.of(2025, 12, 1), LocalDate.of(2025, 12, 31), List.of(), List.of("pay-1"), true, false), today);
    assertEquals("OUTSIDE_PERIOD", explicit.excluded().get(0).anomalies().get(0).code());
    assertTrue(explicit.excluded().get(0).anomalies().get(0).message().contains("2026-01-04"));
  }

  @Test
  void entriesOfOneDay_followTheirPieceNumbersInNaturalOrder() {
    for (String id : List.of("10", "9", "100", "2")) {
      docs.upsert(ACME, TestDocuments.invoice(id, LocalDate.of(2026, 3, 3), "10.00", "2.00"), clock.instant());
    }
    Selection all = new Selection(null, null, List.of(), List.of(), true, false);
    var planner = new ExportPlanner(docs);
    assertEquals(List.of("F-2", "F-9", "F-10", "F-100"), planner.plan(ACME, settings.get(ACME), all, LocalDate.of(2026, 6, 15))
        .included().stream().map(p -> p.entry().pieceRef()).toList());
    assertEquals(List.of("2", "9", "10", "100"), planner.planKeys(ACME, settings.get(ACME), all, LocalDate.of(2026, 6, 15))
        .included().stream().map(ExportPlanner.PlanKey::documentId).toList());
  }

  @Test
  void aDocumentBookedAfterToday_waitsWithItsOwnAnomaly_andThenGoes() {
    invoices(3);
    LocalDate today = LocalDate.of(2026, 6, 15);
    docs.upsert(ACME, TestDocuments.invoice("tomorrow", today.plusDays(1), "100.00", "20.00"), clock.instant());
    // dated today but paid (booked in BQ) in four days
    Document paidLater = TestDocuments.payment("pay-later", today, "120.00", "inv-1");
    paidLater = new Document(paidLater.id(), paidLater.type(), paidLater.number(), today, paidLater.status(),
        paidLater.currency(), paidLater.exchangeRate(), paidLater.counterparty(), paidLater.lines(), paidLater.totals(),
        paidLater.relatedDocumentId(), paidLater.depositDocumentIds(),
        new PaymentInfo("transfer", "512000", today.plusDays(4), false), paidLater.engagementNumber(),
        paidLater.purchaseOrderNumber(), paidLater.accountingPeriodEnd());
    docs.upsert(ACME, paidLater, clock.instant());
    Selection all = new Selection(null, null, List.of(), List.of(), true, false);

    var plan = new ExportPlanner(docs).plan(ACME, settings.get(ACME), all, today);
    Map<String, List<String>> why = new HashMap<>();
    plan.excluded().forEach(x -> why.put(x.document().id(), x.anomalies().stream().map(a -> a.code()).toList()));
    assertEquals(List.of("FUTURE_DATED"), why.get("tomorrow"));
    assertEquals(List.of("FUTURE_DATED"), why.get("pay-later"));
    assertEquals(3, plan.included().size());
    assertEquals(3, new ExportPlanner(docs).planKeys(ACME, settings.get(ACME), all, today).included().size());

    // four days later both go
    assertEquals(5, new ExportPlanner(docs).plan(ACME, settings.get(ACME), all, today.plusDays(4)).included().size());
  }

  @Test
  void theClaimStep_handsBackWhenItsBudgetIsSpent_andGoesOnWhereItStopped() {
    invoices(2_300);
    build(repo, Duration.ZERO); // one page per step
    generator.generate(ADMIN, all());
    GenerationJob job = job();
    List<Long> positions = new ArrayList<>();
    GenerationSteps.StepResult r;
    do {
      r = steps.claim(job);
      positions.add(r.done());
    } while (!r.finished());
    assertEquals(List.of(1000L, 2000L, 2300L, 2300L), positions, "pages of 1,000 plan lines, then the phase changes");
    assertEquals(2_300, docs.heldBy(ACME, job.exportId()).size());
    assertEquals(new Progress(Progress.RENDER, 0, 2300), repo.find(ACME, job.exportId()).orElseThrow().progress());
  }

  @Test
  void aDocumentWrittenBetweenPlanAndClaim_isNotFrozen_andTheEntriesMatchWhatIsStored() throws Exception {
    invoices(8);
    generator.generate(ADMIN, all());
    GenerationJob job = job();
    // the platform changes inv-3 after the plan was made, before the claim
    docs.upsert(ACME, TestDocuments.invoice("inv-3", LocalDate.of(2026, 4, 4), "300.00", "60.00"), clock.instant());
    steps.claim(job);
    steps.render(job);
    steps.seal(job);

    Export e = repo.find(ACME, job.exportId()).orElseThrow();
    assertEquals(7, e.documentCount());
    assertTrue(e.skipped().stream().anyMatch(s -> s.documentId().equals("inv-3") && s.reason().contains("changed")),
        e.skipped().toString());
    StoredDocument changed = docs.find(ACME, "inv-3").orElseThrow();
    assertFalse(changed.isExported(), "it stays exportable, with its new content, for the next export");

    // every frozen document's exported entry is exactly its booking as stored now
    Bookkeeper bookkeeper = new Bookkeeper(settings.get(ACME));
    Map<String, JournalEntry> exported = new HashMap<>();
    Iterator<JournalEntry> it = EntryCodec.read(new ByteArrayInputStream(
        files.bytes(e.file(ExportFile.ENTRIES, null).orElseThrow().key())));
    it.forEachRemaining(x -> exported.put(x.documentId(), x));
    assertEquals(7, exported.size());
    for (String id : docs.heldBy(ACME, e.id())) {
      StoredDocument d = docs.find(ACME, id).orElseThrow();
      assertEquals(bookkeeper.book(d.document(), x -> docs.find(ACME, x).map(StoredDocument::document)).entry(),
          exported.get(id), id);
    }
  }

  @Test
  void theFailStep_marksFailed_releasesTheClaims_freesTheLock_andSendsTheFailureNotice() {
    invoices(8);
    generator.generate(ADMIN, all());
    GenerationJob job = job();
    steps.claim(job);
    assertEquals(8, docs.heldBy(ACME, job.exportId()).size());

    steps.fail(job, "WORKFLOW_FAILED: TransientStepException: the table is throttling");
    Export failed = repo.find(ACME, job.exportId()).orElseThrow();
    assertEquals(ExportStatus.FAILED, failed.status());
    assertEquals("WORKFLOW_FAILED: TransientStepException: the table is throttling", failed.failure());
    assertEquals(List.of(), docs.heldBy(ACME, job.exportId()));
    assertNotNull(failed.releasedAt());
    assertEquals(0, repo.lockCount());
    assertEquals(List.of("FAILED:" + failed.number() + ":admin@acme.test"), notified);
    String failedEvent = "export.failed:FAILED:" + ExportEvents.eventId(failed.id(), ExportEvents.FAILED);
    assertEquals(List.of(failedEvent), published, "the webhooks hear of the failure");

    // the steps of the dead run stop cleanly; a second fail sends nothing twice
    assertTrue(steps.render(job).stopped());
    assertTrue(steps.seal(job).stopped());
    steps.fail(job, "again");
    assertEquals(1, notified.size());
    assertTrue(published.stream().allMatch(failedEvent::equals), "a repeated fail step publishes the same event id: " + published);
    assertEquals("WORKFLOW_FAILED: TransientStepException: the table is throttling",
        repo.find(ACME, job.exportId()).orElseThrow().failure(), "the first reason stays");

    // the documents are exportable again
    Export next = generator.runHere(openAnother());
    assertEquals(8, next.documentCount());
  }

  private GenerationJob openAnother() {
    generator.generate(ADMIN, all());
    return job();
  }

  @Test
  void aClaimStepWhoseExportDiedMeanwhile_keepsNothing() {
    invoices(8);
    generator.generate(ADMIN, all());
    GenerationJob job = job();
    // recovery took the export for dead (its lease expired) before the workflow's first step ran
    repo.markFailed(ACME, job.exportId(), "LEASE_EXPIRED", clock.instant());
    assertTrue(steps.claim(job).stopped());
    assertEquals(List.of(), docs.heldBy(ACME, job.exportId()));
  }

  @Test
  void aWorkflowThatCannotStart_failsTheExport_andReleasesTheKeyForARetry() {
    invoices(8);
    ExportFiles exportFiles = new ExportFiles(files);
    ExportGenerator broken = new ExportGenerator(repo, new ExportPlanner(docs), settings, exportFiles, steps,
        new ExportRecovery(repo, clock), (name, input) -> {
          throw new IllegalStateException("no state machine");
        }, clock, () -> "exp-" + ids.incrementAndGet(), Duration.ofMinutes(5));
    var e = assertThrows(com.accountingexport.core.error.DomainException.class, () -> broken.generate(ADMIN, all()));
    assertEquals("WORKFLOW_UNAVAILABLE", e.code());
    Export failed = repo.find(ACME, "exp-1").orElseThrow();
    assertEquals(ExportStatus.FAILED, failed.status());
    assertEquals(0, repo.lockCount());
    assertEquals(ExportStatus.GENERATING, generator.generate(ADMIN, all()).export().status(), "a retry goes through");
  }
}
