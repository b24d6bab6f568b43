package com.accountingexport.core.export;

import com.accountingexport.core.format.TextChanges;

/**
 * One stored file of an export. {@code kind}: journal, accounts, entries (the frozen entries every
 * format is rendered from), invoices-zip, invoices-pdf, report. {@code key} is its object key;
 * {@code changes} what its format had to transliterate or cut (never null).
 */
public record ExportFile(String kind, String format, String key, long bytes, String sha256, TextChanges changes) {
  public static final String JOURNAL = "journal";
  public static final String ACCOUNTS = "accounts";
  /** One PDF per invoice, credit note and deposit invoice, in a ZIP with a manifest. */
  public static final String INVOICES_ZIP = "invoices-zip";
  /** Every invoice's pages in one PDF, a bookmark each. */
  public static final String INVOICES_PDF = "invoices-pdf";
  public static final String ENTRIES = "entries";

  public ExportFile {
    changes = changes == null ? TextChanges.NONE : changes;
  }

  /** A file whose text was written as given. */
  public ExportFile(String kind, String format, String key, long bytes, String sha256) {
    this(kind, format, key, bytes, sha256, TextChanges.NONE);
  }
}
