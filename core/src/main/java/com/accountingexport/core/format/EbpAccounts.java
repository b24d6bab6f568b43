package com.accountingexport.core.format;

import java.io.IOException;
import java.io.OutputStream;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * EBP's accounts file [ours: EBP documents no public layout for it]: a header line, then one line per
 * customer or supplier sub-account with {@link #COLUMNS}, {@code ,}-separated, every field between double
 * quotes (a {@code "} inside becomes {@code '}, counted, as in {@link EbpWriter}), Windows-1252, CRLF;
 * type {@code C} (customer) or {@code F} (supplier). The first record of an account wins and blank
 * accounts are skipped, as in {@link AccountsWriter}.
 */
public final class EbpAccounts implements AccountsFormat {
  public static final List<String> COLUMNS =
      List.of("account", "name", "address", "postalCode", "city", "countryCode", "email", "type");

  @Override
  public String fileExtension() {
    return "txt";
  }

  @Override
  public String contentType() {
    return "text/plain; charset=windows-1252";
  }

  @Override
  public TextChanges write(Iterator<AccountRecord> accounts, OutputStream out) throws IOException {
    EbpText text = new EbpText(Text.windows1252());
    TextSink sink = new TextSink(out, EbpWriter.CHARSET);
    for (int i = 0; i < COLUMNS.size(); i++) {
      field(sink, i, COLUMNS.get(i));
    }
    sink.crlf();
    Set<String> seen = new HashSet<>();
    while (accounts.hasNext()) {
      AccountRecord a = accounts.next();
      if (a == null || Fields.isBlank(a.account()) || !seen.add(a.account())) {
        continue;
      }
      field(sink, 0, text.quoted(a.account(), Integer.MAX_VALUE));
      field(sink, 1, text.quoted(a.name(), Integer.MAX_VALUE));
      field(sink, 2, text.quoted(a.street(), Integer.MAX_VALUE));
      field(sink, 3, text.quoted(a.postalCode(), Integer.MAX_VALUE));
      field(sink, 4, text.quoted(a.city(), Integer.MAX_VALUE));
      field(sink, 5, text.quoted(a.countryCode(), Integer.MAX_VALUE));
      field(sink, 6, text.quoted(a.email(), Integer.MAX_VALUE));
      field(sink, 7, a.supplier() ? "F" : "C");
      sink.crlf();
    }
    sink.flush();
    return text.changes();
  }

  /** {@code "value"} ({@code ""} for null), after a comma unless it is the first field. */
  private static void field(TextSink sink, int index, String value) throws IOException {
    if (index > 0) {
      sink.append(',');
    }
    sink.append('"');
    sink.append(value);
    sink.append('"');
  }
}
