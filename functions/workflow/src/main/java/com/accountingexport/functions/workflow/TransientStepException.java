package com.accountingexport.functions.workflow;

/** A step failed for a reason that may pass (throttling, a busy dependency): the state machine retries it. */
public final class TransientStepException extends RuntimeException {
  public TransientStepException(String message, Throwable cause) {
    super(message, cause);
  }
}
