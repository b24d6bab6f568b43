package com.accountingexport.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The gateway over real HTTP, with stub handlers in place of the Lambda ones (no emulator needed). */
class LocalGatewayTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final byte[] KEY = JwtSigner.newKey();
  private static final JwtSigner SIGNER = new JwtSigner(KEY, Clock.systemUTC());
  private static final AtomicReference<APIGatewayV2HTTPEvent> LAST = new AtomicReference<>();
  private static final ByteArrayOutputStream LOG = new ByteArrayOutputStream();
  private static LocalGateway gateway;
  private static HttpClient http;
  private static URI base;

  @BeforeAll
  static void start() throws Exception {
    gateway = new LocalGateway(0, RouteTable.api(), new JwtVerifier(KEY, Clock.systemUTC()), Clock.systemUTC(),
        new PrintStream(LOG, true, StandardCharsets.UTF_8), false);
    RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> echo = (event, ctx) -> {
      LAST.set(event);
      if ("/settings".equals(event.getRawPath()) && "boom".equals(event.getRawQueryString())) {
        throw new IllegalStateException("secret internals: password=hunter2");
      }
      if (event.getRawPath().endsWith("/files/pdf")) {
        return APIGatewayV2HTTPResponse.builder().withStatusCode(200)
            .withHeaders(Map.of("content-type", "application/pdf"))
            .withBody(Base64.getEncoder().encodeToString(new byte[] {0, 1, 2, (byte) 0xff}))
            .withIsBase64Encoded(true).build();
      }
      if ("PUT".equals(event.getRequestContext().getHttp().getMethod())) {
        return APIGatewayV2HTTPResponse.builder().withStatusCode(201)
            .withHeaders(Map.of("content-type", "application/json", "x-handler", ctx.getFunctionName()))
            .withBody(event.getBody()).build();
      }
      if ("/exports/none/cancel".equals(event.getRawPath())) {
        return APIGatewayV2HTTPResponse.builder().withStatusCode(204).build();
      }
      return APIGatewayV2HTTPResponse.builder().withStatusCode(200)
          .withHeaders(Map.of("content-type", "application/json")).withBody("{\"ok\":true}").build();
    };
    Map<String, RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>> targets = new HashMap<>();
    for (String t : new String[] {RouteTable.DOCUMENTS, RouteTable.EXPORTS, RouteTable.DOWNLOADS, RouteTable.CANCEL, RouteTable.SETTINGS,
        RouteTable.WEBHOOKS,
        RouteTable.LOCAL_EVENTS}) {
      targets.put(t, echo);
    }
    targets.put(RouteTable.LOCAL_TOKEN, new TokenEndpoint(SIGNER));
    gateway.start(targets);
    http = HttpClient.newHttpClient();
    base = URI.create("http://localhost:" + gateway.port());
  }

  @AfterAll
  static void stop() {
    gateway.close();
  }

  @Test
  void aBinaryBody_arrivesBase64Encoded_likeHttpApisDo_andATextOneAsText() throws Exception {
    String token = JSON.readTree(send("POST", "/local/token", null, "{\"tenant\":\"acme\"}").body()).get("token").asText();
    byte[] latin9 = "Société €".getBytes(java.nio.charset.Charset.forName("ISO-8859-15"));
    for (String type : new String[] {"application/octet-stream", "text/plain; charset=UTF-8"}) {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve("/fec/validate"))
          .header("Authorization", "Bearer " + token).header("Content-Type", type)
          .POST(HttpRequest.BodyPublishers.ofByteArray(type.startsWith("text") ? "Société €".getBytes(StandardCharsets.UTF_8) : latin9))
          .build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(200, r.statusCode(), r.body());
      APIGatewayV2HTTPEvent event = LAST.get();
      if (type.startsWith("text")) {
        assertFalse(event.getIsBase64Encoded());
        assertEquals("Société €", event.getBody());
      } else {
        assertTrue(event.getIsBase64Encoded());
        assertArrayEquals(latin9, Base64.getDecoder().decode(event.getBody()));
      }
    }
  }

  @Test
  void token_shouldBeMinted_andAccepted() throws Exception {
    HttpResponse<String> r = send("POST", "/local/token", null,
        "{\"tenant\":\"acme\",\"role\":\"company_user\",\"sub\":\"u-9\",\"email\":\"u9@acme.fr\",\"ttlSeconds\":600}");
    assertEquals(200, r.statusCode());
    JsonNode body = JSON.readTree(r.body());
    String token = body.get("token").asText();
    assertNotNull(java.time.Instant.parse(body.get("expiresAt").asText()));

    HttpResponse<String> ok = send("GET", "/documents?state=blocked&journal=VT&journal=BQ", token, null);
    assertEquals(200, ok.statusCode());
    Map<String, String> claims = LAST.get().getRequestContext().getAuthorizer().getJwt().getClaims();
    assertEquals("acme", claims.get("tenant"));
    assertEquals("company_user", claims.get("role"));
    assertEquals("u-9", claims.get("sub"));
    assertEquals("u9@acme.fr", claims.get("email"));
    assertEquals(JwtSigner.ISSUER, claims.get("iss"));
    assertEquals(JwtSigner.AUDIENCE, claims.get("aud"));
    assertTrue(claims.get("exp").matches("\\d+"));
    assertEquals("VT,BQ", LAST.get().getQueryStringParameters().get("journal"));
    assertEquals("GET /documents", LAST.get().getRouteKey());
  }

  @Test
  void token_shouldDefaultToCompanyAdminAndLocalUser() throws Exception {
    String token = JSON.readTree(send("POST", "/local/token", null, "{\"tenant\":\"acme\"}").body()).get("token").asText();
    send("GET", "/settings", token, null);
    Map<String, String> claims = LAST.get().getRequestContext().getAuthorizer().getJwt().getClaims();
    assertEquals("company_admin", claims.get("role"));
    assertEquals("local-user", claims.get("sub"));
    assertFalse(claims.containsKey("email"));
  }

  @Test
  void token_shouldAnswer400WithEveryViolation_whenTheRequestIsBad() throws Exception {
    HttpResponse<String> r = send("POST", "/local/token", null,
        "{\"tenant\":\"no spaces\",\"role\":\"root\",\"sub\":\"\",\"email\":\"nope\",\"ttlSeconds\":86401}");
    JsonNode error = assertError(r, 400, "VALIDATION_FAILED");
    assertEquals(5, error.get("details").size(), r.body());
    for (JsonNode d : error.get("details")) {
      assertTrue(d.get("field").isTextual() && d.get("code").isTextual() && d.get("message").isTextual(), d.toString());
    }
    assertError(send("POST", "/local/token", null, "{}"), 400, "VALIDATION_FAILED");
    assertError(send("POST", "/local/token", null, "{\"tenant\":"), 400, "VALIDATION_FAILED");
    assertError(send("POST", "/local/token", null, "[]"), 400, "VALIDATION_FAILED");
    assertError(send("POST", "/local/token", null, "{\"tenant\":\"acme\",\"ttlSeconds\":\"60\"}"), 400, "VALIDATION_FAILED");
  }

  @Test
  void localEvents_shouldNeedNoToken_likeAnEventBridgeDelivery() throws Exception {
    LAST.set(null);
    HttpResponse<String> r = send("POST", "/local/events", null, "{\"source\": \"accounting-export\"}");
    assertEquals(200, r.statusCode(), r.body());
    assertEquals("POST /local/events", LAST.get().getRouteKey());
    assertNull(LAST.get().getRequestContext().getAuthorizer(), "no claims: nobody signed in");
  }

  @Test
  void everyOtherRoute_shouldAnswer401_withoutAValidBearerToken() throws Exception {
    String good = SIGNER.issue("u", "acme", "company_admin", null, Duration.ofMinutes(5)).token();
    String expired = SIGNER.issue("u", "acme", "company_admin", null, Duration.ofMinutes(-5)).token();
    String otherKey = new JwtSigner(JwtSigner.newKey(), Clock.systemUTC()).issue("u", "acme", "company_admin", null, Duration.ofMinutes(5)).token();
    String[] parts = good.split("\\.");
    String tampered = parts[0] + "." + parts[1].substring(0, parts[1].length() - 2) + "xy." + parts[2];

    LAST.set(null);
    assertError(send("GET", "/settings", null, null), 401, "UNAUTHORIZED");
    assertError(send("GET", "/settings", expired, null), 401, "UNAUTHORIZED");
    assertError(send("GET", "/settings", otherKey, null), 401, "UNAUTHORIZED");
    assertError(send("GET", "/settings", tampered, null), 401, "UNAUTHORIZED");
    assertError(send("GET", "/settings", "not-a-jwt", null), 401, "UNAUTHORIZED");
    HttpResponse<String> basic = http.send(HttpRequest.newBuilder(base.resolve("/settings"))
        .header("Authorization", "Basic dTpw").GET().build(), HttpResponse.BodyHandlers.ofString());
    assertError(basic, 401, "UNAUTHORIZED");
    assertEquals("Bearer", basic.headers().firstValue("www-authenticate").orElse(""));
    assertEquals(null, LAST.get(), "no handler ran");

    assertEquals(200, send("GET", "/settings", good, null).statusCode());
  }

  @Test
  void unknownRoutes_shouldAnswer404_evenWithoutAToken_asApiGatewayDoes() throws Exception {
    assertError(send("GET", "/nowhere", null, null), 404, "ROUTE_NOT_FOUND");
    String token = SIGNER.issue("u", "acme", "company_admin", null, Duration.ofMinutes(5)).token();
    JsonNode e = assertError(send("DELETE", "/documents/d-1", token, null), 404, "ROUTE_NOT_FOUND");
    assertTrue(e.get("message").asText().contains("GET, PUT"), e.toString());
  }

  @Test
  void handlerResponse_shouldBeWrittenBack_statusHeadersAndBody() throws Exception {
    String token = SIGNER.issue("u", "acme", "company_admin", null, Duration.ofMinutes(5)).token();
    String body = "{\"label\":\"Prestation – été\"}";
    HttpResponse<String> r = send("PUT", "/documents/doc%201", token, body);
    assertEquals(201, r.statusCode());
    assertEquals(body, r.body());
    assertEquals("local-documents", r.headers().firstValue("x-handler").orElse(""));
    assertTrue(r.headers().firstValue("apigw-requestid").isPresent());
    assertEquals(Map.of("documentId", "doc 1"), LAST.get().getPathParameters());
    assertEquals(body, LAST.get().getBody());
    assertEquals("application/json", LAST.get().getHeaders().get("content-type"));

    HttpResponse<byte[]> pdf = http.send(HttpRequest.newBuilder(base.resolve("/exports/e1/files/pdf"))
        .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(200, pdf.statusCode());
    assertArrayEquals(new byte[] {0, 1, 2, (byte) 0xff}, pdf.body());

    HttpResponse<String> none = send("POST", "/exports/none/cancel", token, null);
    assertEquals(204, none.statusCode());
    assertEquals("", none.body());
  }

  @Test
  void aThrowingHandler_shouldGive500_withTheRequestId_andNoExceptionText() throws Exception {
    String token = SIGNER.issue("u", "acme", "company_admin", null, Duration.ofMinutes(5)).token();
    HttpResponse<String> r = send("GET", "/settings?boom", token, null);
    JsonNode e = assertError(r, 500, "INTERNAL_ERROR");
    String requestId = r.headers().firstValue("apigw-requestid").orElseThrow();
    assertTrue(e.get("message").asText().contains(requestId));
    assertFalse(r.body().contains("hunter2") || r.body().contains("IllegalState"), r.body());
    assertTrue(LOG.toString(StandardCharsets.UTF_8).contains("hunter2"), "the log has the exception");
  }

  @Test
  void bodiesOver10Mb_shouldAnswer413() throws Exception {
    String token = SIGNER.issue("u", "acme", "company_admin", null, Duration.ofMinutes(5)).token();
    byte[] big = new byte[LocalGateway.MAX_BODY_BYTES + 1];
    java.util.Arrays.fill(big, (byte) 'a');
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve("/documents/batch"))
        .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.ofByteArray(big)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertError(r, 413, "PAYLOAD_TOO_LARGE");

    byte[] justRight = new byte[LocalGateway.MAX_BODY_BYTES];
    java.util.Arrays.fill(justRight, (byte) 'a');
    HttpResponse<String> ok = http.send(HttpRequest.newBuilder(base.resolve("/documents/batch"))
        .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.ofByteArray(justRight)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, ok.statusCode());
  }

  private static HttpResponse<String> send(String method, String path, String token, String body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    if (body != null) {
      b.header("Content-Type", "application/json");
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The API's error shape, with this status and code; returns the {@code error} object. */
  static JsonNode assertError(HttpResponse<String> r, int status, String code) throws Exception {
    assertEquals(status, r.statusCode(), r.body());
    JsonNode root = JSON.readTree(r.body());
    JsonNode error = root.get("error");
    assertNotNull(error, r.body());
    assertEquals(code, error.get("code").asText(), r.body());
    assertTrue(error.get("message").isTextual() && !error.get("message").asText().isBlank(), r.body());
    assertTrue(error.get("details").isArray(), r.body());
    assertEquals("application/json", r.headers().firstValue("content-type").orElse(""));
    return error;
  }
}
