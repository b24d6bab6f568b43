package com.accountingexport.core.format;

import com.accountingexport.core.booking.EntryLine;
import com.accountingexport.core.booking.JournalEntry;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.util.Iterator;
import java.util.Optional;

/**
 * EBP's ASCII import ("format texte", shared/FORMATS.md §4): no header, one line per entry line with the
 * 11 fields line number, date JJMMAAAA, journal, account, automatic label (empty), {@code "label"},
 * {@code "piece"}, amount, D/C, due date (empty), currency; {@code ,}-separated, Windows-1252, CRLF.
 *
 * <p>Choices where the sources differ or say nothing:
 * <ul>
 *   <li>Windows-1252 (OF: ISO-8859-15, older cp850, DOL UTF-8): {@code é €} {@code Œ} are kept as single
 *       bytes; CRLF (OF: CR, DOL: LF); JJMMAAAA dates; all 11 fields (DOL's current writer drops two).</li>
 *   <li>No RFC 4180 quoting: EBP has no escape. The label and the piece are always between double quotes,
 *       a {@code "} inside becomes {@code '}; journal, account and currency are bare, their commas removed
 *       (OF) — each replacement counted ({@link EbpText}). No formula neutralisation: EBP reads the file, no
 *       spreadsheet, and an apostrophe would change the label.</li>
 *   <li>Account: the auxiliary account when the line has one (DOL), else the general account, cut at 15;
 *       journal cut at 4; label ({@link Fields#lineLabel}) cut at 40; all counted.</li>
 *   <li>Piece number: the entry's sequence number in the file ({@link Pieces}), so that EBP groups the lines
 *       of one entry; amounts positive with {@code .} and two decimals, the side in D/C (DOL10916).</li>
 *   <li>Currency: the line's foreign currency, empty for euro lines (EBP's amount is always in euros).</li>
 * </ul>
 */
public final class EbpWriter implements ExportWriter {
  public static final String ID = "ebp";
  static final Charset CHARSET = Charset.forName("windows-1252");

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String description() {
    return "EBP Compta text import (11 comma-separated fields, quoted label and piece, Windows-1252).";
  }

  @Override
  public String fileExtension() {
    return "txt";
  }

  @Override
  public String contentType() {
    return "text/plain; charset=windows-1252";
  }

  @Override
  public Charset charset() {
    return CHARSET;
  }

  @Override
  public String separator() {
    return ",";
  }

  @Override
  public String datePattern() {
    return "ddMMyyyy";
  }

  @Override
  public Optional<AccountsFormat> accounts() {
    return Optional.of(new EbpAccounts());
  }

  @Override
  public TextChanges write(Iterator<JournalEntry> entries, ExportContext context, OutputStream out) throws IOException {
    EbpText text = new EbpText(Text.windows1252());
    TextSink sink = new TextSink(out, CHARSET);
    Pieces.walk(entries, new Rows(text, sink));
    sink.flush();
    return text.changes();
  }

  /** One file's rows; the fields of the current piece are cleaned once. */
  private static final class Rows implements Pieces.Visitor {
    private final EbpText text;
    private final TextSink sink;
    private long line;
    private String date;
    private String journal;
    private String piece;

    Rows(EbpText text, TextSink sink) {
      this.text = text;
      this.sink = sink;
    }

    @Override
    public void piece(JournalEntry e, long number) {
      date = Fields.date(e.date(), "ddMMyyyy");
      journal = text.bare(e.journalCode(), 4);
      piece = Long.toString(number);
    }

    @Override
    public void line(JournalEntry e, EntryLine l) throws IOException {
      String aux = Fields.auxAccount(l);
      sink.append(Long.toString(++line));
      sink.append(',');
      sink.append(date);
      sink.append(',');
      sink.append(journal);
      sink.append(',');
      sink.append(text.bare(aux != null ? aux : l.account(), 15));
      sink.append(',');
      sink.append(',');
      sink.append('"');
      sink.append(text.quoted(Fields.lineLabel(e, l), 40));
      sink.append('"');
      sink.append(',');
      sink.append('"');
      sink.append(piece);
      sink.append('"');
      sink.append(',');
      sink.append(Fields.amount(Fields.amountOf(l), '.'));
      sink.append(',');
      sink.append(Fields.direction(l));
      sink.append(',');
      sink.append(',');
      if (Fields.hasCurrency(l)) {
        sink.append(text.bare(l.currency(), 3));
      }
      sink.crlf();
    }
  }
}
