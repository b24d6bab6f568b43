package com.accountingexport.core.booking;

import com.accountingexport.core.money.Money;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * One balanced piece: every line of one document in one journal. {@code date} is the entry date
 * (paidAt in bank/cash journals), {@code pieceDate} the document date.
 */
public record JournalEntry(
    String journalCode,
    String journalLabel,
    LocalDate date,
    String pieceRef,
    LocalDate pieceDate,
    String label,
    String documentId,
    List<EntryLine> lines) {

  public JournalEntry {
    lines = List.copyOf(lines);
  }

  public BigDecimal totalDebit() {
    return Money.sum(lines.stream().map(EntryLine::debit).toList());
  }

  public BigDecimal totalCredit() {
    return Money.sum(lines.stream().map(EntryLine::credit).toList());
  }

  public boolean isBalanced() {
    return totalDebit().compareTo(totalCredit()) == 0;
  }
}
