package com.accountingexport.core.report;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A computed report as a table: its id ({@code trial-balance}), what it covers, its columns, its
 * rows (each one value per column, of the column's type) and a totals row (null where a column has
 * no total). Aggregated reports are small (one row per account, per day…), so they are held whole;
 * the aggregation that makes them streams.
 */
public record ReportTable(String id, LocalDate from, LocalDate to, List<ReportColumn> columns, List<List<Object>> rows,
    List<Object> totals) {
  public ReportTable {
    Objects.requireNonNull(id, "id");
    columns = List.copyOf(columns);
    rows = Collections.unmodifiableList(new ArrayList<>(rows));
    for (List<Object> r : rows) {
      if (r.size() != columns.size()) {
        throw new IllegalArgumentException("a row of " + id + " has " + r.size() + " cells for " + columns.size() + " columns");
      }
    }
    if (totals != null && totals.size() != columns.size()) {
      throw new IllegalArgumentException("the totals of " + id + " do not match its columns");
    }
    totals = totals == null ? null : Collections.unmodifiableList(new ArrayList<>(totals));
  }

  /** The index of a column by id. */
  public int column(String columnId) {
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).id().equals(columnId)) {
        return i;
      }
    }
    throw new IllegalArgumentException("no column " + columnId + " in " + id);
  }
}
