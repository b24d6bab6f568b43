package com.accountingexport.core.document;

import java.math.BigDecimal;

/**
 * The share of a settlement that goes to one document ({@code relatedDocumentIds[]}): a payment that
 * settles several invoices names each with the amount it pays on it, in that document's currency.
 * {@code amount} null = whatever the settlement has left after the allocations before it.
 */
public record Allocation(String documentId, BigDecimal amount) {}
