package com.accountingexport.core.format;

import com.accountingexport.core.document.Counterparty;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Iterator;
import java.util.function.Function;

/** Temporary stub until the formats land. */
public final class AccountsWriter {
  public void write(Iterator<Counterparty> counterparties, Function<Counterparty, String> auxAccountOf, OutputStream out)
      throws IOException {
    throw new UnsupportedOperationException();
  }
}
