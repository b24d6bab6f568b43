package com.accountingexport.core.format;

import com.accountingexport.core.booking.EntryLine;
import com.accountingexport.core.booking.JournalEntry;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * The journal as an Excel workbook (shared/FORMATS.md §9, our profile): one sheet, "Journal", row 1
 * the column ids of the generic CSV ({@link #COLUMNS}, bold and frozen), then one row per entry
 * line, streamed ({@link XlsxSheet}: constant memory, a million rows under a 256 MiB heap).
 *
 * <ul>
 *   <li>EcritureDate and PieceDate are numeric date cells (serials of the 1900 date system) shown as
 *       {@code yyyy-mm-dd}; never text dates.
 *   <li>Debit and Credit are numeric cells with two decimals ({@code 0.00}): the line's net
 *       ({@link Fields#amountOf}) on its side ({@link Fields#direction}), 0 on the other; a line
 *       whose net is zero is left out.
 *   <li>EcritureNum is a numeric cell: the entry's number in the file, 1, 2, 3… in the order given,
 *       entries without a written line take none. PieceRef is the document reference
 *       ({@link Fields#pieceRef}).
 *   <li>Montantdevise (numeric, rounded half-up to two decimals: FORMATS.md §9 allows at most two)
 *       and Idevise only for lines in a foreign currency ({@link Fields#hasCurrency}), else empty.
 *   <li>Every other cell is text (inline strings, UTF-8): control characters become spaces, a text
 *       starting with {@code = + - @}, tab or CR gets a leading apostrophe as in the CSV (the sheet
 *       may be saved again as CSV), cut at 32,767 characters; each change counted. No formula cell.
 * </ul>
 *
 * The balance is the caller's ({@link BalancedEntries}). More than 1,048,575 lines (a sheet's limit)
 * fail with 422 {@code TOO_MANY_ROWS}.
 */
public final class XlsxWriter implements ExportWriter {
  public static final String ID = "xlsx";
  public static final String CONTENT_TYPE = XlsxSheet.CONTENT_TYPE;
  /** Row 1: the generic CSV's column ids (FORMATS.md §8), in this order. */
  public static final List<String> COLUMNS = List.of(
      "JournalCode", "JournalLib", "EcritureNum", "EcritureDate", "CompteNum", "CompteLib", "CompAuxNum",
      "CompAuxLib", "PieceRef", "PieceDate", "EcritureLib", "Debit", "Credit", "Montantdevise", "Idevise");
  private static final BigDecimal ZERO = BigDecimal.ZERO.setScale(2);
  private static final int[] WIDTHS = {11, 22, 11, 12, 12, 28, 12, 28, 16, 12, 40, 14, 14, 14, 8};

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String description() {
    return "Journal lines as an Excel workbook (.xlsx): one sheet, FEC-style column ids, numeric amounts and "
        + "date cells, no formulas.";
  }

  @Override
  public String fileExtension() {
    return "xlsx";
  }

  @Override
  public String contentType() {
    return CONTENT_TYPE;
  }

  @Override
  public boolean binary() {
    return true;
  }

  @Override
  public String datePattern() {
    return "yyyy-MM-dd";
  }

  @Override
  public Optional<AccountsFormat> accounts() {
    return Optional.of(new XlsxAccounts());
  }

  @Override
  public TextChanges write(Iterator<JournalEntry> entries, ExportContext context, OutputStream out) throws IOException {
    XlsxSheet sheet = new XlsxSheet(out, Text.of(StandardCharsets.UTF_8), "Journal", COLUMNS, WIDTHS);
    LocalDate lastDate = null;
    String lastSerial = null;
    long number = 0;
    while (entries.hasNext()) {
      JournalEntry e = entries.next();
      List<EntryLine> lines = e.lines();
      boolean numbered = false;
      String date = null;
      String pieceDate = null;
      String pieceRef = null;
      String journalLabel = null;
      for (int i = 0, n = lines.size(); i < n; i++) {
        EntryLine l = lines.get(i);
        BigDecimal net = Fields.net(l);
        if (net.signum() == 0) {
          continue;
        }
        if (!numbered) {
          numbered = true;
          number++;
          if (!e.date().equals(lastDate)) {
            lastDate = e.date();
            lastSerial = XlsxSheet.serial(lastDate);
          }
          date = lastSerial;
          LocalDate pd = Fields.pieceDate(e);
          pieceDate = pd.equals(lastDate) ? date : XlsxSheet.serial(pd);
          pieceRef = Fields.pieceRef(e);
          journalLabel = Fields.journalLabel(e);
        }
        sheet.startRow();
        sheet.text(e.journalCode());
        sheet.text(journalLabel);
        sheet.integer(number);
        sheet.date(date);
        sheet.text(l.account());
        sheet.text(Fields.accountLabel(l));
        sheet.text(Fields.auxAccount(l));
        sheet.text(Fields.auxLabel(l));
        sheet.text(pieceRef);
        sheet.date(pieceDate);
        sheet.text(Fields.lineLabel(e, l));
        BigDecimal amount = net.abs(); // Fields.amountOf(l), on the side of Fields.direction(l)
        boolean debit = net.signum() > 0;
        sheet.amount(debit ? amount : ZERO);
        sheet.amount(debit ? ZERO : amount);
        if (Fields.hasCurrency(l)) {
          sheet.amount(l.currencyAmount());
          sheet.text(l.currency());
        }
        sheet.endRow();
      }
    }
    return sheet.finish();
  }
}
