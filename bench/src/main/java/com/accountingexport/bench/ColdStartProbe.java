package com.accountingexport.bench;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.util.Map;

/**
 * Run in a fresh JVM whose classpath is this class and ONE function's shaded jar (nothing else):
 * builds the handler as Lambda would (no-arg constructor, environment configuration), then serves
 * one request. Prints the init and first-request times; a class missing from the jar fails here.
 *
 * <pre>java -cp bench/target/classes:functions/documents/target/documents.jar \
 *     com.accountingexport.bench.ColdStartProbe HANDLER_CLASS "GET /documents" /documents</pre>
 */
public final class ColdStartProbe {
  private ColdStartProbe() {}

  /** {@code k=v;k=v}. */
  private static Map<String, String> params(String text) {
    Map<String, String> out = new java.util.LinkedHashMap<>();
    for (String kv : text.split(";")) {
      out.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  public static void main(String[] args) throws Exception {
    long t0 = System.nanoTime();
    Class<?> type = Class.forName(args[0]);
    Object handler = type.getConstructor().newInstance();
    long init = System.nanoTime() - t0;
    Object answer;
    long r0 = System.nanoTime();
    if (args[1].startsWith("event:")) {
      answer = ((RequestHandler<Map<String, Object>, Object>) handler).handleRequest(Map.of(
          "version", "0", "id", "cold-start", "detail-type", "PeriodClosed", "source", "accounting-export",
          "account", "000000000000", "time", "2026-04-01T00:00:00Z", "region", "eu-west-3", "resources", java.util.List.of(),
          "detail", Map.of("tenant", "coldstart", "from", "2026-03-01", "to", "2026-03-31")), null);
    } else if (args[1].startsWith("step:")) {
      answer = ((RequestHandler<Map<String, Object>, Object>) handler)
          .handleRequest(Map.of("step", args[1].substring(5), "tenant", "coldstart"), null);
    } else {
      String[] route = args[1].split(" ", 2);
      APIGatewayV2HTTPEvent event = APIGatewayV2HTTPEvent.builder()
          .withRouteKey(args[1])
          .withRawPath(args[2])
          .withPathParameters(args.length > 3 ? params(args[3]) : null)
          .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
              .withRequestId("cold-start")
              .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod(route[0]).withPath(args[2]).build())
              .withAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                  .withJwt(APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT.builder()
                      .withClaims(Map.of("sub", "probe", "tenant", "coldstart", "role", "company_admin",
                          "email", "probe@example.fr"))
                      .build())
                  .build())
              .build())
          .build();
      answer = ((RequestHandler<APIGatewayV2HTTPEvent, Object>) handler).handleRequest(event, null);
    }
    long first = System.nanoTime() - r0;
    String text = String.valueOf(answer);
    System.out.printf(java.util.Locale.ROOT, "RESULT coldstart handler=%s initMs=%.0f firstRequestMs=%.0f answer=%s%n",
        type.getSimpleName(), init / 1e6, first / 1e6, text.length() > 160 ? text.substring(0, 160) : text);
  }
}
