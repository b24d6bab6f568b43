package com.accountingexport.core.export;

import com.accountingexport.core.auth.TenantId;
import com.accountingexport.core.booking.Anomaly;
import com.accountingexport.core.booking.BookingResult;
import com.accountingexport.core.booking.Bookkeeper;
import com.accountingexport.core.booking.EntryLine;
import com.accountingexport.core.booking.JournalEntry;
import com.accountingexport.core.document.Document;
import com.accountingexport.core.document.DocumentType;
import com.accountingexport.core.document.StoredDocument;
import com.accountingexport.core.error.DomainException;
import com.accountingexport.core.format.AccountRecord;
import com.accountingexport.core.format.AccountsWriter;
import com.accountingexport.core.format.ExportContext;
import com.accountingexport.core.format.ExportFormats;
import com.accountingexport.core.format.ExportWriter;
import com.accountingexport.core.money.Money;
import com.accountingexport.core.port.DocumentRepository;
import com.accountingexport.core.port.ExportRepository;
import com.accountingexport.core.port.InvoiceBundles;
import com.accountingexport.core.port.ExportRepository.ChainLink;
import com.accountingexport.core.service.ExportPlanner;
import com.accountingexport.core.service.SettingsService;
import com.accountingexport.core.settings.PdfBundle;
import com.accountingexport.core.settings.TenantSettings;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The steps of a generation, each able to run alone in its own process (a Lambda invocation of the
 * workflow) and to run again after a crash without doing anything twice: <b>claim</b> (pages of the
 * plan, conditional on the planned versions), <b>render</b> (books what was claimed, streams the
 * entries, the journal and the accounts file), <b>seal</b> (READY and the audit chain in one
 * transaction), <b>notify</b>, and <b>fail</b> (the compensation: FAILED, claims released, a
 * failure notice). Each step reads where the previous one stopped from the export's record, renews
 * the export's lease, and stops cleanly when it finds the export no longer GENERATING.
 *
 * <p>{@link ExportGenerator} runs them in one process for small exports; the state machine
 * (statemachine/generate-export.asl.json) runs the same steps for large ones.
 */
public final class GenerationSteps {
  /** Plan lines claimed per round (at most 100 per transaction inside). */
  static final int CLAIM_PAGE = 1000;
  /** Documents read and booked per round. */
  static final int RENDER_PAGE = 100;
  private static final int CHAIN_RETRIES = 20;
  private static final Duration PROGRESS_EVERY = Duration.ofSeconds(1);

  /**
   * @param lease how long a step may go without renewing the export's lease before recovery takes it for dead
   * @param stepBudget how long one claim step keeps claiming before it hands back to the workflow
   * @param parallelism how many claim transactions run at once, and whether the render reads the
   *     next page of documents while it books the current one (1: neither)
   */
  public record Options(Duration lease, Duration stepBudget, int parallelism) {
    public Options {
      parallelism = Math.max(1, parallelism);
    }

    public Options(Duration lease, Duration stepBudget) {
      this(lease, stepBudget, DEFAULT_PARALLELISM);
    }

    public static Options defaults() {
      return new Options(Duration.ofMinutes(5), Duration.ofMinutes(2), DEFAULT_PARALLELISM);
    }
  }

  /** Claim transactions in flight at once: DynamoDB serves them side by side (the items differ). */
  public static final int DEFAULT_PARALLELISM = 4;
  /** One pool for every generation of the process: daemon threads, never more than the parallelism. */
  private static final java.util.concurrent.ExecutorService POOL = java.util.concurrent.Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "generation-io");
    t.setDaemon(true);
    return t;
  });

  /** What a step answers the workflow: counts only. */
  public record StepResult(String step, boolean finished, boolean stopped, long done, long total, String status,
      int pdfBatches) {
    public StepResult(String step, boolean finished, boolean stopped, long done, long total, String status) {
      this(step, finished, stopped, done, total, status, 0);
    }

    /**
     * The step's answer to the workflow; {@code batches} lists the PDF batches to prepare (0, 1, …,
     * empty when the export builds no bundle): the Map state iterates over it.
     */
    public Map<String, Object> toMap() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("step", step);
      m.put("finished", finished);
      m.put("stopped", stopped);
      m.put("done", done);
      m.put("total", total);
      m.put("status", status);
      List<Integer> batches = new ArrayList<>(pdfBatches);
      for (int i = 0; i < pdfBatches; i++) {
        batches.add(i);
      }
      m.put("batches", batches);
      return m;
    }
  }

  private final ExportRepository exports;
  private final DocumentRepository documents;
  private final ExportPlanner planner;
  private final SettingsService settings;
  private final ExportFiles files;
  private final ExportNotifier notifier;
  private final Clock clock;
  private final Options options;
  private final InvoiceBundles bundles;
  private final ExportEvents events;

  public GenerationSteps(ExportRepository exports, DocumentRepository documents, ExportPlanner planner,
      SettingsService settings, ExportFiles files, ExportNotifier notifier, Clock clock, Options options) {
    this(exports, documents, planner, settings, files, notifier, clock, options, null);
  }

  /** @param bundles the invoice PDFs and their bundles; null where no export may ask for them */
  public GenerationSteps(ExportRepository exports, DocumentRepository documents, ExportPlanner planner,
      SettingsService settings, ExportFiles files, ExportNotifier notifier, Clock clock, Options options,
      InvoiceBundles bundles) {
    this(exports, documents, planner, settings, files, notifier, clock, options, bundles, ExportEvents.NONE);
  }

  /** @param events told when an export becomes READY or FAILED (the tenant's webhooks); never fails a step */
  public GenerationSteps(ExportRepository exports, DocumentRepository documents, ExportPlanner planner,
      SettingsService settings, ExportFiles files, ExportNotifier notifier, Clock clock, Options options,
      InvoiceBundles bundles, ExportEvents events) {
    this.events = events == null ? ExportEvents.NONE : events;
    this.bundles = bundles;
    this.exports = exports;
    this.documents = documents;
    this.planner = planner;
    this.settings = settings;
    this.files = files;
    this.notifier = notifier == null ? ExportNotifier.NONE : notifier;
    this.clock = clock;
    this.options = options;
  }

  // ------------------------------------------------------------------ claim

  /**
   * Claims the next pages of the plan until it is done or the step's time budget is spent; the
   * position is saved after every page, so a retried step goes on where this one stopped.
   */
  public StepResult claim(GenerationJob job) {
    Export e = load(job);
    if (e.status() != ExportStatus.GENERATING) {
      return stopped("claim", e);
    }
    Progress p = progressOf(e);
    if (!Progress.CLAIM.equals(p.phase())) {
      return new StepResult("claim", true, false, p.total(), p.total(), e.status().name());
    }
    renewLock(job);
    Instant deadline = clock.instant().plus(options.stepBudget());
    try (PlanManifest.Reader plan = new PlanManifest.Reader(files.store().open(ExportFiles.planKey(job.tenant(), e.id())))) {
      plan.skip(p.done());
      while (true) {
        List<PlanManifest.Line> page = plan.page(CLAIM_PAGE);
        if (page.isEmpty()) {
          break;
        }
        List<ClaimRequest> wanted = page.stream().filter(PlanManifest.Line::claim)
            .map(l -> new ClaimRequest(l.documentId(), l.version())).toList();
        ClaimResult claim = claimSideBySide(job.tenant(), e, wanted);
        List<SkippedDocument> skipped = new ArrayList<>();
        claim.taken().forEach(id -> skipped.add(new SkippedDocument(id, "claimed by a concurrent export")));
        claim.missing().forEach(id -> skipped.add(new SkippedDocument(id, "deleted meanwhile")));
        claim.changed().forEach(id -> skipped.add(new SkippedDocument(id,
            "changed after the export was planned: it stays exportable for the next export")));
        if (!exports.saveProgress(job.tenant(), e.id(), new Progress(Progress.CLAIM, plan.position(), p.total()),
            leaseUntil(), skipped)) {
          exports.release(job.tenant(), e.id(), claim.claimed()); // the export died meanwhile: keep nothing
          return stopped("claim", load(job));
        }
        renewLock(job);
        if (!clock.instant().isBefore(deadline)) {
          return new StepResult("claim", false, false, plan.position(), p.total(), e.status().name());
        }
      }
    }
    if (!exports.saveProgress(job.tenant(), e.id(), new Progress(Progress.RENDER, 0, p.total()), leaseUntil(), List.of())) {
      return stopped("claim", load(job));
    }
    return new StepResult("claim", true, false, p.total(), p.total(), ExportStatus.GENERATING.name());
  }

  // ------------------------------------------------------------------ render

  /** Thrown inside a file body when the export stopped being GENERATING: the upload is thrown away. */
  private static final class Stopped extends RuntimeException {
    Stopped() {
      super("the export is no longer generating", null, false, false);
    }
  }

  /**
   * Books every document the export holds, in plan order, from what is stored now (claimed, hence
   * frozen), and streams the entries, the journal and the accounts file to the file store. A
   * document that no longer books (its related document changed) is given back and reported.
   */
  public StepResult render(GenerationJob job) {
    Export e = load(job);
    if (e.status() != ExportStatus.GENERATING) {
      return stopped("render", e);
    }
    Progress p = progressOf(e);
    if (Progress.CLAIM.equals(p.phase())) {
      throw new IllegalStateException("export " + e.id() + " has not finished claiming its documents");
    }
    if (!Progress.RENDER.equals(p.phase())) {
      int batches = Progress.PDF.equals(p.phase()) ? PdfList.batches((int) p.total()) : 0;
      return new StepResult("render", true, false, e.documentCount(), e.documentCount(), e.status().name(), batches);
    }
    renewLock(job);
    TenantId tenant = job.tenant();
    TenantSettings s = settings.get(tenant);
    ExportWriter writer = files.formats().resolve(tenant, e.format());
    ExportContext context = ExportFiles.context(e, s.siren());
    String prefix = ExportFiles.prefix(tenant, e.id());
    List<ExportFile> written = new ArrayList<>();
    try (Rendering r = new Rendering(job, e, s, p.total())) {
      return render(job, e, s, p, r, writer, context, prefix, written);
    } catch (IOException x) {
      throw new UncheckedIOException(x);
    }
  }

  private StepResult render(GenerationJob job, Export e, TenantSettings s, Progress p, Rendering r, ExportWriter writer,
      ExportContext context, String prefix, List<ExportFile> written) throws IOException {
    TenantId tenant = job.tenant();
    try {
      written.add(files.write(ExportFiles.entriesKey(tenant, e.id()), "text/tab-separated-values; charset=UTF-8",
          ExportFile.ENTRIES, "tsv", out -> {
            try (EntryCodec.Out codec = new EntryCodec.Out(out);
                PlanManifest.Reader plan = new PlanManifest.Reader(files.store().open(ExportFiles.planKey(tenant, e.id())))) {
              // the next page is read while this one is booked and written
              List<PlanManifest.Line> page = plan.page(RENDER_PAGE);
              java.util.concurrent.Future<Map<String, StoredDocument>> found = read(tenant, page);
              while (!page.isEmpty()) {
                Map<String, StoredDocument> documentsOfPage = await(found);
                List<PlanManifest.Line> next = plan.page(RENDER_PAGE);
                found = read(tenant, next);
                r.book(page, documentsOfPage, codec);
                page = next;
              }
            }
          }));
    } catch (Stopped stopped) {
      return stopped("render", load(job));
    }
    if (!r.release.isEmpty()) {
      exports.release(tenant, e.id(), r.release);
    }
    if (r.booked == 0) {
      throw DomainException.conflict("NOTHING_LEFT_TO_EXPORT",
          "Every selected document was claimed by a concurrent export or changed meanwhile");
    }
    written.add(files.journal(tenant, written.get(0).key(), writer, context));
    r.accounts.finish();
    r.accountsOut.close();
    written.add(files.write(prefix + new AccountsWriter().fileName(context), AccountsWriter.CONTENT_TYPE, ExportFile.ACCOUNTS,
        "csv", out -> Files.copy(r.accountsFile, out)));
    List<SkippedDocument> skipped = new ArrayList<>(e.skipped());
    skipped.addAll(r.skipped);
    int pdfs = 0;
    if (r.pdfs != null) {
      r.pdfs.close();
      r.pdfsOut.close();
      pdfs = r.pdfs.count();
      if (pdfs > 0) {
        files.write(PdfList.key(tenant, e.id()), "text/tab-separated-values; charset=UTF-8", "pdfs", "tsv",
            out -> Files.copy(r.pdfsFile, out));
        writeBatches(tenant, e.id(), r.pdfsFile);
      }
    }
    Progress next = pdfs > 0 ? new Progress(Progress.PDF, 0, pdfs) : new Progress(Progress.SEAL, 0, 1);
    if (!exports.saveRendered(tenant, e.id(), r.booked, r.entryLines, r.debit, r.credit, written, dedupe(skipped),
        next, leaseUntil())) {
      return stopped("render", load(job));
    }
    return new StepResult("render", true, false, r.booked, r.booked, ExportStatus.GENERATING.name(),
        PdfList.batches(pdfs));
  }

  // ------------------------------------------------------------------ invoice PDFs and bundles

  /**
   * Puts the PDFs of batch {@code batch} of the export's bundle list into its folder (one iteration
   * of the workflow's Map state; the iterations run side by side and each may be repeated).
   */
  public StepResult pdfs(GenerationJob job, int batch) {
    Export e = load(job);
    if (e.status() != ExportStatus.GENERATING) {
      return stopped("pdfs", e);
    }
    Progress p = progressOf(e);
    if (!Progress.PDF.equals(p.phase())) {
      if (Progress.SEAL.equals(p.phase()) || Progress.NOTIFY.equals(p.phase()) || Progress.DONE.equals(p.phase())) {
        return new StepResult("pdfs", true, false, 0, p.total(), e.status().name()); // assembled already
      }
      throw new IllegalStateException("export " + e.id() + " has not finished rendering its files");
    }
    if (batch < 0 || batch >= PdfList.batches((int) p.total())) {
      throw new IllegalArgumentException("export " + e.id() + " has no PDF batch " + batch);
    }
    TenantId tenant = job.tenant();
    List<PdfList.Line> lines;
    try (InputStream in = files.store().open(PdfList.batchKey(tenant, e.id(), batch))) {
      lines = PdfList.batch(in, batch);
    } catch (IOException x) {
      throw new UncheckedIOException(x);
    }
    requireBundles().prepare(tenant, e, settings.get(tenant), lines);
    exports.renewLease(tenant, e.id(), leaseUntil());
    return new StepResult("pdfs", true, false, lines.size(), p.total(), e.status().name());
  }

  /** Streams the bundles from the prepared PDFs, records them on the export, and moves on to the seal. */
  public StepResult assemble(GenerationJob job) {
    Export e = load(job);
    if (e.status() != ExportStatus.GENERATING) {
      return stopped("assemble", e);
    }
    Progress p = progressOf(e);
    if (!Progress.PDF.equals(p.phase())) {
      return new StepResult("assemble", true, false, p.total(), p.total(), e.status().name());
    }
    renewLock(job);
    TenantId tenant = job.tenant();
    String listKey = PdfList.key(tenant, e.id());
    List<ExportFile> bundled = requireBundles().assemble(tenant, e, () -> files.store().open(listKey));
    for (ExportFile f : bundled) {
      exports.addFile(tenant, e.id(), f);
    }
    if (!exports.saveProgress(tenant, e.id(), new Progress(Progress.SEAL, 0, 1), leaseUntil(), List.of())) {
      return stopped("assemble", load(job));
    }
    return new StepResult("assemble", true, false, p.total(), p.total(), ExportStatus.GENERATING.name());
  }

  /**
   * The list again in one small file per batch, so that each iteration of the Map state reads its
   * 100 lines only, whatever the number of invoices.
   */
  private void writeBatches(TenantId tenant, String exportId, Path list) throws IOException {
    try (java.io.BufferedReader in = Files.newBufferedReader(list, java.nio.charset.StandardCharsets.UTF_8)) {
      List<String> chunk = new ArrayList<>(PdfList.BATCH);
      int batch = 0;
      for (String line = in.readLine(); ; line = in.readLine()) {
        if (line != null) {
          chunk.add(line);
        }
        if (chunk.size() == PdfList.BATCH || (line == null && !chunk.isEmpty())) {
          String text = String.join("\n", chunk) + "\n";
          files.write(PdfList.batchKey(tenant, exportId, batch++), "text/tab-separated-values; charset=UTF-8", "pdfs",
              "tsv", out -> out.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
          chunk.clear();
        }
        if (line == null) {
          return;
        }
      }
    }
  }

  private InvoiceBundles requireBundles() {
    if (bundles == null) {
      throw new IllegalStateException("this process was wired without invoice PDFs (the pdf module)");
    }
    return bundles;
  }

  /**
   * The state of one render: counts, totals, what was left out, and the accounts file, written
   * (to a local temporary file) as customers are first met, so that only their account numbers
   * stay in memory whatever the number of documents.
   */
  private final class Rendering implements AutoCloseable {
    final GenerationJob job;
    final TenantId tenant;
    final Export export;
    final Bookkeeper bookkeeper;
    final TenantSettings settings;
    final long total;
    final Path accountsFile;
    final OutputStream accountsOut;
    final AccountsWriter.Rows accounts;
    final List<SkippedDocument> skipped = new ArrayList<>();
    final List<String> release = new ArrayList<>();
    /** The documents of the bundles, in journal order (only when the export asks for bundles). */
    final Path pdfsFile;
    final OutputStream pdfsOut;
    final PdfList.Out pdfs;
    int booked;
    int entryLines;
    long seen;
    BigDecimal debit = Money.ZERO;
    BigDecimal credit = Money.ZERO;
    Instant nextProgress;

    Rendering(GenerationJob job, Export export, TenantSettings settings, long total) {
      this.job = job;
      this.tenant = job.tenant();
      this.export = export;
      this.settings = settings;
      this.bookkeeper = new Bookkeeper(settings);
      this.total = total;
      this.nextProgress = clock.instant().plus(PROGRESS_EVERY);
      try {
        this.accountsFile = Files.createTempFile("accounts-", ".csv");
        this.accountsOut = new BufferedOutputStream(Files.newOutputStream(accountsFile), 1 << 16);
        this.accounts = new AccountsWriter().rows(accountsOut);
        boolean bundled = PdfBundle.fromWire(export.pdf()).map(b -> b != PdfBundle.NONE).orElse(false);
        this.pdfsFile = bundled ? Files.createTempFile("pdfs-", ".tsv") : null;
        this.pdfsOut = bundled ? new BufferedOutputStream(Files.newOutputStream(pdfsFile), 1 << 16) : null;
        this.pdfs = bundled ? new PdfList.Out(pdfsOut) : null;
      } catch (IOException x) {
        throw new UncheckedIOException(x);
      }
    }

    @Override
    public void close() throws IOException {
      try {
        accountsOut.close();
        if (pdfsOut != null) {
          pdfsOut.close();
        }
      } finally {
        Files.deleteIfExists(accountsFile);
        if (pdfsFile != null) {
          Files.deleteIfExists(pdfsFile);
        }
      }
    }

    void book(List<PlanManifest.Line> page, Map<String, StoredDocument> found, EntryCodec.Out codec) {
      Map<String, Document> known = new HashMap<>();
      found.values().forEach(d -> known.put(d.id(), d.document()));
      var lookup = planner.cachingLookup(tenant, known);
      for (PlanManifest.Line line : page) {
        seen++;
        StoredDocument d = found.get(line.documentId());
        boolean held = d != null && d.export() != null && export.id().equals(d.export().exportId());
        if (line.claim() && !held) {
          continue; // not claimed: the claim step reported why
        }
        if (d == null) {
          skipped.add(new SkippedDocument(line.documentId(), "deleted meanwhile"));
          continue;
        }
        BookingResult booking = bookkeeper.book(d.document(), lookup);
        if (booking.isBlocked() || booking.entry() == null) {
          skipped.add(new SkippedDocument(d.id(), "no longer exportable: " + booking.anomalies().stream()
              .map(Anomaly::code).collect(Collectors.joining(", "))));
          if (line.claim()) {
            release.add(d.id());
          }
          continue;
        }
        JournalEntry entry = booking.entry();
        codec.append(entry);
        booked++;
        entryLines += entry.lines().size();
        for (EntryLine l : entry.lines()) {
          debit = debit.add(l.debit());
          credit = credit.add(l.credit());
        }
        Document doc = d.document();
        if (pdfs != null && doc.type().hasInvoicePdf()) {
          pdfs.add(doc.id(), doc.number(), entry.label());
        }
        if (doc.counterparty() != null && doc.type() != DocumentType.EXPENSE_REPORT) {
          // customers and suppliers, each on the sub-account its entries use
          boolean supplier = doc.type().isPurchaseSide();
          String account = supplier
              ? Bookkeeper.supplierAuxiliaryAccount(settings, doc.counterparty())
              : Bookkeeper.customerAuxiliaryAccount(settings, doc.counterparty());
          try {
            if (account != null) {
              accounts.add(AccountsWriter.record(doc.counterparty(), account,
                  supplier ? AccountRecord.SUPPLIER : AccountRecord.CUSTOMER,
                  supplier ? settings.accounts().supplier() : settings.accounts().customer()));
            }
          } catch (IOException x) {
            throw new UncheckedIOException(x);
          }
        }
      }
      if (!clock.instant().isBefore(nextProgress)) {
        nextProgress = clock.instant().plus(PROGRESS_EVERY);
        if (!exports.saveProgress(tenant, export.id(), new Progress(Progress.RENDER, seen, total), leaseUntil(), List.of())) {
          throw new Stopped();
        }
        renewLock(job);
      }
    }
  }

  /** The documents of a page, read in the background when the options allow (an empty page reads nothing). */
  private java.util.concurrent.Future<Map<String, StoredDocument>> read(TenantId tenant, List<PlanManifest.Line> page) {
    List<String> ids = page.stream().map(PlanManifest.Line::documentId).toList();
    if (ids.isEmpty()) {
      return java.util.concurrent.CompletableFuture.completedFuture(Map.of());
    }
    if (options.parallelism() <= 1) {
      return java.util.concurrent.CompletableFuture.completedFuture(documents.findAll(tenant, ids));
    }
    return POOL.submit(() -> documents.findAll(tenant, ids));
  }

  /**
   * Claims a page in slices of 100 (one transaction each) run side by side, {@code parallelism} at
   * a time, and merges what they report. A slice that fails gives back what it claimed; the others
   * keep theirs, which the step, run again, finds already held by its export.
   */
  private ClaimResult claimSideBySide(TenantId tenant, Export e, List<ClaimRequest> wanted) {
    if (wanted.isEmpty()) {
      return new ClaimResult(List.of(), List.of(), List.of(), 0);
    }
    int workers = Math.min(options.parallelism(), (wanted.size() + 99) / 100);
    if (workers <= 1) {
      return exports.claimVersions(tenant, e, wanted);
    }
    int sliceSize = ((wanted.size() + workers - 1) / workers + 99) / 100 * 100;
    List<java.util.concurrent.Future<ClaimResult>> slices = new ArrayList<>();
    for (int from = 0; from < wanted.size(); from += sliceSize) {
      List<ClaimRequest> slice = wanted.subList(from, Math.min(wanted.size(), from + sliceSize));
      slices.add(POOL.submit(() -> exports.claimVersions(tenant, e, slice)));
    }
    List<String> claimed = new ArrayList<>();
    List<String> taken = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    List<String> changed = new ArrayList<>();
    int calls = 0;
    RuntimeException failure = null;
    for (var f : slices) {
      try {
        ClaimResult r = await(f);
        claimed.addAll(r.claimed());
        taken.addAll(r.taken());
        missing.addAll(r.missing());
        changed.addAll(r.changed());
        calls += r.writeCalls();
      } catch (RuntimeException x) {
        if (failure == null) {
          failure = x;
        } else {
          failure.addSuppressed(x);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
    return new ClaimResult(claimed, taken, missing, changed, calls);
  }

  private static <T> T await(java.util.concurrent.Future<T> f) {
    try {
      return f.get();
    } catch (InterruptedException x) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", x);
    } catch (java.util.concurrent.ExecutionException x) {
      if (x.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (x.getCause() instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(x.getCause());
    }
  }

  private static List<SkippedDocument> dedupe(List<SkippedDocument> skipped) {
    Map<String, SkippedDocument> byId = new LinkedHashMap<>();
    skipped.forEach(s -> byId.putIfAbsent(s.documentId(), s));
    return List.copyOf(byId.values());
  }

  // ------------------------------------------------------------------ seal

  /** READY and the tenant's audit chain in one transaction, hashing what the render recorded. */
  public StepResult seal(GenerationJob job) {
    Export e = load(job);
    if (e.status() != ExportStatus.GENERATING) {
      if (e.status() == ExportStatus.READY && e.chainSeq() > 0) {
        ExportEvents.safely(events, job.tenant(), e, ExportEvents.READY); // a retried seal: published once by its id
      }
      return e.chainSeq() > 0 ? new StepResult("seal", true, false, 1, 1, e.status().name()) : stopped("seal", e);
    }
    Progress p = progressOf(e);
    if (!Progress.SEAL.equals(p.phase())) {
      throw new IllegalStateException("export " + e.id() + " has not finished rendering its files");
    }
    Export sealed = finalise(job.tenant(), e);
    unlock(job);
    ExportEvents.safely(events, job.tenant(), sealed, ExportEvents.READY);
    return new StepResult("seal", true, false, 1, 1, sealed.status().name());
  }

  private Export finalise(TenantId tenant, Export e) {
    for (int attempt = 0; ; attempt++) {
      ChainLink head = exports.chainHead(tenant);
      Export content = new Export(e.id(), e.number(), ExportStatus.READY, e.period(), e.journals(), e.format(), e.pdf(),
          e.reexport(), e.documentCount(), e.entryCount(), e.debit(), e.credit(), e.createdAt(), e.createdBy(), null, null,
          null, null, e.files(), e.skipped(), null, null, head.seq() + 1, head.hash(), null, null);
      String hash = RecordHash.of(tenant, content, head.seq() + 1, head.hash());
      try {
        return exports.markReady(tenant, e.id(), e.documentCount(), e.entryCount(), e.debit(), e.credit(), e.files(),
            e.skipped(), new ChainLink(head.seq() + 1, hash));
      } catch (ExportService.ChainMovedException moved) {
        if (attempt >= CHAIN_RETRIES) {
          throw moved;
        }
      }
    }
  }

  // ------------------------------------------------------------------ notify

  /** Mails the outcome to the requester and the tenant's addresses, and records it on the export. Never throws for a mail. */
  public StepResult notify(GenerationJob job, String outcome) {
    Export e = load(job);
    if (e.notices().stream().anyMatch(n -> n.outcome().equals(outcome) && n.sent())) {
      return new StepResult("notify", true, false, 1, 1, e.status().name()); // a retried step mails once
    }
    Notice notice;
    try {
      notice = notifier.notify(e, outcome, job.requester(), settings.get(job.tenant()));
    } catch (RuntimeException unexpected) {
      notice = new Notice(outcome, List.of(), false, 0, "the notice could not be built: " + unexpected.getClass().getSimpleName(),
          clock.instant());
    }
    exports.addNotice(job.tenant(), e.id(), notice);
    return new StepResult("notify", true, false, notice.sent() ? 1 : 0, 1, e.status().name());
  }

  // ------------------------------------------------------------------ fail

  /**
   * The compensation: marks the export FAILED with {@code reason} (it keeps its number), gives back
   * every document it holds, frees the generation lock and sends the failure notice. Idempotent.
   */
  public StepResult fail(GenerationJob job, String reason) {
    return fail(job, reason, true);
  }

  /** The same, with the failure notice only when {@code notify} (an export generated in the request mails above a size). */
  public StepResult fail(GenerationJob job, String reason, boolean notify) {
    Export e = exports.find(job.tenant(), job.exportId()).orElse(null);
    if (e == null) {
      return new StepResult("fail", true, true, 0, 0, "UNKNOWN");
    }
    boolean wasGenerating = e.status() == ExportStatus.GENERATING;
    Instant now = clock.instant();
    if (wasGenerating) {
      exports.markFailed(job.tenant(), e.id(), reason, now);
    }
    Export failed = load(job);
    if (failed.status() == ExportStatus.FAILED && failed.releasedAt() == null) {
      exports.release(job.tenant(), e.id(), exports.heldDocuments(job.tenant(), e.id()));
      exports.markReleased(job.tenant(), e.id(), now);
    }
    unlock(job);
    if (failed.status() == ExportStatus.FAILED) {
      ExportEvents.safely(events, job.tenant(), failed, ExportEvents.FAILED);
    }
    if (notify && failed.status() == ExportStatus.FAILED) {
      notify(job, ExportNotifier.FAILED);
    }
    return new StepResult("fail", true, false, 0, 0, failed.status().name());
  }

  /** The reason recorded on a FAILED export for an exception (never a stack trace). */
  public static String reasonOf(Throwable cause) {
    return cause instanceof DomainException d ? d.code() + ": " + d.getMessage()
        : "generation stopped: " + cause.getClass().getSimpleName();
  }

  // ------------------------------------------------------------------ helpers

  private Export load(GenerationJob job) {
    return exports.find(job.tenant(), job.exportId())
        .orElseThrow(() -> DomainException.notFound("EXPORT_NOT_FOUND", "No export " + job.exportId()));
  }

  private static Progress progressOf(Export e) {
    return e.progress() != null ? e.progress() : Progress.start(0);
  }

  private StepResult stopped(String step, Export e) {
    return new StepResult(step, true, true, 0, 0, e.status().name());
  }

  private Instant leaseUntil() {
    return clock.instant().plus(options.lease());
  }

  private void renewLock(GenerationJob job) {
    if (job.lock() != null) {
      exports.tryLock(job.tenant(), job.lock(), job.exportId(), leaseUntil(), clock.instant());
    }
  }

  private void unlock(GenerationJob job) {
    if (job.lock() != null) {
      exports.unlock(job.tenant(), job.lock(), job.exportId());
    }
  }
}
