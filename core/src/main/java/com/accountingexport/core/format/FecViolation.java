package com.accountingexport.core.format;

import java.util.Objects;

/**
 * One finding of {@link FecValidator}: where it is and which rule it breaks.
 *
 * @param line the line of the file, the header being line 1; 0 for the file as a whole (its balance)
 * @param column the FEC column concerned ({@code "Debit"}, {@code "EcritureDate"}…), or null when the
 *     finding is about a whole line or the whole file
 * @param code a stable UPPER_SNAKE code, one of {@link FecValidator#CODES}
 * @param message one sentence that states the rule, then what this line does instead; no line prefix
 */
public record FecViolation(long line, String column, String code, String message) {
  public FecViolation {
    if (line < 0) {
      throw new IllegalArgumentException("line must be 0 (the file) or more: " + line);
    }
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(message, "message");
  }
}
