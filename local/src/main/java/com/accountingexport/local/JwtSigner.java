package com.accountingexport.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Mints HS256 JWTs for the local runtime, the way the platform's identity provider would for API
 * Gateway's JWT authorizer. Pure JDK (javax.crypto.Mac) plus Jackson for the JSON parts.
 */
public final class JwtSigner {
  public static final String ISSUER = "accounting-export-local";
  public static final String AUDIENCE = "accounting-export";
  public static final Duration DEFAULT_TTL = Duration.ofHours(8);
  public static final Duration MAX_TTL = Duration.ofDays(1);

  static final ObjectMapper JSON = new ObjectMapper();
  static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  private final byte[] key;
  private final Clock clock;

  public JwtSigner(byte[] key, Clock clock) {
    if (key == null || key.length < 32) {
      throw new IllegalArgumentException("an HS256 key needs at least 256 bits");
    }
    this.key = key.clone();
    this.clock = clock;
  }

  /** A fresh random 256-bit key. */
  public static byte[] newKey() {
    byte[] k = new byte[32];
    new SecureRandom().nextBytes(k);
    return k;
  }

  /** A token and the instant it stops being accepted. */
  public record IssuedToken(String token, Instant expiresAt) {}

  /**
   * A token with our issuer and audience, {@code iat}/{@code nbf} now and {@code exp} after {@code ttl}.
   * {@code email} is left out when null.
   */
  public IssuedToken issue(String subject, String tenant, String role, String email, Duration ttl) {
    return issue(subject, tenant, role, email, List.of(), ttl);
  }

  /** The same with a firm user's {@code tenants} claim (the companies it serves; left out when empty). */
  public IssuedToken issue(String subject, String tenant, String role, String email, List<String> tenants, Duration ttl) {
    Instant now = clock.instant();
    Instant exp = now.plus(ttl);
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("iss", ISSUER);
    claims.put("aud", AUDIENCE);
    claims.put("sub", subject);
    claims.put("tenant", tenant);
    claims.put("role", role);
    if (email != null) {
      claims.put("email", email);
    }
    if (tenants != null && !tenants.isEmpty()) {
      claims.put("tenants", List.copyOf(tenants));
    }
    claims.put("iat", now.getEpochSecond());
    claims.put("nbf", now.getEpochSecond());
    claims.put("exp", exp.getEpochSecond());
    return new IssuedToken(sign(claims), Instant.ofEpochSecond(exp.getEpochSecond()));
  }

  /** Signs exactly these claims (no claim is added): {@code base64url(header).base64url(claims).sig}. */
  public String sign(Map<String, ?> claims) {
    Map<String, Object> header = new LinkedHashMap<>();
    header.put("alg", "HS256");
    header.put("typ", "JWT");
    try {
      String signingInput = B64.encodeToString(JSON.writeValueAsBytes(header)) + "."
          + B64.encodeToString(JSON.writeValueAsBytes(claims));
      return signingInput + "." + B64.encodeToString(hmac(key, signingInput));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("claims are not serialisable to JSON", e);
    }
  }

  static byte[] hmac(byte[] key, String signingInput) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }
}
