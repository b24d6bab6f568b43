package com.accountingexport.adapters.json;

import com.accountingexport.core.format.ExportTemplate;
import com.accountingexport.core.format.ExportWriter;
import com.accountingexport.core.format.FormatCatalog;
import com.accountingexport.core.format.TemplateWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** {@code GET /formats}: every format a tenant may name, with what its file looks like. */
public final class FormatJson {
  /** Samples of the built-in formats, rendered once per process. */
  private static final Map<String, String> SAMPLES = new ConcurrentHashMap<>();

  private FormatJson() {}

  public static ObjectNode write(List<ExportWriter> formats) {
    ObjectNode root = Json.object();
    ArrayNode items = root.putArray("items");
    for (ExportWriter w : formats) {
      boolean template = w instanceof TemplateWriter;
      ObjectNode o = items.addObject()
          .put("id", w.id())
          .put("kind", template ? "template" : "builtin")
          .put("description", w.description())
          .put("fileExtension", w.fileExtension())
          .put("contentType", w.contentType())
          .put("encoding", w.binary() ? null : w.charset().name())
          .put("separator", w.separator())
          .put("decimalMark", String.valueOf(w.decimalMark()))
          .put("datePattern", w.datePattern())
          .put("lineEnding", w.binary() ? null : w.lineEnding().equals("\r\n") ? "CRLF" : "LF")
          .put("accounts", w.accounts().isPresent())
          .put("lettered", w.lettered());
      if (template) {
        ExportTemplate t = ((TemplateWriter) w).template();
        o.put("name", t.name()).put("version", t.version());
      }
      String sample = template ? FormatCatalog.sample(w) : SAMPLES.computeIfAbsent(w.id(), id -> {
        String s = FormatCatalog.sample(w);
        return s == null ? "" : s;
      });
      o.put("sample", sample == null || sample.isEmpty() ? null : sample);
    }
    return root;
  }
}
