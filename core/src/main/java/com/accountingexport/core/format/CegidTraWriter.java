package com.accountingexport.core.format;

import com.accountingexport.core.booking.EntryLine;
import com.accountingexport.core.booking.JournalEntry;
import java.io.IOException;
import java.util.Optional;

/**
 * Cegid's TRA movements file ("CommunicationsSx", standard 222-character layout, shared/FORMATS.md §3):
 * a {@code ***S5EXPJRLSTD} header line, then one fixed-width record per entry line, pure ASCII
 * (accents and {@code €} transliterated, counted), CRLF.
 *
 * <p>Choices where the sources differ or say nothing:
 * <ul>
 *   <li>Header: origin {@code EXP}, layout {@code STD}, no closed exercise, both dates {@code 01011900},
 *       file version {@code 011} (EXPT, IDO); nothing after position 36 (the importer keys on 1-36). No
 *       {@code ***PS2} parameter line: the dossier's account lengths and filler are not known here, so
 *       accounts are written as they are, left-aligned in 17.</li>
 *   <li>Piece nature from our default journal codes: sales {@code VT} → {@code FC}, purchases {@code AC} →
 *       {@code FF}, bank and cash {@code BQ}/{@code CA} → {@code RC}, any other (or renamed) journal
 *       → {@code OD}; V9's list has no {@code BQ}.</li>
 *   <li>Journal: the first 3 characters of ours (a longer code is cut, counted).</li>
 *   <li>Piece number right-aligned in 8 (V9; IDO left-aligns): the entry's sequence number in the file
 *       ({@link Pieces}); the document reference ({@link Fields#pieceRef}) is the internal reference at 49.</li>
 *   <li>Amounts with {@code ,} and two decimals, right-aligned in 20. A foreign-currency line carries its
 *       currency at 160 and its currency amount (two decimals) at 176; other lines {@code EUR} and a blank
 *       176. Exchange rate, payment mode and due date stay blank.</li>
 * </ul>
 */
public final class CegidTraWriter extends FixedWidthWriter {
  public static final String ID = "cegid-tra";
  static final int WIDTH = 222;
  /** Product S5, origin EXP, journal content, standard layout, no exercise, default dates, version 011. */
  static final String HEADER = String.format("%-" + WIDTH + "s", "***S5EXPJRLSTD   0101190001011900011");

  public CegidTraWriter() {
    super(WIDTH, Lines::new);
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String description() {
    return "Cegid TRA movements file (standard 222-character records, ASCII, comma decimals) for Cegid Expert and Business.";
  }

  @Override
  public String fileExtension() {
    return "tra";
  }

  @Override
  public char decimalMark() {
    return ',';
  }

  @Override
  public String datePattern() {
    return "ddMMyyyy";
  }

  /** No account record is documented for this import: the accounts come as {@link DelimitedAccounts#semicolons()} [ours]. */
  @Override
  public Optional<AccountsFormat> accounts() {
    return Optional.of(DelimitedAccounts.semicolons());
  }

  @Override
  void header(AsciiSink sink) throws IOException {
    sink.append(HEADER);
    sink.crlf();
  }

  /** The TRA piece nature for one of our journal codes. */
  static String nature(String journalCode) {
    return switch (journalCode == null ? "" : journalCode) {
      case "VT" -> "FC";
      case "AC" -> "FF";
      case "BQ", "CA" -> "RC";
      default -> "OD";
    };
  }

  /** One file's records; the fields of the current piece are cleaned once. */
  private static final class Lines extends Records {
    private String journal;
    private String date;
    private String nature;
    private String reference;
    private String piece;

    Lines(FixedRecord r, Text text, AsciiSink sink) {
      super(r, text, sink);
    }

    @Override
    public void piece(JournalEntry e, long number) {
      journal = text.fit(e.journalCode(), 3);
      date = Fields.date(e.date(), "ddMMyyyy");
      nature = nature(e.journalCode());
      reference = text.fit(Fields.pieceRef(e), 35);
      piece = Long.toString(number);
    }

    @Override
    public void line(JournalEntry e, EntryLine l) throws IOException {
      r.clear()
          .left(1, 3, journal)
          .exact(4, 8, date)
          .exact(12, 2, nature)
          .left(14, 17, l.account());
      String aux = Fields.auxAccount(l);
      if (aux != null) {
        r.at(31, 'X').left(32, 17, aux);
      }
      r.left(49, 35, reference)
          .left(84, 35, Fields.lineLabel(e, l))
          .at(130, Fields.direction(l))
          .exact(131, 20, Fields.amount(Fields.amountOf(l), ','), ' ')
          .at(151, 'N')
          .exact(152, 8, piece, ' ')
          .exact(173, 3, "E--");
      if (Fields.hasCurrency(l)) {
        r.exact(160, 3, text.clean(l.currency()))
            .exact(176, 20, Fields.amount(l.currencyAmount().abs(), ','), ' ');
      } else {
        r.exact(160, 3, "EUR");
      }
      r.writeTo(sink);
    }
  }
}
