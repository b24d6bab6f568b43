package com.accountingexport.core.audit;

import java.util.List;

/**
 * The outcome of re-checking a tenant's audit log.
 *
 * @param recordsChecked entries found and re-hashed
 * @param headSeq the seq the log's head says is the last one
 */
public record AuditVerification(boolean valid, int recordsChecked, long headSeq, List<Problem> problems) {
  public AuditVerification {
    problems = List.copyOf(problems);
  }

  /** Kinds of {@link Problem}. */
  public static final String MISSING = "missing";
  public static final String LINK = "link";
  public static final String ALTERED = "altered";
  public static final String HEAD = "head";

  /**
   * One thing wrong: {@code missing} (an entry of 1..head is gone), {@code link} (an entry's
   * previousHash is not the hash of the entry before it), {@code altered} (an entry's content no longer
   * gives its hash), {@code head} (the head's seq is not the last entry's: the last entries were removed).
   */
  public record Problem(String kind, long seq, String message) {}
}
