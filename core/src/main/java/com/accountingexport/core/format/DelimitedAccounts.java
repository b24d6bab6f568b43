package com.accountingexport.core.format;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * An accounts file as delimited text in a format's own separator and encoding: a header line, then
 * one row per distinct account; text cleaned through the file's {@link Text} (counted), quoted when
 * needed (or always), neutralised against formula injection (these files open in spreadsheets).
 */
public final class DelimitedAccounts implements AccountsFormat {
  /** One column: its header and how a record fills it. */
  public record Column(String header, Function<AccountRecord, String> value) {}

  /** The columns of {@link AccountsWriter#COLUMNS}, in that order. */
  public static final List<Column> STANDARD = List.of(
      new Column("account", AccountRecord::account), new Column("name", AccountRecord::name),
      new Column("siret", AccountRecord::siret), new Column("vatNumber", AccountRecord::vatNumber),
      new Column("address", AccountRecord::street), new Column("postalCode", AccountRecord::postalCode),
      new Column("city", AccountRecord::city), new Column("countryCode", AccountRecord::countryCode),
      new Column("email", AccountRecord::email), new Column("type", AccountRecord::type),
      new Column("collectiveAccount", AccountRecord::collectiveAccount));

  private final char separator;
  private final Charset charset;
  private final boolean quoteAll;
  private final String extension;
  private final List<Column> columns;

  public DelimitedAccounts(char separator, Charset charset, boolean quoteAll, String extension, List<Column> columns) {
    this.separator = separator;
    this.charset = charset;
    this.quoteAll = quoteAll;
    this.extension = extension;
    this.columns = List.copyOf(columns);
  }

  @Override
  public String fileExtension() {
    return extension;
  }

  @Override
  public String contentType() {
    return "text/csv; charset=" + charset.name();
  }

  @Override
  public TextChanges write(Iterator<AccountRecord> accounts, OutputStream out) throws IOException {
    Text text = Text.of(charset);
    TextSink sink = new TextSink(out, charset);
    for (int i = 0; i < columns.size(); i++) {
      if (i > 0) {
        sink.append(separator);
      }
      cell(sink, text.clean(columns.get(i).header()));
    }
    sink.crlf();
    Set<String> seen = new HashSet<>();
    while (accounts.hasNext()) {
      AccountRecord r = accounts.next();
      if (r == null || Fields.isBlank(r.account()) || !seen.add(r.account())) {
        continue;
      }
      for (int i = 0; i < columns.size(); i++) {
        if (i > 0) {
          sink.append(separator);
        }
        cell(sink, text.clean(columns.get(i).value().apply(r)));
      }
      sink.crlf();
    }
    sink.flush();
    return text.changes();
  }

  private void cell(TextSink sink, String s) throws IOException {
    if (quoteAll && s != null) {
      sink.appendQuoted(TextSink.neutralised(s));
    } else {
      sink.appendDelimited(s, separator, true);
    }
  }
}
