package com.accountingexport.core.format;

import java.io.IOException;
import java.io.OutputStream;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The accounts files of the {@code ;}-separated Windows-1252 formats (Sage, ACD), which differ only
 * by their header and column order [ours: neither vendor documents an accounts file]: a header
 * line, then one row per customer or supplier sub-account, CRLF, every text cell neutralised
 * ({@link CsvRow}), type {@code C} (customer) or {@code F} (supplier), the account cut at
 * {@value #ACCOUNT_MAX} characters and the name at {@value #NAME_MAX} (counted). The first record
 * seen for an account wins; records without an account are skipped.
 */
abstract class SemicolonAccounts implements AccountsFormat {
  static final int ACCOUNT_MAX = 17;
  static final int NAME_MAX = 35;

  /** What a column holds. */
  enum Column {
    ACCOUNT(AccountRecord::account, ACCOUNT_MAX),
    TYPE(r -> r.supplier() ? "F" : "C", 1),
    NAME(AccountRecord::label, NAME_MAX),
    COLLECTIVE_ACCOUNT(AccountRecord::collectiveAccount, Integer.MAX_VALUE),
    ADDRESS(AccountRecord::street, Integer.MAX_VALUE),
    POSTAL_CODE(AccountRecord::postalCode, Integer.MAX_VALUE),
    CITY(AccountRecord::city, Integer.MAX_VALUE),
    COUNTRY(AccountRecord::countryCode, Integer.MAX_VALUE),
    SIRET(AccountRecord::siret, Integer.MAX_VALUE),
    VAT_NUMBER(AccountRecord::vatNumber, Integer.MAX_VALUE),
    EMAIL(AccountRecord::email, Integer.MAX_VALUE);

    private final Function<AccountRecord, String> value;
    private final int max;

    Column(Function<AccountRecord, String> value, int max) {
      this.value = value;
      this.max = max;
    }
  }

  private final String header;
  private final List<Column> columns;

  /** {@code headers.get(i)} names {@code columns.get(i)}. */
  SemicolonAccounts(List<String> headers, List<Column> columns) {
    if (headers.size() != columns.size()) {
      throw new IllegalArgumentException("one header per column");
    }
    this.header = String.join(";", headers);
    this.columns = List.copyOf(columns);
  }

  @Override
  public String fileExtension() {
    return "csv";
  }

  @Override
  public String contentType() {
    return "text/csv; charset=windows-1252";
  }

  @Override
  public TextChanges write(Iterator<AccountRecord> accounts, OutputStream out) throws IOException {
    Text text = Text.windows1252();
    TextSink sink = new TextSink(out, text.charset());
    sink.append(header);
    sink.crlf();
    CsvRow row = new CsvRow(sink, text, ';', ',');
    Set<String> seen = new HashSet<>();
    while (accounts.hasNext()) {
      AccountRecord r = accounts.next();
      if (r == null || Fields.isBlank(r.account()) || !seen.add(r.account())) {
        continue;
      }
      for (Column c : columns) {
        row.text(c.value.apply(r), c.max);
      }
      row.end();
    }
    sink.flush();
    return text.changes();
  }
}
