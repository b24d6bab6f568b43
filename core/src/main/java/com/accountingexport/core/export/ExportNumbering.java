package com.accountingexport.core.export;

import java.time.LocalDate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Export numbers from the tenant's pattern: {@code {yyyy}}, {@code {yy}}, {@code {MM}} and
 * {@code {seq}} / {@code {seq:N}} (zero-padded to N digits). A pattern with a year restarts its
 * sequence each year (the counter's scope is the year), otherwise one sequence for ever.
 */
public final class ExportNumbering {
  private static final Pattern SEQ = Pattern.compile("\\{seq(?::([1-9]))?}");

  private ExportNumbering() {}

  /** The counter a number is drawn from: "2026" for a pattern with a year, else "ALL". */
  public static String scope(String pattern, LocalDate day) {
    return pattern.contains("{yyyy}") || pattern.contains("{yy}") ? Integer.toString(day.getYear()) : "ALL";
  }

  public static String format(String pattern, long seq, LocalDate day) {
    String s = pattern.replace("{yyyy}", String.format("%04d", day.getYear()))
        .replace("{yy}", String.format("%02d", day.getYear() % 100))
        .replace("{MM}", String.format("%02d", day.getMonthValue()));
    Matcher m = SEQ.matcher(s);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      int width = m.group(1) == null ? 1 : Integer.parseInt(m.group(1));
      m.appendReplacement(out, String.format("%0" + width + "d", seq));
    }
    m.appendTail(out);
    return out.toString();
  }
}
