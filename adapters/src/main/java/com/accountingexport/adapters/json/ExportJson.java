package com.accountingexport.adapters.json;

import com.accountingexport.core.export.Download;
import com.accountingexport.core.export.Export;
import com.accountingexport.core.export.ExportFile;
import com.accountingexport.core.export.ExportStatus;
import com.accountingexport.core.export.Notice;
import com.accountingexport.core.export.Progress;
import com.accountingexport.core.export.SkippedDocument;
import com.accountingexport.core.export.Verification;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/** The wire form of exports, downloads and verifications (shared/API.md). */
public final class ExportJson {
  private ExportJson() {}

  public static ObjectNode write(Export e) {
    ObjectNode o = Json.object();
    o.put("id", e.id());
    o.put("number", e.number());
    o.put("status", e.status().name());
    o.putObject("period").put("from", e.period().from().toString()).put("to", e.period().to().toString());
    ArrayNode journals = o.putArray("journals");
    e.journals().forEach(journals::add);
    o.put("format", e.format());
    o.put("pdf", e.pdf());
    o.put("reexport", e.reexport());
    o.put("documentCount", e.documentCount());
    o.put("entryCount", e.entryCount());
    o.set("totals", PreviewJson.totals(e.debit(), e.credit()));
    o.put("createdAt", text(e.createdAt()));
    o.put("createdBy", e.createdBy());
    o.put("downloadedAt", text(e.downloadedAt()));
    o.put("downloadedBy", e.downloadedBy());
    o.put("cancelledAt", text(e.cancelledAt()));
    o.put("cancelledBy", e.cancelledBy());
    ArrayNode files = o.putArray("files");
    for (ExportFile f : e.files()) {
      if (f.kind().equals(ExportFile.ENTRIES)) {
        continue; // internal: every format is rendered from it
      }
      files.addObject().put("kind", f.kind()).put("format", f.format()).put("bytes", f.bytes()).put("sha256", f.sha256())
          .put("transliterated", f.changes().transliterated()).put("truncated", f.changes().truncated());
    }
    if (e.progress() != null) {
      Progress p = e.progress();
      o.putObject("progress").put("phase", p.phase()).put("done", p.done()).put("total", p.total())
          .put("percent", p.percent());
    } else if (e.status() == ExportStatus.GENERATING) {
      o.putObject("progress").put("phase", Progress.CLAIM).put("done", 0).put("total", 0).put("percent", 0);
    }
    ArrayNode notices = o.putArray("notices");
    for (Notice n : e.notices()) {
      ObjectNode x = notices.addObject().put("outcome", n.outcome());
      n.recipients().forEach(x.putArray("recipients")::add);
      x.put("sent", n.sent()).put("attempts", n.attempts()).put("error", n.error()).put("at", text(n.at()));
    }
    ArrayNode skipped = o.putArray("skipped");
    for (SkippedDocument s : e.skipped()) {
      skipped.addObject().put("documentId", s.documentId()).put("reason", s.reason());
    }
    if (e.failure() != null) {
      o.put("failure", e.failure());
    }
    o.put("previousHash", e.previousHash());
    o.put("recordHash", e.recordHash());
    return o;
  }

  public static ObjectNode write(Download d) {
    return Json.object().put("kind", d.kind()).put("format", d.format()).put("url", d.url())
        .put("expiresAt", d.expiresAt().toString()).put("sha256", d.sha256()).put("bytes", d.bytes())
        .put("fileName", d.fileName()).put("transliterated", d.changes().transliterated())
        .put("truncated", d.changes().truncated());
  }

  public static ObjectNode write(Verification v) {
    ObjectNode o = Json.object().put("exportId", v.exportId()).put("number", v.exportNumber()).put("valid", v.valid())
        .put("recordsChecked", v.recordsChecked()).put("filesChecked", v.filesChecked());
    ArrayNode problems = o.putArray("problems");
    for (Verification.Problem p : v.problems()) {
      problems.addObject().put("kind", p.kind()).put("target", p.target()).put("message", p.message());
    }
    return o;
  }

  private static String text(Instant i) {
    return i == null ? null : i.toString();
  }

}
