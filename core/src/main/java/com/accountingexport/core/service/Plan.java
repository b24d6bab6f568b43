package com.accountingexport.core.service;

import com.accountingexport.core.period.Period;
import java.util.List;

/**
 * What an export of a selection would hold: the included documents with their entries, ordered by
 * journal (in {@code journals} order) then entry date then piece, and the excluded ones with why.
 */
public record Plan(Period period, List<String> journals, List<Planned> included, List<Excluded> excluded) {
  public Plan {
    journals = List.copyOf(journals);
    included = List.copyOf(included);
    excluded = List.copyOf(excluded);
  }
}
