package com.accountingexport.core.money;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Collection;
import java.util.regex.Pattern;

/**
 * Money is a {@link BigDecimal} with scale 2, rounded half-up; on the wire it is a string such as
 * {@code "1234.50"}. Never a double.
 */
public final class Money {
  public static final int SCALE = 2;
  public static final BigDecimal ZERO = BigDecimal.ZERO.setScale(SCALE);
  /** The wire form: optional minus, up to 13 integer digits, exactly two decimals. */
  public static final Pattern WIRE = Pattern.compile("^-?\\d{1,13}\\.\\d{2}$");

  private Money() {}

  /** Parses the wire form; throws IllegalArgumentException on anything else. */
  public static BigDecimal parse(String text) {
    if (text == null || !WIRE.matcher(text).matches()) {
      throw new IllegalArgumentException("not an amount with two decimals: " + text);
    }
    return new BigDecimal(text);
  }

  public static boolean isWire(String text) {
    return text != null && WIRE.matcher(text).matches();
  }

  /** Rounds half-up to cents. */
  public static BigDecimal round(BigDecimal value) {
    return value.setScale(SCALE, RoundingMode.HALF_UP);
  }

  /** The wire form of an amount: plain digits, two decimals. */
  public static String format(BigDecimal value) {
    return round(value).toPlainString();
  }

  public static BigDecimal sum(Collection<BigDecimal> values) {
    BigDecimal total = ZERO;
    for (BigDecimal v : values) {
      total = total.add(v);
    }
    return total;
  }

  public static boolean isZero(BigDecimal value) {
    return value.signum() == 0;
  }
}
