package com.accountingexport.core.export;

import com.accountingexport.core.period.Period;
import java.time.Instant;
import java.util.List;

/** What {@link com.accountingexport.core.port.ExportRepository#create} needs to open an export. */
public record NewExport(
    String id, String numberingPattern, Period period, List<String> journals, String format, String pdf,
    boolean reexport, Instant createdAt, String createdBy, Instant leaseUntil) {}
