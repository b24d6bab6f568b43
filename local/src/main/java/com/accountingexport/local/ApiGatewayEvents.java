package com.accountingexport.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent.RequestContext;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns an HTTP request into the event API Gateway HTTP APIs send with payload format 2.0, so that
 * the local runtime hands the handlers exactly what Lambda would.
 */
public final class ApiGatewayEvents {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);

  private ApiGatewayEvents() {}

  /**
   * An HTTP request as received.
   *
   * @param rawPath the path as sent (percent-encoded)
   * @param rawQuery the query string as sent, without {@code ?}; null or empty when there is none
   * @param headers each header line as received (name, value), names in any case, repeats allowed
   * @param body the body as UTF-8 text, null when there is none
   */
  public record Request(String method, String rawPath, String rawQuery, List<Map.Entry<String, String>> headers,
      String body, String sourceIp, String protocol) {}

  /**
   * The payload 2.0 event for {@code request} on the route {@code match}.
   *
   * @param claims the verified token's claims, as strings (null for a route without authorizer)
   */
  public static APIGatewayV2HTTPEvent toEvent(Request request, RouteTable.Match match, Map<String, String> claims,
      String requestId, Instant now) {
    Map<String, String> headers = headers(request.headers());
    List<String> cookies = cookies(headers.remove("cookie"));
    String rawQuery = request.rawQuery() == null ? "" : request.rawQuery();
    Map<String, String> query = queryParameters(rawQuery);
    String routeKey = match.route().routeKey();

    APIGatewayV2HTTPEvent.RequestContext.Http http = APIGatewayV2HTTPEvent.RequestContext.Http.builder()
        .withMethod(request.method())
        .withPath(request.rawPath())
        .withProtocol(request.protocol())
        .withSourceIp(request.sourceIp())
        .withUserAgent(headers.get("user-agent"))
        .build();
    RequestContext.Authorizer authorizer = null;
    if (claims != null) {
      authorizer = RequestContext.Authorizer.builder()
          .withJwt(RequestContext.Authorizer.JWT.builder().withClaims(new LinkedHashMap<>(claims)).withScopes(null).build())
          .build();
    }
    String host = headers.getOrDefault("host", "localhost");
    String domainName = host.contains(":") ? host.substring(0, host.indexOf(':')) : host;
    RequestContext context = RequestContext.builder()
        .withAccountId("000000000000")
        .withApiId("local")
        .withDomainName(domainName)
        .withDomainPrefix(domainName.contains(".") ? domainName.substring(0, domainName.indexOf('.')) : domainName)
        .withRequestId(requestId)
        .withRouteKey(routeKey)
        .withStage("$default")
        .withTime(TIME.format(now))
        .withTimeEpoch(now.toEpochMilli())
        .withHttp(http)
        .withAuthorizer(authorizer)
        .build();

    APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
    event.setVersion("2.0");
    event.setRouteKey(routeKey);
    event.setRawPath(request.rawPath());
    event.setRawQueryString(rawQuery);
    event.setCookies(cookies);
    event.setHeaders(headers);
    event.setQueryStringParameters(query.isEmpty() ? null : query);
    event.setPathParameters(match.pathParameters().isEmpty() ? null : new LinkedHashMap<>(match.pathParameters()));
    event.setStageVariables(null);
    event.setBody(request.body());
    event.setIsBase64Encoded(false);
    event.setRequestContext(context);
    return event;
  }

  /**
   * Whether API Gateway passes a body of this content type as text: {@code text/*}, JSON, XML, form
   * data and JavaScript (and a body without a content type, as curl sends with -d). Every other type
   * (application/octet-stream, images, multipart) arrives base64-encoded.
   */
  static boolean isText(String contentType) {
    if (contentType == null || contentType.isBlank()) {
      return true;
    }
    String type = contentType.split(";", 2)[0].trim().toLowerCase(java.util.Locale.ROOT);
    return type.startsWith("text/") || type.equals("application/json") || type.endsWith("+json")
        || type.equals("application/xml") || type.endsWith("+xml") || type.equals("application/x-www-form-urlencoded")
        || type.equals("application/javascript");
  }

  /** Header names lower-cased; a repeated header's values joined by commas, in order. */
  public static Map<String, String> headers(List<Map.Entry<String, String>> lines) {
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, String> h : lines) {
      String name = h.getKey().toLowerCase(Locale.ROOT);
      String value = h.getValue() == null ? "" : h.getValue();
      out.merge(name, value, (a, b) -> a + "," + b);
    }
    return out;
  }

  /**
   * The query string's parameters, URL-decoded; a repeated key's values joined by commas, in
   * order; a key without {@code =} has the empty value.
   */
  public static Map<String, String> queryParameters(String rawQuery) {
    Map<String, String> out = new LinkedHashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return out;
    }
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String key = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      if (key.isEmpty()) {
        continue;
      }
      out.merge(key, value, (a, b) -> a + "," + b);
    }
    return out;
  }

  /** The cookies of a (possibly repeated, comma-joined) Cookie header; null when there is none. */
  static List<String> cookies(String header) {
    if (header == null || header.isBlank()) {
      return null;
    }
    List<String> out = new ArrayList<>();
    for (String part : header.split("[;,]")) {
      String c = part.trim();
      if (!c.isEmpty()) {
        out.add(c);
      }
    }
    return out.isEmpty() ? null : out;
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return s;
    }
  }
}
