package com.accountingexport.core.export;

import java.util.List;

/** The outcome of re-checking the audit chain up to an export, and that export's files. */
public record Verification(String exportId, String exportNumber, boolean valid, int recordsChecked, int filesChecked,
    List<Problem> problems) {

  /** {@code kind}: record (a record's content changed), chain (a link is broken), file (bytes changed or gone). */
  public record Problem(String kind, String target, String message) {}
}
