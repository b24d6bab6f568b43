package com.accountingexport.local;

import com.accountingexport.adapters.Wiring;
import com.accountingexport.adapters.http.Http;
import com.accountingexport.adapters.http.HttpErrors;
import com.accountingexport.adapters.http.Response;
import com.accountingexport.adapters.json.Json;
import com.accountingexport.core.error.DomainException;
import com.accountingexport.core.error.ErrorKind;
import com.accountingexport.functions.events.EventsHandler;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /local/events}: the body is an EventBridge event exactly as AWS delivers it
 * ({@code events/eventbridge/*.json}: a PeriodClosed event, or the Scheduler's daily "Scheduled
 * Event"), handed to the same {@link EventsHandler} as the deployed EventsFunction. Only the local
 * runtime serves this route (in AWS, EventBridge invokes the function; there is no HTTP route).
 *
 * <p>200 with the handler's answer ({@code {"status": "ready" | "replayed" | "nothing-to-export" |
 * "rejected", ...}} or, for the schedule, the list of tenants), 202 when the export went on in the
 * background workflow ({@code "started"}); a body that is not a JSON object is a 400 in the API's error
 * shape. What Lambda would retry answers in that shape too: {@code EXPORT_IN_PROGRESS} 409, a schedule
 * that asks to run again 503.
 */
final class EventsEndpoint implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
  private final EventsHandler events;
  private final Http http = new Http();

  EventsEndpoint(Wiring wiring) {
    this(new EventsHandler(wiring));
  }

  EventsEndpoint(EventsHandler events) {
    this.events = events;
  }

  @Override
  public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
    return http.serve(event, context, req -> {
      JsonNode body = req.json();
      if (!body.isObject()) {
        throw new DomainException(ErrorKind.INVALID, "OBJECT_REQUIRED",
            "The body must be an EventBridge event: a JSON object such as events/eventbridge/period-closed.json");
      }
      Map<String, Object> input = Json.MAPPER.convertValue(body, new TypeReference<LinkedHashMap<String, Object>>() {});
      Map<String, Object> answer;
      try {
        answer = events.handleRequest(input, context);
      } catch (EventsHandler.RetryLaterException e) {
        return Response.of(503, HttpErrors.body("RETRY_LATER", e.getMessage(), List.of()));
      }
      JsonNode out = Json.MAPPER.valueToTree(answer);
      return "started".equals(answer.get("status")) ? Response.accepted(out) : Response.ok(out);
    });
  }
}
