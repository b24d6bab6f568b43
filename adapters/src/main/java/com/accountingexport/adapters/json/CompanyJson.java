package com.accountingexport.adapters.json;

import com.accountingexport.core.service.CompanyService.CompanySummary;
import com.accountingexport.core.service.DocumentService;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** {@code GET /tenants} items: a company a caller may act on and what waits to be exported there. */
public final class CompanyJson {
  private CompanyJson() {}

  public static ObjectNode write(CompanySummary c) {
    ObjectNode o = Json.object();
    o.put("tenant", c.tenant().value());
    o.put("name", c.name());
    o.put("current", c.current());
    DocumentService.PendingSummary p = c.pending();
    if (p == null) {
      o.putNull("pending");
      return o;
    }
    ObjectNode pending = o.putObject("pending");
    pending.put("from", p.period().from().toString());
    pending.put("to", p.period().to().toString());
    pending.put("exportable", p.exportable());
    pending.put("blocked", p.blocked());
    ArrayNode journals = pending.putArray("journals");
    for (DocumentService.Pending j : p.journals()) {
      journals.addObject().put("journal", j.journal()).put("label", j.label())
          .put("exportable", j.exportable()).put("blocked", j.blocked());
    }
    return o;
  }
}
