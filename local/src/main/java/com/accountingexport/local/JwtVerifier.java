package com.accountingexport.local;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Checks a bearer token as API Gateway's JWT authorizer does: signature (HS256 only; "none" and
 * every other algorithm are refused), {@code exp} (required), {@code nbf} and {@code iat} with 60 s
 * of leeway, issuer and audience. It does not look at the product's own claims (tenant, role):
 * the handlers do, as they do in AWS.
 */
public final class JwtVerifier {
  public static final Duration LEEWAY = Duration.ofSeconds(60);
  private static final Pattern B64URL = Pattern.compile("^[A-Za-z0-9_-]*$");

  private final byte[] key;
  private final Clock clock;
  private final String issuer;
  private final String audience;

  public JwtVerifier(byte[] key, Clock clock) {
    this(key, clock, JwtSigner.ISSUER, JwtSigner.AUDIENCE);
  }

  public JwtVerifier(byte[] key, Clock clock, String issuer, String audience) {
    this.key = key.clone();
    this.clock = clock;
    this.issuer = issuer;
    this.audience = audience;
  }

  /** Why a token was refused; the message is safe to show to the caller. */
  public static final class InvalidTokenException extends Exception {
    public InvalidTokenException(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * The token's claims, in their order, when the token is valid now.
   *
   * @throws InvalidTokenException saying what is wrong with it
   */
  public Map<String, JsonNode> verify(String token) throws InvalidTokenException {
    if (token == null || token.isBlank()) {
      throw new InvalidTokenException("The bearer token is empty");
    }
    String[] parts = token.split("\\.", -1);
    if (parts.length != 3) {
      throw new InvalidTokenException("The bearer token is not a JWT (header.payload.signature)");
    }
    for (String p : parts) {
      if (p.isEmpty() || !B64URL.matcher(p).matches()) {
        throw new InvalidTokenException("The bearer token is not a JWT (each part must be base64url without padding)");
      }
    }
    JsonNode header = json(parts[0], "header");
    JsonNode alg = header.get("alg");
    if (alg == null || !alg.isTextual() || !"HS256".equals(alg.asText())) {
      throw new InvalidTokenException("The token's algorithm is not accepted (HS256 only)");
    }
    byte[] expected = JwtSigner.hmac(key, parts[0] + "." + parts[1]);
    byte[] given;
    try {
      given = Base64.getUrlDecoder().decode(parts[2]);
    } catch (IllegalArgumentException e) {
      throw new InvalidTokenException("The token's signature is not valid base64url");
    }
    if (!MessageDigest.isEqual(expected, given)) {
      throw new InvalidTokenException("The token's signature is not valid");
    }
    JsonNode payload = json(parts[1], "payload");
    long now = clock.instant().getEpochSecond();
    long leeway = LEEWAY.getSeconds();
    JsonNode exp = payload.get("exp");
    if (exp == null || !exp.isNumber()) {
      throw new InvalidTokenException("The token has no expiry (exp)");
    }
    if (now >= exp.asLong() + leeway) {
      throw new InvalidTokenException("The token has expired");
    }
    JsonNode nbf = payload.get("nbf");
    if (nbf != null && (!nbf.isNumber() || now + leeway < nbf.asLong())) {
      throw new InvalidTokenException("The token is not valid yet (nbf)");
    }
    JsonNode iat = payload.get("iat");
    if (iat != null && (!iat.isNumber() || now + leeway < iat.asLong())) {
      throw new InvalidTokenException("The token was issued in the future (iat)");
    }
    JsonNode iss = payload.get("iss");
    if (iss == null || !iss.isTextual() || !issuer.equals(iss.asText())) {
      throw new InvalidTokenException("The token's issuer is not accepted");
    }
    if (!audienceMatches(payload.get("aud"))) {
      throw new InvalidTokenException("The token's audience is not accepted");
    }
    Map<String, JsonNode> claims = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> it = payload.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      claims.put(e.getKey(), e.getValue());
    }
    return claims;
  }

  private boolean audienceMatches(JsonNode aud) {
    if (aud == null) {
      return false;
    }
    if (aud.isTextual()) {
      return audience.equals(aud.asText());
    }
    if (aud.isArray()) {
      for (JsonNode a : aud) {
        if (a.isTextual() && audience.equals(a.asText())) {
          return true;
        }
      }
    }
    return false;
  }

  private static JsonNode json(String part, String what) throws InvalidTokenException {
    try {
      JsonNode node = JwtSigner.JSON.readTree(Base64.getUrlDecoder().decode(part));
      if (node == null || !node.isObject()) {
        throw new InvalidTokenException("The token's " + what + " is not a JSON object");
      }
      return node;
    } catch (IOException | IllegalArgumentException e) {
      throw new InvalidTokenException("The token's " + what + " is not valid base64url JSON");
    }
  }

  /**
   * The claims as API Gateway hands them to a Lambda: every value a string; arrays as
   * {@code [a b]}; objects as their JSON.
   */
  public static Map<String, String> asApiGatewayClaims(Map<String, JsonNode> claims) {
    Map<String, String> out = new LinkedHashMap<>();
    claims.forEach((k, v) -> {
      if (v == null || v.isNull()) {
        return;
      }
      out.put(k, claimString(v));
    });
    return out;
  }

  private static String claimString(JsonNode v) {
    if (v.isTextual()) {
      return v.asText();
    }
    if (v.isArray()) {
      StringBuilder b = new StringBuilder("[");
      for (JsonNode item : v) {
        if (b.length() > 1) {
          b.append(' ');
        }
        b.append(claimString(item));
      }
      return b.append(']').toString();
    }
    if (v.isValueNode()) {
      return v.asText();
    }
    return v.toString();
  }
}
