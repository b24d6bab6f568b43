package com.accountingexport.core.format;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;

/**
 * The accounts file of {@link XlsxWriter}: one sheet, "Accounts", row 1 the columns of the stored
 * accounts CSV ({@link AccountsWriter#COLUMNS}), then one row per record, every cell text, cleaned
 * and neutralised like the journal's ({@link XlsxSheet}). Null records are skipped; the stored CSV
 * it is rendered from already holds each account once.
 */
public final class XlsxAccounts implements AccountsFormat {
  private static final int[] WIDTHS = {12, 32, 16, 16, 32, 10, 20, 8, 28, 10, 12};

  @Override
  public String fileExtension() {
    return "xlsx";
  }

  @Override
  public String contentType() {
    return XlsxSheet.CONTENT_TYPE;
  }

  @Override
  public TextChanges write(Iterator<AccountRecord> accounts, OutputStream out) throws IOException {
    XlsxSheet sheet = new XlsxSheet(out, Text.of(StandardCharsets.UTF_8), "Accounts", AccountsWriter.COLUMNS, WIDTHS);
    while (accounts.hasNext()) {
      AccountRecord r = accounts.next();
      if (r == null) {
        continue;
      }
      sheet.startRow();
      sheet.text(r.account());
      sheet.text(r.name());
      sheet.text(r.siret());
      sheet.text(r.vatNumber());
      sheet.text(r.street());
      sheet.text(r.postalCode());
      sheet.text(r.city());
      sheet.text(r.countryCode());
      sheet.text(r.email());
      sheet.text(r.type());
      sheet.text(r.collectiveAccount());
      sheet.endRow();
    }
    return sheet.finish();
  }
}
