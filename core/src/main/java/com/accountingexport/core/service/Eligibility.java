package com.accountingexport.core.service;

import com.accountingexport.core.booking.Anomaly;
import com.accountingexport.core.booking.AnomalyCode;
import com.accountingexport.core.document.Document;
import com.accountingexport.core.document.DocumentStatus;
import com.accountingexport.core.document.StoredDocument;
import com.accountingexport.core.period.Period;
import java.util.ArrayList;
import java.util.List;

/**
 * The checks that decide whether a document may go into an export, apart from booking: its status,
 * the period asked for and whether an active export already holds it (seeds 000 and 001).
 */
public final class Eligibility {
  private Eligibility() {}

  /**
   * @param period the export's period, or null when none applies (a single document's view)
   * @param onlyValid refuse documents pending validation or whose validation was refused
   * @param reexport take documents already exported too (seed 002)
   * @param today a document booked after it waits (its entry would be dated after the export that
   *     validates it: ValidDate before EcritureDate)
   */
  public static List<Anomaly> check(StoredDocument stored, Period period, boolean onlyValid, boolean reexport,
      java.time.LocalDate today) {
    List<Anomaly> out = new ArrayList<>();
    Document d = stored.document();
    if (stored.isExported() && !reexport) {
      out.add(Anomaly.of(AnomalyCode.ALREADY_EXPORTED,
          "Already exported in " + stored.export().exportNumber() + "; cancel that export to export it again"));
    }
    if (d.status() == DocumentStatus.DRAFT) {
      out.add(Anomaly.of(AnomalyCode.DRAFT, "A draft is not exported: validate or issue it first"));
    } else if (onlyValid && d.status() != DocumentStatus.VALIDATED) {
      String why = d.status() == DocumentStatus.VALIDATION_REFUSED ? "its validation was refused" : "it is pending validation";
      out.add(Anomaly.of(AnomalyCode.NOT_VALIDATED, "Only valid documents are exported and " + why));
    }
    if (period != null && !period.contains(d.bookingDate())) {
      out.add(Anomaly.of(AnomalyCode.OUTSIDE_PERIOD, (d.bookingDate().equals(d.date()) ? "Dated " : "Booked on ")
          + d.bookingDate() + ", outside the period " + period.from() + " to " + period.to()));
    }
    if (today != null && d.bookingDate() != null && d.bookingDate().isAfter(today)) {
      out.add(Anomaly.of(AnomalyCode.FUTURE_DATED, "Booked on " + d.bookingDate()
          + ", after today: it waits until that day (an entry is never validated before its date)"));
    }
    if (period != null && d.accountingPeriodEnd() != null && d.accountingPeriodEnd().isAfter(period.to())) {
      out.add(Anomaly.of(AnomalyCode.ACCOUNTING_PERIOD_AFTER_END,
          "Its accounting period ends " + d.accountingPeriodEnd() + ", after the end of the export (" + period.to() + ")"));
    }
    if (period != null && d.validatedAt() != null
        && d.validatedAt().atZone(java.time.ZoneOffset.UTC).toLocalDate().isAfter(period.to())) {
      out.add(Anomaly.of(AnomalyCode.VALIDATED_AFTER_EXPORT, "Validated on "
          + d.validatedAt().atZone(java.time.ZoneOffset.UTC).toLocalDate() + " (UTC), after the end of the export ("
          + period.to() + "): it goes into an export whose period ends on or after that day"));
    }
    return out;
  }
}
