package com.accountingexport.core.port;

/**
 * A mail was not sent. {@link #retryable()} says whether the same mail may go through later
 * (throttling, a server error, the network) or never will as it is (an address or a message the
 * provider refuses).
 */
public class MailException extends RuntimeException {
  private final boolean retryable;

  public MailException(String message, boolean retryable, Throwable cause) {
    super(message, cause);
    this.retryable = retryable;
  }

  public MailException(String message, boolean retryable) {
    this(message, retryable, null);
  }

  public boolean retryable() {
    return retryable;
  }
}
