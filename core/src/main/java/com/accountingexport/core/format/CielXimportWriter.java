package com.accountingexport.core.format;

import com.accountingexport.core.booking.EntryLine;
import com.accountingexport.core.booking.JournalEntry;
import com.accountingexport.core.error.DomainException;
import java.io.IOException;
import java.util.Optional;

/**
 * Ciel Compta / Sage 50's XIMPORT file (shared/FORMATS.md §6): one 142-character record per entry line,
 * pure ASCII (accents and {@code €} transliterated, counted), CRLF, no header, always named
 * {@code XIMPORT.TXT} so that Ciel picks it up.
 *
 * <p>Choices where the sources differ or say nothing:
 * <ul>
 *   <li>Movement number at 1: the entry's sequence number ({@link Pieces}), right-aligned and space-filled
 *       (OF; DOL left-aligns). XIMPORT holds 5 digits: a file of more than 99999 pieces is refused
 *       (422 {@code TOO_MANY_PIECES}), never wrapped.</li>
 *   <li>Journal at 6 (2): a longer code ({@code NDF}) is cut, counted.</li>
 *   <li>Amount at 72: {@code .} and two decimals, right-aligned and space-filled in 13 (OF writes {@code .},
 *       DOL {@code ,}; the checker's ASCII profile follows OF).</li>
 *   <li>Account at 36: the auxiliary account when the line has one, else the general account; account label
 *       at 104: the auxiliary label, else the account's label.</li>
 *   <li>Piece at 24: the document reference ({@link Fields#pieceRef}); label at 47: the line label
 *       ({@link Fields#lineLabel}). Due date, pointing and analytic codes stay blank; euro flag {@code O} at
 *       138 and format {@code 2003} at 139. Foreign-currency amounts have no place in the layout.</li>
 * </ul>
 */
public final class CielXimportWriter extends FixedWidthWriter {
  public static final String ID = "ciel";
  public static final String FILE_NAME = "XIMPORT.TXT";
  static final int WIDTH = 142;
  /** The most movements the 5-digit movement number holds. */
  static final long MAX_PIECES = 99_999;

  public CielXimportWriter() {
    super(WIDTH, Lines::new);
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String description() {
    return "Ciel Compta / Sage 50 XIMPORT file (142-character records, ASCII), named XIMPORT.TXT for automatic pickup.";
  }

  @Override
  public String fileExtension() {
    return "txt";
  }

  @Override
  public String datePattern() {
    return "yyyyMMdd";
  }

  /** Always {@value #FILE_NAME}: the name Ciel looks for. */
  @Override
  public String fileName(ExportContext context) {
    return FILE_NAME;
  }

  /** No account record is documented for this import: the accounts come as {@link DelimitedAccounts#semicolons()} [ours]. */
  @Override
  public Optional<AccountsFormat> accounts() {
    return Optional.of(DelimitedAccounts.semicolons());
  }

  /** One file's records; the fields of the current piece are cleaned once. */
  private static final class Lines extends Records {
    private String movement;
    private String journal;
    private String date;
    private String reference;

    Lines(FixedRecord r, Text text, AsciiSink sink) {
      super(r, text, sink);
    }

    @Override
    public void piece(JournalEntry e, long number) {
      if (number > MAX_PIECES) {
        throw DomainException.unprocessable("TOO_MANY_PIECES", "XIMPORT numbers movements on 5 digits: a file holds at most "
            + MAX_PIECES + " pieces; export a shorter period", java.util.List.of());
      }
      movement = Long.toString(number);
      journal = text.fit(e.journalCode(), 2);
      date = Fields.date(e.date(), "yyyyMMdd");
      reference = text.fit(Fields.pieceRef(e), 12);
    }

    @Override
    public void line(JournalEntry e, EntryLine l) throws IOException {
      String aux = Fields.auxAccount(l);
      r.clear()
          .exact(1, 5, movement, ' ')
          .left(6, 2, journal)
          .exact(8, 8, date)
          .left(24, 12, reference)
          .left(36, 11, aux != null ? aux : l.account())
          .left(47, 25, Fields.lineLabel(e, l))
          .exact(72, 13, Fields.amount(Fields.amountOf(l), '.'), ' ')
          .at(85, Fields.direction(l))
          .left(104, 34, aux != null ? Fields.auxLabel(l) : Fields.accountLabel(l))
          .at(138, 'O')
          .exact(139, 4, "2003")
          .writeTo(sink);
    }
  }
}
