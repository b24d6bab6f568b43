package com.accountingexport.core.service;

import com.accountingexport.core.auth.Caller;
import com.accountingexport.core.booking.Anomaly;
import com.accountingexport.core.booking.Bookkeeper;
import com.accountingexport.core.booking.DocumentLookup;
import com.accountingexport.core.document.Document;
import com.accountingexport.core.document.DocumentRules;
import com.accountingexport.core.document.ExportState;
import com.accountingexport.core.document.StoredDocument;
import com.accountingexport.core.error.DomainException;
import com.accountingexport.core.error.ErrorKind;
import com.accountingexport.core.period.Period;
import com.accountingexport.core.port.DocumentRepository;
import com.accountingexport.core.port.Page;
import com.accountingexport.core.settings.TenantSettings;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Stores what the platform pushes and shows each document with its export state and anomalies. */
public final class DocumentService {
  public static final int MAX_BATCH = 500;
  public static final int MAX_LIMIT = 1000;
  public static final int DEFAULT_LIMIT = 100;

  private final DocumentRepository documents;
  private final SettingsService settings;
  private final ExportPlanner planner;
  private final Clock clock;

  public DocumentService(DocumentRepository documents, SettingsService settings, Clock clock) {
    this.documents = documents;
    this.settings = settings;
    this.planner = new ExportPlanner(documents);
    this.clock = clock;
  }

  /** What a PUT did: created or replaced, and the document as now stored. */
  public record Upserted(DocumentView view, boolean created) {}

  /** Upserts one document: 422 when its invariants break, 409 DOCUMENT_FROZEN once exported. */
  public Upserted put(Caller caller, Document document) {
    DocumentRules.require(document);
    StoredDocument stored = documents.upsert(caller.tenant(), document, clock.instant());
    return new Upserted(view(caller, stored, settings.get(caller.tenant()), null), stored.version() == 1);
  }

  /** Upserts up to 500 documents, one result each; one bad document does not stop the others. */
  public List<BatchResult> putAll(Caller caller, List<Document> batch) {
    if (batch.size() > MAX_BATCH) {
      throw new DomainException(ErrorKind.TOO_LARGE, "BATCH_TOO_LARGE",
          "A batch holds at most " + MAX_BATCH + " documents, got " + batch.size());
    }
    TenantSettings s = settings.get(caller.tenant());
    DocumentLookup lookup = planner.lookup(caller.tenant());
    List<BatchResult> results = new ArrayList<>();
    for (int i = 0; i < batch.size(); i++) {
      Document d = batch.get(i);
      try {
        DocumentRules.require(d);
        StoredDocument stored = documents.upsert(caller.tenant(), d, clock.instant());
        results.add(new BatchResult(i, d.id(), view(stored, s, null, lookup), null, stored.version() == 1));
      } catch (DomainException e) {
        results.add(new BatchResult(i, d.id(), null, e, false));
      }
    }
    return results;
  }

  public DocumentView get(Caller caller, String documentId) {
    StoredDocument stored = documents.find(caller.tenant(), documentId)
        .orElseThrow(() -> DomainException.notFound("DOCUMENT_NOT_FOUND", "No document " + documentId));
    return view(caller, stored, settings.get(caller.tenant()), null);
  }

  public Page<DocumentView> list(Caller caller, DocumentQuery query) {
    TenantSettings s = settings.get(caller.tenant());
    LocalDate today = LocalDate.now(clock);
    Period period = Period.resolve(query.from(), query.to(), today, s.fiscalYearStart());
    int limit = query.limit() <= 0 ? DEFAULT_LIMIT : Math.min(query.limit(), MAX_LIMIT);
    DocumentLookup lookup = planner.lookup(caller.tenant());

    Predicate<StoredDocument> filter = d -> true;
    if (query.journal() != null) {
      var kind = s.journalOf(query.journal()).orElseThrow(() -> DomainException.invalid(List.of(
          com.accountingexport.core.error.Violation.of("journal", "UNKNOWN_JOURNAL",
              "'" + query.journal() + "' is not one of this tenant's journals " + s.journalCodes().values()))));
      filter = filter.and(d -> d.document().journal() == kind);
    }
    if (query.type() != null) {
      filter = filter.and(d -> d.document().type() == query.type());
    }
    if (query.counterparty() != null) {
      String cp = query.counterparty();
      filter = filter.and(d -> d.document().counterparty() != null && cp.equals(d.document().counterparty().id()));
    }
    // Each document is booked once per request: a state filter's view is kept for the answer.
    java.util.Map<String, DocumentView> views = new java.util.HashMap<>();
    java.util.function.Function<StoredDocument, DocumentView> viewOf =
        d -> views.computeIfAbsent(d.id(), id -> view(d, s, period, lookup));
    if (query.state() != null) {
      ExportState wanted = query.state();
      filter = filter.and(d -> viewOf.apply(d).exportState() == wanted);
    }
    Page<StoredDocument> page = documents.list(caller.tenant(), period, filter, query.cursor(), limit);
    return page.map(viewOf);
  }

  /** One journal's documents of a period that no export holds: exportable ones and blocked ones. */
  public record Pending(String journal, String label, long exportable, long blocked) {}

  /** What waits to be exported in a period, per journal in book order (seed 004's "En cours"). */
  public record PendingSummary(Period period, List<Pending> journals) {
    public long exportable() {
      return journals.stream().mapToLong(Pending::exportable).sum();
    }

    public long blocked() {
      return journals.stream().mapToLong(Pending::blocked).sum();
    }
  }

  /**
   * The documents of {@code tenant}'s current fiscal year (under its settings {@code s}, already read
   * by the caller) that no active export holds, counted per journal with the very states
   * {@code GET /documents?state=exportable|blocked} shows, a page of documents at a time
   * ({@link ExportPlanner#forEachDocument}).
   */
  public PendingSummary pending(com.accountingexport.core.auth.TenantId tenant, TenantSettings s) {
    LocalDate today = LocalDate.now(clock);
    Period period = Period.resolve(null, null, today, s.fiscalYearStart());
    DocumentLookup lookup = planner.lookup(tenant);
    java.util.Map<com.accountingexport.core.booking.JournalKind, long[]> counts =
        new java.util.EnumMap<>(com.accountingexport.core.booking.JournalKind.class);
    for (var k : com.accountingexport.core.booking.JournalKind.values()) {
      counts.put(k, new long[2]);
    }
    planner.forEachDocument(tenant, period, d -> {
      if (!d.isExported()) {
        boolean exportable = view(d, s, period, lookup).exportState() == ExportState.EXPORTABLE;
        counts.get(d.document().journal())[exportable ? 0 : 1]++;
      }
    });
    List<Pending> journals = new ArrayList<>();
    counts.forEach((k, c) -> journals.add(new Pending(s.journalCode(k), k.defaultLabel(), c[0], c[1])));
    return new PendingSummary(period, List.copyOf(journals));
  }

  private DocumentView view(Caller caller, StoredDocument stored, TenantSettings s, Period period) {
    return view(stored, s, period, planner.lookup(caller.tenant()));
  }

  /**
   * The state a list shows: exported when an active export holds it, else blocked when anything
   * would keep it out of an export of {@code period} (null: no period check), else exportable.
   */
  private DocumentView view(StoredDocument stored, TenantSettings s, Period period, DocumentLookup lookup) {
    if (stored.isExported()) {
      return new DocumentView(stored, ExportState.EXPORTED, List.of());
    }
    List<Anomaly> anomalies = new ArrayList<>(Eligibility.check(stored, period, true, false,
        java.time.LocalDate.ofInstant(clock.instant(), java.time.ZoneOffset.UTC)));
    anomalies.addAll(new Bookkeeper(s).book(stored.document(), lookup).anomalies());
    return new DocumentView(stored, anomalies.isEmpty() ? ExportState.EXPORTABLE : ExportState.BLOCKED, anomalies);
  }
}
