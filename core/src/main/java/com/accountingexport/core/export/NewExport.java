package com.accountingexport.core.export;

import com.accountingexport.core.period.Period;
import java.time.Instant;
import java.util.List;

/**
 * What {@link com.accountingexport.core.port.ExportRepository#create} needs to open an export.
 *
 * @param planned how many documents the plan holds (the total of its claim progress)
 */
public record NewExport(
    String id, String numberingPattern, Period period, List<String> journals, String format, String pdf,
    boolean reexport, Instant createdAt, String createdBy, Instant leaseUntil, long planned) {

  public NewExport(String id, String numberingPattern, Period period, List<String> journals, String format, String pdf,
      boolean reexport, Instant createdAt, String createdBy, Instant leaseUntil) {
    this(id, numberingPattern, period, journals, format, pdf, reexport, createdAt, createdBy, leaseUntil, 0);
  }
}
