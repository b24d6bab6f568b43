package com.accountingexport.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ApiGatewayEventTest {
  private final RouteTable api = RouteTable.api();

  @Test
  void match_shouldPreferLiteralSegmentsOverParameters_fromLeftToRight() {
    RouteTable table = new RouteTable(List.of(
        new RouteTable.Route("GET", "/exports/{exportId}", "a"),
        new RouteTable.Route("GET", "/exports/latest", "b"),
        new RouteTable.Route("GET", "/{any}/latest", "c")));

    assertEquals("GET /exports/latest", table.match("GET", "/exports/latest").orElseThrow().route().routeKey());
    assertEquals(Map.of(), table.match("GET", "/exports/latest").orElseThrow().pathParameters());
    assertEquals("GET /exports/{exportId}", table.match("GET", "/exports/e-1").orElseThrow().route().routeKey());
    assertEquals("GET /{any}/latest", table.match("GET", "/documents/latest").orElseThrow().route().routeKey());
  }

  @Test
  void match_shouldRouteEveryApiRoute_toItsHandler() {
    assertRoute("PUT", "/documents/d-1", "PUT /documents/{documentId}", RouteTable.DOCUMENTS, Map.of("documentId", "d-1"));
    assertRoute("POST", "/documents/batch", "POST /documents/batch", RouteTable.DOCUMENTS, Map.of());
    assertRoute("GET", "/documents/d-1", "GET /documents/{documentId}", RouteTable.DOCUMENTS, Map.of("documentId", "d-1"));
    assertRoute("GET", "/documents", "GET /documents", RouteTable.DOCUMENTS, Map.of());
    assertRoute("POST", "/exports/preview", "POST /exports/preview", RouteTable.EXPORTS, Map.of());
    assertRoute("POST", "/exports", "POST /exports", RouteTable.EXPORTS, Map.of());
    assertRoute("GET", "/exports", "GET /exports", RouteTable.EXPORTS, Map.of());
    assertRoute("GET", "/exports/e-1", "GET /exports/{exportId}", RouteTable.EXPORTS, Map.of("exportId", "e-1"));
    assertRoute("GET", "/exports/e-1/verify", "GET /exports/{exportId}/verify", RouteTable.EXPORTS, Map.of("exportId", "e-1"));
    assertRoute("GET", "/exports/e-1/files/journal", "GET /exports/{exportId}/files/{kind}", RouteTable.DOWNLOADS,
        Map.of("exportId", "e-1", "kind", "journal"));
    assertRoute("POST", "/exports/e-1/cancel", "POST /exports/{exportId}/cancel", RouteTable.CANCEL, Map.of("exportId", "e-1"));
    assertRoute("GET", "/settings", "GET /settings", RouteTable.SETTINGS, Map.of());
    assertRoute("PUT", "/settings", "PUT /settings", RouteTable.SETTINGS, Map.of());
    assertRoute("POST", "/local/token", "POST /local/token", RouteTable.LOCAL_TOKEN, Map.of());
    assertRoute("POST", "/local/events", "POST /local/events", RouteTable.LOCAL_EVENTS, Map.of());
  }

  @Test
  void match_shouldMatchOnMethodAndPath_likeApiGateway() {
    // POST /documents/batch is its own route; a PUT there is an upsert of document "batch", as in AWS
    assertRoute("PUT", "/documents/batch", "PUT /documents/{documentId}", RouteTable.DOCUMENTS, Map.of("documentId", "batch"));
    // POST /exports/preview is literal; no POST /exports/{exportId} route exists
    assertTrue(api.match("POST", "/exports/e-1").isEmpty());
    assertTrue(api.match("DELETE", "/documents/d-1").isEmpty());
    assertEquals(Set.of("GET", "PUT"), api.methodsFor("/documents/d-1"));
    assertEquals(Set.of(), api.methodsFor("/nowhere"));
    assertTrue(api.match("GET", "/nowhere").isEmpty());
    assertTrue(api.match("GET", "/documents/d-1/extra").isEmpty());
    assertTrue(api.match("get", "/documents").isEmpty(), "methods are upper case, as HttpServer gives them");
  }

  @Test
  void match_shouldUrlDecodePathParameters_butKeepPlusSigns() {
    assertEquals(Map.of("documentId", "facture 2026/01 é"),
        api.match("GET", "/documents/facture%202026%2F01%20%C3%A9").orElseThrow().pathParameters());
    assertEquals(Map.of("documentId", "a+b"), api.match("GET", "/documents/a+b").orElseThrow().pathParameters());
  }

  @Test
  void queryParameters_shouldDecode_andJoinRepeatedKeysWithCommas() {
    Map<String, String> q = ApiGatewayEvents.queryParameters("journal=VT&journal=BQ&from=2026-01-01&q=caf%C3%A9+cr%C3%A8me&flag&=x&empty=");
    assertEquals("VT,BQ", q.get("journal"));
    assertEquals("2026-01-01", q.get("from"));
    assertEquals("café crème", q.get("q"));
    assertEquals("", q.get("flag"));
    assertEquals("", q.get("empty"));
    assertFalse(q.containsKey(""));
    assertEquals(List.of("journal", "from", "q", "flag", "empty"), List.copyOf(q.keySet()));
    assertTrue(ApiGatewayEvents.queryParameters("").isEmpty());
    assertTrue(ApiGatewayEvents.queryParameters(null).isEmpty());
  }

  @Test
  void headers_shouldBeLowerCased_andRepeatedOnesJoinedWithCommas() {
    Map<String, String> h = ApiGatewayEvents.headers(List.of(
        Map.entry("Content-Type", "application/json"), Map.entry("X-Forwarded-For", "1.1.1.1"),
        Map.entry("x-forwarded-for", "2.2.2.2")));
    assertEquals(Map.of("content-type", "application/json", "x-forwarded-for", "1.1.1.1,2.2.2.2"), h);
  }

  @Test
  void toEvent_shouldFillThePayload2Fields_asApiGatewayDoes() {
    // given
    ApiGatewayEvents.Request request = new ApiGatewayEvents.Request("GET", "/exports/e%201/files/journal",
        "format=fec&format=csv&redirect=true",
        List.of(Map.entry("Host", "localhost:3000"), Map.entry("User-Agent", "curl/8.5"), Map.entry("Authorization", "Bearer x"),
            Map.entry("Cookie", "a=1; b=2"), Map.entry("Accept", "application/json"), Map.entry("accept", "text/plain")),
        null, "127.0.0.1", "HTTP/1.1");
    RouteTable.Match match = api.match("GET", request.rawPath()).orElseThrow();
    Map<String, String> claims = Map.of("sub", "u-1", "tenant", "acme", "role", "company_admin", "exp", "1790000000");
    Instant now = Instant.parse("2026-03-02T10:15:30.123Z");

    // when
    APIGatewayV2HTTPEvent e = ApiGatewayEvents.toEvent(request, match, claims, "req-1", now);

    // then
    assertEquals("2.0", e.getVersion());
    assertEquals("GET /exports/{exportId}/files/{kind}", e.getRouteKey());
    assertEquals("/exports/e%201/files/journal", e.getRawPath());
    assertEquals("format=fec&format=csv&redirect=true", e.getRawQueryString());
    assertEquals(Map.of("format", "fec,csv", "redirect", "true"), e.getQueryStringParameters());
    assertEquals(Map.of("exportId", "e 1", "kind", "journal"), e.getPathParameters());
    assertEquals("application/json,text/plain", e.getHeaders().get("accept"));
    assertEquals("Bearer x", e.getHeaders().get("authorization"));
    assertFalse(e.getHeaders().containsKey("cookie"), "cookies move to the cookies field");
    assertEquals(List.of("a=1", "b=2"), e.getCookies());
    assertNull(e.getBody());
    assertFalse(e.getIsBase64Encoded());
    assertNull(e.getStageVariables());

    APIGatewayV2HTTPEvent.RequestContext rc = e.getRequestContext();
    assertEquals("req-1", rc.getRequestId());
    assertEquals("GET /exports/{exportId}/files/{kind}", rc.getRouteKey());
    assertEquals("$default", rc.getStage());
    assertEquals(now.toEpochMilli(), rc.getTimeEpoch());
    assertEquals("02/Mar/2026:10:15:30 +0000", rc.getTime());
    assertEquals("localhost", rc.getDomainName());
    assertEquals("GET", rc.getHttp().getMethod());
    assertEquals("/exports/e%201/files/journal", rc.getHttp().getPath());
    assertEquals("HTTP/1.1", rc.getHttp().getProtocol());
    assertEquals("127.0.0.1", rc.getHttp().getSourceIp());
    assertEquals("curl/8.5", rc.getHttp().getUserAgent());
    assertEquals(claims, rc.getAuthorizer().getJwt().getClaims());
    assertNull(rc.getAuthorizer().getJwt().getScopes());
  }

  @Test
  void toEvent_shouldLeaveOptionalFieldsOut_whenTheRequestHasNone() {
    ApiGatewayEvents.Request request = new ApiGatewayEvents.Request("PUT", "/settings", null,
        List.of(Map.entry("Content-Type", "application/json")), "{\"a\":\"é\"}", "10.0.0.1", "HTTP/1.1");
    APIGatewayV2HTTPEvent e = ApiGatewayEvents.toEvent(request, api.match("PUT", "/settings").orElseThrow(),
        null, "r", Instant.EPOCH);

    assertEquals("", e.getRawQueryString());
    assertNull(e.getQueryStringParameters());
    assertNull(e.getPathParameters());
    assertNull(e.getCookies());
    assertEquals("{\"a\":\"é\"}", e.getBody());
    assertFalse(e.getIsBase64Encoded());
    assertNull(e.getRequestContext().getAuthorizer());
  }

  private void assertRoute(String method, String path, String routeKey, String target, Map<String, String> params) {
    RouteTable.Match m = api.match(method, path).orElseThrow(() -> new AssertionError("no route for " + method + " " + path));
    assertEquals(routeKey, m.route().routeKey());
    assertEquals(target, m.route().target());
    assertEquals(params, m.pathParameters());
  }
}
