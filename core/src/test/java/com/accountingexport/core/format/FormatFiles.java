package com.accountingexport.core.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.accountingexport.core.booking.JournalEntry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Writes a format's file into bytes and reads it back without the writers' code: Commons CSV for
 * the delimited files, the checks an importer makes on every text file (line ends, control
 * characters, blank lines), and the rule for the cells a spreadsheet may open restated here.
 */
final class FormatFiles {
  static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

  private FormatFiles() {}

  /** The bytes {@code writer} writes for {@code entries}; {@code changes} receives what it reported. */
  static byte[] write(ExportWriter writer, List<JournalEntry> entries, Consumer<TextChanges> changes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      changes.accept(writer.write(entries.iterator(), Entries.CONTEXT, out));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  static byte[] write(ExportWriter writer, List<JournalEntry> entries) {
    return write(writer, entries, c -> { });
  }

  static byte[] write(AccountsFormat format, List<AccountRecord> records, Consumer<TextChanges> changes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      changes.accept(format.write(records.iterator(), out));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /**
   * Every record ends with CRLF (the last one too), no bare CR or LF, no other control character,
   * no blank line, and every byte is a character of a single-byte file (no BOM, nothing multi-byte
   * since each byte decodes to one character).
   */
  static void assertTextFile(byte[] file, Charset charset) {
    assertTrue(file.length > 0, "empty file");
    assertTrue(file.length < 3 || !(file[0] == (byte) 0xEF && file[1] == (byte) 0xBB && file[2] == (byte) 0xBF), "BOM");
    String text = new String(file, charset);
    assertEquals(file.length, text.length(), "one byte per character");
    assertTrue(text.endsWith("\r\n"), "no final CRLF");
    int lineStart = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\r') {
        if (i + 1 >= text.length() || text.charAt(i + 1) != '\n') {
          fail("bare CR at " + i);
        }
        if (i == lineStart) {
          fail("blank line at " + i);
        }
        i++;
        lineStart = i + 1;
      } else if (c == '\n') {
        fail("bare LF at " + i);
      } else if (c < 0x20 || c == 0x7F || c == '\uFFFD') {
        fail("control or replacement character " + (int) c + " at " + i);
      }
    }
  }

  /** Every byte is printable ASCII, CR or LF. */
  static void assertAscii(byte[] file) {
    for (int i = 0; i < file.length; i++) {
      int b = file[i] & 0xFF;
      assertTrue(b == '\r' || b == '\n' || (b >= 0x20 && b < 0x7F), "byte " + b + " at " + i);
    }
  }

  /** The records of a {@code ;}-separated file, parsed by Commons CSV (RFC 4180 quoting). */
  static List<CSVRecord> semicolonCsv(byte[] file, Charset charset) {
    CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(';').setRecordSeparator("\r\n").get();
    try (CSVParser p = CSVParser.parse(new StringReader(new String(file, charset)), format)) {
      return new ArrayList<>(p.getRecords());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * What a text cell of a spreadsheet-bound file must hold for {@code s}: its transliteration in
   * the file's charset (tested apart, byte by byte, in each format's encoding test), with a leading
   * apostrophe when it starts like a formula, cut at {@code max} characters, the apostrophe
   * included; null is an empty cell.
   */
  static String cell(Charset charset, String s, int max) {
    if (s == null) {
      return "";
    }
    String c = Text.of(charset).clean(s);
    if (!c.isEmpty() && "=+-@".indexOf(c.charAt(0)) >= 0) {
      c = "'" + c;
    }
    return c.length() <= max ? c : c.substring(0, max);
  }

  static String cell(Charset charset, String s) {
    return cell(charset, s, Integer.MAX_VALUE);
  }

  /** The amounts read back from a file, per piece and in total, checked against the entries written. */
  static final class Totals {
    private final Map<String, BigDecimal> pieces = new HashMap<>();
    private BigDecimal debits = BigDecimal.ZERO;
    private BigDecimal credits = BigDecimal.ZERO;

    /** One line read back: its piece (journal + piece number) and its positive debit or credit. */
    void line(String piece, BigDecimal debit, BigDecimal credit) {
      assertTrue(debit.signum() >= 0 && credit.signum() >= 0 && (debit.signum() == 0 ^ credit.signum() == 0),
          piece + ": one positive side, " + debit + " / " + credit);
      debits = debits.add(debit);
      credits = credits.add(credit);
      pieces.merge(piece, debit.subtract(credit), BigDecimal::add);
    }

    /** One piece per entry, each balanced, and the file's totals are the entries'. */
    void assertBalanced(List<JournalEntry> entries) {
      assertEquals(entries.stream().map(JournalEntry::totalDebit).reduce(BigDecimal.ZERO, BigDecimal::add), debits);
      assertEquals(debits, credits);
      assertEquals(entries.size(), pieces.size());
      pieces.forEach((piece, balance) -> assertEquals(0, balance.signum(), piece));
    }
  }
}
