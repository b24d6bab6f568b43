package com.accountingexport.adapters.json;

import com.accountingexport.core.booking.EntryLine;
import com.accountingexport.core.booking.JournalEntry;
import com.accountingexport.core.document.Document;
import com.accountingexport.core.money.Money;
import com.accountingexport.core.service.Excluded;
import com.accountingexport.core.service.Preview;
import com.accountingexport.core.service.Selection;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** The preview's request and answer (shared/API.md {@code POST /exports/preview}). */
public final class PreviewJson {
  static final Set<String> SELECTION_FIELDS = Set.of("from", "to", "journals", "documentIds", "onlyValid", "reexport");
  private static final Pattern JOURNAL = Pattern.compile("^[A-Z0-9]{1,8}$");

  private PreviewJson() {}

  /** Reads the selection fields of a preview or export request; {@code extra} lists other allowed fields. */
  public static Selection selection(JsonNode n, JsonReader r, Set<String> extra) {
    if (!n.isObject()) {
      r.fail(null, "INVALID_TYPE", "the body must be a JSON object");
      r.throwIfInvalid();
    }
    java.util.HashSet<String> allowed = new java.util.HashSet<>(SELECTION_FIELDS);
    allowed.addAll(extra);
    r.onlyFields(n, "", allowed);
    LocalDate from = r.date(n, "", "from", false);
    LocalDate to = r.date(n, "", "to", false);
    List<String> journals = r.strings(n, "", "journals", 10, JOURNAL, "a journal code such as VT");
    List<String> ids = r.strings(n, "", "documentIds", Selection.MAX_DOCUMENT_IDS, DocumentJson.ID, "a document id");
    Boolean onlyValid = r.bool(n, "", "onlyValid");
    Boolean reexport = r.bool(n, "", "reexport");
    if (from != null && to != null && from.isAfter(to)) {
      r.fail("from", "INVALID_PERIOD", "must not be after to (" + to + ")");
    }
    return new Selection(from, to, journals, ids, onlyValid == null || onlyValid, Boolean.TRUE.equals(reexport));
  }

  public static ObjectNode write(Preview p) {
    ObjectNode o = Json.object();
    o.putObject("period").put("from", p.period().from().toString()).put("to", p.period().to().toString());
    ArrayNode journals = o.putArray("journals");
    for (Preview.JournalPreview j : p.journals()) {
      ObjectNode jo = journals.addObject();
      jo.put("code", j.code());
      jo.put("label", j.label());
      ArrayNode entries = jo.putArray("entries");
      j.entries().forEach(e -> writeLines(e, entries));
      jo.set("totals", totals(j.debit(), j.credit()));
      jo.put("documents", j.documents());
    }
    o.set("totals", totals(p.debit(), p.credit()));
    o.put("documents", p.documents());
    o.set("excluded", excluded(p.excluded()));
    return o;
  }

  public static ObjectNode totals(BigDecimal debit, BigDecimal credit) {
    return Json.object().put("debit", Money.format(debit)).put("credit", Money.format(credit));
  }

  /** One row per entry line, as accountants read a journal: date, piece, label, account, debit, credit. */
  static void writeLines(JournalEntry e, ArrayNode out) {
    for (EntryLine l : e.lines()) {
      ObjectNode r = out.addObject();
      r.put("date", e.date().toString());
      r.put("journal", e.journalCode());
      r.put("piece", e.pieceRef());
      r.put("label", l.label());
      r.put("account", l.account());
      r.put("accountLabel", l.accountLabel());
      r.put("auxiliaryAccount", l.auxAccount());
      r.put("auxiliaryLabel", l.auxLabel());
      r.put("debit", Money.format(l.debit()));
      r.put("credit", Money.format(l.credit()));
      if (l.currency() != null) {
        r.put("currency", l.currency());
        r.put("currencyAmount", Money.format(l.currencyAmount()));
      }
      r.put("documentId", e.documentId());
    }
  }

  public static ArrayNode excluded(List<Excluded> excluded) {
    ArrayNode a = Json.array();
    for (Excluded x : excluded) {
      Document d = x.document().document();
      ObjectNode xo = a.addObject();
      xo.put("documentId", d.id());
      xo.put("number", d.number());
      xo.put("type", d.type().wire());
      xo.put("date", d.date().toString());
      xo.set("anomalies", DocumentJson.anomalies(x.anomalies()));
    }
    return a;
  }
}
