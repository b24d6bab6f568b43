package com.accountingexport.core.export;

import java.util.List;

/**
 * What a claim achieved: the documents now held by the export, those another export holds (lost
 * to a concurrent export, or frozen meanwhile), those that vanished, and how many write calls it took.
 */
public record ClaimResult(List<String> claimed, List<String> taken, List<String> missing, int writeCalls) {
  public ClaimResult {
    claimed = List.copyOf(claimed);
    taken = List.copyOf(taken);
    missing = List.copyOf(missing);
  }
}
