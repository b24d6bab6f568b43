package com.accountingexport.core.format;

import com.accountingexport.core.document.Address;
import com.accountingexport.core.document.Counterparty;
import java.io.IOException;
import java.io.OutputStream;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * The accounts file that goes with a journal export (customers and suppliers), as CSV: one row per
 * auxiliary account (RFC 4180, CRLF, UTF-8, formula-like cells neutralised), the first record seen
 * for an account wins, records without an account are skipped. Keeps only the set of accounts
 * already written in memory. This CSV is what an export stores; every other format's accounts file
 * is rendered from it ({@link AccountsCsv}).
 */
public final class AccountsWriter implements AccountsFormat {
  public static final List<String> COLUMNS = List.of(
      "account", "name", "siret", "vatNumber", "address", "postalCode", "city", "countryCode", "email", "type",
      "collectiveAccount");
  public static final String CONTENT_TYPE = "text/csv; charset=UTF-8";
  static final String HEADER = String.join(",", COLUMNS);

  /** The record of a counterparty on {@code account}: its SIRET and country fall back to its billing address's. */
  public static AccountRecord record(Counterparty c, String account, String type, String collectiveAccount) {
    Address a = c.billingAddress();
    return new AccountRecord(account, type, collectiveAccount, c.name(),
        Fields.firstNonBlank(c.siret(), a == null ? null : a.siret()), c.vatNumber(),
        a == null ? null : street(a), a == null ? null : a.postalCode(), a == null ? null : a.city(),
        Fields.firstNonBlank(c.countryCode(), a == null ? null : a.countryCode()), c.email());
  }

  @Override
  public String fileExtension() {
    return "csv";
  }

  @Override
  public String contentType() {
    return CONTENT_TYPE;
  }

  /** Writes one row per distinct account. Flushes, does not close, out. */
  @Override
  public TextChanges write(Iterator<AccountRecord> accounts, OutputStream out) throws IOException {
    Rows rows = rows(out);
    while (accounts.hasNext()) {
      AccountRecord r = accounts.next();
      if (r != null) {
        rows.add(r);
      }
    }
    rows.finish();
    return TextChanges.NONE;
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

    /** Writes the record's row unless its account was written already (or is blank). */
    public void add(AccountRecord r) throws IOException {
      if (Fields.isBlank(r.account()) || !seen.add(r.account())) {
        return;
      }
      sink.appendCsv(r.account());
      sink.append(',');
      sink.appendCsv(r.name());
      sink.append(',');
      sink.appendCsv(r.siret());
      sink.append(',');
      sink.appendCsv(r.vatNumber());
      sink.append(',');
      sink.appendCsv(r.street());
      sink.append(',');
      sink.appendCsv(r.postalCode());
      sink.append(',');
      sink.appendCsv(r.city());
      sink.append(',');
      sink.appendCsv(r.countryCode());
      sink.append(',');
      sink.appendCsv(r.email());
      sink.append(',');
      sink.append(r.type());
      sink.append(',');
      sink.appendCsv(r.collectiveAccount());
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
