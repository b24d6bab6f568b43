package com.accountingexport.local;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The routes of the HTTP API, matched the way API Gateway HTTP APIs do: a route matches on its
 * method and its path; among the routes that match, the most specific wins, literal segments
 * before {@code {params}}, compared from left to right. A path that no route of this method
 * matches is "not found" (API Gateway answers 404 there too, even when another method would match).
 */
public final class RouteTable {

  /** One route: {@code routeKey} is {@code "METHOD /path/{param}"}; {@code target} names who serves it. */
  public record Route(String method, String pathTemplate, String target) {
    public String routeKey() {
      return method + " " + pathTemplate;
    }

    List<String> segments() {
      return split(pathTemplate);
    }
  }

  /** A route that matched, with its URL-decoded path parameters (empty when it has none). */
  public record Match(Route route, Map<String, String> pathParameters) {}

  /** Where the API's routes go. {@code local-token} and {@code local-events} are served by the local runtime itself. */
  public static final String DOCUMENTS = "documents";
  public static final String EXPORTS = "exports";
  public static final String DOWNLOADS = "downloads";
  public static final String CANCEL = "cancel";
  public static final String SETTINGS = "settings";
  public static final String WEBHOOKS = "webhooks";
  public static final String LOCAL_TOKEN = "local-token";
  /** {@code POST /local/events}: an EventBridge event for the EventsHandler (EventsEndpoint). */
  public static final String LOCAL_EVENTS = "local-events";
  /** The local-only targets that need no token: minting one, and delivering an EventBridge event (AWS signs neither with a JWT). */
  public static final Set<String> WITHOUT_TOKEN = Set.of(LOCAL_TOKEN, LOCAL_EVENTS);

  private final List<Route> routes;

  public RouteTable(List<Route> routes) {
    this.routes = List.copyOf(routes);
  }

  /** The product's routes (shared/API.md) plus {@code POST /local/token} and {@code POST /local/events}. */
  public static RouteTable api() {
    return new RouteTable(List.of(
        new Route("PUT", "/documents/{documentId}", DOCUMENTS),
        new Route("POST", "/documents/batch", DOCUMENTS),
        new Route("GET", "/documents/{documentId}", DOCUMENTS),
        new Route("GET", "/documents", DOCUMENTS),
        new Route("PUT", "/documents/{documentId}/pdf", DOCUMENTS),
        new Route("GET", "/documents/{documentId}/pdf", DOCUMENTS),
        new Route("POST", "/exports/preview", EXPORTS),
        new Route("POST", "/exports", EXPORTS),
        new Route("GET", "/exports", EXPORTS),
        new Route("GET", "/exports/{exportId}", EXPORTS),
        new Route("GET", "/exports/{exportId}/verify", EXPORTS),
        new Route("GET", "/exports/{exportId}/files/{kind}", DOWNLOADS),
        new Route("GET", "/fiscal-years/{year}/fec", DOWNLOADS),
        new Route("POST", "/fec/validate", DOWNLOADS),
        new Route("GET", "/reports/{report}", DOWNLOADS),
        new Route("GET", "/lists/{list}", DOWNLOADS),
        new Route("POST", "/exports/{exportId}/cancel", CANCEL),
        new Route("GET", "/settings", SETTINGS),
        new Route("PUT", "/settings", SETTINGS),
        new Route("GET", "/tenants", SETTINGS),
        new Route("GET", "/formats", SETTINGS),
        new Route("GET", "/export-templates", SETTINGS),
        new Route("POST", "/export-templates", SETTINGS),
        new Route("GET", "/export-templates/{templateId}", SETTINGS),
        new Route("PUT", "/export-templates/{templateId}", SETTINGS),
        new Route("DELETE", "/export-templates/{templateId}", SETTINGS),
        new Route("POST", "/webhooks", WEBHOOKS),
        new Route("GET", "/webhooks", WEBHOOKS),
        new Route("GET", "/webhooks/{webhookId}", WEBHOOKS),
        new Route("DELETE", "/webhooks/{webhookId}", WEBHOOKS),
        new Route("POST", "/webhooks/{webhookId}/rotate-secret", WEBHOOKS),
        new Route("GET", "/webhooks/{webhookId}/deliveries", WEBHOOKS),
        new Route("GET", "/audit", SETTINGS),
        new Route("POST", "/local/token", LOCAL_TOKEN),
        new Route("POST", "/local/events", LOCAL_EVENTS)));
  }

  public List<Route> routes() {
    return routes;
  }

  /** The route that serves {@code method} on {@code rawPath} (the path as sent, percent-encoded). */
  public Optional<Match> match(String method, String rawPath) {
    List<String> segments = split(rawPath);
    Match best = null;
    List<String> bestSegments = null;
    for (Route r : routes) {
      if (!r.method().equals(method)) {
        continue;
      }
      List<String> template = r.segments();
      Map<String, String> params = bind(template, segments);
      if (params == null) {
        continue;
      }
      if (best == null || moreSpecific(template, bestSegments)) {
        best = new Match(r, params);
        bestSegments = template;
      }
    }
    return Optional.ofNullable(best);
  }

  /** The methods some route serves on this path (for the message of a 404 on a known path). */
  public Set<String> methodsFor(String rawPath) {
    List<String> segments = split(rawPath);
    Set<String> methods = new TreeSet<>();
    for (Route r : routes) {
      if (bind(r.segments(), segments) != null) {
        methods.add(r.method());
      }
    }
    return Collections.unmodifiableSet(methods);
  }

  private static Map<String, String> bind(List<String> template, List<String> segments) {
    if (template.size() != segments.size()) {
      return null;
    }
    Map<String, String> params = new LinkedHashMap<>();
    for (int i = 0; i < template.size(); i++) {
      String t = template.get(i);
      String s = decode(segments.get(i));
      if (isParam(t)) {
        if (s.isEmpty()) {
          return null;
        }
        params.put(t.substring(1, t.length() - 1), s);
      } else if (!t.equals(s)) {
        return null;
      }
    }
    return params;
  }

  /** True when {@code a} has a literal segment where {@code b} has a parameter, at the first difference. */
  private static boolean moreSpecific(List<String> a, List<String> b) {
    for (int i = 0; i < a.size(); i++) {
      boolean pa = isParam(a.get(i));
      boolean pb = isParam(b.get(i));
      if (pa != pb) {
        return !pa;
      }
    }
    return false;
  }

  private static boolean isParam(String segment) {
    return segment.length() > 2 && segment.startsWith("{") && segment.endsWith("}");
  }

  /** Path segments, without the empty ones a leading or trailing slash makes. */
  static List<String> split(String path) {
    List<String> out = new ArrayList<>();
    if (path == null) {
      return out;
    }
    for (String s : path.split("/", -1)) {
      if (!s.isEmpty()) {
        out.add(s);
      }
    }
    return out;
  }

  /** Percent-decoding of one path segment ({@code +} stays a plus in a path). */
  static String decode(String segment) {
    try {
      return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return segment;
    }
  }
}
