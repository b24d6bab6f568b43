package com.accountingexport.core.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebhookSignerTest {

  @Test
  void hmacMatchesRfc4231TestCase2() {
    assertEquals("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
        WebhookSigner.hmacSha256Hex("Jefe".getBytes(StandardCharsets.UTF_8),
            "what do ya want for nothing?".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void signsTimestampDotBodyWithTheSecretTextAsKey() {
    // the signed text is the timestamp, a dot, and the body as sent
    String secret = "Jefe";
    String expected = WebhookSigner.hmacSha256Hex(secret.getBytes(StandardCharsets.UTF_8),
        "1767225600.{\"a\":1}".getBytes(StandardCharsets.UTF_8));
    assertEquals(expected, WebhookSigner.signature(secret, 1767225600L, "{\"a\":1}"));
    assertNotEquals(expected, WebhookSigner.signature(secret, 1767225601L, "{\"a\":1}"));
  }

  @Test
  void headersCarryEventIdTimestampAndV1Signature() {
    Map<String, String> h = WebhookSigner.headers("evt_x_export.ready", "whsec_abc", 1767225600L, "{}");
    assertEquals(List.of("Webhook-Id", "Webhook-Timestamp", "Webhook-Signature"), List.copyOf(h.keySet()));
    assertEquals("evt_x_export.ready", h.get("Webhook-Id"));
    assertEquals("1767225600", h.get("Webhook-Timestamp"));
    assertTrue(h.get("Webhook-Signature").matches("v1=[0-9a-f]{64}"), h.get("Webhook-Signature"));
    assertEquals("v1=" + WebhookSigner.signature("whsec_abc", 1767225600L, "{}"), h.get("Webhook-Signature"));
  }

  @Test
  void secretsAre32RandomBytesInBase64Url() {
    WebhookSigner signer = new WebhookSigner(new SecureRandom());
    String a = signer.newSecret();
    String b = signer.newSecret();
    assertTrue(a.startsWith("whsec_"), a);
    assertEquals(32, Base64.getUrlDecoder().decode(a.substring(6)).length);
    assertTrue(a.substring(6).matches("[A-Za-z0-9_-]{43}"), a);
    assertNotEquals(a, b);
  }
}
