package com.accountingexport.core.export;

import java.util.List;

/**
 * What a claim achieved: the documents now held by the export (including those it already held:
 * a claim may be repeated), those another export holds (lost to a concurrent export), those that
 * vanished, those written since they were planned ({@code changed}), and how many write calls it took.
 */
public record ClaimResult(List<String> claimed, List<String> taken, List<String> missing, List<String> changed,
    int writeCalls) {
  public ClaimResult {
    claimed = List.copyOf(claimed);
    taken = List.copyOf(taken);
    missing = List.copyOf(missing);
    changed = List.copyOf(changed);
  }

  public ClaimResult(List<String> claimed, List<String> taken, List<String> missing, int writeCalls) {
    this(claimed, taken, missing, List.of(), writeCalls);
  }
}
