package com.accountingexport.adapters.json;

import com.accountingexport.core.format.FecReport;
import com.accountingexport.core.format.FecViolation;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The FEC validator's report on the wire ({@code POST /fec/validate} and {@code FecValidate --json}). */
public final class FecJson {
  private FecJson() {}

  /** {@code {"valid", "lines", "separator", "encoding", "truncated", "violations": [{line, column, code, message}]}}. */
  public static ObjectNode write(FecReport r) {
    ObjectNode root = Json.object();
    root.put("valid", r.valid());
    root.put("lines", r.lines());
    root.put("separator", r.separator());
    root.put("encoding", r.encoding());
    root.put("truncated", r.truncated());
    ArrayNode violations = root.putArray("violations");
    for (FecViolation v : r.violations()) {
      violations.addObject().put("line", v.line()).put("column", v.column()).put("code", v.code())
          .put("message", v.message());
    }
    return root;
  }
}
