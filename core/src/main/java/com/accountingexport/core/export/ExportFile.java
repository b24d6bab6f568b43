package com.accountingexport.core.export;

/**
 * One stored file of an export. {@code kind}: journal, accounts, entries (the frozen entries every
 * format is rendered from), invoices-zip, invoices-pdf, report. {@code key} is its object key.
 */
public record ExportFile(String kind, String format, String key, long bytes, String sha256) {
  public static final String JOURNAL = "journal";
  public static final String ACCOUNTS = "accounts";
  public static final String ENTRIES = "entries";
}
