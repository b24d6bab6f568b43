package com.accountingexport.core.booking;

import com.accountingexport.core.money.Money;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * One balanced piece: every line of one document in one journal. {@code date} is the entry date
 * (paidAt in bank/cash journals), {@code pieceDate} the document date. {@code links} are the ids of
 * the documents this one settles or corrects (a payment's, refund's or credit note's invoices, a
 * final invoice's deposit invoices): lettering groups documents along them. Never null.
 */
public record JournalEntry(
    String journalCode,
    String journalLabel,
    LocalDate date,
    String pieceRef,
    LocalDate pieceDate,
    String label,
    String documentId,
    List<EntryLine> lines,
    List<String> links) {

  public JournalEntry {
    lines = List.copyOf(lines);
    links = links == null ? List.of() : List.copyOf(links);
  }

  /** An entry that links to no other document. */
  public JournalEntry(String journalCode, String journalLabel, LocalDate date, String pieceRef, LocalDate pieceDate,
      String label, String documentId, List<EntryLine> lines) {
    this(journalCode, journalLabel, date, pieceRef, pieceDate, label, documentId, lines, List.of());
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
