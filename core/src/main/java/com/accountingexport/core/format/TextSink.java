package com.accountingexport.core.format;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;

/**
 * An unsynchronised char buffer in front of an {@link OutputStreamWriter} (UTF-8 unless told otherwise): formats append
 * hand-formatted fields here, and only full buffers cross to the writer. Not thread-safe; one per
 * {@code write} call.
 */
final class TextSink {
  private static final int SIZE = 1 << 15;

  private final Writer out;
  private final char[] buf = new char[SIZE];
  private int pos;

  TextSink(OutputStream stream) {
    this(stream, StandardCharsets.UTF_8);
  }

  /**
   * A sink encoding to {@code charset}: what is appended must already be encodable there
   * ({@link Text#clean}), or the writer's replacement byte would slip in unseen.
   */
  TextSink(OutputStream stream, java.nio.charset.Charset charset) {
    this.out = new OutputStreamWriter(stream, charset);
  }

  /** Appends the whole array (a fixed-width record). */
  void append(char[] chars) throws IOException {
    if (chars.length > SIZE - pos) {
      drain();
      if (chars.length > SIZE) {
        out.write(chars);
        return;
      }
    }
    System.arraycopy(chars, 0, buf, pos, chars.length);
    pos += chars.length;
  }

  void append(char c) throws IOException {
    if (pos == SIZE) {
      drain();
    }
    buf[pos++] = c;
  }

  void crlf() throws IOException {
    if (SIZE - pos < 2) {
      drain();
    }
    buf[pos++] = '\r';
    buf[pos++] = '\n';
  }

  /** Appends s as is; null appends nothing. */
  void append(String s) throws IOException {
    if (s == null) {
      return;
    }
    int len = s.length();
    if (len > SIZE - pos) {
      drain();
      if (len > SIZE) {
        out.write(s);
        return;
      }
    }
    s.getChars(0, len, buf, pos);
    pos += len;
  }

  /**
   * Appends s with every character that could break a FEC row replaced by a space: tab, '|', CR,
   * LF, the other C0 controls, NEL and the Unicode line/paragraph separators. Null appends nothing.
   */
  void appendClean(String s) throws IOException {
    if (s == null) {
      return;
    }
    int len = s.length();
    if (len > SIZE - pos) {
      drain();
      if (len > SIZE) {
        for (int i = 0; i < len; i++) {
          append(clean(s.charAt(i)));
        }
        return;
      }
    }
    s.getChars(0, len, buf, pos);
    int end = pos + len;
    for (int i = pos; i < end; i++) {
      buf[i] = clean(buf[i]);
    }
    pos = end;
  }

  private static char clean(char c) {
    if (c < ' ' || c == '|' || c == '\u0085' || c == '\u2028' || c == '\u2029') {
      return ' ';
    }
    return c;
  }

  /**
   * Appends s as one RFC 4180 text field: quoted when it holds a comma, a double quote, CR or LF,
   * inner quotes doubled. A text a spreadsheet would take for a formula (it starts with {@code =},
   * {@code +}, {@code -}, {@code @}, a tab or CR) gets a leading apostrophe, so that opening the file
   * never runs it (OWASP "CSV injection"). Amounts and dates never go through here: {@code -12.50}
   * stays a number. Null appends nothing (an empty field).
   */
  void appendCsv(String s) throws IOException {
    appendDelimited(s, ',', true);
  }

  /**
   * Appends s as one text field of a file separated by {@code separator}: quoted (RFC 4180) when it
   * holds the separator, a double quote, CR or LF, inner quotes doubled; with a leading apostrophe
   * first when {@code neutralise} and a spreadsheet would take it for a formula. Null appends nothing.
   */
  void appendDelimited(String s, char separator, boolean neutralise) throws IOException {
    if (s == null) {
      return;
    }
    if (neutralise) {
      s = neutralised(s);
    }
    int len = s.length();
    boolean quote = false;
    for (int i = 0; i < len; i++) {
      char c = s.charAt(i);
      if (c == separator || c == '"' || c == '\r' || c == '\n') {
        quote = true;
        break;
      }
    }
    if (quote) {
      appendQuoted(s);
    } else {
      append(s);
    }
  }

  /** Appends s between double quotes, inner quotes doubled (a template that quotes every text cell). */
  void appendQuoted(String s) throws IOException {
    append('"');
    for (int i = 0, n = s.length(); i < n; i++) {
      char c = s.charAt(i);
      if (c == '"') {
        append('"');
      }
      append(c);
    }
    append('"');
  }

  /** {@code s} with a leading apostrophe when a spreadsheet would read it as a formula. */
  static String neutralised(String s) {
    if (s.isEmpty()) {
      return s;
    }
    char c = s.charAt(0);
    return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r' ? "'" + s : s;
  }

  /**
   * Appends an amount with exactly two decimals ({@code decimalSeparator} '.' or ','), no thousands
   * separator; null is zero. Amounts with more decimals are rounded half-up.
   */
  void appendAmount(BigDecimal amount, char decimalSeparator) throws IOException {
    if (amount == null || amount.signum() == 0) {
      append('0');
      append(decimalSeparator);
      append('0');
      append('0');
      return;
    }
    BigDecimal a = amount.scale() == 2 ? amount : amount.setScale(2, RoundingMode.HALF_UP);
    appendPlain(a.toPlainString(), decimalSeparator);
  }

  /** Appends a currency amount with at least two decimals (three-decimal currencies keep theirs). */
  void appendCurrencyAmount(BigDecimal amount, char decimalSeparator) throws IOException {
    BigDecimal a = amount.scale() >= 2 ? amount : amount.setScale(2, RoundingMode.UNNECESSARY);
    appendPlain(a.toPlainString(), decimalSeparator);
  }

  private void appendPlain(String plain, char decimalSeparator) throws IOException {
    int len = plain.length();
    if (len > SIZE - pos) {
      drain();
    }
    plain.getChars(0, len, buf, pos);
    if (decimalSeparator != '.') {
      for (int i = pos + len - 1; i >= pos; i--) {
        if (buf[i] == '.') {
          buf[i] = decimalSeparator;
          break;
        }
      }
    }
    pos += len;
  }

  /** Pushes the buffer into the writer and flushes it (not closing the stream). */
  void flush() throws IOException {
    drain();
    out.flush();
  }

  private void drain() throws IOException {
    if (pos > 0) {
      out.write(buf, 0, pos);
      pos = 0;
    }
  }
}
