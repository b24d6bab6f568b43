package com.accountingexport.core.error;

import java.util.List;

/**
 * Every expected failure of the product: a stable SNAKE_CASE code, a kind (mapped to an HTTP status
 * at the edge), a human message and the details that name each offending field or document.
 */
public class DomainException extends RuntimeException {
  private final ErrorKind kind;
  private final String code;
  private final List<Violation> details;

  public DomainException(ErrorKind kind, String code, String message) {
    this(kind, code, message, List.of());
  }

  public DomainException(ErrorKind kind, String code, String message, List<Violation> details) {
    super(message, null, false, false);
    this.kind = kind;
    this.code = code;
    this.details = List.copyOf(details);
  }

  public ErrorKind kind() {
    return kind;
  }

  public String code() {
    return code;
  }

  public List<Violation> details() {
    return details;
  }

  public static DomainException invalid(List<Violation> details) {
    String first = details.isEmpty() ? "" : ": " + describe(details.get(0));
    String more = details.size() > 1 ? " (and " + (details.size() - 1) + " more)" : "";
    return new DomainException(ErrorKind.INVALID, "VALIDATION_FAILED", "The request is not valid" + first + more, details);
  }

  public static DomainException unprocessable(String code, String message, List<Violation> details) {
    return new DomainException(ErrorKind.UNPROCESSABLE, code, message, details);
  }

  public static DomainException notFound(String code, String message) {
    return new DomainException(ErrorKind.NOT_FOUND, code, message);
  }

  public static DomainException conflict(String code, String message) {
    return new DomainException(ErrorKind.CONFLICT, code, message);
  }

  public static DomainException conflict(String code, String message, List<Violation> details) {
    return new DomainException(ErrorKind.CONFLICT, code, message, details);
  }

  public static DomainException forbidden(String message) {
    return new DomainException(ErrorKind.FORBIDDEN, "FORBIDDEN", message);
  }

  /** 403 with the details that name what is missing (e.g. the page and role of a lacking permission). */
  public static DomainException forbidden(String message, List<Violation> details) {
    return new DomainException(ErrorKind.FORBIDDEN, "FORBIDDEN", message, details);
  }

  private static String describe(Violation v) {
    return v.field() == null ? v.message() : v.field() + " " + v.message();
  }
}
