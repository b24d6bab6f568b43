package com.accountingexport.bench;

import com.accountingexport.core.booking.EntryLine;
import com.accountingexport.core.booking.JournalEntry;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.Iterator;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The baseline of {@link FormatsBench}: the fields every journal format writes for a line (journal,
 * its label, entry number, date, account and label, auxiliary account and label, piece reference
 * and date, line label, debit, credit, currency amount, currency), printed the plain way with Apache
 * Commons CSV (RFC 4180, CRLF), {@link DateTimeFormatter#ISO_LOCAL_DATE} and
 * {@link BigDecimal#toPlainString()}, UTF-8. No cleaning, no transliteration, no layout: what a
 * format costs beyond this is its own work.
 */
final class CommonsCsvLines {
  static final List<String> HEADER = List.of("JournalCode", "JournalLib", "EcritureNum", "EcritureDate", "CompteNum",
      "CompteLib", "CompAuxNum", "CompAuxLib", "PieceRef", "PieceDate", "EcritureLib", "Debit", "Credit",
      "Montantdevise", "Idevise");
  private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setRecordSeparator("\r\n").get();

  private CommonsCsvLines() {}

  static void write(Iterator<JournalEntry> entries, OutputStream out) throws IOException {
    BufferedWriter w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 15);
    CSVPrinter p = new CSVPrinter(w, FORMAT);
    p.printRecord(HEADER);
    long number = 0;
    while (entries.hasNext()) {
      JournalEntry e = entries.next();
      if (e.lines().isEmpty()) {
        continue;
      }
      String num = Long.toString(++number);
      String date = DateTimeFormatter.ISO_LOCAL_DATE.format(e.date());
      String pieceDate = DateTimeFormatter.ISO_LOCAL_DATE.format(e.pieceDate() != null ? e.pieceDate() : e.date());
      for (EntryLine l : e.lines()) {
        p.print(e.journalCode());
        p.print(e.journalLabel());
        p.print(num);
        p.print(date);
        p.print(l.account());
        p.print(l.accountLabel());
        p.print(l.auxAccount());
        p.print(l.auxLabel());
        p.print(e.pieceRef());
        p.print(pieceDate);
        p.print(l.label() != null ? l.label() : e.label());
        p.print(amount(l.debit()));
        p.print(amount(l.credit()));
        p.print(l.currencyAmount() == null ? null : amount(l.currencyAmount()));
        p.print(l.currency());
        p.println();
      }
    }
    p.flush();
  }

  private static String amount(BigDecimal a) {
    return a == null ? "0.00" : a.setScale(2, RoundingMode.HALF_UP).toPlainString();
  }
}
