package com.accountingexport.core.error;

import java.util.Objects;

/**
 * One reason a request was refused: the field path ({@code documents[3].lines[0].netAmount}), a
 * stable code and a human sentence. {@code field} may be null when the problem is not tied to one field.
 */
public record Violation(String field, String code, String message) {
  public Violation {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(message, "message");
  }

  public static Violation of(String field, String code, String message) {
    return new Violation(field, code, message);
  }
}
