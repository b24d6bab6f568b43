package com.accountingexport.core.format;

import com.accountingexport.core.booking.EntryLine;
import com.accountingexport.core.booking.JournalEntry;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Sage 100's parameterised import ("import paramétrable", shared/FORMATS.md §2): Sage reads a
 * delimited file through a mapping the user sets up once, so the layout is ours, kept within the
 * limits PNM and the {@code #MECG} import share. {@code ;}-separated, Windows-1252, CRLF, one header
 * line ({@link #COLUMNS}), one row per entry line: dates JJ/MM/AAAA, amounts positive with a comma
 * decimal on the Debit or the Credit side (the other empty), CompteGeneral ≤ 13, CompteTiers ≤ 17,
 * Libelle ≤ 35, Reference (PieceRef) ≤ 35 [ours], Piece = the entry's sequence number in the file
 * (1.., one per entry, {@link Pieces}), Echeance empty, Devise the line's foreign currency or {@code EUR} [ours].
 * Text cells are transliterated where Windows-1252 lacks a character, cut (counted) and
 * neutralised against formula injection ({@link CsvRow}); see {@link SemicolonJournalWriter}.
 */
public final class SageCsvWriter extends SemicolonJournalWriter {
  public static final String ID = "sage-csv";
  public static final List<String> COLUMNS = List.of(
      "Date", "Journal", "CompteGeneral", "CompteTiers", "Piece", "Reference", "Libelle", "Debit", "Credit",
      "Echeance", "Devise");
  static final int GENERAL_ACCOUNT_MAX = 13;
  static final int AUX_ACCOUNT_MAX = 17;
  static final int REFERENCE_MAX = 35;
  static final int LABEL_MAX = 35;
  private static final String HEADER = String.join(";", COLUMNS);

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String description() {
    return "Sage 100 CSV for the parameterised import: ';'-separated, Windows-1252, CRLF, header line, "
        + "dates JJ/MM/AAAA, comma decimals in Debit/Credit columns.";
  }

  @Override
  public Optional<AccountsFormat> accounts() {
    return Optional.of(DelimitedAccounts.semicolons());
  }

  @Override
  String header() {
    return HEADER;
  }

  @Override
  void row(CsvRow row, Pieces piece, String date, EntryLine l) throws IOException {
    JournalEntry e = piece.entry();
    row.plain(date)
        .text(e.journalCode())
        .text(l.account(), GENERAL_ACCOUNT_MAX)
        .text(Fields.auxAccount(l), AUX_ACCOUNT_MAX)
        .plain(piece.number())
        .text(Fields.pieceRef(e), REFERENCE_MAX)
        .text(Fields.lineLabel(e, l), LABEL_MAX);
    if (Fields.direction(l) == 'D') {
      row.amount(Fields.amountOf(l)).plain(null);
    } else {
      row.plain(null).amount(Fields.amountOf(l));
    }
    row.plain(null)
        .text(Fields.hasCurrency(l) ? l.currency() : "EUR")
        .end();
  }
}
