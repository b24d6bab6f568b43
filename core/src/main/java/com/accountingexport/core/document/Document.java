package com.accountingexport.core.document;

import com.accountingexport.core.booking.JournalKind;
import com.accountingexport.core.settings.VatRegime;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * A document as the platform pushes it (shared/API.md). Shape is checked at the edge; invariants by
 * {@link DocumentRules}; what keeps it from exporting is reported as anomalies, not refused.
 *
 * <p>{@code exchangeRate}: units of {@code currency} per 1 EUR at the document date, for non-EUR
 * documents. {@code relatedDocumentId}: a credit note's invoice, a payment's or refund's invoice.
 * {@code relatedDocumentIds}: the documents a settlement pays, each with its amount (a payment of
 * several invoices). {@code vatRegime}: on a purchase-side document, the supplier's regime for its
 * services (null = collections, the legal default); ignored on sales documents, which follow the
 * tenant's setting. {@code validatedAt}: when the document was validated (seed 001: a document
 * validated after an export's end date waits for the next export). {@code dueDate}: when payment is
 * due (printed on the invoice), null = {@code paymentTermsDays} after its date.
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
    LocalDate accountingPeriodEnd,
    List<Allocation> relatedDocumentIds,
    VatRegime vatRegime,
    Instant validatedAt,
    LocalDate dueDate) {

  public Document {
    lines = lines == null ? List.of() : List.copyOf(lines);
    depositDocumentIds = depositDocumentIds == null ? List.of() : List.copyOf(depositDocumentIds);
    relatedDocumentIds = relatedDocumentIds == null ? List.of() : List.copyOf(relatedDocumentIds);
    currency = currency == null ? "EUR" : currency;
  }

  /** A document without allocations, supplier regime or validation time. */
  public Document(String id, DocumentType type, String number, LocalDate date, DocumentStatus status, String currency,
      BigDecimal exchangeRate, Counterparty counterparty, List<DocumentLine> lines, Totals totals,
      String relatedDocumentId, List<String> depositDocumentIds, PaymentInfo payment, String engagementNumber,
      String purchaseOrderNumber, LocalDate accountingPeriodEnd) {
    this(id, type, number, date, status, currency, exchangeRate, counterparty, lines, totals, relatedDocumentId,
        depositDocumentIds, payment, engagementNumber, purchaseOrderNumber, accountingPeriodEnd, null, null, null, null);
  }

  /** A document without a due date (it is then due {@code paymentTermsDays} after its date). */
  public Document(String id, DocumentType type, String number, LocalDate date, DocumentStatus status, String currency,
      BigDecimal exchangeRate, Counterparty counterparty, List<DocumentLine> lines, Totals totals,
      String relatedDocumentId, List<String> depositDocumentIds, PaymentInfo payment, String engagementNumber,
      String purchaseOrderNumber, LocalDate accountingPeriodEnd, List<Allocation> relatedDocumentIds,
      VatRegime vatRegime, Instant validatedAt) {
    this(id, type, number, date, status, currency, exchangeRate, counterparty, lines, totals, relatedDocumentId,
        depositDocumentIds, payment, engagementNumber, purchaseOrderNumber, accountingPeriodEnd, relatedDocumentIds,
        vatRegime, validatedAt, null);
  }

  /** Its {@code dueDate}, else {@code paymentTermsDays} after its date. */
  public LocalDate dueDateOr(int paymentTermsDays) {
    return dueDate != null ? dueDate : date == null ? null : date.plusDays(paymentTermsDays);
  }

  /**
   * What this settlement pays: its {@code relatedDocumentIds}, else its {@code relatedDocumentId}
   * for its whole amount (amount null); empty when it names none.
   */
  public List<Allocation> allocations() {
    if (!relatedDocumentIds.isEmpty()) {
      return relatedDocumentIds;
    }
    return relatedDocumentId == null ? List.of() : List.of(new Allocation(relatedDocumentId, null));
  }

  /** Every document this one refers to: its related document(s) and deposits, each once. */
  public List<String> links() {
    List<String> out = new ArrayList<>();
    if (relatedDocumentId != null) {
      out.add(relatedDocumentId);
    }
    relatedDocumentIds.forEach(a -> {
      if (a.documentId() != null && !out.contains(a.documentId())) {
        out.add(a.documentId());
      }
    });
    depositDocumentIds.forEach(id -> {
      if (id != null && !out.contains(id)) {
        out.add(id);
      }
    });
    return out;
  }

  /**
   * The journal its entry goes to: a settlement paid outside the platform books only its VAT
   * transfer, in the miscellaneous journal (its bank line comes from the bank feed).
   */
  public JournalKind journal() {
    if (type.isSettlement() && payment != null && payment.external()) {
      return JournalKind.MISC;
    }
    return type.journal();
  }

  public boolean isEuro() {
    return "EUR".equals(currency);
  }

  /** The piece reference: the number, else the id (never empty, ACCOUNTING.md §8). */
  public String pieceRef() {
    return number != null && !number.isBlank() ? number : id;
  }

  /**
   * The accounting date of its entry (ACCOUNTING.md §8): {@code payment.paidAt} for a payment, refund
   * or supplier payment (when given), the document date for every other document.
   */
  public LocalDate bookingDate() {
    if (type.isSettlement() && payment != null && payment.paidAt() != null) {
      return payment.paidAt();
    }
    return date;
  }
}
