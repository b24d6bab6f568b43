package com.accountingexport.core.document;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * A document as the platform pushes it (shared/API.md). Shape is checked at the edge; invariants by
 * {@link DocumentRules}; what keeps it from exporting is reported as anomalies, not refused.
 *
 * <p>{@code exchangeRate}: units of {@code currency} per 1 EUR at the document date, for non-EUR
 * documents. {@code relatedDocumentId}: a credit note's invoice, a payment's or refund's invoice.
 */
public record Document(
    String id,
    DocumentType type,
    String number,
    LocalDate date,
    DocumentStatus status,
    String currency,
    BigDecimal exchangeRate,
    Counterparty counterparty,
    List<DocumentLine> lines,
    Totals totals,
    String relatedDocumentId,
    List<String> depositDocumentIds,
    PaymentInfo payment,
    String engagementNumber,
    String purchaseOrderNumber,
    LocalDate accountingPeriodEnd) {

  public Document {
    lines = lines == null ? List.of() : List.copyOf(lines);
    depositDocumentIds = depositDocumentIds == null ? List.of() : List.copyOf(depositDocumentIds);
    currency = currency == null ? "EUR" : currency;
  }

  public boolean isEuro() {
    return "EUR".equals(currency);
  }

  /** The piece reference: the number, else the id (never empty, ACCOUNTING.md §8). */
  public String pieceRef() {
    return number != null && !number.isBlank() ? number : id;
  }

  /** The date an entry is booked at: paidAt in the bank and cash journals, else the document date. */
  public LocalDate bookingDate() {
    boolean moneyJournal = type.journal() == com.accountingexport.core.booking.JournalKind.BANK
        || type.journal() == com.accountingexport.core.booking.JournalKind.CASH;
    if (moneyJournal && payment != null && payment.paidAt() != null) {
      return payment.paidAt();
    }
    return date;
  }
}
