package com.accountingexport.core.booking;

import java.math.BigDecimal;

/**
 * One line of a journal entry. Exactly one of debit/credit is positive, the other zero (scale 2,
 * EUR). {@code auxAccount}/{@code auxLabel} are both set or both null. {@code currencyAmount} and
 * {@code currency} are set only for non-EUR documents (FEC Montantdevise / Idevise).
 */
public record EntryLine(
    String account,
    String accountLabel,
    String auxAccount,
    String auxLabel,
    String label,
    BigDecimal debit,
    BigDecimal credit,
    BigDecimal currencyAmount,
    String currency) {}
