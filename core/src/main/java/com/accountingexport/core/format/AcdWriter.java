package com.accountingexport.core.format;

import com.accountingexport.core.booking.EntryLine;
import com.accountingexport.core.booking.JournalEntry;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * ACD (Comptabilité Expert / i-Suite Expert), shared/FORMATS.md §7: ACD imports through a generic
 * interface the accountant maps once; the profile is the one public layout, Dolibarr's "iSuite
 * Expert" export. {@code ;}-separated, Windows-1252, CRLF, no header, 13 fields per entry line:
 *
 * <pre>
 *   1 piece number: the entry's sequence number in the file (1.., one per entry, {@link Pieces})
 *   2 date JJ/MM/AAAA; 3, 4, 5 its year AAAA, month MM, day JJ
 *   6 piece reference (PieceRef)
 *   7 label (EcritureLib)
 *   8 account: the auxiliary account when the line has one, else the general account
 *   9 third-party name: the auxiliary account's label, else empty
 *  10 debit, 11 credit: two decimals with a comma, the empty side 0,00 [ours]
 *  12 amount: the line's net, signed (debit positive, credit negative) [ours]
 *  13 journal code
 * </pre>
 *
 * No thousands separator (Dolibarr's may write one; our profile forbids it). Text cells are
 * transliterated where Windows-1252 lacks a character (counted) and neutralised against formula
 * injection ({@link CsvRow}); amounts and dates never are. See {@link SemicolonJournalWriter}.
 */
public final class AcdWriter extends SemicolonJournalWriter {
  public static final String ID = "acd";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String description() {
    return "ACD (i-Suite Expert) generic import: ';'-separated, Windows-1252, CRLF, no header, 13 fields, "
        + "dates JJ/MM/AAAA, comma decimals.";
  }

  @Override
  public Optional<AccountsFormat> accounts() {
    return Optional.of(DelimitedAccounts.acd());
  }

  @Override
  String header() {
    return null;
  }

  @Override
  void row(CsvRow row, Pieces piece, String date, EntryLine l) throws IOException {
    JournalEntry e = piece.entry();
    BigDecimal net = Fields.net(l);
    String aux = Fields.auxAccount(l);
    row.plain(piece.number())
        .plain(date)
        .plain(date.substring(6, 10))
        .plain(date.substring(3, 5))
        .plain(date.substring(0, 2))
        .text(Fields.pieceRef(e))
        .text(Fields.lineLabel(e, l))
        .text(aux != null ? aux : l.account())
        .text(Fields.auxLabel(l))
        .amount(net.signum() > 0 ? net : null)
        .amount(net.signum() < 0 ? net.negate() : null)
        .amount(net)
        .text(e.journalCode())
        .end();
  }
}
