package com.accountingexport.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JwtTest {
  private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] OTHER_KEY = "fedcba9876543210fedcba9876543210".getBytes(StandardCharsets.US_ASCII);

  private final JwtSigner signer = new JwtSigner(KEY, CLOCK);
  private final JwtVerifier verifier = new JwtVerifier(KEY, CLOCK);

  @Test
  void verify_shouldReturnTheClaims_whenTheTokenWasSignedWithTheKey() throws Exception {
    // given
    JwtSigner.IssuedToken issued = signer.issue("u-1", "acme", "company_admin", "anne@acme.fr", JwtSigner.DEFAULT_TTL);

    // when
    Map<String, JsonNode> claims = verifier.verify(issued.token());

    // then
    assertEquals("u-1", claims.get("sub").asText());
    assertEquals("acme", claims.get("tenant").asText());
    assertEquals("company_admin", claims.get("role").asText());
    assertEquals("anne@acme.fr", claims.get("email").asText());
    assertEquals(JwtSigner.ISSUER, claims.get("iss").asText());
    assertEquals(JwtSigner.AUDIENCE, claims.get("aud").asText());
    assertEquals(NOW.getEpochSecond(), claims.get("iat").asLong());
    assertEquals(NOW.plus(Duration.ofHours(8)).getEpochSecond(), claims.get("exp").asLong());
    assertEquals(NOW.plus(Duration.ofHours(8)), issued.expiresAt());
  }

  @Test
  void token_shouldBeThreeBase64UrlPartsWithoutPadding_withAnHs256Header() {
    String token = signer.issue("u", "t", "firm_user", null, Duration.ofMinutes(5)).token();
    String[] parts = token.split("\\.");
    assertEquals(3, parts.length);
    for (String p : parts) {
      assertTrue(p.matches("[A-Za-z0-9_-]+"), p);
    }
    String header = new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8);
    assertEquals("{\"alg\":\"HS256\",\"typ\":\"JWT\"}", header);
  }

  @Test
  void verify_shouldRefuse_whenThePayloadWasTampered() {
    String token = signer.issue("u-1", "acme", "company_user", null, JwtSigner.DEFAULT_TTL).token();
    String[] p = token.split("\\.");
    String payload = new String(Base64.getUrlDecoder().decode(p[1]), StandardCharsets.UTF_8)
        .replace("\"acme\"", "\"other\"").replace("company_user", "company_admin");
    String forged = p[0] + "." + b64(payload) + "." + p[2];

    JwtVerifier.InvalidTokenException e = assertThrows(JwtVerifier.InvalidTokenException.class, () -> verifier.verify(forged));
    assertTrue(e.getMessage().contains("signature"), e.getMessage());
  }

  @Test
  void verify_shouldRefuse_whenSignedWithAnotherKey() {
    String token = new JwtSigner(OTHER_KEY, CLOCK).issue("u", "acme", "company_admin", null, JwtSigner.DEFAULT_TTL).token();
    assertThrows(JwtVerifier.InvalidTokenException.class, () -> verifier.verify(token));
  }

  @Test
  void verify_shouldRefuse_whenExpiredBeyondTheLeeway_butAcceptWithinIt() throws Exception {
    String token = signer.issue("u", "acme", "company_admin", null, Duration.ofMinutes(10)).token();

    Clock justAfter = Clock.fixed(NOW.plus(Duration.ofMinutes(10)).plusSeconds(30), ZoneOffset.UTC);
    new JwtVerifier(KEY, justAfter).verify(token);

    Clock later = Clock.fixed(NOW.plus(Duration.ofMinutes(10)).plusSeconds(61), ZoneOffset.UTC);
    JwtVerifier.InvalidTokenException e =
        assertThrows(JwtVerifier.InvalidTokenException.class, () -> new JwtVerifier(KEY, later).verify(token));
    assertTrue(e.getMessage().contains("expired"), e.getMessage());
  }

  @Test
  void verify_shouldRefuse_whenNotValidYet() {
    Map<String, Object> claims = claims();
    claims.put("nbf", NOW.plusSeconds(300).getEpochSecond());
    String token = signer.sign(claims);
    assertThrows(JwtVerifier.InvalidTokenException.class, () -> verifier.verify(token));
  }

  @Test
  void verify_shouldRefuse_whenIssuedInTheFuture() {
    Map<String, Object> claims = claims();
    claims.put("iat", NOW.plusSeconds(300).getEpochSecond());
    String token = signer.sign(claims);
    assertThrows(JwtVerifier.InvalidTokenException.class, () -> verifier.verify(token));
  }

  @Test
  void verify_shouldRefuse_whenTheAudienceIsWrong_butAcceptAnArrayHoldingOurs() throws Exception {
    Map<String, Object> wrong = claims();
    wrong.put("aud", "someone-else");
    String wrongToken = signer.sign(wrong);
    JwtVerifier.InvalidTokenException e =
        assertThrows(JwtVerifier.InvalidTokenException.class, () -> verifier.verify(wrongToken));
    assertTrue(e.getMessage().contains("audience"), e.getMessage());

    Map<String, Object> missing = claims();
    missing.remove("aud");
    String missingToken = signer.sign(missing);
    assertThrows(JwtVerifier.InvalidTokenException.class, () -> verifier.verify(missingToken));

    Map<String, Object> array = claims();
    array.put("aud", List.of("other", JwtSigner.AUDIENCE));
    verifier.verify(signer.sign(array));
  }

  @Test
  void verify_shouldRefuse_whenTheIssuerIsWrong() {
    Map<String, Object> claims = claims();
    claims.put("iss", "https://evil.example");
    String token = signer.sign(claims);
    JwtVerifier.InvalidTokenException e = assertThrows(JwtVerifier.InvalidTokenException.class, () -> verifier.verify(token));
    assertTrue(e.getMessage().contains("issuer"), e.getMessage());
  }

  @Test
  void verify_shouldRefuse_whenThereIsNoExpiry() {
    Map<String, Object> claims = claims();
    claims.remove("exp");
    String token = signer.sign(claims);
    assertThrows(JwtVerifier.InvalidTokenException.class, () -> verifier.verify(token));
  }

  @Test
  void verify_shouldRefuse_algNone_withOrWithoutASignature() throws Exception {
    String payload = b64(JwtSigner.JSON.writeValueAsString(claims()));
    String header = b64("{\"alg\":\"none\",\"typ\":\"JWT\"}");
    assertThrows(JwtVerifier.InvalidTokenException.class, () -> verifier.verify(header + "." + payload + "."));
    assertThrows(JwtVerifier.InvalidTokenException.class, () -> verifier.verify(header + "." + payload));
    // even with a valid HS256 signature of the same input: the header says none
    String sig = b64(JwtSigner.hmac(KEY, header + "." + payload));
    JwtVerifier.InvalidTokenException e =
        assertThrows(JwtVerifier.InvalidTokenException.class, () -> verifier.verify(header + "." + payload + "." + sig));
    assertTrue(e.getMessage().contains("algorithm"), e.getMessage());
  }

  @Test
  void verify_shouldRefuse_otherAlgorithms() throws Exception {
    String payload = b64(JwtSigner.JSON.writeValueAsString(claims()));
    String header = b64("{\"alg\":\"HS512\",\"typ\":\"JWT\"}");
    String sig = b64(JwtSigner.hmac(KEY, header + "." + payload));
    assertThrows(JwtVerifier.InvalidTokenException.class, () -> verifier.verify(header + "." + payload + "." + sig));
  }

  @Test
  void verify_shouldRefuse_malformedTokens() {
    for (String bad : new String[] {"", "   ", "abc", "a.b", "a.b.c.d", "@@@.###.$$$", "e30=.e30=.abc", "a..b"}) {
      assertThrows(JwtVerifier.InvalidTokenException.class, () -> verifier.verify(bad), bad);
    }
  }

  @Test
  void asApiGatewayClaims_shouldTurnEveryValueIntoAString_likeApiGateway() throws Exception {
    Map<String, Object> claims = claims();
    claims.put("groups", List.of("g1", "g2"));
    Map<String, String> out = JwtVerifier.asApiGatewayClaims(verifier.verify(signer.sign(claims)));
    assertEquals(String.valueOf(NOW.plusSeconds(3600).getEpochSecond()), out.get("exp"));
    assertEquals("[g1 g2]", out.get("groups"));
    assertEquals("acme", out.get("tenant"));
  }

  private static Map<String, Object> claims() {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("iss", JwtSigner.ISSUER);
    c.put("aud", JwtSigner.AUDIENCE);
    c.put("sub", "u");
    c.put("tenant", "acme");
    c.put("role", "company_admin");
    c.put("iat", NOW.getEpochSecond());
    c.put("exp", NOW.plusSeconds(3600).getEpochSecond());
    return c;
  }

  private static String b64(String s) {
    return b64(s.getBytes(StandardCharsets.UTF_8));
  }

  private static String b64(byte[] b) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }
}
