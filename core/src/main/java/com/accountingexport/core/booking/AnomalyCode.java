package com.accountingexport.core.booking;

/** The reasons a document is blocked. Each becomes {@code {"code","message"}} on the wire. */
public enum AnomalyCode {
  /** No account can be found for a line (e.g. a purchase line without its 6xx account). */
  MISSING_ACCOUNT,
  /** The entry would not balance, or lines differ from the totals beyond rounding. */
  UNBALANCED,
  /** The document's date lies outside the requested period. */
  OUTSIDE_PERIOD,
  /** accountingPeriodEnd lies after the end of the requested period (seed 001). */
  ACCOUNTING_PERIOD_AFTER_END,
  /** Pending validation or validation refused, while only valid documents are exported. */
  NOT_VALIDATED,
  /** A draft is not a document yet. */
  DRAFT,
  /** A deposit invoice that cannot be booked as such (deposits-as-payments, deductions that do not match). */
  DEPOSIT_INVOICE,
  /** Paid outside the platform: the bank feed brings the bank line (seed 001). */
  EXTERNAL_PAYMENT,
  /** Already in an active export. */
  ALREADY_EXPORTED,
  /** A related document (invoice of a payment, deposit of a final invoice) is unknown. */
  MISSING_RELATED_DOCUMENT,
  /** A payment or refund without the payment details it needs. */
  MISSING_PAYMENT_DETAILS,
  /** Every amount nets to 0.00: an entry without lines would only leave a gap in the numbering. */
  NOTHING_TO_BOOK,
  /** Booked after today: its entry would be validated (ValidDate) before its own date. */
  FUTURE_DATED,
  /** Validated (validatedAt) after the end of the export's period (seed 001: "contrôlée après l'export"). */
  VALIDATED_AFTER_EXPORT,
  /** Its invoice PDF cannot be rendered: the seller, buyer, number or another legal mention is missing. */
  PDF_INCOMPLETE
}
