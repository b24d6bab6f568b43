package com.accountingexport.core.document;

import java.math.BigDecimal;

/**
 * One line of a document. Amounts are as printed on the document (never recomputed); a negative
 * line (discount, deposit deduction) books on the other side. {@code vatRate} is a percentage
 * ({@code 20.00}); {@code accountNumber} overrides the default revenue/expense account.
 */
public record DocumentLine(
    String label,
    LineKind kind,
    BigDecimal netAmount,
    BigDecimal vatRate,
    BigDecimal vatAmount,
    String accountNumber,
    ServicePeriod servicePeriod) {}
