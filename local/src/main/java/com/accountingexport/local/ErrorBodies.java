package com.accountingexport.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** The API's error shape (shared/API.md): {@code {"error": {"code", "message", "details": [...]}}}. */
final class ErrorBodies {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ErrorBodies() {}

  /** One entry of {@code details}: the field path (may be null), a stable code and a sentence. */
  record Detail(String field, String code, String message) {}

  static String of(String code, String message) {
    return of(code, message, List.of());
  }

  static String of(String code, String message, List<Detail> details) {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode error = root.putObject("error");
    error.put("code", code);
    error.put("message", message);
    ArrayNode d = error.putArray("details");
    for (Detail x : details) {
      ObjectNode n = d.addObject();
      n.put("field", x.field());
      n.put("code", x.code());
      n.put("message", x.message());
    }
    try {
      return JSON.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
