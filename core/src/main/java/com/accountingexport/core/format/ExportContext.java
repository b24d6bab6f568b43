package com.accountingexport.core.format;

import com.accountingexport.core.lettering.LetterLookup;
import java.time.LocalDate;
import java.util.Objects;

/**
 * What a format needs besides the entries.
 *
 * @param exportNumber the export's number (per-tenant sequence), used in file names
 * @param validationDate the export's generation date: FEC {@code ValidDate}
 * @param siren the tenant's SIREN (9 digits), or null when unknown
 * @param periodEnd the last day of the exported period: the date in the FEC file name
 * @param letters the lettering of the entries (FEC {@code EcritureLet}/{@code DateLet}), computed
 *     beforehand over the same entries; {@link LetterLookup#none()} (null is taken as none) when
 *     nothing is lettered
 */
public record ExportContext(String exportNumber, LocalDate validationDate, String siren, LocalDate periodEnd,
    LetterLookup letters) {
  public ExportContext {
    Objects.requireNonNull(exportNumber, "exportNumber");
    Objects.requireNonNull(validationDate, "validationDate");
    Objects.requireNonNull(periodEnd, "periodEnd");
    letters = letters == null ? LetterLookup.none() : letters;
  }

  /** A context without lettering. */
  public ExportContext(String exportNumber, LocalDate validationDate, String siren, LocalDate periodEnd) {
    this(exportNumber, validationDate, siren, periodEnd, LetterLookup.none());
  }

  /** This context with {@code letters} as its lettering. */
  public ExportContext withLetters(LetterLookup letters) {
    return new ExportContext(exportNumber, validationDate, siren, periodEnd, letters);
  }

  /** The file name {@code writer} produces for this export; see {@link ExportFormats#fileName}. */
  public String fileName(ExportWriter writer) {
    return ExportFormats.fileName(writer, this);
  }
}
