package com.accountingexport.core.format;

import java.time.LocalDate;
import java.util.Objects;

/**
 * What a format needs besides the entries.
 *
 * @param exportNumber the export's number (per-tenant sequence), used in file names
 * @param validationDate the export's generation date: FEC {@code ValidDate}
 * @param siren the tenant's SIREN (9 digits), or null when unknown
 * @param periodEnd the last day of the exported period: the date in the FEC file name
 */
public record ExportContext(String exportNumber, LocalDate validationDate, String siren, LocalDate periodEnd) {
  public ExportContext {
    Objects.requireNonNull(exportNumber, "exportNumber");
    Objects.requireNonNull(validationDate, "validationDate");
    Objects.requireNonNull(periodEnd, "periodEnd");
  }

  /** The file name {@code writer} produces for this export; see {@link ExportFormats#fileName}. */
  public String fileName(ExportWriter writer) {
    return ExportFormats.fileName(writer, this);
  }
}
