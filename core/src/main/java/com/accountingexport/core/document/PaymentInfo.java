package com.accountingexport.core.document;

import java.time.LocalDate;

/**
 * How a settlement was made. {@code bankAccount} is the ledger account (512xxx) it lands in;
 * {@code external} means it was paid outside the platform and arrives through the bank feed.
 */
public record PaymentInfo(String method, String bankAccount, LocalDate paidAt, boolean external) {}
