package com.accountingexport.core.document;

import java.math.BigDecimal;

/** The document's printed totals: net + vat = gross exactly (in the document currency). */
public record Totals(BigDecimal net, BigDecimal vat, BigDecimal gross) {}
