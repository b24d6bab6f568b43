package com.accountingexport.adapters.json;

import com.accountingexport.core.error.DomainException;
import com.accountingexport.core.error.Violation;
import com.accountingexport.core.money.Money;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Reads a JSON tree field by field, collecting every violation with its path instead of stopping at
 * the first, so that one 400 answer lists everything wrong with a request.
 */
public final class JsonReader {
  private static final Pattern DECIMAL = Pattern.compile("^\\d{1,9}(\\.\\d{1,6})?$");
  private final List<Violation> violations = new ArrayList<>();

  public List<Violation> violations() {
    return violations;
  }

  public boolean ok() {
    return violations.isEmpty();
  }

  public void fail(String path, String code, String message) {
    violations.add(Violation.of(path, code, message));
  }

  /** Throws 400 VALIDATION_FAILED listing every violation seen so far. */
  public void throwIfInvalid() {
    if (!violations.isEmpty()) {
      throw DomainException.invalid(violations);
    }
  }

  private static String path(String prefix, String field) {
    return prefix.isEmpty() ? field : prefix + "." + field;
  }

  /** Fields of {@code node} not in {@code allowed} are refused: a typo must not silently lose data. */
  public void onlyFields(JsonNode node, String prefix, Set<String> allowed) {
    if (node == null || !node.isObject()) {
      return;
    }
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!allowed.contains(f)) {
        fail(path(prefix, f), "UNKNOWN_FIELD", "is not a known field");
      }
    }
  }

  /** The value at {@code field}, or null when absent or JSON null (a REQUIRED violation if it must be there). */
  private JsonNode present(JsonNode parent, String prefix, String field, boolean required) {
    JsonNode n = parent.get(field);
    if (n == null || n.isNull()) {
      if (required) {
        fail(path(prefix, field), "REQUIRED", "is required");
      }
      return null;
    }
    return n;
  }

  /** The object at {@code field}, or null (with a violation when required or not an object). */
  public JsonNode object(JsonNode parent, String prefix, String field, boolean required) {
    JsonNode n = present(parent, prefix, field, required);
    if (n == null) {
      return null;
    }
    if (!n.isObject()) {
      fail(path(prefix, field), "INVALID_TYPE", "must be an object");
      return null;
    }
    return n;
  }

  public JsonNode array(JsonNode parent, String prefix, String field, boolean required) {
    JsonNode n = present(parent, prefix, field, required);
    if (n == null) {
      return null;
    }
    if (!n.isArray()) {
      fail(path(prefix, field), "INVALID_TYPE", "must be an array");
      return null;
    }
    return n;
  }

  public String text(JsonNode parent, String prefix, String field, boolean required, int maxLength) {
    JsonNode n = present(parent, prefix, field, required);
    String p = path(prefix, field);
    if (n == null) {
      return null;
    }
    if (!n.isTextual()) {
      fail(p, "INVALID_TYPE", "must be a string");
      return null;
    }
    String v = n.textValue();
    if (required && v.isBlank()) {
      fail(p, "REQUIRED", "must not be empty");
      return null;
    }
    if (v.length() > maxLength) {
      fail(p, "TOO_LONG", "must be at most " + maxLength + " characters");
      return null;
    }
    return v.isEmpty() ? null : v;
  }

  public String matching(JsonNode parent, String prefix, String field, boolean required, Pattern pattern, String what) {
    String v = text(parent, prefix, field, required, 256);
    if (v != null && !pattern.matcher(v).matches()) {
      fail(path(prefix, field), "INVALID_FORMAT", "must be " + what);
      return null;
    }
    return v;
  }

  /** Money: a JSON string with exactly two decimals ("1234.50"), never a number. */
  public BigDecimal money(JsonNode parent, String prefix, String field, boolean required) {
    JsonNode n = present(parent, prefix, field, required);
    String p = path(prefix, field);
    if (n == null) {
      return null;
    }
    if (!n.isTextual()) {
      fail(p, "INVALID_AMOUNT", "must be a string with two decimals, e.g. \"1234.50\" (money is never a JSON number)");
      return null;
    }
    if (!Money.isWire(n.textValue())) {
      fail(p, "INVALID_AMOUNT", "must be an amount with exactly two decimals, e.g. \"1234.50\", got \"" + n.textValue() + "\"");
      return null;
    }
    return Money.parse(n.textValue());
  }

  /** A non-negative decimal given as a string or a number (rates): "20.00", 5.5. */
  public BigDecimal decimal(JsonNode parent, String prefix, String field, boolean required) {
    JsonNode n = present(parent, prefix, field, required);
    String p = path(prefix, field);
    if (n == null) {
      return null;
    }
    String text = n.isTextual() ? n.textValue() : n.isNumber() ? n.decimalValue().toPlainString() : null;
    if (text == null || !DECIMAL.matcher(text).matches()) {
      fail(p, "INVALID_DECIMAL", "must be a non-negative decimal such as \"20.00\"");
      return null;
    }
    return new BigDecimal(text);
  }

  public LocalDate date(JsonNode parent, String prefix, String field, boolean required) {
    String v = text(parent, prefix, field, required, 10);
    if (v == null) {
      return null;
    }
    return parseDate(path(prefix, field), v);
  }

  /** A date in YYYY-MM-DD that exists on the calendar; null with a violation otherwise. */
  public LocalDate parseDate(String p, String v) {
    if (!v.matches("^\\d{4}-\\d{2}-\\d{2}$")) {
      fail(p, "INVALID_DATE", "must be a date YYYY-MM-DD, got \"" + v + "\"");
      return null;
    }
    try {
      return LocalDate.parse(v);
    } catch (DateTimeParseException e) {
      fail(p, "INVALID_DATE", "is not a real date: \"" + v + "\"");
      return null;
    }
  }

  public Boolean bool(JsonNode parent, String prefix, String field) {
    JsonNode n = parent.get(field);
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isBoolean()) {
      fail(path(prefix, field), "INVALID_TYPE", "must be true or false");
      return null;
    }
    return n.booleanValue();
  }

  public Integer integer(JsonNode parent, String prefix, String field, int min, int max) {
    JsonNode n = parent.get(field);
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isIntegralNumber() || !n.canConvertToInt() || n.intValue() < min || n.intValue() > max) {
      fail(path(prefix, field), "INVALID_NUMBER", "must be a whole number from " + min + " to " + max);
      return null;
    }
    return n.intValue();
  }

  /** A value of a closed set, by its wire name; the violation lists the allowed names. */
  public <E> E oneOf(JsonNode parent, String prefix, String field, boolean required,
      Function<String, Optional<E>> parse, List<String> allowed) {
    String v = text(parent, prefix, field, required, 64);
    if (v == null) {
      return null;
    }
    Optional<E> e = parse.apply(v);
    if (e.isEmpty()) {
      fail(path(prefix, field), "INVALID_VALUE", "must be one of " + allowed + ", got \"" + v + "\"");
      return null;
    }
    return e.get();
  }

  /** A list of strings, each checked against {@code pattern}. */
  public List<String> strings(JsonNode parent, String prefix, String field, int maxItems, Pattern pattern, String what) {
    JsonNode arr = array(parent, prefix, field, false);
    if (arr == null) {
      return null;
    }
    String p = path(prefix, field);
    if (arr.size() > maxItems) {
      fail(p, "TOO_MANY", "must hold at most " + maxItems + " items");
      return null;
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < arr.size(); i++) {
      JsonNode n = arr.get(i);
      if (!n.isTextual() || !pattern.matcher(n.textValue()).matches()) {
        fail(p + "[" + i + "]", "INVALID_FORMAT", "must be " + what);
      } else {
        out.add(n.textValue());
      }
    }
    return out;
  }
}
