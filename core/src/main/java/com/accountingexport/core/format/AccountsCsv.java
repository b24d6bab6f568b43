package com.accountingexport.core.format;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Reads an export's stored accounts CSV ({@link AccountsWriter}) back into records, one at a time,
 * so that any other format's accounts file can be rendered from it. Files written before the
 * {@code type} and {@code collectiveAccount} columns existed are read too: the type is then taken
 * from the account (a {@code 401}… sub-account is a supplier). The apostrophe that neutralised a
 * formula-like cell is removed again.
 */
public final class AccountsCsv implements Iterator<AccountRecord> {
  private final BufferedReader in;
  private int[] index;
  private AccountRecord next;

  public AccountsCsv(InputStream stream) {
    this.in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8), 1 << 16);
  }

  @Override
  public boolean hasNext() {
    if (next == null) {
      next = read();
    }
    return next != null;
  }

  @Override
  public AccountRecord next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    AccountRecord r = next;
    next = null;
    return r;
  }

  private AccountRecord read() {
    try {
      if (index == null) {
        List<String> header = row();
        if (header == null) {
          return null;
        }
        index = new int[AccountsWriter.COLUMNS.size()];
        for (int i = 0; i < index.length; i++) {
          index[i] = header.indexOf(AccountsWriter.COLUMNS.get(i));
        }
      }
      List<String> r = row();
      while (r != null && (r.size() == 1 && r.get(0).isEmpty())) {
        r = row();
      }
      if (r == null) {
        return null;
      }
      String account = cell(r, 0);
      String type = cell(r, 9);
      if (!AccountRecord.CUSTOMER.equals(type) && !AccountRecord.SUPPLIER.equals(type)) {
        type = account != null && account.startsWith("401") ? AccountRecord.SUPPLIER : AccountRecord.CUSTOMER;
      }
      return new AccountRecord(account == null ? "" : account, type, cell(r, 10), cell(r, 1), cell(r, 2),
          cell(r, 3), cell(r, 4), cell(r, 5), cell(r, 6), cell(r, 7), cell(r, 8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String cell(List<String> row, int column) {
    int i = index[column];
    if (i < 0 || i >= row.size() || row.get(i).isEmpty()) {
      return null;
    }
    String s = row.get(i);
    if (s.length() > 1 && s.charAt(0) == '\'' && TextSink.neutralised(s.substring(1)).length() == s.length()) {
      return s.substring(1); // written as '=… by the neutralisation: the value was =…
    }
    return s;
  }

  /** One RFC 4180 record (quoted fields may hold commas, quotes and line breaks), or null at the end. */
  private List<String> row() throws IOException {
    int c = in.read();
    if (c < 0) {
      return null;
    }
    List<String> fields = new ArrayList<>();
    StringBuilder f = new StringBuilder();
    boolean quoted = false;
    while (true) {
      if (quoted) {
        if (c < 0) {
          throw new IOException("unterminated quoted field in the accounts file");
        }
        if (c == '"') {
          int d = in.read();
          if (d == '"') {
            f.append('"');
          } else {
            quoted = false;
            c = d;
            continue;
          }
        } else {
          f.append((char) c);
        }
      } else if (c == '"' && f.isEmpty()) {
        quoted = true;
      } else if (c == ',') {
        fields.add(f.toString());
        f.setLength(0);
      } else if (c == '\r' || c == '\n' || c < 0) {
        if (c == '\r') {
          in.mark(1);
          if (in.read() != '\n') {
            in.reset();
          }
        }
        fields.add(f.toString());
        return fields;
      } else {
        f.append((char) c);
      }
      c = in.read();
    }
  }
}
