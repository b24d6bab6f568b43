package com.accountingexport.core.report;

/**
 * One column of a report: its id (the JSON field and the file header) and what its cells hold, so
 * that every file format writes them right: dates as dates, money as numbers with two decimals.
 */
public record ReportColumn(String id, Type type) {
  /** What the cells of a column hold. */
  public enum Type {
    /** A string (or null). */
    TEXT,
    /** A {@link java.time.LocalDate}. */
    DATE,
    /** A {@link java.math.BigDecimal} with two decimals, never a double. */
    MONEY,
    /** A whole number ({@link Long} or {@link Integer}). */
    COUNT
  }

  public static ReportColumn text(String id) {
    return new ReportColumn(id, Type.TEXT);
  }

  public static ReportColumn date(String id) {
    return new ReportColumn(id, Type.DATE);
  }

  public static ReportColumn money(String id) {
    return new ReportColumn(id, Type.MONEY);
  }

  public static ReportColumn count(String id) {
    return new ReportColumn(id, Type.COUNT);
  }
}
