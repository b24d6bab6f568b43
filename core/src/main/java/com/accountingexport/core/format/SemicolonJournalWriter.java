package com.accountingexport.core.format;

import com.accountingexport.core.booking.EntryLine;
import com.accountingexport.core.booking.JournalEntry;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.util.Iterator;

/**
 * The journal files of the Windows importers that read {@code ;}-separated text (Sage CSV, ACD):
 * Windows-1252, CRLF, JJ/MM/AAAA dates, comma decimals, one row per written line of each piece
 * ({@link Pieces}: numbered per entry, zero lines left out, balanced or 422), text cells
 * transliterated, cut and neutralised by {@link CsvRow}. A format gives its header and its row.
 */
abstract class SemicolonJournalWriter implements ExportWriter {
  static final String DATE_PATTERN = "dd/MM/yyyy";

  @Override
  public String fileExtension() {
    return "csv";
  }

  @Override
  public String contentType() {
    return "text/csv; charset=windows-1252";
  }

  @Override
  public Charset charset() {
    return Charset.forName("windows-1252");
  }

  @Override
  public String separator() {
    return ";";
  }

  @Override
  public char decimalMark() {
    return ',';
  }

  @Override
  public String datePattern() {
    return DATE_PATTERN;
  }

  /** The header line, or null when the file has none. */
  abstract String header();

  /**
   * Writes the row of line {@code l} of the current piece, then {@link CsvRow#end}s it.
   *
   * @param date the entry's date, JJ/MM/AAAA
   */
  abstract void row(CsvRow row, Pieces piece, String date, EntryLine l) throws IOException;

  @Override
  public final TextChanges write(Iterator<JournalEntry> entries, ExportContext context, OutputStream out)
      throws IOException {
    Text text = Text.windows1252();
    TextSink sink = new TextSink(out, text.charset());
    String header = header();
    if (header != null) {
      sink.append(header);
      sink.crlf();
    }
    CsvRow row = new CsvRow(sink, text, ';', ',');
    Pieces pieces = new Pieces(entries);
    while (pieces.next()) {
      String date = Fields.date(pieces.entry().date(), DATE_PATTERN);
      for (EntryLine l : pieces.lines()) {
        row(row, pieces, date, l);
      }
    }
    sink.flush();
    return text.changes();
  }
}
