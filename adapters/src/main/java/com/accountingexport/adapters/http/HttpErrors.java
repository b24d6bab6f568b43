package com.accountingexport.adapters.http;

import com.accountingexport.adapters.json.Json;
import com.accountingexport.core.error.DomainException;
import com.accountingexport.core.error.Violation;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** The only place where failures become the error body of shared/API.md. */
public final class HttpErrors {
  private HttpErrors() {}

  public static ObjectNode body(String code, String message, List<Violation> details) {
    ObjectNode root = Json.object();
    ObjectNode error = root.putObject("error");
    error.put("code", code);
    error.put("message", message);
    error.set("details", details(details));
    return root;
  }

  public static ArrayNode details(List<Violation> details) {
    ArrayNode a = Json.array();
    for (Violation v : details) {
      ObjectNode d = a.addObject();
      d.put("field", v.field());
      d.put("code", v.code());
      d.put("message", v.message());
    }
    return a;
  }

  /** The error object alone ({@code {"code","message","details"}}), e.g. inside a batch result. */
  public static ObjectNode errorObject(DomainException e) {
    return (ObjectNode) body(e.code(), e.getMessage(), e.details()).get("error");
  }

  public static Response of(DomainException e) {
    return Response.of(e.kind().status(), body(e.code(), e.getMessage(), e.details()));
  }

  public static Response internal(String requestId) {
    return Response.of(500, body("INTERNAL_ERROR",
        "Something went wrong on our side (request " + requestId + "). Retrying the same request is safe: "
            + "document writes are upserts and exports honour their Idempotency-Key",
        List.of()));
  }

  public static Response routeNotFound(String route) {
    return Response.of(404, body("ROUTE_NOT_FOUND", "No route " + route, List.of()));
  }
}
