package com.accountingexport.core.format;

import com.accountingexport.core.booking.EntryLine;
import com.accountingexport.core.booking.JournalEntry;
import java.io.IOException;
import java.util.Optional;

/**
 * Sage 100's PNM import ("format Sage", shared/FORMATS.md §1): one fixed-width record per entry
 * line, ASCII, CRLF, no dossier-name line (optional in Sage, absent from EPG and V9). Each record
 * is exactly {@value #WIDTH} characters: positions 1-112 as the table says, blank to 138; the
 * 3-letter currency EPG appends at 139-141 is left out (single source).
 *
 * <pre>
 *   1 (3)  journal code          39 (13) reference (PieceRef)     84 (1)  D / C
 *   4 (6)  entry date JJMMAA     52 (25) label (EcritureLib)      85 (20) amount, right, '.' 2 decimals
 *  10 (2)  piece type, blank     77 (1)  payment mode, blank     105 (1)  entry type N
 *  12 (13) general account       78 (6)  due date, blank         106 (7)  piece number, right, zero-filled
 *  25 (1)  X when an auxiliary account follows
 *  26 (13) auxiliary account
 * </pre>
 *
 * The piece number is the entry's sequence number in the file (1.., one per entry), so a piece is
 * one entry and balances; lines whose net is zero are not written, and an entry left without a line
 * takes no number. Text is transliterated to ASCII and cut at its width, both counted. A journal
 * code longer than 3 characters, an amount or a piece number too large for its positions fails the
 * file ({@link IllegalArgumentException}) rather than being cut: a cut code would merge journals.
 * Unbalanced pieces or files fail with 422 ({@link Pieces}).
 */
public final class SagePnmWriter extends FixedWidthWriter {
  public static final String ID = "sage-pnm";
  /** Characters per record, CRLF excluded. */
  public static final int WIDTH = 138;

  public SagePnmWriter() {
    super(WIDTH, Lines::new);
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String description() {
    return "Sage 100 PNM import: fixed-width 138-character records, ASCII, CRLF, dates JJMMAA, "
        + "dot decimals, D/C direction, one piece number per entry.";
  }

  @Override
  public String fileExtension() {
    return "pnm";
  }

  @Override
  public String datePattern() {
    return "ddMMyy";
  }

  /** Sage documents no account record for PNM: the accounts file is {@link DelimitedAccounts#semicolons()}. */
  @Override
  public Optional<AccountsFormat> accounts() {
    return Optional.of(DelimitedAccounts.semicolons());
  }

  /** One file's records; the fields of the current piece are cleaned once. */
  private static final class Lines extends Records {
    private String journal;
    private String date;
    private String reference;
    private String piece;

    Lines(FixedRecord r, Text text, AsciiSink sink) {
      super(r, text, sink);
    }

    @Override
    public void piece(JournalEntry e, long number) {
      journal = text.clean(e.journalCode());
      date = Fields.date(e.date(), "ddMMyy");
      reference = Fields.pieceRef(e);
      piece = Long.toString(number);
    }

    @Override
    public void line(JournalEntry e, EntryLine l) throws IOException {
      String aux = Fields.auxAccount(l);
      r.clear()
          .exact(1, 3, journal)
          .exact(4, 6, date)
          .left(12, 13, l.account())
          .left(26, 13, aux)
          .left(39, 13, reference)
          .left(52, 25, Fields.lineLabel(e, l))
          .at(84, Fields.direction(l))
          .exact(85, 20, Fields.amount(Fields.amountOf(l), '.'), ' ')
          .at(105, 'N')
          .exact(106, 7, piece, '0');
      if (aux != null) {
        r.at(25, 'X');
      }
      r.writeTo(sink);
    }
  }
}
