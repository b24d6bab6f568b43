package com.accountingexport.local;

import com.accountingexport.core.auth.Role;
import com.accountingexport.core.auth.TenantId;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code POST /local/token}: mints a JWT for any tenant and role. Only the local runtime serves
 * this route (it has no place in template.yaml): in AWS the platform's identity provider issues
 * tokens.
 *
 * <p>Body {@code {"tenant", "role"?, "sub"?, "email"?, "tenants"?, "ttlSeconds"?}} ({@code tenants}: the
 * companies a firm_user serves, its {@code tenants} claim) → 200
 * {@code {"token", "expiresAt"}}; every bad field → 400 VALIDATION_FAILED with one detail each.
 */
final class TokenEndpoint implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
  static final String DEFAULT_SUBJECT = "local-user";
  static final int MAX_TENANTS = 500;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final JwtSigner signer;

  TokenEndpoint(JwtSigner signer) {
    this.signer = signer;
  }

  @Override
  public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
    JsonNode body;
    try {
      body = event.getBody() == null || event.getBody().isBlank() ? null : JSON.readTree(event.getBody());
    } catch (IOException e) {
      return invalid(List.of(new ErrorBodies.Detail(null, "MALFORMED_JSON", "the body is not valid JSON")));
    }
    if (body == null || !body.isObject()) {
      return invalid(List.of(new ErrorBodies.Detail(null, "OBJECT_REQUIRED",
          "the body must be a JSON object such as {\"tenant\": \"demo\", \"role\": \"company_admin\"}")));
    }
    List<ErrorBodies.Detail> details = new ArrayList<>();
    String tenant = text(body, "tenant", details, true);
    if (tenant != null && !TenantId.isValid(tenant)) {
      details.add(new ErrorBodies.Detail("tenant", "INVALID_TENANT", "must be 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit"));
    }
    String role = text(body, "role", details, false);
    if (role == null) {
      role = Role.COMPANY_ADMIN.wire();
    } else if (Role.fromWire(role).isEmpty()) {
      details.add(new ErrorBodies.Detail("role", "INVALID_ROLE", "must be one of " + roles()));
    }
    String sub = text(body, "sub", details, false);
    if (sub == null) {
      sub = DEFAULT_SUBJECT;
    } else if (sub.isBlank() || sub.length() > 256) {
      details.add(new ErrorBodies.Detail("sub", "INVALID_SUBJECT", "must be 1-256 characters"));
    }
    String email = text(body, "email", details, false);
    if (email != null && (email.length() > 254 || !email.matches("^[^@\\s]+@[^@\\s]+$"))) {
      details.add(new ErrorBodies.Detail("email", "INVALID_EMAIL", "must be an e-mail address"));
    }
    List<String> tenants = new ArrayList<>();
    JsonNode ts = body.get("tenants");
    if (ts != null && !ts.isNull()) {
      if (!ts.isArray() || ts.size() > MAX_TENANTS) {
        details.add(new ErrorBodies.Detail("tenants", "INVALID_TENANTS",
            "must be an array of at most " + MAX_TENANTS + " tenant ids (the companies a firm_user serves)"));
      } else {
        for (int i = 0; i < ts.size(); i++) {
          JsonNode one = ts.get(i);
          if (!one.isTextual() || !TenantId.isValid(one.asText())) {
            details.add(new ErrorBodies.Detail("tenants[" + i + "]", "INVALID_TENANT",
                "must be 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit"));
          } else {
            tenants.add(one.asText());
          }
        }
      }
    }
    Duration ttl = JwtSigner.DEFAULT_TTL;
    JsonNode t = body.get("ttlSeconds");
    if (t != null && !t.isNull()) {
      if (!t.canConvertToLong() || !t.isIntegralNumber() || t.asLong() < 1 || t.asLong() > JwtSigner.MAX_TTL.getSeconds()) {
        details.add(new ErrorBodies.Detail("ttlSeconds", "INVALID_TTL",
            "must be a whole number of seconds from 1 to " + JwtSigner.MAX_TTL.getSeconds()));
      } else {
        ttl = Duration.ofSeconds(t.asLong());
      }
    }
    if (!details.isEmpty()) {
      return invalid(details);
    }
    JwtSigner.IssuedToken issued = signer.issue(sub, tenant, role, email, tenants, ttl);
    ObjectNode out = JSON.createObjectNode();
    out.put("token", issued.token());
    out.put("expiresAt", issued.expiresAt().toString());
    return APIGatewayV2HTTPResponse.builder()
        .withStatusCode(200)
        .withHeaders(Map.of("content-type", "application/json", "cache-control", "no-store"))
        .withBody(out.toString())
        .build();
  }

  private static String text(JsonNode body, String field, List<ErrorBodies.Detail> details, boolean required) {
    JsonNode n = body.get(field);
    if (n == null || n.isNull()) {
      if (required) {
        details.add(new ErrorBodies.Detail(field, "REQUIRED", "is required"));
      }
      return null;
    }
    if (!n.isTextual()) {
      details.add(new ErrorBodies.Detail(field, "STRING_REQUIRED", "must be a string"));
      return null;
    }
    return n.asText();
  }

  private static String roles() {
    return Arrays.stream(Role.values()).map(Role::wire).collect(Collectors.joining(", "));
  }

  private static APIGatewayV2HTTPResponse invalid(List<ErrorBodies.Detail> details) {
    ErrorBodies.Detail first = details.get(0);
    String more = details.size() > 1 ? " (and " + (details.size() - 1) + " more)" : "";
    String message = "The token request is not valid: "
        + (first.field() == null ? first.message() : first.field() + " " + first.message()) + more;
    return APIGatewayV2HTTPResponse.builder()
        .withStatusCode(400)
        .withHeaders(Map.of("content-type", "application/json"))
        .withBody(ErrorBodies.of("VALIDATION_FAILED", message, details))
        .build();
  }
}
