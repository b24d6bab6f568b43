package com.accountingexport.core.document;

import com.accountingexport.core.booking.JournalKind;
import java.util.Arrays;
import java.util.Optional;

/** The kinds of documents a platform pushes, each booked in one journal (shared/ACCOUNTING.md §1). */
public enum DocumentType {
  INVOICE("invoice", JournalKind.SALES),
  CREDIT_NOTE("credit_note", JournalKind.SALES),
  DEPOSIT_INVOICE("deposit_invoice", JournalKind.SALES),
  PAYMENT("payment", JournalKind.BANK),
  REFUND("refund", JournalKind.BANK),
  PURCHASE_INVOICE("purchase_invoice", JournalKind.PURCHASES),
  PURCHASE_CREDIT_NOTE("purchase_credit_note", JournalKind.PURCHASES),
  SUPPLIER_PAYMENT("supplier_payment", JournalKind.BANK),
  CASH_SALE("cash_sale", JournalKind.CASH),
  EXPENSE_REPORT("expense_report", JournalKind.EXPENSES);

  private final String wire;
  private final JournalKind journal;

  DocumentType(String wire, JournalKind journal) {
    this.wire = wire;
    this.journal = journal;
  }

  public String wire() {
    return wire;
  }

  public JournalKind journal() {
    return journal;
  }

  /** Money movements: their amount is {@code totals.gross}; they carry no lines. */
  public boolean isSettlement() {
    return this == PAYMENT || this == REFUND || this == SUPPLIER_PAYMENT;
  }

  /** Invoices, credit notes and deposit invoices have an invoice PDF (uploaded or rendered) and go into the bundles. */
  public boolean hasInvoicePdf() {
    return this == INVOICE || this == CREDIT_NOTE || this == DEPOSIT_INVOICE;
  }

  public boolean isPurchaseSide() {
    return this == PURCHASE_INVOICE || this == PURCHASE_CREDIT_NOTE || this == SUPPLIER_PAYMENT;
  }

  public static Optional<DocumentType> fromWire(String wire) {
    return Arrays.stream(values()).filter(t -> t.wire.equals(wire)).findFirst();
  }
}
