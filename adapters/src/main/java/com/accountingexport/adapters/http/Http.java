package com.accountingexport.adapters.http;

import com.accountingexport.adapters.json.Json;
import com.accountingexport.core.error.DomainException;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Runs one route: parse, call, map. Expected failures become their 4xx; throttling of a dependency
 * becomes 429/503; anything else is logged (never returned) and answers 500 with the request id.
 */
public final class Http {

  /** A route: takes the request, returns the answer, throws {@link DomainException} for 4xx. */
  @FunctionalInterface
  public interface Route {
    Response handle(Request request);
  }

  private final java.util.List<RouteHooks> hooks;

  /** No hooks: every route runs as it is (the local runtime's own endpoints, unit tests). */
  public Http() {
    this(java.util.List.of());
  }

  /** With hooks run around every route, in this order before it and in reverse order after it. */
  public Http(java.util.List<RouteHooks> hooks) {
    this.hooks = java.util.List.copyOf(hooks);
  }

  public APIGatewayV2HTTPResponse serve(APIGatewayV2HTTPEvent event, Context context, Route route) {
    Request request = new Request(event);
    Response response = answer(request, route);
    for (int i = hooks.size() - 1; i >= 0; i--) {
      try {
        hooks.get(i).after(request, response);
      } catch (RuntimeException e) {
        log(request, e);
      }
    }
    return toLambda(response);
  }

  private Response answer(Request request, Route route) {
    Response response;
    try {
      for (RouteHooks h : hooks) {
        h.before(request);
      }
      response = route.handle(request);
    } catch (DomainException e) {
      response = HttpErrors.of(e);
    } catch (SdkException e) {
      log(request, e);
      response = e.retryable() || isThrottling(e)
          ? Response.of(503, HttpErrors.body("SERVICE_UNAVAILABLE",
              "A storage service is busy; retry in a moment (request " + request.requestId() + ")", java.util.List.of()))
          : HttpErrors.internal(request.requestId());
    } catch (RuntimeException e) {
      log(request, e);
      response = HttpErrors.internal(request.requestId());
    }
    return response;
  }

  private static boolean isThrottling(SdkException e) {
    String name = e.getClass().getSimpleName();
    return name.contains("Throttl") || name.contains("ProvisionedThroughputExceeded") || name.contains("RequestLimitExceeded");
  }

  public static APIGatewayV2HTTPResponse toLambda(Response response) {
    Map<String, String> headers = new HashMap<>(response.headers());
    String body = null;
    if (response.body() != null) {
      headers.put("Content-Type", "application/json; charset=utf-8");
      body = Json.write(response.body());
    }
    headers.put("Cache-Control", "no-store");
    return APIGatewayV2HTTPResponse.builder()
        .withStatusCode(response.status())
        .withHeaders(headers)
        .withBody(body)
        .withIsBase64Encoded(false)
        .build();
  }

  /** One JSON line: the route and the failure's class and message, never the body or the token. */
  private static void log(Request request, Throwable e) {
    StackTraceElement at = e.getStackTrace().length > 0 ? e.getStackTrace()[0] : null;
    var line = Json.object()
        .put("level", "ERROR")
        .put("requestId", request.requestId())
        .put("route", request.route())
        .put("error", e.getClass().getName())
        .put("message", String.valueOf(e.getMessage()))
        .put("at", String.valueOf(at));
    System.err.println(Json.write(line));
  }
}
