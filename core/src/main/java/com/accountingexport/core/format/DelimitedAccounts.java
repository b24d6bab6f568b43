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
 * one row per distinct account (the first record seen wins, records without an account are
 * skipped), CRLF. Cells go through {@link CsvRow}: cleaned for the encoding (counted), neutralised
 * against formula injection (these files open in spreadsheets), cut at the column's limit
 * (counted), quoted when needed or always.
 */
public final class DelimitedAccounts implements AccountsFormat {
  /** One column: its header, how a record fills it, and its length limit. */
  public record Column(String header, Function<AccountRecord, String> value, int max) {
    public Column(String header, Function<AccountRecord, String> value) {
      this(header, value, Integer.MAX_VALUE);
    }
  }

  /** The columns of {@link AccountsWriter#COLUMNS}, in that order. */
  public static final List<Column> STANDARD = List.of(
      new Column("account", AccountRecord::account), new Column("name", AccountRecord::name),
      new Column("siret", AccountRecord::siret), new Column("vatNumber", AccountRecord::vatNumber),
      new Column("address", AccountRecord::street), new Column("postalCode", AccountRecord::postalCode),
      new Column("city", AccountRecord::city), new Column("countryCode", AccountRecord::countryCode),
      new Column("email", AccountRecord::email), new Column("type", AccountRecord::type),
      new Column("collectiveAccount", AccountRecord::collectiveAccount));

  /** Sub-account length in the Sage and ACD accounts files. */
  static final int ACCOUNT_MAX = 17;
  /** Name length in the Sage and ACD accounts files. */
  static final int NAME_MAX = 35;

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

  /**
   * The customers and suppliers of a Sage (PNM or CSV), Cegid TRA or Ciel XIMPORT export [ours:
   * none of them documents an account record for these imports; their import wizards map a
   * delimited file once]: {@code ;}, Windows-1252, Type {@code C} customer / {@code F} supplier,
   * Compte ≤ 17, Intitule ≤ 35.
   */
  public static DelimitedAccounts semicolons() {
    return semicolons(List.of(
        new Column("Compte", AccountRecord::account, ACCOUNT_MAX), new Column("Type", DelimitedAccounts::cf, 1),
        new Column("Intitule", AccountRecord::label, NAME_MAX),
        new Column("CompteCollectif", AccountRecord::collectiveAccount), new Column("Adresse", AccountRecord::street),
        new Column("CodePostal", AccountRecord::postalCode), new Column("Ville", AccountRecord::city),
        new Column("Pays", AccountRecord::countryCode), new Column("Siret", AccountRecord::siret),
        new Column("TVAIntracom", AccountRecord::vatNumber), new Column("Email", AccountRecord::email)));
  }

  /** The same for ACD [ours: ACD documents no accounts file], name second. */
  public static DelimitedAccounts acd() {
    return semicolons(List.of(
        new Column("Compte", AccountRecord::account, ACCOUNT_MAX), new Column("Nom", AccountRecord::label, NAME_MAX),
        new Column("Type", DelimitedAccounts::cf, 1), new Column("CompteCollectif", AccountRecord::collectiveAccount),
        new Column("Adresse", AccountRecord::street), new Column("CodePostal", AccountRecord::postalCode),
        new Column("Ville", AccountRecord::city), new Column("Pays", AccountRecord::countryCode),
        new Column("Siret", AccountRecord::siret), new Column("TVAIntracom", AccountRecord::vatNumber),
        new Column("Email", AccountRecord::email)));
  }

  private static DelimitedAccounts semicolons(List<Column> columns) {
    return new DelimitedAccounts(';', Charset.forName("windows-1252"), false, "csv", columns);
  }

  private static String cf(AccountRecord r) {
    return r.supplier() ? "F" : "C";
  }

  /** The header names, in order. */
  public List<String> headers() {
    return columns.stream().map(Column::header).toList();
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
    CsvRow row = new CsvRow(sink, text, separator, '.', quoteAll);
    for (Column c : columns) {
      row.text(c.header());
    }
    row.end();
    Set<String> seen = new HashSet<>();
    while (accounts.hasNext()) {
      AccountRecord r = accounts.next();
      if (r == null || Fields.isBlank(r.account()) || !seen.add(r.account())) {
        continue;
      }
      for (Column c : columns) {
        row.text(c.value().apply(r), c.max());
      }
      row.end();
    }
    sink.flush();
    return text.changes();
  }
}
