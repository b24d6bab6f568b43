package com.accountingexport.core.service;

import com.accountingexport.core.auth.TenantId;
import com.accountingexport.core.booking.Anomaly;
import com.accountingexport.core.booking.BookingResult;
import com.accountingexport.core.booking.Bookkeeper;
import com.accountingexport.core.booking.DocumentLookup;
import com.accountingexport.core.booking.JournalEntry;
import com.accountingexport.core.booking.JournalKind;
import com.accountingexport.core.document.Document;
import com.accountingexport.core.document.PieceOrder;
import com.accountingexport.core.document.StoredDocument;
import com.accountingexport.core.error.DomainException;
import com.accountingexport.core.error.ErrorKind;
import com.accountingexport.core.error.Violation;
import com.accountingexport.core.period.Period;
import com.accountingexport.core.port.DocumentRepository;
import com.accountingexport.core.port.Page;
import com.accountingexport.core.settings.TenantSettings;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Decides what an export of a selection holds: the one place where selection, eligibility and
 * booking meet, shared by the preview and the generation so that both always agree.
 */
public final class ExportPlanner {
  private final DocumentRepository documents;

  public ExportPlanner(DocumentRepository documents) {
    this.documents = documents;
  }

  /** What a selection resolves to: its period, its journals in export order, their kinds. */
  private record Scope(Period period, List<String> journals, Set<JournalKind> kinds, Map<String, Integer> journalOrder) {
    static Scope of(TenantSettings settings, Selection selection, LocalDate today) {
      Period period = Period.resolve(selection.from(), selection.to(), today, settings.fiscalYearStart());
      List<String> journals = ExportPlanner.journals(settings, selection.journals());
      Set<JournalKind> kinds = new LinkedHashSet<>();
      journals.forEach(code -> kinds.add(settings.journalOf(code).orElseThrow()));
      Map<String, Integer> journalOrder = new HashMap<>();
      for (int i = 0; i < journals.size(); i++) {
        journalOrder.put(journals.get(i), i);
      }
      return new Scope(period, journals, kinds, journalOrder);
    }

    /** The documents of the period a selection without explicit ids considers. */
    java.util.function.Predicate<StoredDocument> candidates(Selection selection) {
      return d -> kinds.contains(d.document().journal()) && (selection.reexport() || !d.isExported());
    }

    /** Where a booked document goes in the export's order. */
    PlanKey key(StoredDocument d, JournalEntry e) {
      return new PlanKey(journalOrder.getOrDefault(e.journalCode(), Integer.MAX_VALUE), e.date(), e.pieceRef(), d.id(),
          d.version(), d.isExported());
    }
  }

  public Plan plan(TenantId tenant, TenantSettings settings, Selection selection, LocalDate today) {
    Scope scope = Scope.of(settings, selection, today);
    List<StoredDocument> candidates = selection.isExplicit() ? explicit(tenant, selection.documentIds())
        : documents.listAll(tenant, scope.period(), scope.candidates(selection));
    Map<String, Document> known = new HashMap<>();
    candidates.forEach(d -> known.put(d.id(), d.document()));
    DocumentLookup lookup = cachingLookup(tenant, known);

    Bookkeeper bookkeeper = new Bookkeeper(settings);
    List<Planned> included = new ArrayList<>();
    List<Excluded> excluded = new ArrayList<>();
    for (StoredDocument d : candidates) {
      List<Anomaly> anomalies = new ArrayList<>();
      JournalEntry entry = assess(d, scope, today, selection, settings, bookkeeper, lookup, anomalies);
      if (entry != null) {
        included.add(new Planned(d, entry));
      } else {
        excluded.add(new Excluded(d, anomalies));
      }
    }
    included.sort(Comparator.comparing((Planned p) -> scope.key(p.document(), p.entry())));
    return new Plan(scope.period(), scope.journals(), included, excluded);
  }

  /** Documents read and booked per page by {@link #planKeys}: what sits in memory at once. */
  public static final int PLAN_PAGE = 1000;

  /**
   * Where a document goes in an export: its journal's rank in the selection, its entry date, piece
   * (in natural order) and id — the order entries are written in — with the version it was planned
   * at, and whether another export holds it already (a re-export takes it without claiming it).
   */
  public record PlanKey(int journal, LocalDate date, String piece, String documentId, long version, boolean exported)
      implements Comparable<PlanKey> {
    private static final Comparator<PlanKey> ORDER = Comparator.comparingInt(PlanKey::journal)
        .thenComparing(PlanKey::date).thenComparing(PlanKey::piece, PieceOrder.NATURAL).thenComparing(PlanKey::documentId);

    @Override
    public int compareTo(PlanKey o) {
      return ORDER.compare(this, o);
    }
  }

  /**
   * What an export will hold, without holding the documents: the same selection, eligibility and
   * booking as {@link #plan}, but read and booked one page of {@value #PLAN_PAGE} documents at a
   * time, keeping only each included document's {@link PlanKey} (sorted) and the excluded ones of
   * an explicit selection (at most {@link Selection#MAX_DOCUMENT_IDS}) — so a generation of 200,000
   * documents never holds them all.
   */
  public record KeyPlan(Period period, List<String> journals, List<PlanKey> included, List<Excluded> excluded,
      long excludedCount) {}

  public KeyPlan planKeys(TenantId tenant, TenantSettings settings, Selection selection, LocalDate today) {
    return planKeys(tenant, settings, selection, today, d -> List.of());
  }

  /**
   * The same, with {@code extra} checks of the export itself on each document that books (the
   * invoice PDFs of an export that builds bundles); their anomalies exclude it like the others.
   */
  public KeyPlan planKeys(TenantId tenant, TenantSettings settings, Selection selection, LocalDate today,
      java.util.function.Function<StoredDocument, List<Anomaly>> extra) {
    Scope scope = Scope.of(settings, selection, today);
    Bookkeeper bookkeeper = new Bookkeeper(settings);
    List<PlanKey> included = new ArrayList<>();
    List<Excluded> excluded = new ArrayList<>();
    long[] excludedCount = {0};
    java.util.function.Consumer<List<StoredDocument>> bookPage = page -> {
      Map<String, Document> known = new HashMap<>();
      page.forEach(d -> known.put(d.id(), d.document()));
      DocumentLookup lookup = cachingLookup(tenant, known);
      for (StoredDocument d : page) {
        List<Anomaly> anomalies = new ArrayList<>();
        JournalEntry e = assess(d, scope, today, selection, settings, bookkeeper, lookup, anomalies);
        if (e != null) {
          anomalies.addAll(extra.apply(d));
          e = anomalies.isEmpty() ? e : null;
        }
        if (e != null) {
          included.add(scope.key(d, e));
        } else {
          excludedCount[0]++;
          if (selection.isExplicit()) {
            excluded.add(new Excluded(d, anomalies));
          }
        }
      }
    };
    if (selection.isExplicit()) {
      bookPage.accept(explicit(tenant, selection.documentIds()));
    } else {
      String cursor = null;
      do {
        Page<StoredDocument> page = documents.list(tenant, scope.period(), scope.candidates(selection), cursor, PLAN_PAGE);
        bookPage.accept(page.items());
        cursor = page.nextCursor();
      } while (cursor != null);
    }
    included.sort(Comparator.naturalOrder());
    return new KeyPlan(scope.period(), scope.journals(), included, excluded, excludedCount[0]);
  }

  /**
   * Every entry the journals of {@code period} hold or would hold, for the reports: each document
   * booked in the period, exported or not, that an export of the period would take (the same
   * eligibility and booking, {@code reexport} on), one page of {@value #PLAN_PAGE} documents at a
   * time, in the repository's order (booking date, then id). Blocked documents are left out, as
   * from the journals.
   */
  public void forEachEntry(TenantId tenant, TenantSettings settings, Period period, LocalDate today,
      java.util.function.Consumer<JournalEntry> each) {
    forEachBooked(tenant, settings, period, today, (d, e) -> each.accept(e));
  }

  /** Every document booked in {@code period}, drafts and blocked ones included, a page at a time. */
  public void forEachDocument(TenantId tenant, Period period, java.util.function.Consumer<StoredDocument> each) {
    String cursor = null;
    do {
      Page<StoredDocument> page = documents.list(tenant, period, d -> true, cursor, PLAN_PAGE);
      page.items().forEach(each);
      cursor = page.nextCursor();
    } while (cursor != null);
  }

  /** The same, with each entry's document (the reports that read documents: collections, deferred revenue). */
  public void forEachBooked(TenantId tenant, TenantSettings settings, Period period, LocalDate today,
      java.util.function.BiConsumer<StoredDocument, JournalEntry> each) {
    Selection selection = new Selection(period.from(), period.to(), List.of(), List.of(), false, true);
    Scope scope = Scope.of(settings, selection, today);
    Bookkeeper bookkeeper = new Bookkeeper(settings);
    String cursor = null;
    do {
      Page<StoredDocument> page = documents.list(tenant, scope.period(), scope.candidates(selection), cursor, PLAN_PAGE);
      Map<String, Document> known = new HashMap<>();
      page.items().forEach(d -> known.put(d.id(), d.document()));
      DocumentLookup lookup = cachingLookup(tenant, known);
      for (StoredDocument d : page.items()) {
        JournalEntry e = assess(d, scope, today, selection, settings, bookkeeper, lookup, new ArrayList<>());
        if (e != null) {
          each.accept(d, e);
        }
      }
      cursor = page.nextCursor();
    } while (cursor != null);
  }

  /**
   * Whether one candidate goes into the export: its entry, or null with the anomalies that keep it
   * out (eligibility for the period and selection, another journal than the selection's, booking).
   */
  private static JournalEntry assess(StoredDocument d, Scope scope, LocalDate today, Selection selection,
      TenantSettings settings, Bookkeeper bookkeeper, DocumentLookup lookup, List<Anomaly> anomalies) {
    anomalies.addAll(Eligibility.check(d, scope.period(), selection.onlyValid(), selection.reexport(), today));
    if (selection.isExplicit() && !scope.kinds().contains(d.document().journal())) {
      anomalies.add(new Anomaly("OTHER_JOURNAL", "Booked in journal "
          + settings.journalCode(d.document().journal()) + ", which this selection does not include"));
    }
    BookingResult booking = bookkeeper.book(d.document(), lookup);
    anomalies.addAll(booking.anomalies());
    return anomalies.isEmpty() ? booking.entry() : null;
  }

  /** The journal codes asked for, each checked against the tenant's; empty = all, in book order. */
  static List<String> journals(TenantSettings settings, List<String> asked) {
    if (asked.isEmpty()) {
      List<String> all = new ArrayList<>();
      for (JournalKind k : JournalKind.values()) {
        all.add(settings.journalCode(k));
      }
      return all;
    }
    List<Violation> bad = new ArrayList<>();
    for (int i = 0; i < asked.size(); i++) {
      if (settings.journalOf(asked.get(i)).isEmpty()) {
        bad.add(Violation.of("journals[" + i + "]", "UNKNOWN_JOURNAL",
            "'" + asked.get(i) + "' is not one of this tenant's journals " + settings.journalCodes().values()));
      }
    }
    if (!bad.isEmpty()) {
      throw DomainException.invalid(bad);
    }
    return List.copyOf(new LinkedHashSet<>(asked));
  }

  private List<StoredDocument> explicit(TenantId tenant, List<String> ids) {
    if (ids.size() > Selection.MAX_DOCUMENT_IDS) {
      throw new DomainException(ErrorKind.TOO_LARGE, "TOO_MANY_DOCUMENTS",
          "At most " + Selection.MAX_DOCUMENT_IDS + " documentIds may be named");
    }
    List<String> unique = List.copyOf(new LinkedHashSet<>(ids));
    Map<String, StoredDocument> found = documents.findAll(tenant, unique);
    List<Violation> missing = new ArrayList<>();
    for (int i = 0; i < ids.size(); i++) {
      if (!found.containsKey(ids.get(i))) {
        missing.add(Violation.of("documentIds[" + i + "]", "DOCUMENT_NOT_FOUND", "no document " + ids.get(i)));
      }
    }
    if (!missing.isEmpty()) {
      throw DomainException.unprocessable("UNKNOWN_DOCUMENTS", missing.size() + " of the documentIds are unknown", missing);
    }
    List<StoredDocument> out = new ArrayList<>();
    unique.forEach(id -> out.add(found.get(id)));
    out.sort(Comparator.comparing((StoredDocument d) -> d.document().bookingDate()).thenComparing(StoredDocument::id));
    return out;
  }

  /** Looks related documents up among those already loaded first, then in the repository (once each). */
  public DocumentLookup cachingLookup(TenantId tenant, Map<String, Document> known) {
    Map<String, Optional<Document>> cache = new HashMap<>();
    Map<String, List<Document>> settlements = new HashMap<>();
    return new DocumentLookup() {
      @Override
      public Optional<Document> find(String id) {
        if (id == null) {
          return Optional.empty();
        }
        Document k = known.get(id);
        if (k != null) {
          return Optional.of(k);
        }
        return cache.computeIfAbsent(id, x -> documents.find(tenant, x).map(StoredDocument::document));
      }

      @Override
      public List<Document> settlementsOf(String id) {
        return id == null ? List.of() : settlements.computeIfAbsent(id,
            x -> documents.settlementsOf(tenant, x).stream().map(StoredDocument::document).toList());
      }
    };
  }

  /** A lookup for one-off bookings (a single document's view). */
  public DocumentLookup lookup(TenantId tenant) {
    return cachingLookup(tenant, Map.of());
  }
}
