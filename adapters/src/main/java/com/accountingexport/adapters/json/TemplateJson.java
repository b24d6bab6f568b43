package com.accountingexport.adapters.json;

import com.accountingexport.core.format.ExportTemplate;
import com.accountingexport.core.format.TemplateWriter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The body of {@code POST/PUT /export-templates}, and the template as answered. Columns are either
 * field ids ({@code "EcritureDate"}) or {@code {"field", "header"}}. The separator may be given as
 * the character or its name ({@code semicolon}, {@code comma}, {@code tab}, {@code pipe}).
 */
public final class TemplateJson {
  static final Set<String> FIELDS = Set.of("name", "description", "columns", "separator", "decimalMark", "datePattern",
      "encoding", "quoting", "header");
  private static final Map<String, Character> SEPARATOR_NAMES = Map.of(
      ";", ';', ",", ',', "\t", '\t', "|", '|', "semicolon", ';', "comma", ',', "tab", '\t', "pipe", '|');

  private TemplateJson() {}

  /** The template's content; its id, version and dates are placeholders the service replaces. */
  public static ExportTemplate read(JsonNode n) {
    JsonReader r = new JsonReader();
    if (n == null || !n.isObject()) {
      r.fail("", "INVALID_TYPE", "the body must be a JSON object");
      r.throwIfInvalid();
    }
    r.onlyFields(n, "", FIELDS);
    String name = r.text(n, "", "name", true, ExportTemplate.MAX_NAME);
    String description = r.text(n, "", "description", false, 500);
    List<ExportTemplate.Column> columns = new ArrayList<>();
    JsonNode cols = r.array(n, "", "columns", true);
    if (cols != null) {
      for (int i = 0; i < cols.size(); i++) {
        JsonNode c = cols.get(i);
        String p = "columns[" + i + "]";
        if (c.isTextual()) {
          columns.add(new ExportTemplate.Column(c.textValue(), null));
        } else if (c.isObject()) {
          r.onlyFields(c, p, Set.of("field", "header"));
          String field = r.text(c, p, "field", true, 32);
          String header = r.text(c, p, "header", false, ExportTemplate.MAX_HEADER);
          columns.add(new ExportTemplate.Column(field == null ? "" : field, header));
        } else {
          r.fail(p, "INVALID_TYPE", "must be a field id or {\"field\", \"header\"}");
        }
      }
    }
    Character separator = r.oneOf(n, "", "separator", false, v -> Optional.ofNullable(SEPARATOR_NAMES.get(v)),
        List.of(";", ",", "\\t", "|", "semicolon", "comma", "tab", "pipe"));
    String decimal = r.oneOf(n, "", "decimalMark", false, v -> ExportTemplate.DECIMAL_MARKS.contains(v)
        ? Optional.of(v) : Optional.empty(), ExportTemplate.DECIMAL_MARKS);
    String datePattern = r.oneOf(n, "", "datePattern", false, v -> ExportTemplate.DATE_PATTERNS.contains(v)
        ? Optional.of(v) : Optional.empty(), ExportTemplate.DATE_PATTERNS);
    String encoding = r.oneOf(n, "", "encoding", false, v -> ExportTemplate.ENCODINGS.contains(v.toLowerCase())
        ? Optional.of(v.toLowerCase()) : Optional.empty(), ExportTemplate.ENCODINGS);
    String quoting = r.oneOf(n, "", "quoting", false, v -> ExportTemplate.QUOTINGS.contains(v)
        ? Optional.of(v) : Optional.empty(), ExportTemplate.QUOTINGS);
    Boolean header = r.bool(n, "", "header");
    r.throwIfInvalid();
    return new ExportTemplate("new", name, description, columns, separator == null ? ';' : separator,
        decimal == null ? ',' : decimal.charAt(0), datePattern == null ? "dd/MM/yyyy" : datePattern,
        encoding == null ? "utf-8" : encoding, quoting == null ? "minimal" : quoting, header == null || header, 0,
        null, null);
  }

  public static ObjectNode write(ExportTemplate t) {
    ObjectNode o = Json.object()
        .put("id", t.id())
        .put("name", t.name())
        .put("description", t.description());
    ArrayNode columns = o.putArray("columns");
    for (ExportTemplate.Column c : t.columns()) {
      columns.addObject().put("field", c.field()).put("header", c.headerOrField());
    }
    o.put("separator", String.valueOf(t.separator()))
        .put("decimalMark", String.valueOf(t.decimalMark()))
        .put("datePattern", t.datePattern())
        .put("encoding", t.encoding())
        .put("quoting", t.quoting())
        .put("header", t.header())
        .put("fileExtension", new TemplateWriter(t).fileExtension())
        .put("version", t.version())
        .put("createdAt", t.createdAt() == null ? null : t.createdAt().toString())
        .put("updatedAt", t.updatedAt() == null ? null : t.updatedAt().toString());
    return o;
  }

  public static ObjectNode write(List<ExportTemplate> templates) {
    ObjectNode root = Json.object();
    ArrayNode items = root.putArray("items");
    templates.forEach(t -> items.add(write(t)));
    return root;
  }
}
