package com.accountingexport.adapters.json;

import com.accountingexport.core.error.DomainException;
import com.accountingexport.core.error.ErrorKind;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The one JSON mapper: tree model only, decimals kept exact, duplicate keys refused. */
public final class Json {
  public static final ObjectMapper MAPPER = JsonMapper.builder()
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .build();

  static {
    MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build());
  }

  private Json() {}

  public static ObjectNode object() {
    return JsonNodeFactory.instance.objectNode();
  }

  public static ArrayNode array() {
    return JsonNodeFactory.instance.arrayNode();
  }

  /** Parses a request body: 400 INVALID_JSON with the parser's position when it is not JSON. */
  public static JsonNode parse(String body) {
    if (body == null || body.isBlank()) {
      throw new DomainException(ErrorKind.INVALID, "BODY_REQUIRED", "This request needs a JSON body");
    }
    try {
      JsonNode node = MAPPER.readTree(body);
      if (node == null || node.isMissingNode()) {
        throw new DomainException(ErrorKind.INVALID, "BODY_REQUIRED", "This request needs a JSON body");
      }
      return node;
    } catch (JsonProcessingException e) {
      String where = e.getLocation() == null ? ""
          : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
      throw new DomainException(ErrorKind.INVALID, "INVALID_JSON", "The body is not valid JSON" + where);
    }
  }

  public static String write(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The same JSON with every object's fields sorted by name: two bodies that differ only in key order hash alike. */
  public static JsonNode canonical(JsonNode n) {
    if (n.isObject()) {
      com.fasterxml.jackson.databind.node.ObjectNode sorted = object();
      java.util.List<String> names = new java.util.ArrayList<>();
      n.fieldNames().forEachRemaining(names::add);
      names.stream().sorted().forEach(f -> sorted.set(f, canonical(n.get(f))));
      return sorted;
    }
    if (n.isArray()) {
      com.fasterxml.jackson.databind.node.ArrayNode a = array();
      n.forEach(x -> a.add(canonical(x)));
      return a;
    }
    return n;
  }
}
