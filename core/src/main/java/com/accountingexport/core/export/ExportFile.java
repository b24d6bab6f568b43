package com.accountingexport.core.export;

/**
 * One stored file of an export. {@code kind}: journal, accounts, entries (the frozen entries every
 * format is rendered from), invoices-zip, invoices-pdf, report. {@code key} is its object key.
 */
public record ExportFile(String kind, String format, String key, long bytes, String sha256) {
  public static final String JOURNAL = "journal";
  public static final String ACCOUNTS = "accounts";
  /** One PDF per invoice, credit note and deposit invoice, in a ZIP with a manifest. */
  public static final String INVOICES_ZIP = "invoices-zip";
  /** Every invoice's pages in one PDF, a bookmark each. */
  public static final String INVOICES_PDF = "invoices-pdf";
  public static final String ENTRIES = "entries";
}
