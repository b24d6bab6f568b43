package com.accountingexport.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The local stand-in for API Gateway (HTTP API, payload 2.0, JWT authorizer), on the JDK's
 * HttpServer. In the order API Gateway applies them: body over 10 MB → 413; no route for the
 * method and path → 404 (also when another method serves the path, as API Gateway does); no valid
 * bearer token → 401; then the route's handler gets the 2.0 event and its response is written back.
 * Each handler instance serves one request at a time, as a Lambda execution environment does
 * (different handlers run in parallel).
 * A handler that throws (or answers no status) → 500 INTERNAL_ERROR naming the request id, the
 * exception going to the log only. Every error the gateway itself writes has the API's error shape.
 */
public final class LocalGateway implements AutoCloseable {
  /** API Gateway HTTP APIs refuse larger payloads. */
  public static final int MAX_BODY_BYTES = 10 * 1024 * 1024;
  static final long HANDLER_TIMEOUT_MILLIS = 30_000;
  private static final long DRAIN_LIMIT_BYTES = 64L * 1024 * 1024;

  private final RouteTable routes;
  private volatile Map<String, RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>> targets;
  private final JwtVerifier verifier;
  private final Clock clock;
  private final PrintStream log;
  private final boolean accessLog;
  private final HttpServer server;
  private final ExecutorService pool;

  /**
   * Binds the port at once (0 = a free one: see {@link #port()}), so that a busy port fails
   * before anything else starts; serving starts with {@link #start(Map)}.
   */
  public LocalGateway(int port, RouteTable routes, JwtVerifier verifier, Clock clock, PrintStream log,
      boolean accessLog) throws IOException {
    this.routes = routes;
    this.verifier = verifier;
    this.clock = clock;
    this.log = log;
    this.accessLog = accessLog;
    this.server = HttpServer.create(new InetSocketAddress(port), 64);
    AtomicInteger n = new AtomicInteger();
    this.pool = Executors.newFixedThreadPool(8, r -> {
      Thread t = new Thread(r, "local-http-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(pool);
    server.createContext("/", this::handle);
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /**
   * Starts serving.
   *
   * @param targets the handler of each route target ({@link RouteTable#DOCUMENTS}...)
   */
  public void start(Map<String, RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>> targets) {
    for (RouteTable.Route r : routes.routes()) {
      if (!targets.containsKey(r.target())) {
        throw new IllegalArgumentException("no handler for " + r.routeKey() + " (target " + r.target() + ")");
      }
    }
    this.targets = Map.copyOf(targets);
    server.start();
  }

  @Override
  public void close() {
    server.stop(0);
    pool.shutdownNow();
  }

  private void handle(HttpExchange ex) {
    long started = System.nanoTime();
    String requestId = UUID.randomUUID().toString();
    String method = ex.getRequestMethod().toUpperCase(Locale.ROOT);
    URI uri = ex.getRequestURI();
    String rawPath = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    int status;
    try {
      status = serve(ex, requestId, method, rawPath, uri.getRawQuery());
    } catch (Throwable t) {
      log.println("[local] " + requestId + " " + method + " " + rawPath + " failed in the gateway: " + t);
      status = safeSend(ex, requestId, 500, internalError(requestId));
    } finally {
      ex.close();
    }
    if (accessLog) {
      log.printf("[local] %s %s %d %dms%n", method, rawPath, status, (System.nanoTime() - started) / 1_000_000);
    }
  }

  private int serve(HttpExchange ex, String requestId, String method, String rawPath, String rawQuery) throws IOException {
    String length = ex.getRequestHeaders().getFirst("Content-Length");
    byte[] body = length != null && parseLong(length) > MAX_BODY_BYTES ? null : readAtMost(ex.getRequestBody(), MAX_BODY_BYTES);
    if (body == null) {
      // read what is left (within reason) so that the client, still sending, gets the answer
      drain(ex.getRequestBody(), DRAIN_LIMIT_BYTES);
      return sendError(ex, requestId, 413, "PAYLOAD_TOO_LARGE", "The request body exceeds 10 MB");
    }

    RouteTable.Match match = routes.match(method, rawPath).orElse(null);
    if (match == null) {
      Set<String> allowed = routes.methodsFor(rawPath);
      String message = allowed.isEmpty()
          ? "No route for " + method + " " + rawPath
          : "No route for " + method + " " + rawPath + " (this path serves " + String.join(", ", allowed) + ")";
      return sendError(ex, requestId, 404, "ROUTE_NOT_FOUND", message);
    }

    Map<String, String> claims = null;
    if (!RouteTable.WITHOUT_TOKEN.contains(match.route().target())) {
      String authorization = ex.getRequestHeaders().getFirst("Authorization");
      String token = bearer(authorization);
      if (token == null) {
        return sendUnauthorized(ex, requestId, authorization == null
            ? "The Authorization header is missing: send 'Authorization: Bearer <token>' (POST /local/token mints one)"
            : "The Authorization header must be 'Bearer <token>'");
      }
      try {
        claims = JwtVerifier.asApiGatewayClaims(verifier.verify(token));
      } catch (JwtVerifier.InvalidTokenException e) {
        return sendUnauthorized(ex, requestId, e.getMessage());
      }
    }

    List<Map.Entry<String, String>> headerLines = new ArrayList<>();
    ex.getRequestHeaders().forEach((name, values) -> values.forEach(v -> headerLines.add(Map.entry(name, v))));
    String protocol = ex.getProtocol() == null ? "HTTP/1.1" : ex.getProtocol();
    String sourceIp = ex.getRemoteAddress() == null ? "127.0.0.1" : ex.getRemoteAddress().getAddress().getHostAddress();
    // as HTTP APIs do: a body of a binary content type (application/octet-stream...) arrives base64-encoded
    boolean binary = body.length > 0 && !ApiGatewayEvents.isText(ex.getRequestHeaders().getFirst("Content-Type"));
    String text = body.length == 0 ? null
        : binary ? Base64.getEncoder().encodeToString(body) : new String(body, StandardCharsets.UTF_8);
    ApiGatewayEvents.Request request = new ApiGatewayEvents.Request(method, rawPath, rawQuery, headerLines,
        text, sourceIp, protocol);
    Instant now = clock.instant();
    APIGatewayV2HTTPEvent event = ApiGatewayEvents.toEvent(request, match, claims, requestId, now);
    event.setIsBase64Encoded(binary);

    String target = match.route().target();
    APIGatewayV2HTTPResponse response;
    RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler = targets.get(target);
    try {
      // like a Lambda execution environment: one request at a time per handler instance
      synchronized (handler) {
        response = handler.handleRequest(event, new LocalLambdaContext(requestId, target, HANDLER_TIMEOUT_MILLIS, log));
      }
    } catch (Throwable t) {
      log.println("[local] " + requestId + " " + match.route().routeKey() + ": the handler threw");
      t.printStackTrace(log);
      return safeSend(ex, requestId, 500, internalError(requestId));
    }
    if (response == null || response.getStatusCode() < 100 || response.getStatusCode() > 599) {
      log.println("[local] " + requestId + " " + match.route().routeKey() + ": the handler answered no valid status code");
      return safeSend(ex, requestId, 500, internalError(requestId));
    }
    return write(ex, requestId, method, response);
  }

  private int write(HttpExchange ex, String requestId, String method, APIGatewayV2HTTPResponse response) throws IOException {
    byte[] bytes;
    String body = response.getBody();
    if (body == null) {
      bytes = new byte[0];
    } else if (response.getIsBase64Encoded()) {
      bytes = Base64.getMimeDecoder().decode(body);
    } else {
      bytes = body.getBytes(StandardCharsets.UTF_8);
    }
    var headers = ex.getResponseHeaders();
    if (response.getMultiValueHeaders() != null) {
      response.getMultiValueHeaders().forEach((k, values) -> {
        if (values != null) {
          values.forEach(v -> headers.add(k, v));
        }
      });
    }
    if (response.getHeaders() != null) {
      response.getHeaders().forEach((k, v) -> {
        if (v != null) {
          headers.set(k, v);
        }
      });
    }
    if (response.getCookies() != null) {
      response.getCookies().forEach(c -> headers.add("Set-Cookie", c));
    }
    headers.set("Apigw-Requestid", requestId);
    int status = response.getStatusCode();
    boolean noBody = bytes.length == 0 || "HEAD".equals(method) || status == 204 || status == 304 || status < 200;
    ex.sendResponseHeaders(status, noBody ? -1 : bytes.length);
    if (!noBody) {
      try (OutputStream out = ex.getResponseBody()) {
        out.write(bytes);
      }
    }
    return status;
  }

  private int sendUnauthorized(HttpExchange ex, String requestId, String message) throws IOException {
    ex.getResponseHeaders().set("WWW-Authenticate", "Bearer");
    return sendError(ex, requestId, 401, "UNAUTHORIZED", message);
  }

  private int sendError(HttpExchange ex, String requestId, int status, String code, String message) throws IOException {
    return send(ex, requestId, status, ErrorBodies.of(code, message));
  }

  private int send(HttpExchange ex, String requestId, int status, String json) throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.getResponseHeaders().set("Apigw-Requestid", requestId);
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
    return status;
  }

  /** Sends unless the headers are already gone (then the connection is just closed). */
  private int safeSend(HttpExchange ex, String requestId, int status, String json) {
    try {
      send(ex, requestId, status, json);
    } catch (IOException | RuntimeException e) {
      // headers already sent or client gone: nothing more to say
    }
    return status;
  }

  static String internalError(String requestId) {
    return ErrorBodies.of("INTERNAL_ERROR", "Internal error; requestId " + requestId + " (see the runtime's log)");
  }

  /** The token of {@code Bearer <token>} (scheme in any case), null when the header is not that. */
  static String bearer(String authorization) {
    if (authorization == null) {
      return null;
    }
    String a = authorization.trim();
    if (a.length() <= 7 || !a.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return null;
    }
    String token = a.substring(7).trim();
    return token.isEmpty() ? null : token;
  }

  /** The whole stream, or null when it holds more than {@code max} bytes. */
  static byte[] readAtMost(InputStream in, int max) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[64 * 1024];
    int total = 0;
    int n;
    while ((n = in.read(buf)) != -1) {
      total += n;
      if (total > max) {
        return null;
      }
      out.write(buf, 0, n);
    }
    return out.toByteArray();
  }

  private static void drain(InputStream in, long max) {
    byte[] buf = new byte[64 * 1024];
    long total = 0;
    try {
      int n;
      while (total < max && (n = in.read(buf)) != -1) {
        total += n;
      }
    } catch (IOException e) {
      // the client gave up: nothing to drain
    }
  }

  private static long parseLong(String s) {
    try {
      return Long.parseLong(s.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
