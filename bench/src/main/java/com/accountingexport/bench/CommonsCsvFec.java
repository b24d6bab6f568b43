package com.accountingexport.bench;

import com.accountingexport.core.booking.EntryLine;
import com.accountingexport.core.booking.JournalEntry;
import com.accountingexport.core.format.ExportContext;
import com.accountingexport.core.format.FecWriter;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Iterator;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The baseline: the same tab-separated FEC (18 columns, same field rules, same bytes) written the
 * plain way, with Apache Commons CSV, {@link DateTimeFormatter#BASIC_ISO_DATE} and
 * {@link BigDecimal#toPlainString()}. It checks balance too, so both sides do the same work.
 */
final class CommonsCsvFec {
  private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder()
      .setDelimiter('\t')
      .setQuote(null)
      .setRecordSeparator("\r\n")
      .get();

  private CommonsCsvFec() {}

  static void write(Iterator<JournalEntry> entries, ExportContext context, OutputStream out) throws IOException {
    BufferedWriter w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 15);
    CSVPrinter p = new CSVPrinter(w, FORMAT);
    p.printRecord(FecWriter.COLUMNS);
    String validDate = DateTimeFormatter.BASIC_ISO_DATE.format(context.validationDate());
    long number = 0;
    while (entries.hasNext()) {
      JournalEntry e = entries.next();
      if (e.lines().isEmpty()) {
        continue;
      }
      String num = Long.toString(++number);
      String date = DateTimeFormatter.BASIC_ISO_DATE.format(e.date());
      LocalDate pd = e.pieceDate() != null ? e.pieceDate() : e.date();
      String pieceDate = DateTimeFormatter.BASIC_ISO_DATE.format(pd);
      String pieceRef = blank(e.pieceRef()) ? e.documentId() : e.pieceRef();
      String journalLabel = blank(e.journalLabel()) ? e.journalCode() : e.journalLabel();
      BigDecimal debits = BigDecimal.ZERO;
      BigDecimal credits = BigDecimal.ZERO;
      for (EntryLine l : e.lines()) {
        boolean aux = !blank(l.auxAccount());
        boolean currency = l.currencyAmount() != null && !blank(l.currency()) && !"EUR".equalsIgnoreCase(l.currency());
        p.print(clean(e.journalCode()));
        p.print(clean(journalLabel));
        p.print(num);
        p.print(date);
        p.print(clean(l.account()));
        p.print(clean(blank(l.accountLabel()) ? l.account() : l.accountLabel()));
        p.print(aux ? clean(l.auxAccount()) : null);
        p.print(aux ? clean(blank(l.auxLabel()) ? l.auxAccount() : l.auxLabel()) : null);
        p.print(clean(pieceRef));
        p.print(pieceDate);
        p.print(clean(!blank(l.label()) ? l.label() : blank(e.label()) ? pieceRef : e.label()));
        p.print(amount(l.debit()));
        p.print(amount(l.credit()));
        p.print(null);
        p.print(null);
        p.print(validDate);
        p.print(currency ? l.currencyAmount().toPlainString().replace('.', ',') : null);
        p.print(currency ? clean(l.currency()) : null);
        p.println();
        debits = l.debit() == null ? debits : debits.add(l.debit());
        credits = l.credit() == null ? credits : credits.add(l.credit());
      }
      if (debits.compareTo(credits) != 0) {
        throw new IllegalArgumentException("Entry " + pieceRef + " is not balanced");
      }
    }
    p.flush();
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  private static String amount(BigDecimal a) {
    return a == null ? "0,00" : a.setScale(2, RoundingMode.HALF_UP).toPlainString().replace('.', ',');
  }

  /** Tabs, pipes, line breaks and other controls become spaces, as in FecWriter. */
  private static String clean(String s) {
    if (s == null) {
      return null;
    }
    for (int i = 0; i < s.length(); i++) {
      if (dirty(s.charAt(i))) {
        char[] c = s.toCharArray();
        for (int j = i; j < c.length; j++) {
          if (dirty(c[j])) {
            c[j] = ' ';
          }
        }
        return new String(c);
      }
    }
    return s;
  }

  private static boolean dirty(char c) {
    return c < ' ' || c == '|' || c == '\u0085' || c == '\u2028' || c == '\u2029';
  }
}
