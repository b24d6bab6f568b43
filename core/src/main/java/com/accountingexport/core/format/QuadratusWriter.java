package com.accountingexport.core.format;

import com.accountingexport.core.booking.EntryLine;
import com.accountingexport.core.booking.JournalEntry;
import java.io.IOException;
import java.util.Optional;

/**
 * QuadraCOMPTA's ASCII import (Cegid Quadra, shared/FORMATS.md §5): one 231-character {@code M} record
 * per entry line, pure ASCII (accents and {@code €} transliterated, counted), CRLF, amounts in cents.
 *
 * <p>Choices where the sources differ or say nothing:
 * <ul>
 *   <li>Account at 2 (8): the auxiliary account when the line has one, else the general account; a longer
 *       account is cut (counted), and two accounts that share their first 8 characters then collide.</li>
 *   <li>Journal at 111 (3) always, and also at 10 (2) when the code fits in 2 (FORMATS.md lets either
 *       place stay blank when the other holds the code; a 3-letter code such as {@code NDF} is never cut
 *       to 2).</li>
 *   <li>Date at 15: the entry date as JJMMAA (a document date, never the export date: DOL7827).</li>
 *   <li>Labels: the line label ({@link Fields#lineLabel}) cut at 30 (counted) is the long label at 117;
 *       the short label at 22 is its first 20 characters, not counted again since the long label carries
 *       the rest.</li>
 *   <li>Piece: the entry's sequence number ({@link Pieces}) zero-filled in the 8-character field at 100,
 *       and in the 5-character field at 75 while it is at most 99999; past that, 75 stays blank rather than
 *       wrap around onto piece 1 (readers take the 8-character field first). The document reference
 *       ({@link Fields#pieceRef}) is the alphanumeric piece at 149 (10, cut and counted).</li>
 *   <li>Sign {@code +} at 43 (DOL, ODQ, OF); no counterpart account, lettering, VAT or quantity; due date
 *       {@code 000000}.</li>
 *   <li>A foreign-currency line carries its currency at 108 (else {@code EUR}) and its currency amount at 169
 *       as {@code +} and 12 zero-filled digits of cents (rounded to two decimals).</li>
 * </ul>
 */
public final class QuadratusWriter extends FixedWidthWriter {
  public static final String ID = "quadratus";
  static final int WIDTH = 231;
  /** The largest piece number the 5-character field at 75 holds. */
  static final long SHORT_PIECE_MAX = 99_999;

  public QuadratusWriter() {
    super(WIDTH, Lines::new);
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String description() {
    return "QuadraCOMPTA ASCII import (231-character M records, amounts in cents) for Cegid Quadra.";
  }

  @Override
  public String fileExtension() {
    return "txt";
  }

  @Override
  public String datePattern() {
    return "ddMMyy";
  }

  @Override
  public Optional<AccountsFormat> accounts() {
    return Optional.of(new QuadratusAccounts());
  }

  /** One file's M records; the fields of the current piece are cleaned once. */
  private static final class Lines extends Records {
    private String journal;
    private String date;
    private String shortPiece;
    private String piece;
    private String reference;

    Lines(FixedRecord r, Text text, AsciiSink sink) {
      super(r, text, sink);
    }

    @Override
    public void piece(JournalEntry e, long number) {
      journal = text.clean(e.journalCode());
      date = Fields.date(e.date(), "ddMMyy");
      piece = Long.toString(number);
      shortPiece = number <= SHORT_PIECE_MAX ? piece : null;
      reference = text.fit(Fields.pieceRef(e), 10);
    }

    @Override
    public void line(JournalEntry e, EntryLine l) throws IOException {
      String aux = Fields.auxAccount(l);
      String label = text.fit(Fields.lineLabel(e, l), 30);
      r.clear()
          .at(1, 'M')
          .left(2, 8, aux != null ? aux : l.account())
          .exact(12, 3, "000")
          .exact(15, 6, date)
          .left(22, 20, label == null || label.length() <= 20 ? label : label.substring(0, 20))
          .at(42, Fields.direction(l))
          .at(43, '+')
          .exact(44, 12, Long.toString(Fields.cents(Fields.amountOf(l))), '0')
          .exact(64, 6, "000000")
          .exact(100, 8, piece, '0')
          .left(111, 3, journal)
          .left(117, 30, label)
          .left(149, 10, reference);
      if (journal != null && journal.length() <= 2) {
        r.left(10, 2, journal);
      }
      if (shortPiece != null) {
        r.exact(75, 5, shortPiece, '0');
      }
      if (Fields.hasCurrency(l)) {
        r.exact(108, 3, text.clean(l.currency()))
            .at(169, '+')
            .exact(170, 12, Long.toString(Fields.cents(l.currencyAmount().abs())), '0');
      } else {
        r.exact(108, 3, "EUR");
      }
      r.writeTo(sink);
    }
  }
}
