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
    CsvRow row = new CsvRow(sink, text, template.separator(), template.decimalMark(), quoteAll());
    if (template.header()) {
      for (ExportTemplate.Column c : template.columns()) {
        row.text(c.headerOrField());
      }
      row.end();
    }
    String pattern = template.datePattern();
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
        boolean foreign = Fields.hasCurrency(l);
        for (int field : fields) {
          switch (field) {
            case 0 -> row.text(e.journalCode());
            case 1 -> row.text(Fields.journalLabel(e));
            case 2 -> row.plain(num);
            case 3 -> row.plain(date);
            case 4 -> row.text(l.account());
            case 5 -> row.text(Fields.accountLabel(l));
            case 6 -> row.text(aux);
            case 7 -> row.text(Fields.auxLabel(l));
            case 8 -> row.text(Fields.pieceRef(e));
            case 9 -> row.plain(pieceDate);
            case 10 -> row.text(Fields.lineLabel(e, l));
            case 11 -> row.amount(l.debit());
            case 12 -> row.amount(l.credit());
            case 13 -> row.amount(Fields.amountOf(l));
            case 14 -> row.plain(String.valueOf(Fields.direction(l)));
            case 15 -> row.text(letter == null ? null : letter.code());
            case 16 -> row.plain(letter == null ? null : Fields.date(letter.date(), pattern));
            case 17 -> row.plain(validDate);
            case 18 -> row.plain(null); // DateEcheance: not carried by the entries
            case 19 -> {
              if (foreign) {
                row.currencyAmount(l.currencyAmount());
              } else {
                row.plain(null);
              }
            }
            case 20 -> row.text(foreign ? l.currency() : null);
            default -> throw new IllegalStateException("unknown template field " + field);
          }
        }
        row.end();
      }
    }
    sink.flush();
    return text.changes();
  }
}
