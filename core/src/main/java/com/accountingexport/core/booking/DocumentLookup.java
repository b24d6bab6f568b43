package com.accountingexport.core.booking;

import com.accountingexport.core.document.Document;
import java.util.Optional;

/** Finds the documents an entry depends on (a payment's invoice, a final invoice's deposits). */
@FunctionalInterface
public interface DocumentLookup {
  Optional<Document> find(String documentId);

  static DocumentLookup none() {
    return id -> Optional.empty();
  }
}
