package com.accountingexport.adapters.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/** What a route answers: a status, an optional JSON body and extra headers. */
public record Response(int status, JsonNode body, Map<String, String> headers) {
  public static Response ok(JsonNode body) {
    return new Response(200, body, Map.of());
  }

  public static Response created(JsonNode body) {
    return new Response(201, body, Map.of());
  }

  public static Response accepted(JsonNode body) {
    return new Response(202, body, Map.of());
  }

  public static Response of(int status, JsonNode body) {
    return new Response(status, body, Map.of());
  }

  public static Response redirect(String location) {
    return new Response(303, null, Map.of("Location", location));
  }

  /** The same answer with one more header. */
  public Response withHeader(String name, String value) {
    Map<String, String> all = new java.util.LinkedHashMap<>(headers);
    all.put(name, value);
    return new Response(status, body, Map.copyOf(all));
  }
}
