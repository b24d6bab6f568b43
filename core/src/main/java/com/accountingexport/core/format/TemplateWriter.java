package com.accountingexport.core.format;

import com.accountingexport.core.booking.EntryLine;
import com.accountingexport.core.booking.JournalEntry;
import com.accountingexport.core.lettering.Letter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * A tenant's {@link ExportTemplate} as a format: one row per entry line with a non-zero amount, the
 * template's columns in its order, an optional header row, CRLF. Text cells are cleaned for the
 * encoding (counted), quoted as the template says and neutralised against formula injection; dates
 * in the template's pattern; amounts with two decimals and its decimal mark, never altered:
 * Debit/Credit with {@code 0.00} on the empty side, or Montant (positive) with Sens {@code D}/{@code C}.
 * EcritureNum numbers the entries from 1; DateEcheance is empty (documents' due dates are not part of
 * the entries); EcritureLet/DateLet come from the lettering like the FEC's.
 */
public final class TemplateWriter implements ExportWriter {
  private final ExportTemplate template;
  private final Charset charset;
  private final int[] fields;

  public TemplateWriter(ExportTemplate template) {
    this.template = template;
    this.charset = Charset.forName(template.encoding());
    List<String> f = template.fields();
    this.fields = new int[f.size()];
    for (int i = 0; i < fields.length; i++) {
      fields[i] = ExportTemplate.FIELDS.indexOf(f.get(i));
    }
  }

  public ExportTemplate template() {
    return template;
  }

  @Override
  public String id() {
    return template.id();
  }

  @Override
  public String description() {
    String d = template.description();
    return "Template \"" + template.name() + "\"" + (d == null || d.isBlank() ? "" : ": " + d);
  }

  @Override
  public String fileExtension() {
    return template.separator() == ',' || template.separator() == ';' ? "csv" : "txt";
  }

  @Override
  public String contentType() {
    return ("csv".equals(fileExtension()) ? "text/csv" : "text/plain") + "; charset=" + charset.name();
  }

  @Override
  public Charset charset() {
    return charset;
  }

  @Override
  public String separator() {
    return String.valueOf(template.separator());
  }

  @Override
  public char decimalMark() {
    return template.decimalMark();
  }

  @Override
  public String datePattern() {
    return template.datePattern();
  }

  @Override
  public String revision() {
    return "v" + template.version();
  }

  @Override
  public boolean lettered() {
    return template.fields().contains("EcritureLet") || template.fields().contains("DateLet");
  }

  /** The standard accounts columns, in the template's separator, encoding and quoting. */
  @Override
  public Optional<AccountsFormat> accounts() {
    return Optional.of(new DelimitedAccounts(template.separator(), charset, quoteAll(), fileExtension(),
        DelimitedAccounts.STANDARD));
  }

  private boolean quoteAll() {
    return "all".equals(template.quoting());
  }

  @Override
  public TextChanges write(Iterator<JournalEntry> entries, ExportContext context, OutputStream out) throws IOException {
    Text text = Text.of(charset);
    TextSink sink = new TextSink(out, charset);
    char sep = template.separator();
    if (template.header()) {
      List<ExportTemplate.Column> columns = template.columns();
      for (int i = 0; i < columns.size(); i++) {
        if (i > 0) {
          sink.append(sep);
        }
        textCell(sink, text.clean(columns.get(i).headerOrField()));
      }
      sink.crlf();
    }
    String pattern = template.datePattern();
    char mark = template.decimalMark();
    String validDate = Fields.date(context.validationDate(), pattern);
    long number = 0;
    while (entries.hasNext()) {
      JournalEntry e = entries.next();
      if (e.lines().isEmpty()) {
        continue;
      }
      number++;
      String num = Long.toString(number);
      String date = Fields.date(e.date(), pattern);
      LocalDate pd = Fields.pieceDate(e);
      String pieceDate = pd.equals(e.date()) ? date : Fields.date(pd, pattern);
      for (EntryLine l : e.lines()) {
        if (Fields.net(l).signum() == 0) {
          continue;
        }
        String aux = Fields.auxAccount(l);
        Letter letter = aux == null ? null : context.letters().letterOf(e.documentId(), l.account(), aux);
        for (int i = 0; i < fields.length; i++) {
          if (i > 0) {
            sink.append(sep);
          }
          switch (fields[i]) {
            case 0 -> textCell(sink, text.clean(e.journalCode()));
            case 1 -> textCell(sink, text.clean(Fields.journalLabel(e)));
            case 2 -> sink.append(num);
            case 3 -> sink.append(date);
            case 4 -> textCell(sink, text.clean(l.account()));
            case 5 -> textCell(sink, text.clean(Fields.accountLabel(l)));
            case 6 -> textCell(sink, text.clean(aux));
            case 7 -> textCell(sink, text.clean(Fields.auxLabel(l)));
            case 8 -> textCell(sink, text.clean(Fields.pieceRef(e)));
            case 9 -> sink.append(pieceDate);
            case 10 -> textCell(sink, text.clean(Fields.lineLabel(e, l)));
            case 11 -> sink.appendAmount(l.debit(), mark);
            case 12 -> sink.appendAmount(l.credit(), mark);
            case 13 -> sink.appendAmount(Fields.amountOf(l), mark);
            case 14 -> sink.append(Fields.direction(l));
            case 15 -> textCell(sink, letter == null ? null : text.clean(letter.code()));
            case 16 -> sink.append(letter == null ? null : Fields.date(letter.date(), pattern));
            case 17 -> sink.append(validDate);
            case 18 -> { } // DateEcheance: not carried by the entries
            case 19 -> {
              if (Fields.hasCurrency(l)) {
                sink.appendCurrencyAmount(l.currencyAmount(), mark);
              }
            }
            case 20 -> textCell(sink, Fields.hasCurrency(l) ? text.clean(l.currency()) : null);
            default -> throw new IllegalStateException("unknown template field " + fields[i]);
          }
        }
        sink.crlf();
      }
    }
    sink.flush();
    return text.changes();
  }

  private void textCell(TextSink sink, String s) throws IOException {
    if (s == null) {
      return;
    }
    if (quoteAll()) {
      sink.appendQuoted(TextSink.neutralised(s));
    } else {
      sink.appendDelimited(s, template.separator(), true);
    }
  }
}
