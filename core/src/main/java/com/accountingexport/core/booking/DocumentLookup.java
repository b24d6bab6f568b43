package com.accountingexport.core.booking;

import com.accountingexport.core.document.Document;
import java.util.List;
import java.util.Optional;

/**
 * Finds the documents an entry depends on: a payment's invoices, a final invoice's deposits, and
 * the other settlements of the invoices a payment settles (the payment that completes an invoice
 * transfers the rest of its pending VAT, ACCOUNTING.md §5).
 */
@FunctionalInterface
public interface DocumentLookup {
  Optional<Document> find(String documentId);

  /**
   * Every settlement (payment, refund, supplier payment) that names {@code documentId} in its
   * {@code relatedDocumentId} or {@code relatedDocumentIds}, in any order; it may include the one
   * being booked. Empty when none is known.
   */
  default List<Document> settlementsOf(String documentId) {
    return List.of();
  }

  static DocumentLookup none() {
    return id -> Optional.empty();
  }
}
