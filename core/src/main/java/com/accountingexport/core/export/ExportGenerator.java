package com.accountingexport.core.export;

import com.accountingexport.core.auth.Caller;
import com.accountingexport.core.auth.Screen;
import com.accountingexport.core.auth.TenantId;
import com.accountingexport.core.booking.Anomaly;
import com.accountingexport.core.booking.AnomalyCode;
import com.accountingexport.core.error.DomainException;
import com.accountingexport.core.error.ErrorKind;
import com.accountingexport.core.error.Violation;
import com.accountingexport.core.format.ExportWriter;
import com.accountingexport.core.port.ExportRepository;
import com.accountingexport.core.port.InvoiceBundles;
import com.accountingexport.core.port.IdGenerator;
import com.accountingexport.core.port.WorkflowStarter;
import com.accountingexport.core.service.Access;
import com.accountingexport.core.service.Excluded;
import com.accountingexport.core.service.ExportPlanner;
import com.accountingexport.core.service.ExportPlanner.KeyPlan;
import com.accountingexport.core.service.Selection;
import com.accountingexport.core.service.SettingsService;
import com.accountingexport.core.settings.PdfBundle;
import com.accountingexport.core.settings.TenantSettings;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code POST /exports} (and the period-close event): opens an export, then runs its generation
 * steps ({@link GenerationSteps}) right here when it is small, or hands them to the background
 * workflow when the selection exceeds the tenant's {@code backgroundThreshold}. One code path, two
 * drivers: the steps are the same in both.
 *
 * <p>Opening is: idempotency key, recovery of dead generations, the plan (the same
 * {@link ExportPlanner} as the preview), the generation lock (tenant + period + journals), the
 * export record under the next number, and the plan manifest next to its files.
 */
public final class ExportGenerator {
  public static final List<String> PDF_MODES = List.of("none", "zip", "merged", "both");

  /** {@code POST /exports}: the selection plus format, pdf bundle and the idempotency key's hashes. */
  public record GenerateRequest(Selection selection, String format, String pdf, String idempotencyKey, String requestHash) {}

  /**
   * The export, whether this answer replays an earlier request with the same Idempotency-Key, and
   * whether it goes on in the background (202).
   */
  public record Generated(Export export, boolean replayed, boolean background) {
    public Generated(Export export, boolean replayed) {
      this(export, replayed, export.status() == ExportStatus.GENERATING);
    }
  }

  private final ExportRepository exports;
  private final ExportPlanner planner;
  private final SettingsService settings;
  private final ExportFiles files;
  private final GenerationSteps steps;
  private final ExportRecovery recovery;
  private final WorkflowStarter workflows;
  private final Clock clock;
  private final IdGenerator ids;
  private final Duration lease;
  private final InvoiceBundles bundles;

  /** @param workflows null: every export is generated in the request (no background workflow here) */
  public ExportGenerator(ExportRepository exports, ExportPlanner planner, SettingsService settings, ExportFiles files,
      GenerationSteps steps, ExportRecovery recovery, WorkflowStarter workflows, Clock clock, IdGenerator ids,
      Duration lease) {
    this(exports, planner, settings, files, steps, recovery, workflows, clock, ids, lease, null);
  }

  /** @param bundles the invoice PDFs and bundles; null = exports asking for them are refused (422) */
  public ExportGenerator(ExportRepository exports, ExportPlanner planner, SettingsService settings, ExportFiles files,
      GenerationSteps steps, ExportRecovery recovery, WorkflowStarter workflows, Clock clock, IdGenerator ids,
      Duration lease, InvoiceBundles bundles) {
    this.bundles = bundles;
    this.exports = exports;
    this.planner = planner;
    this.settings = settings;
    this.files = files;
    this.steps = steps;
    this.recovery = recovery;
    this.workflows = workflows;
    this.clock = clock;
    this.ids = ids;
    this.lease = lease;
  }

  public Generated generate(Caller caller, GenerateRequest request) {
    TenantSettings s = settings.get(caller.tenant());
    Access.require(caller, s, Screen.EXPORTS);
    return generate(caller.tenant(), caller.actor(), caller.email(), s, request);
  }

  /**
   * The same for a caller without a token (the period-close event, the monthly schedule):
   * {@code actor} is recorded as the export's author.
   */
  public Generated generate(TenantId tenant, String actor, String requesterEmail, TenantSettings s,
      GenerateRequest request) {
    ExportWriter writer = files.formats().resolve(tenant, request.format() == null ? s.defaultFormat() : request.format());
    String pdf = request.pdf() == null ? s.invoicing().defaultPdf().wire() : request.pdf();
    PdfBundle bundle = PdfBundle.fromWire(pdf).orElseThrow(() -> DomainException.invalid(List.of(
        Violation.of("pdf", "INVALID_VALUE", "must be one of none, zip, merged, both"))));
    if (bundle != PdfBundle.NONE && bundles == null) {
      throw DomainException.unprocessable("PDF_NOT_AVAILABLE", "This service was deployed without invoice PDFs",
          List.of(Violation.of("pdf", "PDF_NOT_AVAILABLE", "only \"none\" is available here")));
    }
    String exportId = ids.newId();
    Instant now = clock.instant();
    String keyHash = request.idempotencyKey() == null ? null
        : RecordHash.sha256(request.idempotencyKey().getBytes(StandardCharsets.UTF_8));
    if (keyHash != null) {
      var earlier = exports.rememberIdempotency(tenant, keyHash, request.requestHash(), exportId,
          now.plus(Duration.ofHours(24)));
      if (earlier.isPresent()) {
        return replay(tenant, earlier.get(), request);
      }
    }
    boolean created = false; // a failed request forgets its key: retrying it after a 5xx runs it again
    try {
      recovery.recover(tenant);
      // an export that builds bundles leaves out the invoices whose PDF can be neither found nor rendered
      KeyPlan plan = bundle == PdfBundle.NONE ? planner.planKeys(tenant, s, request.selection(), LocalDate.now(clock))
          : planner.planKeys(tenant, s, request.selection(), LocalDate.now(clock),
              d -> d.document().type().hasInvoicePdf() ? bundles.check(tenant, d.document(), s) : List.of());
      refuseExplicitExclusions(request.selection(), plan);
      if (plan.included().isEmpty()) {
        throw DomainException.unprocessable("NOTHING_TO_EXPORT",
            "No document of the period " + plan.period().from() + " to " + plan.period().to()
                + " is exportable (" + plan.excludedCount() + " blocked; see POST /exports/preview for why)", List.of());
      }
      String lockName = lockName(plan, request.selection());
      if (!exports.tryLock(tenant, lockName, exportId, now.plus(lease), now)) {
        throw DomainException.conflict("EXPORT_IN_PROGRESS",
            "An export of the same period and journals is being generated; try again when it is done");
      }
      GenerationJob job = new GenerationJob(tenant, exportId, requesterEmail, lockName);
      Export opened;
      try {
        opened = exports.create(tenant, new NewExport(exportId, s.numberingPattern(), plan.period(), plan.journals(),
            writer.id(), pdf, request.selection().reexport(), now, actor, now.plus(lease), plan.included().size()));
      } catch (RuntimeException e) {
        exports.unlock(tenant, lockName, exportId);
        throw e;
      }
      try {
        files.write(ExportFiles.planKey(tenant, exportId), "text/tab-separated-values; charset=UTF-8", "plan", "tsv",
            out -> PlanManifest.write(plan.included(), out));
      } catch (RuntimeException e) {
        steps.fail(job, GenerationSteps.reasonOf(e), false);
        throw e;
      }
      Generated done;
      if (workflows != null && plan.included().size() > s.backgroundThreshold()) {
        done = startInBackground(job, opened);
      } else {
        done = new Generated(runHere(job, s.notifiesSynchronousExportOf(plan.included().size())), false, false);
      }
      created = true;
      return done;
    } finally {
      if (keyHash != null && !created) {
        exports.forgetIdempotency(tenant, keyHash);
      }
    }
  }

  private Generated startInBackground(GenerationJob job, Export opened) {
    try {
      workflows.start(job.exportId(), job.toInput());
    } catch (RuntimeException e) {
      steps.fail(job, "WORKFLOW_NOT_STARTED: the background generation could not be started", false);
      throw new DomainException(ErrorKind.UNAVAILABLE, "WORKFLOW_UNAVAILABLE",
          "The background generation could not be started; retry later (export " + opened.number() + " was marked FAILED)");
    }
    return new Generated(opened, false, true);
  }

  /**
   * Runs every step in this process; any failure runs the compensation (FAILED, claims released)
   * and is rethrown. No mail.
   */
  public Export runHere(GenerationJob job) {
    return runHere(job, false);
  }

  /** The same, mailing the outcome (READY or FAILED) when {@code notify}: settings {@code notifyAbove}. */
  public Export runHere(GenerationJob job, boolean notify) {
    try {
      GenerationSteps.StepResult r;
      do {
        r = steps.claim(job);
      } while (!r.finished() && !r.stopped());
      if (!r.stopped()) {
        r = steps.render(job);
      }
      if (!r.stopped() && r.pdfBatches() > 0) {
        int batches = r.pdfBatches();
        for (int b = 0; b < batches && !r.stopped(); b++) {
          r = steps.pdfs(job, b);
        }
        if (!r.stopped()) {
          r = steps.assemble(job);
        }
      }
      if (!r.stopped()) {
        steps.seal(job);
        if (notify) {
          steps.notify(job, ExportNotifier.READY);
        }
      }
    } catch (RuntimeException e) {
      try {
        steps.fail(job, GenerationSteps.reasonOf(e), notify);
      } catch (RuntimeException again) {
        e.addSuppressed(again); // the recovery sweep (lease expiry) will finish the release
      }
      throw e;
    }
    return exports.find(job.tenant(), job.exportId())
        .orElseThrow(() -> new IllegalStateException("export " + job.exportId() + " vanished"));
  }

  private Generated replay(TenantId tenant, ExportRepository.IdempotencyRecord earlier, GenerateRequest request) {
    if (!earlier.requestHash().equals(request.requestHash())) {
      throw DomainException.conflict("IDEMPOTENCY_KEY_REUSED",
          "This Idempotency-Key was used with another request body; use a new key for a new export");
    }
    Export e = exports.find(tenant, earlier.exportId()).orElseThrow(() -> DomainException.conflict(
        "IDEMPOTENCY_IN_PROGRESS", "The first request with this Idempotency-Key is still being processed"));
    return new Generated(e, true);
  }

  /** An explicit selection must be exportable as a whole: every refused id is named. */
  private static void refuseExplicitExclusions(Selection selection, KeyPlan plan) {
    if (!selection.isExplicit() || plan.excluded().isEmpty()) {
      return;
    }
    List<Violation> details = new ArrayList<>();
    boolean allExported = true;
    for (Excluded x : plan.excluded()) {
      for (Anomaly a : x.anomalies()) {
        details.add(Violation.of("documentIds:" + x.document().id(), a.code(), a.message()));
        allExported &= a.code().equals(AnomalyCode.ALREADY_EXPORTED.name());
      }
    }
    if (allExported) {
      throw DomainException.conflict("DOCUMENTS_ALREADY_EXPORTED",
          plan.excluded().size() + " of the documents are already in an active export", details);
    }
    throw DomainException.unprocessable("DOCUMENTS_NOT_EXPORTABLE",
        plan.excluded().size() + " of the documents cannot be exported", details);
  }

  private static String lockName(KeyPlan plan, Selection selection) {
    String key = plan.period().from() + "|" + plan.period().to() + "|" + String.join(",", plan.journals())
        + (selection.isExplicit() ? "|" + String.join(",", selection.documentIds().stream().sorted().toList()) : "");
    return "GEN#" + RecordHash.sha256(key.getBytes(StandardCharsets.UTF_8)).substring(0, 24);
  }
}
