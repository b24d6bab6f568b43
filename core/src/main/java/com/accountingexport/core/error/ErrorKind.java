package com.accountingexport.core.error;

/** What kind of failure a {@link DomainException} is; only the HTTP layer turns it into a status. */
public enum ErrorKind {
  INVALID(400),
  UNAUTHENTICATED(401),
  FORBIDDEN(403),
  NOT_FOUND(404),
  CONFLICT(409),
  TOO_LARGE(413),
  UNPROCESSABLE(422),
  TOO_MANY_REQUESTS(429),
  /** A transient failure of a dependency: the caller may retry. */
  UNAVAILABLE(503);

  private final int status;

  ErrorKind(int status) {
    this.status = status;
  }

  public int status() {
    return status;
  }
}
