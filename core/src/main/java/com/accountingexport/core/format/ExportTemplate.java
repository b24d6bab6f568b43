package com.accountingexport.core.format;

import com.accountingexport.core.error.Violation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A tenant's own column layout ("modèle d'export", seed 001): which entry fields, in which order,
 * under which headers, with which separator, decimal mark, date pattern, encoding and quoting. Its
 * id ({@code tpl-…}) is accepted wherever a format id is. The rules are shared/FORMATS.md §8.
 *
 * @param version 1 when created, +1 on every change: files rendered with an older version are
 *     rendered again ({@link ExportWriter#revision()})
 */
public record ExportTemplate(String id, String name, String description, List<Column> columns, char separator,
    char decimalMark, String datePattern, String encoding, String quoting, boolean header, long version,
    Instant createdAt, Instant updatedAt) {

  /** One column: an entry field and the header written for it (the field's id when null). */
  public record Column(String field, String header) {
    public String headerOrField() {
      return header == null || header.isEmpty() ? field : header;
    }
  }

  /** Template ids start with this, so they never collide with a built-in format. */
  public static final String ID_PREFIX = "tpl-";
  /** The fields a column may take (FEC names, plus Montant/Sens and DateEcheance). */
  public static final List<String> FIELDS = List.of(
      "JournalCode", "JournalLib", "EcritureNum", "EcritureDate", "CompteNum", "CompteLib", "CompAuxNum",
      "CompAuxLib", "PieceRef", "PieceDate", "EcritureLib", "Debit", "Credit", "Montant", "Sens", "EcritureLet",
      "DateLet", "ValidDate", "DateEcheance", "Montantdevise", "Idevise");
  public static final List<String> SEPARATORS = List.of(";", ",", "\t", "|");
  public static final List<String> DECIMAL_MARKS = List.of(",", ".");
  public static final List<String> DATE_PATTERNS = List.of("yyyy-MM-dd", "dd/MM/yyyy", "yyyyMMdd", "ddMMyyyy");
  public static final List<String> ENCODINGS = List.of("utf-8", "windows-1252");
  /** {@code minimal}: quotes only a cell that holds the separator, a quote or a line break; {@code all}: every text cell. */
  public static final List<String> QUOTINGS = List.of("minimal", "all");
  public static final int MAX_COLUMNS = 30;
  public static final int MAX_NAME = 80;
  public static final int MAX_HEADER = 60;
  /** Templates per tenant. */
  public static final int MAX_TEMPLATES = 50;

  public ExportTemplate {
    Objects.requireNonNull(id, "id");
    columns = List.copyOf(columns);
  }

  /** The field ids of the columns, in order. */
  public List<String> fields() {
    return columns.stream().map(Column::field).toList();
  }

  /** This template with new content, its version one higher. */
  public ExportTemplate revised(ExportTemplate content, Instant at) {
    return new ExportTemplate(id, content.name, content.description, content.columns, content.separator,
        content.decimalMark, content.datePattern, content.encoding, content.quoting, content.header, version + 1,
        createdAt, at);
  }

  /**
   * What is wrong with a template's content, each with its field path; empty when it is valid. The
   * separator, decimal mark, date pattern, encoding and quoting are checked by the reader of the
   * request (they arrive as text); here: the name, the columns and the combinations.
   */
  public List<Violation> problems() {
    List<Violation> v = new ArrayList<>();
    if (name == null || name.isBlank() || name.length() > MAX_NAME) {
      v.add(Violation.of("name", "INVALID_VALUE", "a name of 1 to " + MAX_NAME + " characters is required"));
    }
    if (columns.isEmpty() || columns.size() > MAX_COLUMNS) {
      v.add(Violation.of("columns", "INVALID_VALUE", "between 1 and " + MAX_COLUMNS + " columns"));
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < columns.size(); i++) {
      Column c = columns.get(i);
      if (!FIELDS.contains(c.field())) {
        v.add(Violation.of("columns[" + i + "].field", "UNKNOWN_FIELD", "must be one of " + FIELDS));
      } else if (!seen.add(c.field())) {
        v.add(Violation.of("columns[" + i + "].field", "DUPLICATE_FIELD", c.field() + " appears twice"));
      }
      if (c.header() != null && (c.header().length() > MAX_HEADER || hasControl(c.header()))) {
        v.add(Violation.of("columns[" + i + "].header", "INVALID_VALUE",
            "at most " + MAX_HEADER + " characters, no tab or line break"));
      }
    }
    for (String required : List.of("EcritureDate", "JournalCode", "CompteNum", "EcritureLib")) {
      if (!seen.contains(required)) {
        v.add(Violation.of("columns", "MISSING_FIELD", required + " is required"));
      }
    }
    boolean sides = seen.contains("Debit") && seen.contains("Credit");
    boolean signed = seen.contains("Montant") && seen.contains("Sens");
    if (!sides && !signed) {
      v.add(Violation.of("columns", "MISSING_FIELD", "the amounts need Debit and Credit, or Montant and Sens"));
    }
    if (!seen.contains("EcritureNum") && !seen.contains("PieceRef")) {
      v.add(Violation.of("columns", "MISSING_FIELD", "EcritureNum or PieceRef is required to group the pieces"));
    }
    if (separator == ',' && decimalMark == ',') {
      v.add(Violation.of("decimalMark", "INVALID_VALUE", "must be '.' when the separator is ','"));
    }
    return v;
  }

  private static boolean hasControl(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (Text.isControl(s.charAt(i))) {
        return true;
      }
    }
    return false;
  }
}
