package com.accountingexport.adapters.http;

import com.accountingexport.adapters.json.Json;
import com.accountingexport.core.audit.AuditActions;
import com.accountingexport.core.audit.AuditLog;
import com.accountingexport.core.audit.AuditRecord;
import com.accountingexport.core.auth.Caller;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.util.Map;
import java.util.TreeMap;

/**
 * Records every audited request ({@link AuditActions}) in the audit log of the company it acted on,
 * once its answer is known: who (from the verified token), the route and its ids, the status and the
 * outcome, refusals included (a 403 or a 409 is worth knowing). A request without a valid caller
 * (no token, a company outside a firm user's list) acted on no tenant and is not recorded. Recording
 * never changes the answer: a failure is logged, one JSON line without body or token.
 */
public final class AuditTrail implements RouteHooks {
  private final AuditLog log;
  private final Clock clock;

  public AuditTrail(AuditLog log, Clock clock) {
    this.log = log;
    this.clock = clock;
  }

  @Override
  public void after(Request request, Response response) {
    try {
      String route = request.route();
      var action = AuditActions.of(route, request::query);
      if (action.isEmpty()) {
        return;
      }
      Caller caller;
      try {
        caller = request.caller();
      } catch (RuntimeException noValidCaller) {
        return;
      }
      log.append(AuditRecord.draft(caller.tenant(), clock.instant(), AuditRecord.Actor.of(caller), action.get(), route,
          ids(request, response), response.status(), outcome(response)));
    } catch (RuntimeException e) {
      System.err.println(Json.write(Json.object()
          .put("level", "ERROR")
          .put("requestId", request.requestId())
          .put("route", request.route())
          .put("message", "audit entry not written")
          .put("error", e.getClass().getName())
          .put("detail", String.valueOf(e.getMessage()))));
    }
  }

  /** The path parameters, the id a 201/202 answer created, and the size of a batch. */
  static Map<String, String> ids(Request request, Response response) {
    Map<String, String> ids = new TreeMap<>(request.pathParams());
    int status = response.status();
    JsonNode body = response.body();
    if ((status == 201 || status == 202) && body != null && body.path("id").isTextual()
        && !ids.containsValue(body.get("id").asText())) {
      // a created resource's new id (PUT /documents/{documentId} answers 201 with the id of its path: once is enough)
      ids.putIfAbsent(AuditActions.createdIdName(request.route()), body.get("id").asText());
    }
    if (request.route().equals("POST /documents/batch")) {
      try {
        JsonNode documents = request.json().path("documents");
        if (documents.isArray()) {
          ids.put("documents", Integer.toString(documents.size()));
        }
      } catch (RuntimeException unreadable) {
        // a body that is not JSON was refused with its 400: nothing to count
      }
    }
    return ids;
  }

  /** {@code OK} below 400, else the error code of the answer's body (or {@code HTTP_<status>} without one). */
  static String outcome(Response response) {
    if (response.status() < 400) {
      return AuditRecord.OK;
    }
    JsonNode code = response.body() == null ? null : response.body().path("error").path("code");
    return code != null && code.isTextual() ? code.asText() : "HTTP_" + response.status();
  }
}
