package com.accountingexport.core.format;

import java.io.IOException;
import java.io.OutputStream;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Set;

/**
 * Quadratus's accounts file: one {@code C} record per customer or supplier sub-account (DOL's layout,
 * shared/FORMATS.md §5), padded to the 231 characters of the {@code M} records [ours], pure ASCII, CRLF:
 * account at 2 (8, cut and counted like in the M records), name at 10 (30), alphabetic key 40-46 blank,
 * collective account at 99 (8), type {@code C} (customer) or {@code F} (supplier) at 218. The first record
 * of an account wins and blank accounts are skipped, as in {@link AccountsWriter}.
 */
public final class QuadratusAccounts implements AccountsFormat {
  @Override
  public String fileExtension() {
    return "txt";
  }

  @Override
  public String contentType() {
    return "text/plain; charset=US-ASCII";
  }

  @Override
  public TextChanges write(Iterator<AccountRecord> accounts, OutputStream out) throws IOException {
    Text text = Text.ascii();
    AsciiSink sink = new AsciiSink(out);
    FixedRecord r = new FixedRecord(QuadratusWriter.WIDTH, text);
    Set<String> seen = new HashSet<>();
    while (accounts.hasNext()) {
      AccountRecord a = accounts.next();
      if (a == null || Fields.isBlank(a.account()) || !seen.add(a.account())) {
        continue;
      }
      r.clear()
          .at(1, 'C')
          .left(2, 8, a.account())
          .left(10, 30, a.label())
          .left(99, 8, a.collectiveAccount())
          .at(218, a.supplier() ? 'F' : 'C')
          .writeTo(sink);
    }
    sink.flush();
    return text.changes();
  }
}
