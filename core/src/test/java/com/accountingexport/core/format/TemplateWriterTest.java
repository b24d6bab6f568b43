package com.accountingexport.core.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.accountingexport.core.booking.EntryLine;
import com.accountingexport.core.booking.JournalEntry;
import com.accountingexport.core.error.Violation;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

class TemplateWriterTest {
  private static final Charset CP1252 = Charset.forName("windows-1252");

  static ExportTemplate template(List<String> fields, char separator, char decimal, String datePattern, String encoding,
      String quoting) {
    List<ExportTemplate.Column> columns = fields.stream().map(f -> new ExportTemplate.Column(f, "H-" + f)).toList();
    return new ExportTemplate("tpl-test", "Cabinet", null, columns, separator, decimal, datePattern, encoding, quoting,
        true, 3, null, null);
  }

  private static byte[] write(ExportWriter w, List<JournalEntry> entries) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      w.write(entries.iterator(), Entries.CONTEXT, out);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return out.toByteArray();
  }

  private static List<CSVRecord> read(byte[] bytes, Charset charset, char separator) throws IOException {
    return CSVFormat.RFC4180.builder().setDelimiter(separator).get()
        .parse(new StringReader(new String(bytes, charset))).getRecords();
  }

  /** What a text cell must read: control characters as spaces, a formula start behind an apostrophe. */
  private static String expectedText(String s, CharsetEncoder encoder) {
    StringBuilder b = new StringBuilder();
    s.codePoints().forEach(cp -> b.append(cp < 0x20 ? " " : new String(Character.toChars(cp))));
    String t = b.toString();
    char c = t.isEmpty() ? 'x' : t.charAt(0);
    return c == '=' || c == '+' || c == '-' || c == '@' ? "'" + t : t;
  }

  @Test
  void hostileLedgers_roundTripThroughCommonsCsv_everyLineAndTotal() throws IOException {
    List<String> fields = List.of("EcritureNum", "EcritureDate", "JournalCode", "CompteNum", "CompAuxNum", "CompAuxLib",
        "EcritureLib", "PieceRef", "PieceDate", "Debit", "Credit", "Montant", "Sens", "Montantdevise", "Idevise");
    for (String encoding : List.of("windows-1252", "utf-8")) {
      for (char sep : new char[] {';', ',', '\t', '|'}) {
        char decimal = sep == ',' ? '.' : ',';
        ExportTemplate t = template(fields, sep, decimal, "dd/MM/yyyy", encoding, "minimal");
        assertEquals(List.of(), t.problems());
        Charset charset = Charset.forName(encoding);
        CharsetEncoder encoder = charset.newEncoder();
        for (long seed = 1; seed <= 3; seed++) {
          List<JournalEntry> entries = HostileLedger.entries(new Random(seed), 60);
          List<CSVRecord> rows = read(write(new TemplateWriter(t), entries), charset, sep);
          assertEquals(fields.stream().map(f -> "H-" + f).toList(), rows.get(0).toList());
          int row = 1;
          Map<String, BigDecimal> balance = new HashMap<>();
          int number = 0;
          for (JournalEntry e : entries) {
            number++;
            for (EntryLine l : e.lines()) {
              CSVRecord r = rows.get(row++);
              String where = encoding + " '" + sep + "' seed " + seed + " row " + row;
              assertEquals(fields.size(), r.size(), where);
              assertEquals(String.valueOf(number), r.get(0), where);
              assertEquals(e.date(), LocalDate.parse(r.get(1), DateTimeFormatter.ofPattern("dd/MM/yyyy")), where);
              assertEquals(e.journalCode(), r.get(2), where);
              assertEquals(l.account(), r.get(3), where);
              assertEquals(l.auxAccount() == null ? "" : l.auxAccount(), r.get(4), where);
              String label = l.label() != null ? l.label() : e.label();
              if (encoder.canEncode(label)) {
                assertEquals(expectedText(label, encoder), r.get(6), where);
              } else {
                assertFalse(r.get(6).isEmpty(), where);
              }
              BigDecimal debit = new BigDecimal(r.get(9).replace(decimal, '.'));
              BigDecimal credit = new BigDecimal(r.get(10).replace(decimal, '.'));
              assertEquals(0, l.debit().compareTo(debit), where);
              assertEquals(0, l.credit().compareTo(credit), where);
              BigDecimal amount = new BigDecimal(r.get(11).replace(decimal, '.'));
              assertEquals(r.get(12).equals("D") ? debit : credit, amount, where);
              if (l.currency() != null) {
                assertEquals(l.currencyAmount(), new BigDecimal(r.get(13).replace(decimal, '.')), where);
                assertEquals(l.currency(), r.get(14), where);
              }
              balance.merge(r.get(0), debit.subtract(credit), BigDecimal::add);
            }
          }
          assertEquals(rows.size(), row, "no extra row");
          balance.forEach((piece, b) -> assertEquals(0, b.signum(), "piece " + piece + " balances"));
        }
      }
    }
  }

  @Test
  void quotingAll_quotesEveryTextCell_neverAnAmountOrDate() {
    ExportTemplate t = template(List.of("EcritureDate", "JournalCode", "CompteNum", "EcritureLib", "PieceRef", "Debit",
        "Credit"), ';', ',', "yyyy-MM-dd", "utf-8", "all");
    String text = new String(write(new TemplateWriter(t), List.of(Entries.sale())), StandardCharsets.UTF_8);
    String[] lines = text.split("\r\n");
    assertEquals("\"H-EcritureDate\";\"H-JournalCode\";\"H-CompteNum\";\"H-EcritureLib\";\"H-PieceRef\";\"H-Debit\";\"H-Credit\"",
        lines[0]);
    assertEquals("2026-03-02;\"VT\";\"411000\";\"F-50 – Müller GmbH\";\"F-50\";2000,00;0,00", lines[1]);
  }

  @Test
  void windows1252_encodesAccentsEuroAndOeInOneByte_nothingCounted() throws IOException {
    ExportTemplate t = template(List.of("EcritureDate", "JournalCode", "CompteNum", "EcritureLib", "PieceRef", "Debit",
        "Credit"), ';', ',', "ddMMyyyy", "windows-1252", "minimal");
    JournalEntry e = new JournalEntry("VT", "Ventes", LocalDate.of(2026, 1, 5), "P1", null, "é € Œ", "d1", List.of(
        Entries.debit("411000", "Clients", null, "10.00"), Entries.credit("706000", "Ventes", null, "10.00")));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    TextChanges changes = new TemplateWriter(t).write(List.of(e).iterator(), Entries.CONTEXT, out);
    byte[] bytes = out.toByteArray();
    assertEquals(TextChanges.NONE, changes);
    String line = new String(bytes, CP1252).split("\r\n")[1];
    assertEquals("05012026;VT;411000;é € Œ;P1;10,00;0,00", line);
    byte[] label = "é € Œ".getBytes(CP1252);
    assertArrayEquals(new byte[] {(byte) 0xE9, ' ', (byte) 0x80, ' ', (byte) 0x8C}, label);
    assertTrue(indexOf(bytes, label) > 0, "the three characters are single bytes in the file");
  }

  @Test
  void windows1252_transliteratesWhatItLacks_andCountsIt() throws IOException {
    ExportTemplate t = template(List.of("EcritureDate", "JournalCode", "CompteNum", "EcritureLib", "PieceRef", "Debit",
        "Credit"), ';', ',', "ddMMyyyy", "windows-1252", "minimal");
    JournalEntry e = new JournalEntry("VT", "Ventes", LocalDate.of(2026, 1, 5), "P1", null, "Łódź ő 😀", "d1", List.of(
        Entries.debit("411000", "Clients", null, "10.00"), Entries.credit("706000", "Ventes", null, "10.00")));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    TextChanges changes = new TemplateWriter(t).write(List.of(e).iterator(), Entries.CONTEXT, out);
    assertEquals("Lódz o ?", new String(out.toByteArray(), CP1252).split("\r\n")[1].split(";")[3]);
    assertEquals(new TextChanges(8, 0), changes, "Ł, ź and ő on each of the two lines, the emoji on each: 4 a line");
  }

  @Test
  void problems_nameEveryMissingOrWrongColumn() {
    ExportTemplate bad = template(List.of("EcritureDate", "EcritureDate", "Nope", "Debit"), ',', ',', "dd/MM/yyyy",
        "utf-8", "minimal");
    List<String> codes = bad.problems().stream().map(v -> v.field() + ":" + v.code()).toList();
    assertTrue(codes.contains("columns[1].field:DUPLICATE_FIELD"), codes.toString());
    assertTrue(codes.contains("columns[2].field:UNKNOWN_FIELD"), codes.toString());
    assertTrue(codes.contains("decimalMark:INVALID_VALUE"), codes.toString());
    List<String> missing = bad.problems().stream().filter(v -> v.code().equals("MISSING_FIELD")).map(Violation::message).toList();
    assertEquals(5, missing.size(), missing.toString()); // JournalCode, CompteNum, EcritureLib, amounts, piece grouping
  }

  @Test
  void revision_followsTheVersion_soAnEditedTemplateIsRenderedAgain() {
    ExportTemplate t = template(List.of("EcritureDate", "JournalCode", "CompteNum", "EcritureLib", "PieceRef", "Debit",
        "Credit"), ';', ',', "ddMMyyyy", "utf-8", "minimal");
    assertEquals("v3", new TemplateWriter(t).revision());
    assertEquals("v4", new TemplateWriter(t.revised(t, null)).revision());
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
