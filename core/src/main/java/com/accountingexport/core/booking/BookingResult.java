package com.accountingexport.core.booking;

import java.util.List;
import java.util.Optional;

/** A document's entry, or the anomalies that keep it from being booked (never both empty). */
public record BookingResult(JournalEntry entry, List<Anomaly> anomalies) {
  public BookingResult {
    anomalies = List.copyOf(anomalies);
  }

  public static BookingResult booked(JournalEntry entry) {
    return new BookingResult(entry, List.of());
  }

  public static BookingResult blocked(List<Anomaly> anomalies) {
    return new BookingResult(null, anomalies);
  }

  public boolean isBlocked() {
    return !anomalies.isEmpty();
  }

  public Optional<JournalEntry> entryIfBooked() {
    return isBlocked() ? Optional.empty() : Optional.ofNullable(entry);
  }
}
