package com.accountingexport.core.format;

import com.accountingexport.core.document.Address;
import com.accountingexport.core.document.Counterparty;
import java.io.IOException;
import java.io.OutputStream;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The accounts file that goes with a journal export (customers and suppliers): one CSV row per auxiliary account
 * (RFC 4180, CRLF), the first counterparty seen for an account wins, counterparties without an
 * account are skipped. Keeps only the set of accounts already written in memory.
 */
public final class AccountsWriter {
  public static final List<String> COLUMNS = List.of(
      "account", "name", "siret", "vatNumber", "address", "postalCode", "city", "countryCode", "email");
  public static final String CONTENT_TYPE = "text/csv; charset=UTF-8";
  private static final String HEADER = String.join(",", COLUMNS);

  /** {@code <exportNumber>-accounts.csv}. */
  public static String fileName(ExportContext context) {
    return ExportFormats.safeFilePart(context.exportNumber()) + "-accounts.csv";
  }

  /**
   * Writes one row per distinct account; {@code auxAccountOf} gives a counterparty's auxiliary
   * account (its own, or one derived from the tenant's settings). Flushes, does not close, out.
   */
  public void write(Iterator<Counterparty> counterparties, Function<Counterparty, String> auxAccountOf,
      OutputStream out) throws IOException {
    Rows rows = rows(out);
    while (counterparties.hasNext()) {
      Counterparty c = counterparties.next();
      if (c != null) {
        rows.add(c, auxAccountOf.apply(c));
      }
    }
    rows.finish();
  }

  /** The header now, then a row per {@link Rows#add} of an account not met before: for writers that stream. */
  public Rows rows(OutputStream out) throws IOException {
    TextSink sink = new TextSink(out);
    sink.append(HEADER);
    sink.crlf();
    return new Rows(sink);
  }

  /** Rows being written; only the accounts already written are kept in memory. */
  public static final class Rows {
    private final TextSink sink;
    private final Set<String> seen = new HashSet<>();

    private Rows(TextSink sink) {
      this.sink = sink;
    }

    /** Writes the counterparty's row unless its account was written already (or is blank). */
    public void add(Counterparty c, String account) throws IOException {
      if (Fields.isBlank(account) || !seen.add(account)) {
        return;
      }
      Address a = c.billingAddress();
      sink.appendCsv(account);
      sink.append(',');
      sink.appendCsv(c.name());
      sink.append(',');
      sink.appendCsv(Fields.firstNonBlank(c.siret(), a == null ? null : a.siret()));
      sink.append(',');
      sink.appendCsv(c.vatNumber());
      sink.append(',');
      sink.appendCsv(a == null ? null : street(a));
      sink.append(',');
      sink.appendCsv(a == null ? null : a.postalCode());
      sink.append(',');
      sink.appendCsv(a == null ? null : a.city());
      sink.append(',');
      sink.appendCsv(Fields.firstNonBlank(c.countryCode(), a == null ? null : a.countryCode()));
      sink.append(',');
      sink.appendCsv(c.email());
      sink.crlf();
    }

    /** Flushes what is written; the stream stays open. */
    public void finish() throws IOException {
      sink.flush();
    }
  }

  /** line1 and line2 joined by ", ", blanks left out. */
  private static String street(Address a) {
    boolean one = !Fields.isBlank(a.line1());
    boolean two = !Fields.isBlank(a.line2());
    if (one && two) {
      return a.line1() + ", " + a.line2();
    }
    return one ? a.line1() : two ? a.line2() : null;
  }
}
