package com.accountingexport.core.report;

import com.accountingexport.core.auth.Caller;
import com.accountingexport.core.auth.Screen;
import com.accountingexport.core.auth.TenantId;
import com.accountingexport.core.booking.JournalEntry;
import com.accountingexport.core.error.DomainException;
import com.accountingexport.core.error.Violation;
import com.accountingexport.core.export.Download;
import com.accountingexport.core.export.EntryCodec;
import com.accountingexport.core.export.Export;
import com.accountingexport.core.export.ExportFile;
import com.accountingexport.core.export.ExportFiles;
import com.accountingexport.core.export.ExportService;
import com.accountingexport.core.format.TableFiles;
import com.accountingexport.core.format.TextChanges;
import com.accountingexport.core.period.Period;
import com.accountingexport.core.port.ExportRepository;
import com.accountingexport.core.port.FileStore;
import com.accountingexport.core.service.Access;
import com.accountingexport.core.service.DocumentQuery;
import com.accountingexport.core.service.DocumentService;
import com.accountingexport.core.service.DocumentView;
import com.accountingexport.core.service.ExportPlanner;
import com.accountingexport.core.service.SettingsService;
import com.accountingexport.core.settings.TenantSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * {@code GET /reports/…}: reports computed from the same documents, eligibility and booking rules
 * as the journals, streamed through an aggregator, answered as a table (JSON) or a file (CSV, XLSX)
 * behind a presigned link; and the same reports of one export, from its frozen entries.
 */
public final class ReportService {
  public static final String TRIAL_BALANCE = "trial-balance";
  /** The reports an export offers as file kinds (those computed from entries alone). */
  public static final List<String> EXPORT_REPORTS = List.of(TRIAL_BALANCE, VatSummary.ID, JournalByDay.ID);
  /** The file kind of everything at once. */
  public static final String ALL = "all";

  private final ExportPlanner planner;
  private final DocumentService documents;
  private final SettingsService settings;
  private final ExportFiles files;
  private final ExportService exports;
  private final ExportRepository exportRepository;
  private final Clock clock;
  private final Duration linkTtl;

  public ReportService(ExportPlanner planner, DocumentService documents, SettingsService settings, ExportFiles files,
      ExportService exports, ExportRepository exportRepository, Clock clock, Duration linkTtl) {
    this.planner = planner;
    this.documents = documents;
    this.settings = settings;
    this.files = files;
    this.exports = exports;
    this.exportRepository = exportRepository;
    this.clock = clock;
    this.linkTtl = linkTtl;
  }

  /** The query parameters a report or list may take. */
  public record Query(LocalDate from, LocalDate to, LocalDate at, String level) {}

  /** {@code GET /reports/{name}}: the report as a table. */
  public ReportTable report(Caller caller, String name, Query q) {
    return switch (name) {
      case TRIAL_BALANCE -> trialBalance(caller, q.from(), q.to(), level(q.level()));
      case VatSummary.ID -> vatSummary(caller, q.from(), q.to());
      case JournalByDay.ID -> journalByDay(caller, q.from(), q.to());
      case CollectionsJournal.ID -> collections(caller, q.from(), q.to());
      case DeferredRevenue.ID -> deferredRevenue(caller, q.from(), q.at());
      default -> throw unknown("report", name, REPORTS);
    };
  }

  /**
   * Collected, deductible and pending VAT per month, account and rate, and the net VAT due; pending
   * balances carried from the start of the fiscal year. Only the roles allowed on the VAT-summary
   * page (seed 004).
   */
  public ReportTable vatSummary(Caller caller, LocalDate from, LocalDate to) {
    TenantSettings s = settings.get(caller.tenant());
    Access.require(caller, s, Screen.VAT_SUMMARY);
    Period period = period(s, from, to);
    VatSummary vat = new VatSummary(s.accounts());
    withOpening(caller.tenant(), s, period, vat::opening, vat::add);
    return vat.table(period.from(), period.to());
  }

  /** The journal centralised per journal and day (the old {@code centralised-csv}, as a report). */
  public ReportTable journalByDay(Caller caller, LocalDate from, LocalDate to) {
    TenantSettings s = settings.get(caller.tenant());
    Access.require(caller, s, Screen.EXPORTS);
    Period period = period(s, from, to);
    JournalByDay j = new JournalByDay();
    planner.forEachEntry(caller.tenant(), s, period, LocalDate.now(clock), j::add);
    return j.table(period.from(), period.to());
  }

  /** Payments received per day and method with the invoices they settle (seed 003, encaissements). */
  public ReportTable collections(Caller caller, LocalDate from, LocalDate to) {
    TenantSettings s = settings.get(caller.tenant());
    Access.require(caller, s, Screen.EXPORTS);
    Period period = period(s, from, to);
    CollectionsJournal c = new CollectionsJournal(planner.lookup(caller.tenant()));
    planner.forEachBooked(caller.tenant(), s, period, LocalDate.now(clock), (d, e) -> c.add(d.document()));
    return c.table(period.from(), period.to());
  }

  /**
   * Produits constatés d'avance at {@code at} (default today): every invoice line booked from
   * {@code from} (default two years before {@code at}) to {@code at} whose service runs past it.
   */
  public ReportTable deferredRevenue(Caller caller, LocalDate from, LocalDate at) {
    TenantSettings s = settings.get(caller.tenant());
    Access.require(caller, s, Screen.EXPORTS);
    LocalDate day = at == null ? LocalDate.now(clock) : at;
    DeferredRevenue deferred = new DeferredRevenue(s, day);
    planner.forEachBooked(caller.tenant(), s, history(from, day), LocalDate.now(clock), (d, e) -> deferred.add(d.document()));
    return deferred.table();
  }

  /** {@code GET /lists/{name}}: the list as a table. Roles of the exports page. */
  public ReportTable list(Caller caller, String name, Query q) {
    TenantSettings s = settings.get(caller.tenant());
    Access.require(caller, s, Screen.EXPORTS);
    TenantId tenant = caller.tenant();
    LocalDate today = LocalDate.now(clock);
    switch (name) {
      case InvoiceList.ID -> {
        Period period = period(s, q.from(), q.to());
        InvoiceList invoices = new InvoiceList();
        forEachView(caller, period, invoices::add);
        return invoices.table(period.from(), period.to());
      }
      case PaymentList.ID -> {
        Period period = period(s, q.from(), q.to());
        PaymentList payments = new PaymentList(planner.lookup(tenant));
        forEachView(caller, period, payments::add);
        return payments.table(period.from(), period.to());
      }
      case CustomerBalances.ID -> {
        LocalDate at = q.at() == null ? today : q.at();
        CustomerBalances balances = new CustomerBalances(s, at);
        planner.forEachBooked(tenant, s, history(q.from(), at), today, (d, e) -> {
          balances.counterparty(s, d.document());
          balances.add(e);
        });
        return balances.table(null, at);
      }
      case UnpaidInvoices.ID -> {
        LocalDate at = q.at() == null ? today : q.at();
        UnpaidInvoices unpaid = new UnpaidInvoices(s, at);
        planner.forEachDocument(tenant, history(q.from(), at), d -> unpaid.add(d.document()));
        return unpaid.table(null, at);
      }
      case CashClosing.ID -> {
        Period period = period(s, q.from(), q.to());
        CashClosing cash = new CashClosing(s);
        planner.forEachDocument(tenant, period, d -> cash.add(d.document()));
        return cash.table(period.from(), period.to());
      }
      default -> throw unknown("list", name, LISTS);
    }
  }

  /** Every document of the period as the documents API shows it (export state included), a page at a time. */
  private void forEachView(Caller caller, Period period, Consumer<DocumentView> each) {
    String cursor = null;
    do {
      var page = documents.list(caller, new DocumentQuery(period.from(), period.to(), null, null, null, null, cursor,
          DocumentService.MAX_LIMIT));
      page.items().forEach(each);
      cursor = page.nextCursor();
    } while (cursor != null);
  }

  /**
   * A list as a file. {@code invoices} and {@code payments}, one row per document, stream into a CSV
   * or XLSX as the documents are read (in their repository order, booking date then id), holding only
   * the totals, so their length is not bounded by memory; the others (aggregated) are computed, then
   * written.
   */
  public Download listFile(Caller caller, String name, Query q, TableFiles.Format format) {
    boolean streams = (name.equals(InvoiceList.ID) || name.equals(PaymentList.ID)) && format != TableFiles.Format.PDF;
    if (!streams) {
      return file(caller.tenant(), list(caller, name, q), format);
    }
    TenantSettings s = settings.get(caller.tenant());
    Access.require(caller, s, Screen.EXPORTS);
    Period period = period(s, q.from(), q.to());
    boolean isInvoices = name.equals(InvoiceList.ID);
    String fileName = name + "-" + period.from() + "-" + period.to() + "." + format.extension();
    return reportFile(caller.tenant(), name, fileName, format, out -> {
      TableFiles.RowWriter writer = TableFiles.open(name, isInvoices ? InvoiceList.COLUMNS : PaymentList.COLUMNS, format,
          out);
      Consumer<List<Object>> rows = cells -> {
        try {
          writer.row(cells);
        } catch (IOException x) {
          throw new UncheckedIOException(x);
        }
      };
      if (isInvoices) {
        InvoiceList invoices = new InvoiceList().streaming(rows);
        forEachView(caller, period, invoices::add);
        return writer.finish(invoices.totals());
      }
      PaymentList payments = new PaymentList(planner.lookup(caller.tenant())).streaming(rows);
      forEachView(caller, period, payments::add);
      return writer.finish(payments.totals());
    });
  }

  /**
   * The documents a balance at {@code at} reads: from {@code from}, by default two years before
   * {@code at} (the start of that month): older open items need an earlier {@code from}.
   */
  private static Period history(LocalDate from, LocalDate at) {
    LocalDate start = from == null ? at.minusYears(2).withDayOfMonth(1) : from;
    if (start.isAfter(at)) {
      throw DomainException.invalid(List.of(Violation.of("from", "INVALID_PERIOD", "must not be after at (" + at + ")")));
    }
    return new Period(start, at);
  }

  /** The reports built so far. */
  public static final List<String> REPORTS = List.of(TRIAL_BALANCE, VatSummary.ID, DeferredRevenue.ID,
      CollectionsJournal.ID, JournalByDay.ID);
  /** The management lists (seed 003). */
  public static final List<String> LISTS = List.of(InvoiceList.ID, PaymentList.ID, CustomerBalances.ID,
      UnpaidInvoices.ID, CashClosing.ID);

  private static DomainException unknown(String what, String name, List<String> known) {
    return DomainException.notFound(what.toUpperCase(java.util.Locale.ROOT) + "_NOT_FOUND", "No " + what + " '" + name
        + "'" + (known.isEmpty() ? "" : "; " + what + "s: " + String.join(", ", known)));
  }

  private static TrialBalance.Level level(String wire) {
    if (wire == null) {
      return TrialBalance.Level.GENERAL;
    }
    return TrialBalance.Level.fromWire(wire).orElseThrow(() -> DomainException.invalid(List.of(Violation.of("level",
        "INVALID_VALUE", "must be general, customers or suppliers"))));
  }

  /**
   * {@code GET /exports/{id}/files/<report>?format=csv|xlsx}: the report of that export's frozen
   * entries, rendered once and kept with the export's files.
   */
  public Download exportFile(Caller caller, String exportId, String report, String format) {
    Export e = exports.withFiles(caller, exportId);
    if (report.equals(VatSummary.ID)) {
      Access.require(caller, settings.get(caller.tenant()), Screen.VAT_SUMMARY);
    }
    TableFiles.Format f = TableFiles.Format.fromWire(format == null ? "csv" : format).orElseThrow(() ->
        DomainException.invalid(List.of(Violation.of("format", "UNKNOWN_FORMAT", "a report file is csv, xlsx or pdf"))));
    String name = e.number() + "-" + report + "." + f.extension();
    ExportFile file = e.file(report, f.extension()).orElseGet(() -> {
      ReportTable table = ofExport(caller.tenant(), e, report);
      String key = ExportFiles.prefix(caller.tenant(), e.id()) + report + "." + f.extension();
      ExportFile rendered = files.render(key, f.contentType(), report, f.extension(), out -> TableFiles.write(table, f, out));
      exportRepository.addFile(caller.tenant(), e.id(), rendered);
      return rendered;
    });
    FileStore.Link link = files.store().link(file.key(), name, linkTtl);
    return new Download(report, f.extension(), link.url(), link.expiresAt(), file.sha256(), file.bytes(), name,
        file.changes());
  }

  /** The period asked for: both bounds, or what is missing from the fiscal year (as for exports). */
  public Period period(TenantSettings s, LocalDate from, LocalDate to) {
    Period p = Period.resolve(from, to, LocalDate.now(clock), s.fiscalYearStart());
    if (p.from().isAfter(p.to())) {
      throw DomainException.invalid(List.of(Violation.of("to", "INVALID_PERIOD", "must not be before from (" + p.from() + ")")));
    }
    return p;
  }

  /**
   * The trial balance of {@code from}..{@code to}: opening balances from the entries of the same
   * fiscal year before {@code from}, then the period's movements. Roles of the exports page.
   */
  public ReportTable trialBalance(Caller caller, LocalDate from, LocalDate to, TrialBalance.Level level) {
    TenantSettings s = settings.get(caller.tenant());
    Access.require(caller, s, Screen.EXPORTS);
    Period period = period(s, from, to);
    TrialBalance tb = new TrialBalance(level, s.accounts().customer(), s.accounts().supplier());
    withOpening(caller.tenant(), s, period, tb::opening, tb::period);
    return tb.table(period.from(), period.to());
  }

  /**
   * Feeds {@code opening} with the entries of the fiscal year before {@code period} (none when it
   * starts the year), then {@code movements} with the period's.
   */
  private void withOpening(TenantId tenant, TenantSettings s, Period period, Consumer<JournalEntry> opening,
      Consumer<JournalEntry> movements) {
    LocalDate today = LocalDate.now(clock);
    Period fiscalYear = Period.fiscalYear(period.from(), s.fiscalYearStart());
    if (fiscalYear.from().isBefore(period.from())) {
      planner.forEachEntry(tenant, s, new Period(fiscalYear.from(), period.from().minusDays(1)), today, opening);
    }
    planner.forEachEntry(tenant, s, period, today, movements);
  }

  /** A report of one export, from its frozen entries (no opening balance: the export's movements). */
  public ReportTable ofExport(TenantId tenant, Export e, String report) {
    TenantSettings s = settings.get(tenant);
    switch (report) {
      case TRIAL_BALANCE -> {
        TrialBalance tb = new TrialBalance(TrialBalance.Level.GENERAL, s.accounts().customer(), s.accounts().supplier());
        frozenEntries(e, tb::period);
        return tb.table(e.period().from(), e.period().to());
      }
      case VatSummary.ID -> {
        VatSummary vat = new VatSummary(s.accounts());
        frozenEntries(e, vat::add);
        return vat.table(e.period().from(), e.period().to());
      }
      case JournalByDay.ID -> {
        JournalByDay j = new JournalByDay();
        frozenEntries(e, j::add);
        return j.table(e.period().from(), e.period().to());
      }
      default -> throw DomainException.notFound("FILE_NOT_AVAILABLE", "Export " + e.number() + " has no " + report + " report");
    }
  }

  /** The reports of an export this caller may read (the VAT summary needs its page). */
  private List<String> exportReports(Caller caller) {
    TenantSettings s = settings.get(caller.tenant());
    return EXPORT_REPORTS.stream().filter(r -> !r.equals(VatSummary.ID) || s.canSee(Screen.VAT_SUMMARY, caller.role()))
        .toList();
  }

  /**
   * {@code GET /exports/{id}/files/all}: one ZIP, streamed to S3 once and kept, holding the journal in
   * the tenant's default format, the accounts file (in that format's layout when it has one), every
   * report of the export, the invoice PDF bundles when it built them, and {@code manifest.csv}
   * (file, bytes, SHA-256 of each). The first download of it moves READY to DOWNLOADED like any file.
   */
  public Download everything(Caller caller, String exportId) {
    Built built = buildAll(caller, exportId);
    Export e = built.export();
    ExportFile file = built.file();
    String name = e.number() + "-all.zip";
    FileStore.Link link = files.store().link(file.key(), name, linkTtl);
    exports.downloaded(caller, e);
    return new Download(ALL, "zip", link.url(), link.expiresAt(), file.sha256(), file.bytes(), name, TextChanges.NONE);
  }

  /**
   * {@code POST /exports} with {@code bundle: true}: the ZIP of {@link #everything} built right after
   * the export, without counting as its download; the export answered with it among its files.
   */
  public Export bundle(Caller caller, String exportId) {
    buildAll(caller, exportId);
    return exports.find(caller, exportId);
  }

  private record Built(Export export, ExportFile file) {}

  private Built buildAll(Caller caller, String exportId) {
    TenantSettings s = settings.get(caller.tenant());
    ExportService.Resolved journal = exports.resolve(caller, exportId, ExportFile.JOURNAL, s.defaultFormat());
    Export e = journal.export();
    // the VAT summary is in it only for the roles of its page: two kept files, never one shared
    boolean withVat = s.canSee(Screen.VAT_SUMMARY, caller.role());
    String variant = withVat ? "zip" : "zip-without-vat";
    ExportFile file = e.file(ALL, variant).orElseGet(() -> {
      List<ExportService.Resolved> parts = new java.util.ArrayList<>();
      parts.add(journal);
      String accountsFormat = files.formats().find(caller.tenant(), s.defaultFormat())
          .filter(w -> w.accounts().isPresent()).map(w -> w.id()).orElse(null);
      parts.add(exports.resolve(caller, exportId, ExportFile.ACCOUNTS, accountsFormat));
      for (String kind : List.of(ExportFile.INVOICES_ZIP, ExportFile.INVOICES_PDF)) {
        if (e.file(kind, null).isPresent()) {
          parts.add(exports.resolve(caller, exportId, kind, null));
        }
      }
      String key = ExportFiles.prefix(caller.tenant(), e.id()) + (withVat ? "all.zip" : "all-without-vat.zip");
      ExportFile zip = files.render(key, "application/zip", ALL, variant, out -> {
        writeZip(caller.tenant(), e, parts, exportReports(caller), periodTables(caller, e), out);
        return TextChanges.NONE;
      });
      exportRepository.addFile(caller.tenant(), e.id(), zip);
      return zip;
    });
    return new Built(e, file);
  }

  /**
   * What the ZIP adds from the live documents of the export's period: the reports that read
   * documents (collections, deferred revenue at the period's end) and the management lists.
   */
  private List<ReportTable> periodTables(Caller caller, Export e) {
    Query period = new Query(e.period().from(), e.period().to(), e.period().to(), null);
    List<ReportTable> tables = new java.util.ArrayList<>();
    tables.add(collections(caller, period.from(), period.to()));
    tables.add(deferredRevenue(caller, null, period.at()));
    for (String list : LISTS) {
      Query q = list.equals(CustomerBalances.ID) || list.equals(UnpaidInvoices.ID)
          ? new Query(null, null, period.at(), null) : period;
      tables.add(list(caller, list, q));
    }
    return tables;
  }

  private void writeZip(TenantId tenant, Export e, List<ExportService.Resolved> parts, List<String> reports,
      List<ReportTable> periodTables, java.io.OutputStream out) throws IOException {
    java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(out, java.nio.charset.StandardCharsets.UTF_8);
    StringBuilder manifest = new StringBuilder("file,bytes,sha256\r\n");
    java.util.Set<String> names = new java.util.HashSet<>();
    for (ExportService.Resolved part : parts) {
      zipEntry(zip, manifest, unique(names, part.fileName()), entry -> {
        try (InputStream in = files.store().open(part.file().key())) {
          in.transferTo(entry);
        }
      });
    }
    List<ReportTable> tables = new java.util.ArrayList<>();
    for (String report : reports) {
      tables.add(ofExport(tenant, e, report));
    }
    tables.addAll(periodTables);
    for (ReportTable table : tables) {
      zipEntry(zip, manifest, unique(names, e.number() + "-" + table.id() + ".csv"),
          entry -> TableFiles.write(table, TableFiles.Format.CSV, entry));
    }
    zip.putNextEntry(new java.util.zip.ZipEntry("manifest.csv"));
    zip.write(manifest.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    zip.closeEntry();
    zip.finish();
    zip.flush();
  }

  /** One ZIP entry written by {@code body}, hashed on the way, and its manifest line. */
  private static void zipEntry(java.util.zip.ZipOutputStream zip, StringBuilder manifest, String entry,
      ExportFiles.Body body) throws IOException {
    zip.putNextEntry(new java.util.zip.ZipEntry(entry));
    com.accountingexport.core.export.HashingOutputStream hashed = new com.accountingexport.core.export.HashingOutputStream(zip);
    body.write(hashed); // its close() would only flush: the ZIP stays open
    zip.closeEntry();
    manifest.append(entry).append(',').append(hashed.bytes()).append(',').append(hashed.sha256()).append("\r\n");
  }

  /** {@code name}, or {@code name} with {@code -2}, {@code -3}… before its extension when taken. */
  private static String unique(java.util.Set<String> names, String name) {
    String candidate = name;
    int dot = name.lastIndexOf('.');
    for (int i = 2; !names.add(candidate); i++) {
      candidate = dot < 0 ? name + "-" + i : name.substring(0, dot) + "-" + i + name.substring(dot);
    }
    return candidate;
  }

  private void frozenEntries(Export e, Consumer<JournalEntry> each) {
    ExportFile entries = e.file(ExportFile.ENTRIES, null).orElseThrow(() -> DomainException.notFound(
        "FILE_NOT_AVAILABLE", "Export " + e.number() + " has no frozen entries"));
    try (InputStream in = files.store().open(entries.key())) {
      Iterator<JournalEntry> it = EntryCodec.read(in);
      it.forEachRemaining(each);
    } catch (IOException x) {
      throw new UncheckedIOException(x);
    }
  }

  /**
   * The report as a file of its own in the tenant's reports area, behind an expiring link named
   * {@code <report>-<from>-<to>.<ext>}.
   */
  public Download file(TenantId tenant, ReportTable table, TableFiles.Format format) {
    String name = table.id() + (table.from() == null ? "" : "-" + table.from()) + "-" + table.to() + "." + format.extension();
    return reportFile(tenant, table.id(), name, format, out -> TableFiles.write(table, format, out));
  }

  /** Writes a report file under {@code reports/<tenant>/<random>/} (expired by the bucket after a day) and links it. */
  private Download reportFile(TenantId tenant, String kind, String fileName, TableFiles.Format format,
      ExportFiles.Rendered body) {
    String key = "reports/" + tenant.value() + "/" + UUID.randomUUID() + "/" + fileName;
    ExportFile f = files.render(key, format.contentType(), kind, format.extension(), body);
    FileStore.Link link = files.store().link(key, fileName, linkTtl);
    return new Download(kind, format.extension(), link.url(), link.expiresAt(), f.sha256(), f.bytes(), fileName,
        f.changes());
  }
}
