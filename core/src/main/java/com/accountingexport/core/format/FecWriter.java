package com.accountingexport.core.format;

import com.accountingexport.core.booking.EntryLine;
import com.accountingexport.core.booking.JournalEntry;
import com.accountingexport.core.lettering.Letter;
import com.accountingexport.core.lettering.LetterLookup;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.List;

/**
 * The Fichier des Écritures Comptables (art. A47 A-1 LPF): the 18 columns, one row per entry line,
 * UTF-8, CRLF. {@code EcritureNum} is assigned here, continuous from 1 in the order the entries
 * arrive (the caller sorts by journal then date), one number per entry; entries without lines are
 * skipped and take no number. Text fields lose tabs, pipes and line breaks (each becomes a space).
 * {@code EcritureLet}/{@code DateLet} come from {@link ExportContext#letters()} for the lines with
 * an auxiliary account, and stay empty otherwise.
 * An unbalanced entry stops the file with an {@link IllegalArgumentException}.
 */
public final class FecWriter implements ExportWriter {
  public static final String ID_TAB = "fec";
  public static final String ID_PIPE = "fec-pipe";

  /** The 18 FEC columns, in the order of art. A47 A-1 LPF. */
  public static final List<String> COLUMNS = List.of(
      "JournalCode", "JournalLib", "EcritureNum", "EcritureDate", "CompteNum", "CompteLib",
      "CompAuxNum", "CompAuxLib", "PieceRef", "PieceDate", "EcritureLib", "Debit", "Credit",
      "EcritureLet", "DateLet", "ValidDate", "Montantdevise", "Idevise");

  private final String id;
  private final char separator;
  private final String description;
  private final String header;

  private FecWriter(String id, char separator, String description) {
    this.id = id;
    this.separator = separator;
    this.description = description;
    this.header = String.join(String.valueOf(separator), COLUMNS);
  }

  /** {@code fec}: tab-separated, the default format. */
  public static FecWriter tab() {
    return new FecWriter(ID_TAB, '\t',
        "FEC (Fichier des Écritures Comptables, art. A47 A-1 LPF), tab-separated, UTF-8: the file the tax administration asks for.");
  }

  /** {@code fec-pipe}: the same file with '|' as separator. */
  public static FecWriter pipe() {
    return new FecWriter(ID_PIPE, '|',
        "FEC (Fichier des Écritures Comptables, art. A47 A-1 LPF), '|'-separated, UTF-8.");
  }

  public char separatorChar() {
    return separator;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public String description() {
    return description;
  }

  @Override
  public boolean lettered() {
    return true;
  }

  @Override
  public String fileExtension() {
    return "txt";
  }

  @Override
  public String contentType() {
    return "text/plain; charset=UTF-8";
  }

  @Override
  public String separator() {
    return String.valueOf(separator);
  }

  @Override
  public char decimalMark() {
    return ',';
  }

  @Override
  public String datePattern() {
    return "yyyyMMdd";
  }

  /** {@code <SIREN>FEC<AAAAMMJJ of periodEnd>.txt} (art. A47 A-1 LPF), SIREN {@value ExportFormats#UNKNOWN_SIREN} when unknown. */
  @Override
  public String fileName(ExportContext context) {
    return ExportFormats.sirenOf(context.siren()) + "FEC" + Fields.compactDate(context.periodEnd()) + "." + fileExtension();
  }

  @Override
  public TextChanges write(Iterator<JournalEntry> entries, ExportContext context, OutputStream out) throws IOException {
    final char sep = separator;
    TextSink sink = new TextSink(out);
    sink.append(header);
    sink.crlf();
    String validDate = Fields.compactDate(context.validationDate());
    LetterLookup letters = context.letters();
    LocalDate lastDate = null;
    String lastDateText = null;
    long number = 0;
    while (entries.hasNext()) {
      JournalEntry e = entries.next();
      List<EntryLine> lines = e.lines();
      if (lines.isEmpty()) {
        continue;
      }
      number++;
      String num = Long.toString(number);
      if (!e.date().equals(lastDate)) {
        lastDate = e.date();
        lastDateText = Fields.compactDate(lastDate);
      }
      String date = lastDateText;
      LocalDate pd = Fields.pieceDate(e);
      String pieceDate = pd.equals(lastDate) ? date : Fields.compactDate(pd);
      String journalCode = e.journalCode();
      String journalLabel = Fields.journalLabel(e);
      String pieceRef = Fields.pieceRef(e);
      String documentId = e.documentId();
      BigDecimal debits = BigDecimal.ZERO;
      BigDecimal credits = BigDecimal.ZERO;
      for (int i = 0, n = lines.size(); i < n; i++) {
        EntryLine l = lines.get(i);
        sink.appendClean(journalCode);
        sink.append(sep);
        sink.appendClean(journalLabel);
        sink.append(sep);
        sink.append(num);
        sink.append(sep);
        sink.append(date);
        sink.append(sep);
        sink.appendClean(l.account());
        sink.append(sep);
        sink.appendClean(Fields.accountLabel(l));
        sink.append(sep);
        String aux = Fields.auxAccount(l);
        sink.appendClean(aux);
        sink.append(sep);
        sink.appendClean(Fields.auxLabel(l));
        sink.append(sep);
        sink.appendClean(pieceRef);
        sink.append(sep);
        sink.append(pieceDate);
        sink.append(sep);
        sink.appendClean(Fields.lineLabel(e, l));
        sink.append(sep);
        sink.appendAmount(l.debit(), ',');
        sink.append(sep);
        sink.appendAmount(l.credit(), ',');
        sink.append(sep);
        // EcritureLet, DateLet: only lines on an auxiliary account are lettered (context.letters())
        Letter letter = aux == null ? null : letters.letterOf(documentId, l.account(), aux);
        if (letter != null) {
          sink.appendClean(letter.code());
          sink.append(sep);
          sink.append(Fields.compactDate(letter.date()));
        } else {
          sink.append(sep);
        }
        sink.append(sep);
        sink.append(validDate);
        sink.append(sep);
        if (Fields.hasCurrency(l)) {
          sink.appendCurrencyAmount(l.currencyAmount(), ',');
          sink.append(sep);
          sink.appendClean(l.currency());
        } else {
          sink.append(sep);
        }
        sink.crlf();
        if (l.debit() != null) {
          debits = debits.add(l.debit());
        }
        if (l.credit() != null) {
          credits = credits.add(l.credit());
        }
      }
      if (debits.compareTo(credits) != 0) {
        throw new IllegalArgumentException("Entry " + pieceRef + " in journal " + journalCode
            + " is not balanced: debit " + debits.toPlainString() + ", credit " + credits.toPlainString());
      }
    }
    sink.flush();
    return TextChanges.NONE;
  }
}
