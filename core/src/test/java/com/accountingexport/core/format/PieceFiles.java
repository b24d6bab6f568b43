package com.accountingexport.core.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.accountingexport.core.booking.EntryLine;
import com.accountingexport.core.booking.JournalEntry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Test support for the one-piece-per-entry formats (Cegid TRA, Quadratus, Ciel, EBP): runs a writer
 * keeping the bytes, checks the file's text (strict decoding, CRLF only, no other control character),
 * and states what the lines read back must be, computed from the input entries alone.
 */
final class PieceFiles {
  private PieceFiles() {}

  /** A written file: its bytes and what the writer says it changed. */
  record Written(byte[] bytes, TextChanges changes) {
    /** The records (CRLF-terminated lines) after {@link #checkText}. */
    List<String> records(Charset charset) {
      return checkText(bytes, charset);
    }
  }

  /**
   * One line as a reader sees it, or as the input says it must be: journal, entry date, account,
   * auxiliary account (null when none or when the format has one account column), direction, positive
   * amount, piece number, foreign currency and its amount (null for euro lines).
   */
  record Line(String journal, LocalDate date, String account, String aux, char direction, BigDecimal amount,
      String piece, String currency, BigDecimal currencyAmount) {
    /** The line of a format with one account column: the auxiliary account when there is one. */
    Line oneAccount() {
      return new Line(journal, date, aux != null ? aux : account, null, direction, amount, piece, currency,
          currencyAmount);
    }

    Line withoutCurrency() {
      return new Line(journal, date, account, aux, direction, amount, piece, null, null);
    }
  }

  static Written write(ExportWriter writer, List<JournalEntry> entries) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      TextChanges changes = writer.write(entries.iterator(), Entries.CONTEXT, out);
      return new Written(out.toByteArray(), changes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Written writeAccounts(AccountsFormat format, List<AccountRecord> accounts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      TextChanges changes = format.write(accounts.iterator(), out);
      return new Written(out.toByteArray(), changes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The lines of {@code bytes}: decodes strictly in {@code charset} (an unmappable byte fails), no BOM,
   * every line ends with CRLF (the last one too), no other control character, no empty line.
   */
  static List<String> checkText(byte[] bytes, Charset charset) {
    String text;
    try {
      text = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw new AssertionError("not " + charset + ": " + e, e);
    }
    assertFalse(text.startsWith("\uFEFF"), "BOM");
    assertTrue(text.isEmpty() || text.endsWith("\r\n"), "final CRLF");
    List<String> lines = new ArrayList<>(Arrays.asList(text.split("\r\n", -1)));
    lines.remove(lines.size() - 1);
    for (String l : lines) {
      assertFalse(l.isEmpty(), "empty line");
      for (int i = 0; i < l.length(); i++) {
        char c = l.charAt(i);
        if (c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == '\u2028' || c == '\u2029') {
          fail("control character U+" + Integer.toHexString(c) + " in " + l);
        }
      }
    }
    return lines;
  }

  /** What the lines must read back as: one piece per entry with a non-zero line, numbered from 1. */
  static List<Line> expected(List<JournalEntry> entries) {
    List<Line> out = new ArrayList<>();
    long piece = 0;
    for (JournalEntry e : entries) {
      boolean numbered = false;
      for (EntryLine l : e.lines()) {
        BigDecimal net = l.debit().subtract(l.credit());
        if (net.signum() == 0) {
          continue;
        }
        if (!numbered) {
          numbered = true;
          piece++;
        }
        boolean foreign = l.currency() != null && !l.currency().equals("EUR");
        out.add(new Line(e.journalCode(), e.date(), l.account(), l.auxAccount(), net.signum() > 0 ? 'D' : 'C',
            net.abs(), Long.toString(piece), foreign ? l.currency() : null, foreign ? l.currencyAmount() : null));
      }
    }
    return out;
  }

  /**
   * Asserts the lines read back equal the expected ones ({@code view} maps an expected line to what
   * the format shows), then that every piece and the file balance, the file at the input's total.
   */
  static void assertRoundTrip(List<JournalEntry> entries, List<Line> read, UnaryOperator<Line> view) {
    List<Line> expected = expected(entries).stream().map(view).toList();
    assertEquals(expected.size(), read.size(), "line count");
    for (int i = 0; i < expected.size(); i++) {
      assertEquals(expected.get(i), read.get(i), "line " + (i + 1));
    }
    BigDecimal total = entries.stream().map(JournalEntry::totalDebit).reduce(BigDecimal.ZERO, BigDecimal::add);
    assertBalanced(read, total);
  }

  /** Debit = credit for every journal + piece, and for the file at {@code total}. */
  static void assertBalanced(List<Line> read, BigDecimal total) {
    Map<String, BigDecimal> byPiece = new LinkedHashMap<>();
    BigDecimal debit = BigDecimal.ZERO;
    BigDecimal credit = BigDecimal.ZERO;
    for (Line l : read) {
      BigDecimal signed = l.direction() == 'D' ? l.amount() : l.amount().negate();
      byPiece.merge(l.journal() + "/" + l.piece(), signed, BigDecimal::add);
      if (l.direction() == 'D') {
        debit = debit.add(l.amount());
      } else {
        credit = credit.add(l.amount());
      }
    }
    byPiece.forEach((piece, net) -> assertEquals(0, net.signum(), "piece " + piece + " off by " + net));
    assertEquals(0, debit.compareTo(credit), "file debit " + debit + " credit " + credit);
    assertEquals(0, debit.compareTo(total), "file total " + debit + " expected " + total);
  }

  /** An amount written with {@code mark} as decimal mark, exactly two decimals. */
  static BigDecimal amount(String s, char mark) {
    String t = s.trim();
    assertTrue(t.matches("\\d+\\" + mark + "\\d{2}"), "amount '" + s + "'");
    return new BigDecimal(t.replace(mark, '.'));
  }

  /** The characters {@code from}..{@code to} (1-based, inclusive) of a fixed-width record. */
  static String at(String record, int from, int to) {
    return record.substring(from - 1, to);
  }

  /** {@link #at}, trailing spaces removed; null when blank. */
  static String text(String record, int from, int to) {
    String s = at(record, from, to).stripTrailing();
    return s.isEmpty() ? null : s;
  }

  /** {@code count} two-line entries made one at a time (nothing held), for files too large to keep. */
  static java.util.Iterator<JournalEntry> manyEntries(long count) {
    return new java.util.Iterator<>() {
      private long n;

      @Override
      public boolean hasNext() {
        return n < count;
      }

      @Override
      public JournalEntry next() {
        n++;
        return Entries.entry("OD", "OD", LocalDate.of(2026, 1, 1), "P" + n, null, "x",
            Entries.debit("471000", "Attente", null, "1.00"), Entries.credit("471100", "Attente", null, "1.00"));
      }
    };
  }

  /** An output stream that keeps only its last {@code size} bytes. */
  static final class Tail extends java.io.OutputStream {
    private final byte[] ring;
    private long written;

    Tail(int size) {
      ring = new byte[size];
    }

    @Override
    public void write(int b) {
      ring[(int) (written++ % ring.length)] = (byte) b;
    }

    /** The last {@code size} bytes (or all, when fewer were written). */
    byte[] bytes() {
      int n = (int) Math.min(written, ring.length);
      byte[] out = new byte[n];
      for (int i = 0; i < n; i++) {
        out[i] = ring[(int) ((written - n + i) % ring.length)];
      }
      return out;
    }
  }
}
