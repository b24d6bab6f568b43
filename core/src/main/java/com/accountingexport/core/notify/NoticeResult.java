package com.accountingexport.core.notify;

import java.time.Instant;
import java.util.List;

/**
 * What became of one notice: the outcome it announced ({@code READY} or {@code FAILED}), to whom it
 * was addressed, whether it left, after how many send attempts (0 when nothing was tried) and, when
 * it did not leave, why.
 *
 * @param error null when sent; {@code "no recipient"} when there was nobody to write to
 * @param at when the service gave its answer (after the last attempt)
 */
public record NoticeResult(String outcome, List<String> recipients, boolean sent, int attempts, String error, Instant at) {
  public static final String NO_RECIPIENT = "no recipient";

  public NoticeResult {
    recipients = recipients == null ? List.of() : List.copyOf(recipients);
  }
}
