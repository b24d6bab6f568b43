package com.accountingexport.adapters.json;

import com.accountingexport.core.audit.AuditRecord;
import com.accountingexport.core.port.Page;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** {@code GET /audit}: a page of audit entries, every field as it was hashed. */
public final class AuditJson {
  private AuditJson() {}

  public static ObjectNode write(Page<AuditRecord> page) {
    return PageJson.write(page, AuditJson::write);
  }

  public static ObjectNode write(AuditRecord r) {
    ObjectNode o = Json.object();
    o.put("seq", r.seq());
    o.put("at", r.at().toString());
    ObjectNode actor = o.putObject("actor");
    actor.put("sub", r.actor().sub());
    actor.put("email", r.actor().email());
    actor.put("role", r.actor().role());
    actor.put("firm", r.actor().firm());
    o.put("action", r.action());
    o.put("route", r.route());
    ObjectNode ids = o.putObject("ids");
    r.ids().forEach(ids::put);
    o.put("status", r.status());
    o.put("outcome", r.outcome());
    o.put("hash", r.hash());
    o.put("previousHash", r.previousHash());
    return o;
  }
}
