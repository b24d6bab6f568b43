package com.accountingexport.adapters.testing;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.accountingexport.adapters.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;

/** API Gateway HTTP API (2.0) events for handler tests, as the JWT authorizer would pass them. */
public final class TestEvents {
  private TestEvents() {}

  public static Builder route(String routeKey) {
    return new Builder(routeKey);
  }

  public static JsonNode json(APIGatewayV2HTTPResponse response) {
    return response.getBody() == null ? null : Json.parse(response.getBody());
  }

  public static final class Builder {
    private final String routeKey;
    private final Map<String, String> path = new HashMap<>();
    private final Map<String, String> query = new HashMap<>();
    private final Map<String, String> headers = new HashMap<>();
    private Map<String, String> claims = new HashMap<>(Map.of("sub", "user-1", "tenant", "acme", "role", "company_admin",
        "email", "admin@acme.test"));
    private String body;

    Builder(String routeKey) {
      this.routeKey = routeKey;
    }

    public Builder path(String name, String value) {
      path.put(name, value);
      return this;
    }

    public Builder query(String name, String value) {
      query.put(name, value);
      return this;
    }

    public Builder header(String name, String value) {
      headers.put(name.toLowerCase(), value);
      return this;
    }

    public Builder body(String json) {
      this.body = json;
      return this;
    }

    public Builder tenant(String tenant) {
      claims.put("tenant", tenant);
      return this;
    }

    public Builder role(String role) {
      claims.put("role", role);
      return this;
    }

    /** Any other claim, as API Gateway hands it over (an array claim reads "[a b]"). */
    public Builder claim(String name, String value) {
      claims.put(name, value);
      return this;
    }

    public Builder noToken() {
      claims = null;
      return this;
    }

    public APIGatewayV2HTTPEvent build() {
      String[] parts = routeKey.split(" ", 2);
      String raw = parts[1];
      for (var e : path.entrySet()) {
        raw = raw.replace("{" + e.getKey() + "}", e.getValue());
      }
      var http = APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod(parts[0]).withPath(raw).build();
      var ctx = APIGatewayV2HTTPEvent.RequestContext.builder().withHttp(http).withRequestId("req-test")
          .withRouteKey(routeKey);
      if (claims != null) {
        ctx.withAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
            .withJwt(APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT.builder().withClaims(claims).build()).build());
      }
      return APIGatewayV2HTTPEvent.builder()
          .withVersion("2.0")
          .withRouteKey(routeKey)
          .withRawPath(raw)
          .withPathParameters(path.isEmpty() ? null : path)
          .withQueryStringParameters(query.isEmpty() ? null : query)
          .withHeaders(headers)
          .withBody(body)
          .withIsBase64Encoded(false)
          .withRequestContext(ctx.build())
          .build();
    }
  }
}
