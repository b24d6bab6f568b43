package com.accountingexport.core.format;

import java.util.List;
import java.util.Objects;

/**
 * What {@link FecValidator#check} found in a FEC file.
 *
 * @param valid true when there is no violation
 * @param lines the data lines read, header excluded (when {@code truncated}, those checked before stopping)
 * @param separator {@code "tab"} or {@code "pipe"} as decided from the header; null when the header has
 *     neither (or the file is empty)
 * @param encoding the encoding the file was read with: {@code "UTF-8"} or {@code "ISO-8859-15"}
 * @param violations the findings in the order they were found, at most {@code maxViolations}
 * @param truncated true when the validator stopped at {@code maxViolations}: the file may hold more
 */
public record FecReport(boolean valid, long lines, String separator, String encoding, List<FecViolation> violations,
    boolean truncated) {
  public FecReport {
    Objects.requireNonNull(encoding, "encoding");
    violations = List.copyOf(violations);
  }
}
