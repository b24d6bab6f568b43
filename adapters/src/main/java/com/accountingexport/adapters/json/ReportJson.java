package com.accountingexport.adapters.json;

import com.accountingexport.core.report.ReportColumn;
import com.accountingexport.core.report.ReportTable;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.List;

/**
 * A report as JSON: {@code {report, from, to, columns: [{id, type}], items: [{<column id>: value}],
 * totals, nextCursor}}. Money is a string with two decimals, dates {@code YYYY-MM-DD}, counts
 * numbers. Items are paged ({@code limit}, opaque {@code cursor}); the totals cover every row.
 */
public final class ReportJson {
  private ReportJson() {}

  public static ObjectNode write(ReportTable t, int limit, String cursor) {
    int offset = OffsetCursor.decode(cursor, t.rows().size());
    ObjectNode o = Json.object().put("report", t.id()).put("from", t.from() == null ? null : t.from().toString())
        .put("to", t.to() == null ? null : t.to().toString());
    ArrayNode columns = o.putArray("columns");
    for (ReportColumn c : t.columns()) {
      columns.addObject().put("id", c.id()).put("type", c.type().name().toLowerCase(java.util.Locale.ROOT));
    }
    ArrayNode items = o.putArray("items");
    int end = Math.min(t.rows().size(), offset + limit);
    for (int i = offset; i < end; i++) {
      items.add(row(t.columns(), t.rows().get(i)));
    }
    if (t.totals() == null) {
      o.putNull("totals");
    } else {
      o.set("totals", row(t.columns(), t.totals()));
    }
    o.put("nextCursor", end < t.rows().size() ? OffsetCursor.encode(end) : null);
    return o;
  }

  private static ObjectNode row(List<ReportColumn> columns, List<Object> values) {
    ObjectNode r = Json.object();
    for (int i = 0; i < columns.size(); i++) {
      Object v = values.get(i);
      String id = columns.get(i).id();
      if (v == null) {
        r.putNull(id);
      } else if (v instanceof BigDecimal m) {
        r.put(id, m.setScale(2, java.math.RoundingMode.HALF_UP).toPlainString());
      } else if (v instanceof Number n) {
        r.put(id, n.longValue());
      } else {
        r.put(id, v.toString());
      }
    }
    return r;
  }

}
