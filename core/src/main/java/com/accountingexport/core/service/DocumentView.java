package com.accountingexport.core.service;

import com.accountingexport.core.booking.Anomaly;
import com.accountingexport.core.document.ExportState;
import com.accountingexport.core.document.StoredDocument;
import java.util.List;

/** A stored document as the API shows it: with its export state and the anomalies that block it. */
public record DocumentView(StoredDocument stored, ExportState exportState, List<Anomaly> anomalies) {
  public DocumentView {
    anomalies = List.copyOf(anomalies);
  }
}
