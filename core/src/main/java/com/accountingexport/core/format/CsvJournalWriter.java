package com.accountingexport.core.format;

import com.accountingexport.core.booking.EntryLine;
import com.accountingexport.core.booking.JournalEntry;
import java.io.IOException;
import java.io.OutputStream;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.Optional;
import java.util.List;

/**
 * A generic journal CSV for spreadsheets and importers that do not read FEC: one row per entry
 * line, RFC 4180 (comma, CRLF, quotes only where needed), ISO dates, dot decimals, "0.00" on the
 * empty side. {@code entryNumber} is numbered like FEC's EcritureNum (1.., one per entry).
 */
public final class CsvJournalWriter implements ExportWriter {
  public static final String ID = "csv";
  public static final List<String> COLUMNS = List.of(
      "date", "journal", "piece", "pieceDate", "label", "account", "accountLabel", "auxiliaryAccount",
      "auxiliaryLabel", "debit", "credit", "currency", "currencyAmount", "entryNumber");
  static final String HEADER = String.join(",", COLUMNS);

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String description() {
    return "Journal lines as CSV (RFC 4180, comma, ISO dates, dot decimals), one row per entry line.";
  }

  @Override
  public String fileExtension() {
    return "csv";
  }

  @Override
  public String contentType() {
    return "text/csv; charset=UTF-8";
  }

  @Override
  public String separator() {
    return ",";
  }

  @Override
  public String datePattern() {
    return "yyyy-MM-dd";
  }

  @Override
  public Optional<AccountsFormat> accounts() {
    return Optional.of(new AccountsWriter());
  }

  @Override
  public TextChanges write(Iterator<JournalEntry> entries, ExportContext context, OutputStream out) throws IOException {
    TextSink sink = new TextSink(out);
    sink.append(HEADER);
    sink.crlf();
    long number = 0;
    while (entries.hasNext()) {
      JournalEntry e = entries.next();
      if (e.lines().isEmpty()) {
        continue;
      }
      number++;
      String num = Long.toString(number);
      String date = e.date().toString();
      LocalDate pd = Fields.pieceDate(e);
      String pieceDate = pd.equals(e.date()) ? date : pd.toString();
      String pieceRef = Fields.pieceRef(e);
      for (EntryLine l : e.lines()) {
        writeRow(sink, date, e.journalCode(), pieceRef, pieceDate, Fields.lineLabel(e, l), l, num);
      }
    }
    sink.flush();
    return TextChanges.NONE;
  }

  /** One row in {@link #COLUMNS} order; shared with the centralised format. */
  static void writeRow(TextSink sink, String date, String journal, String piece, String pieceDate,
      String label, EntryLine l, String entryNumber) throws IOException {
    sink.append(date);
    sink.append(',');
    sink.appendCsv(journal);
    sink.append(',');
    sink.appendCsv(piece);
    sink.append(',');
    sink.append(pieceDate);
    sink.append(',');
    sink.appendCsv(label);
    sink.append(',');
    sink.appendCsv(l.account());
    sink.append(',');
    sink.appendCsv(Fields.accountLabel(l));
    sink.append(',');
    sink.appendCsv(Fields.auxAccount(l));
    sink.append(',');
    sink.appendCsv(Fields.auxLabel(l));
    sink.append(',');
    sink.appendAmount(l.debit(), '.');
    sink.append(',');
    sink.appendAmount(l.credit(), '.');
    sink.append(',');
    if (Fields.hasCurrency(l)) {
      sink.appendCsv(l.currency());
      sink.append(',');
      sink.appendCurrencyAmount(l.currencyAmount(), '.');
    } else {
      sink.append(',');
    }
    sink.append(',');
    sink.append(entryNumber);
    sink.crlf();
  }
}
