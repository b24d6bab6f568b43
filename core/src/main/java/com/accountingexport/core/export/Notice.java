package com.accountingexport.core.export;

import java.time.Instant;
import java.util.List;

/**
 * A notification mail about an export, as recorded on it: which outcome it announced
 * ({@code READY} or {@code FAILED}), to whom, whether it left, after how many attempts, and why not.
 */
public record Notice(String outcome, List<String> recipients, boolean sent, int attempts, String error, Instant at) {
  public Notice {
    recipients = recipients == null ? List.of() : List.copyOf(recipients);
  }
}
