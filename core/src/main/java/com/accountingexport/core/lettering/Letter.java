package com.accountingexport.core.lettering;

import java.time.LocalDate;
import java.util.Objects;

/**
 * The lettering of a line: FEC {@code EcritureLet} ({@code code}) and {@code DateLet} ({@code date},
 * the date of the last entry of its group).
 */
public record Letter(String code, LocalDate date) {
  public Letter {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(date, "date");
  }
}
