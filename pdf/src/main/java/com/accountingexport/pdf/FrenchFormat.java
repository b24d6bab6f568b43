package com.accountingexport.pdf;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.Charset;
import java.text.Normalizer;
import java.time.LocalDate;
import java.util.BitSet;

/**
 * How a rendered invoice writes amounts, rates and dates: French style ({@code 1 234,50 €},
 * {@code 5,5 %}, {@code 02/03/2026}), with no-break spaces so that an amount never wraps, and text
 * reduced to what the Windows-1252 fonts print. Pure functions, no locale data (the JDK's French
 * locale groups with U+202F, which Windows-1252 cannot print).
 */
final class FrenchFormat {
  /** No-break space: groups digits and ties a number to its unit. */
  static final char NBSP = '\u00a0';

  private static final BitSet PRINTABLE = printable();

  private FrenchFormat() {}

  /** {@code 1 234,50 €} for EUR, {@code 1 234,50 USD} for any other currency (half-up to cents). */
  static String money(BigDecimal amount, String currency) {
    String unit = currency == null || "EUR".equals(currency) ? "€" : currency;
    return number(amount.setScale(2, RoundingMode.HALF_UP)) + NBSP + unit;
  }

  /** A VAT rate as a percentage without useless zeros: {@code 20 %}, {@code 5,5 %}, {@code 0 %}. */
  static String rate(BigDecimal percent) {
    BigDecimal r = percent.stripTrailingZeros();
    if (r.scale() < 0) {
      r = r.setScale(0);
    }
    return number(r) + NBSP + "%";
  }

  /** {@code dd/MM/yyyy}. */
  static String date(LocalDate d) {
    return two(d.getDayOfMonth()) + "/" + two(d.getMonthValue()) + "/" + d.getYear();
  }

  /** Digits grouped by three with no-break spaces, a decimal comma, a leading minus when negative. */
  static String number(BigDecimal value) {
    String plain = value.abs().toPlainString();
    int dot = plain.indexOf('.');
    String whole = dot < 0 ? plain : plain.substring(0, dot);
    StringBuilder sb = new StringBuilder(plain.length() + 6);
    if (value.signum() < 0) {
      sb.append('-');
    }
    for (int i = 0; i < whole.length(); i++) {
      if (i > 0 && (whole.length() - i) % 3 == 0) {
        sb.append(NBSP);
      }
      sb.append(whole.charAt(i));
    }
    if (dot >= 0) {
      sb.append(',').append(plain, dot + 1, plain.length());
    }
    return sb.toString();
  }

  /**
   * The text as the Windows-1252 fonts can print it: other spaces become no-break or plain spaces,
   * controls other than line feeds become spaces, a letter outside the code page loses its accent
   * ({@code ł} has none to lose and becomes {@code ?}). Null gives the empty string.
   */
  static String printable(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder sb = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      String repl = c == '\n' || PRINTABLE.get(c) ? null : replacement(c);
      if (repl != null && sb == null) {
        sb = new StringBuilder(s.length()).append(s, 0, i);
      }
      if (sb != null) {
        if (repl != null) {
          sb.append(repl);
        } else {
          sb.append(c);
        }
      }
    }
    return sb == null ? s : sb.toString();
  }

  private static String replacement(char c) {
    if (c == '\u202f' || c == '\u2007' || c == '\u2060') {
      return String.valueOf(NBSP);
    }
    if (Character.isWhitespace(c) || Character.isISOControl(c) || Character.isSpaceChar(c)) {
      return " ";
    }
    if (Character.isSurrogate(c)) {
      return Character.isHighSurrogate(c) ? "?" : "";
    }
    String base = Normalizer.normalize(String.valueOf(c), Normalizer.Form.NFD);
    StringBuilder sb = new StringBuilder(1);
    for (int i = 0; i < base.length(); i++) {
      char b = base.charAt(i);
      if (PRINTABLE.get(b)) {
        sb.append(b);
      } else if (Character.getType(b) != Character.NON_SPACING_MARK) {
        return "?";
      }
    }
    return sb.length() == 0 ? "?" : sb.toString();
  }

  private static String two(int n) {
    return n < 10 ? "0" + n : String.valueOf(n);
  }

  /** The characters Windows-1252 maps, except controls. */
  private static BitSet printable() {
    Charset cp1252 = Charset.forName("windows-1252");
    BitSet set = new BitSet(0x10000);
    for (int b = 0x20; b <= 0xff; b++) {
      if (b == 0x7f) {
        continue;
      }
      String decoded = new String(new byte[] {(byte) b}, cp1252);
      char c = decoded.charAt(0);
      if (c != '\ufffd' && !Character.isISOControl(c)) {
        set.set(c);
      }
    }
    if (!set.get('€')) {
      throw new IllegalStateException("windows-1252 without the euro sign");
    }
    return set;
  }
}
