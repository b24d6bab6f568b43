package com.accountingexport.core.export;

import com.accountingexport.core.auth.Caller;
import com.accountingexport.core.auth.Screen;
import com.accountingexport.core.auth.TenantId;
import com.accountingexport.core.booking.JournalEntry;
import com.accountingexport.core.booking.JournalKind;
import com.accountingexport.core.document.PieceOrder;
import com.accountingexport.core.error.DomainException;
import com.accountingexport.core.error.Violation;
import com.accountingexport.core.format.CharsetOutputStream;
import com.accountingexport.core.format.ExportContext;
import com.accountingexport.core.format.ExportFormats;
import com.accountingexport.core.format.FecValidator;
import com.accountingexport.core.format.FecWriter;
import com.accountingexport.core.lettering.LetterLookup;
import com.accountingexport.core.period.Period;
import com.accountingexport.core.port.ExportRepository;
import com.accountingexport.core.port.FileStore;
import com.accountingexport.core.port.Page;
import com.accountingexport.core.service.Access;
import com.accountingexport.core.service.SettingsService;
import com.accountingexport.core.settings.TenantSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.PriorityQueue;

/**
 * The fiscal-year FEC (art. L47 A and A47 A-1 LPF, ACCOUNTING.md §11): every entry of one fiscal
 * year, rebuilt from the frozen entries of the tenant's active exports (READY or DOWNLOADED;
 * cancelled and failed ones are out), numbered afresh (EcritureNum unique and continuous in the
 * file), in journal order then chronological within each journal, lettered across exports, named
 * {@code <SIREN>FEC<closing date>.txt}, validated before it is handed out.
 *
 * <p>How: for each journal in turn, the entries of that journal in every source export are merged
 * (each export's entries file is already ordered by date, piece and id within a journal), so that
 * at most one open stream per source export and one entry per stream sit in memory; an entry met
 * in two exports (a re-export) is written once. The lettering pass reads the same merge once more.
 *
 * <p>The file is stored once per set of sources and options ({@code fiscal-years/<year>/<fingerprint>/}):
 * asking again without a new or cancelled export answers the same file (same bytes, same SHA-256).
 */
public final class FiscalYearFec {
  public static final List<String> SEPARATORS = List.of("tab", "pipe");
  public static final List<String> ENCODINGS = List.of("utf-8", "iso-8859-15");
  /** The sidecar that marks a stored file complete and valid: {@code <sha256> <bytes>}. */
  static final String DONE_SUFFIX = ".sha256";

  private final ExportRepository exports;
  private final SettingsService settings;
  private final ExportFiles files;
  private final Clock clock;
  private final Duration linkTtl;

  public FiscalYearFec(ExportRepository exports, SettingsService settings, ExportFiles files, Clock clock, Duration linkTtl) {
    this.exports = Objects.requireNonNull(exports, "exports");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.files = Objects.requireNonNull(files, "files");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.linkTtl = Objects.requireNonNull(linkTtl, "linkTtl");
  }

  /**
   * A link to the FEC of the fiscal year that closes in {@code year}.
   *
   * @param year the calendar year in which the fiscal year closes (per settings {@code fiscalYearStart})
   * @param separator {@code tab} (default) or {@code pipe}
   * @param encoding {@code utf-8} (default) or {@code iso-8859-15}
   * @throws DomainException 400 for a bad parameter, 409 {@code SIREN_REQUIRED} without a SIREN,
   *     404 {@code NO_EXPORTED_ENTRIES} when no active export holds an entry of that year, 422
   *     {@code INVALID_FEC} if the file does not pass the checks
   */
  public Download build(Caller caller, String year, String separator, String encoding) {
    TenantSettings s = settings.get(caller.tenant());
    Access.require(caller, s, Screen.EXPORTS);
    List<Violation> bad = new ArrayList<>();
    int closing = parseYear(year, bad);
    String sep = separator == null ? "tab" : separator.toLowerCase(Locale.ROOT);
    if (!SEPARATORS.contains(sep)) {
      bad.add(Violation.of("separator", "INVALID_VALUE", "must be one of " + SEPARATORS));
    }
    String enc = encoding == null ? "utf-8" : encoding.toLowerCase(Locale.ROOT);
    if (!ENCODINGS.contains(enc)) {
      bad.add(Violation.of("encoding", "INVALID_VALUE", "must be one of " + ENCODINGS));
    }
    if (!bad.isEmpty()) {
      throw DomainException.invalid(bad);
    }
    String siren = ExportFormats.siren(s.siren());
    if (siren == null) {
      throw DomainException.conflict("SIREN_REQUIRED", "A FEC is named after the company's SIREN"
          + " (<SIREN>FEC<closing date>.txt) and settings have none: set settings.siren (9 digits) first");
    }
    Period fiscalYear = fiscalYear(s.fiscalYearStart(), closing);
    TenantId tenant = caller.tenant();
    List<Export> sources = sources(tenant, fiscalYear);
    if (sources.isEmpty()) {
      throw DomainException.notFound("NO_EXPORTED_ENTRIES", "No active export holds entries of the fiscal year "
          + fiscalYear.from() + " to " + fiscalYear.to() + ": generate the exports of that year first");
    }
    FecWriter writer = sep.equals("pipe") ? FecWriter.pipe() : FecWriter.tab();
    Charset charset = enc.equals("utf-8") ? StandardCharsets.UTF_8 : FecValidator.ISO_8859_15;
    // ValidDate: the day the last of these exports was generated, on or after every entry's date
    LocalDate validated = sources.stream().map(e -> LocalDate.ofInstant(e.createdAt(), ZoneOffset.UTC))
        .max(Comparator.naturalOrder()).orElseThrow();
    ExportContext context = new ExportContext("FY" + closing, validated, siren, fiscalYear.to());
    String fileName = ExportFormats.fileName(writer, context);
    String key = "tenants/" + tenant.value() + "/fiscal-years/" + closing + "/"
        + fingerprint(sources, sep, enc, siren, s.fiscalYearStart()) + "/" + fileName;
    ExportFile file = stored(key).orElseGet(() -> write(tenant, key, sources, fiscalYear, s, writer, charset, context));
    FileStore.Link link = files.store().link(file.key(), fileName, linkTtl);
    return new Download("fec", writer.id(), link.url(), link.expiresAt(), file.sha256(), file.bytes(), fileName);
  }

  private ExportFile write(TenantId tenant, String key, List<Export> sources, Period fiscalYear, TenantSettings s,
      FecWriter writer, Charset charset, ExportContext context) {
    LetterLookup letters;
    try (EntryStream entries = new EntryStream(sources, fiscalYear, s)) {
      letters = files.lettering(tenant, writer, entries);
    }
    ExportContext lettered = context.withLetters(letters);
    String contentType = "text/plain; charset=" + (charset.equals(StandardCharsets.UTF_8) ? "UTF-8" : "ISO-8859-15");
    ExportFile file = files.write(key, contentType, "fec", writer.id(), out -> {
      try (EntryStream entries = new EntryStream(sources, fiscalYear, s)) {
        if (charset.equals(StandardCharsets.UTF_8)) {
          writer.write(entries, lettered, out);
        } else {
          CharsetOutputStream latin9 = new CharsetOutputStream(out, charset);
          writer.write(entries, lettered, latin9);
          latin9.close();
        }
      }
    });
    files.requireValidFec(file, charset, "The FEC of the fiscal year " + fiscalYear.from() + " to " + fiscalYear.to());
    files.write(key + DONE_SUFFIX, "text/plain; charset=UTF-8", "fec-done", null,
        out -> out.write((file.sha256() + " " + file.bytes()).getBytes(StandardCharsets.US_ASCII)));
    return file;
  }

  /** The file stored by an earlier request for exactly these sources and options, if it completed. */
  private java.util.Optional<ExportFile> stored(String key) {
    if (!files.store().exists(key + DONE_SUFFIX)) {
      return java.util.Optional.empty();
    }
    try (InputStream in = files.store().open(key + DONE_SUFFIX)) {
      String[] parts = new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim().split(" ");
      return java.util.Optional.of(new ExportFile("fec", null, key, Long.parseLong(parts[1]), parts[0]));
    } catch (IOException | RuntimeException e) {
      return java.util.Optional.empty(); // unreadable marker: build again
    }
  }

  /** The active exports whose period meets the fiscal year, oldest first. */
  private List<Export> sources(TenantId tenant, Period fiscalYear) {
    List<Export> out = new ArrayList<>();
    String cursor = null;
    do {
      Page<Export> page = exports.list(tenant, e -> (e.status() == ExportStatus.READY || e.status() == ExportStatus.DOWNLOADED)
          && !e.period().to().isBefore(fiscalYear.from()) && !e.period().from().isAfter(fiscalYear.to()), cursor, 500);
      out.addAll(page.items());
      cursor = page.nextCursor();
    } while (cursor != null);
    out.removeIf(e -> e.file(ExportFile.ENTRIES, null).isEmpty());
    out.sort(Comparator.comparing(Export::createdAt).thenComparing(Export::id));
    return out;
  }

  /** The fiscal year that closes in {@code year}: from the start day of the year before (or of that year for 01-01). */
  static Period fiscalYear(MonthDay start, int year) {
    LocalDate begin = start.equals(MonthDay.of(1, 1)) ? LocalDate.of(year, 1, 1) : start.atYear(year - 1);
    return new Period(begin, begin.plusYears(1).minusDays(1));
  }

  private static int parseYear(String year, List<Violation> bad) {
    if (year == null || !year.matches("^\\d{4}$") || Integer.parseInt(year) < 1990 || Integer.parseInt(year) > 2999) {
      bad.add(Violation.of("year", "INVALID_VALUE", "must be the calendar year the fiscal year closes in, e.g. 2026"));
      return 0;
    }
    return Integer.parseInt(year);
  }

  /** What decides the file's bytes: the sources (each by its entries' SHA-256) and the options. */
  private static String fingerprint(List<Export> sources, String sep, String enc, String siren, MonthDay start) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update((sep + "|" + enc + "|" + siren + "|" + start + "|").getBytes(StandardCharsets.UTF_8));
      for (Export e : sources) {
        ExportFile entries = e.file(ExportFile.ENTRIES, null).orElseThrow();
        sha.update((e.id() + ":" + entries.sha256() + ";").getBytes(StandardCharsets.UTF_8));
      }
      return HexFormat.of().formatHex(sha.digest()).substring(0, 24);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The rank of a journal code: the tenant's journals in book order, then unknown codes. */
  private static int rank(TenantSettings s, String code) {
    return s.journalOf(code).map(JournalKind::ordinal).orElse(JournalKind.values().length);
  }

  /**
   * The entries of the fiscal year, journal after journal (book order, then codes no longer in the
   * settings alphabetically), each journal merged from every source by date, piece (natural order)
   * and document id, an entry of a document already written skipped.
   */
  private final class EntryStream extends Lookahead<JournalEntry> implements AutoCloseable {
    private final List<Export> sources;
    private final Period fiscalYear;
    private final List<String> journals;
    private int journal = -1;
    private final List<Source> open = new ArrayList<>();
    private final PriorityQueue<Source> queue = new PriorityQueue<>(Comparator.comparing(
        (Source x) -> x.head.date()).thenComparing(x -> x.head.pieceRef(), PieceOrder.NATURAL)
        .thenComparing(x -> x.head.documentId(), Comparator.nullsFirst(Comparator.naturalOrder())));
    private String lastDocument;
    private String lastJournal;

    EntryStream(List<Export> sources, Period fiscalYear, TenantSettings settings) {
      this.sources = sources;
      this.fiscalYear = fiscalYear;
      java.util.Set<String> codes = new java.util.TreeSet<>();
      sources.forEach(e -> codes.addAll(e.journals()));
      List<String> ordered = new ArrayList<>(codes);
      ordered.sort(Comparator.comparingInt((String c) -> rank(settings, c)).thenComparing(Comparator.naturalOrder()));
      this.journals = ordered;
    }

    @Override
    protected JournalEntry advance() {
      while (true) {
        if (queue.isEmpty()) {
          closeOpen();
          journal++;
          if (journal >= journals.size()) {
            return null;
          }
          for (Export e : sources) {
            if (e.journals().contains(journals.get(journal))) {
              Source src = new Source(e, journals.get(journal));
              open.add(src);
              if (src.advance()) {
                queue.add(src);
              }
            }
          }
          continue;
        }
        Source src = queue.poll();
        JournalEntry e = src.head;
        if (src.advance()) {
          queue.add(src);
        }
        boolean duplicate = e.documentId() != null && e.documentId().equals(lastDocument)
            && e.journalCode().equals(lastJournal);
        if (!duplicate) {
          lastDocument = e.documentId();
          lastJournal = e.journalCode();
          return e;
        }
      }
    }

    private void closeOpen() {
      for (Source src : open) {
        src.close();
      }
      open.clear();
    }

    @Override
    public void close() {
      queue.clear();
      closeOpen();
    }

    /** One export's entries of one journal within the fiscal year, read as they come. */
    private final class Source implements AutoCloseable {
      private final InputStream in;
      private final Iterator<JournalEntry> entries;
      private final String code;
      JournalEntry head;

      Source(Export e, String code) {
        this.code = code;
        this.in = files.store().open(e.file(ExportFile.ENTRIES, null).orElseThrow().key());
        this.entries = EntryCodec.read(in);
      }

      boolean advance() {
        while (entries.hasNext()) {
          JournalEntry e = entries.next();
          if (e.journalCode().equals(code) && fiscalYear.contains(e.date()) && !e.lines().isEmpty()) {
            head = e;
            return true;
          }
        }
        head = null;
        close();
        return false;
      }

      @Override
      public void close() {
        try {
          in.close();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
  }
}
