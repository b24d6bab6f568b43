package com.accountingexport.core.format;

import com.accountingexport.core.error.DomainException;
import java.io.IOException;
import java.util.Arrays;

/**
 * One fixed-width record being filled, positions 1-based and inclusive as in shared/FORMATS.md.
 * Text goes through the file's {@link Text} (transliterated, cut at the field's width and counted);
 * numbers and codes that do not fit are an error, never cut. Reused from record to record: {@link #clear}.
 */
final class FixedRecord {
  private final byte[] chars;
  private final Text text;

  /** @param text an ASCII {@link Text}: every character written is one byte */
  FixedRecord(int width, Text text) {
    this.chars = new byte[width];
    this.text = text;
    clear();
  }

  int width() {
    return chars.length;
  }

  /** Every position back to a space. */
  FixedRecord clear() {
    Arrays.fill(chars, (byte) ' ');
    return this;
  }

  /** Text, left-aligned in {@code len} characters from {@code pos}: cleaned, cut at {@code len} (counted). */
  FixedRecord left(int pos, int len, String value) {
    String v = text.fit(value, len);
    if (v != null) {
      put(v, pos - 1);
    }
    return this;
  }

  /** Text right-aligned in {@code len} characters, padded on the left with {@code pad}; cut like {@link #left}. */
  FixedRecord right(int pos, int len, String value, char pad) {
    String v = text.fit(value, len);
    if (v == null) {
      return this;
    }
    int start = pos - 1 + len - v.length();
    Arrays.fill(chars, pos - 1, start, (byte) pad);
    put(v, start);
    return this;
  }

  /**
   * A value that must not be cut (an amount, a date, a code), written as is: left-aligned when
   * shorter than {@code len} unless {@code pad} is given, then right-aligned with it.
   *
   * @throws DomainException 422 {@code FIELD_TOO_LONG} when it does not fit (an amount too large for
   *     the format, a journal code longer than the format allows): the export fails with the reason
   */
  FixedRecord exact(int pos, int len, String value, char pad) {
    if (value.length() > len) {
      throw DomainException.unprocessable("FIELD_TOO_LONG", "'" + value + "' does not fit in the " + len
          + " characters this format has at position " + pos + " (it is never cut: an amount, a date, a code)",
          java.util.List.of());
    }
    int start = pad == 0 ? pos - 1 : pos - 1 + len - value.length();
    if (pad != 0) {
      Arrays.fill(chars, pos - 1, start, (byte) pad);
    }
    put(value, start);
    return this;
  }

  /** A value written left-aligned and never cut ({@link #exact} without padding). */
  FixedRecord exact(int pos, int len, String value) {
    return exact(pos, len, value, (char) 0);
  }

  FixedRecord at(int pos, char c) {
    chars[pos - 1] = ascii(c);
    return this;
  }

  /** The record followed by CRLF. */
  void writeTo(AsciiSink sink) throws IOException {
    sink.append(chars);
    sink.crlf();
  }

  private void put(String v, int at) {
    for (int i = 0, n = v.length(); i < n; i++) {
      chars[at + i] = ascii(v.charAt(i));
    }
  }

  /** A character as its ASCII byte; anything else is a bug of the caller (text goes through Text.ascii()). */
  private static byte ascii(char c) {
    if (c > 0x7F) {
      throw new IllegalStateException("a fixed-width record takes ASCII only, got U+" + Integer.toHexString(c));
    }
    return (byte) c;
  }

  @Override
  public String toString() {
    return new String(chars, java.nio.charset.StandardCharsets.US_ASCII);
  }
}
