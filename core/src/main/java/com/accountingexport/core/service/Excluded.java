package com.accountingexport.core.service;

import com.accountingexport.core.booking.Anomaly;
import com.accountingexport.core.document.StoredDocument;
import java.util.List;

/** A document left out of a preview or an export, with the reasons. */
public record Excluded(StoredDocument document, List<Anomaly> anomalies) {
  public Excluded {
    anomalies = List.copyOf(anomalies);
  }
}
