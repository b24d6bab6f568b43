package com.accountingexport.core.port;

/** Sends e-mails: SES v2 in AWS, aws-ses-v2-local in the local runtime and the tests. */
@FunctionalInterface
public interface Mailer {

  /**
   * Sends {@code mail} once (no retry here: the caller decides).
   *
   * @throws MailException when it was not sent; {@link MailException#retryable()} tells whether trying
   *     again later may work
   */
  void send(Mail mail);
}
