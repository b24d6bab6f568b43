package com.accountingexport.core.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs a delivery so that its receiver can tell it came from us and was not replayed long after:
 * {@code Webhook-Signature: v1=hex(HMAC-SHA256(secret, timestamp + "." + body))}, the secret's UTF-8
 * bytes as the key (the whole {@code whsec_…} text, as the receiver stores it), the timestamp in
 * unix seconds sent beside it in {@code Webhook-Timestamp}. {@code v1=} names the scheme, so that
 * another one can be added without breaking receivers.
 */
public final class WebhookSigner {
  public static final String SECRET_PREFIX = "whsec_";
  public static final String ID_HEADER = "Webhook-Id";
  public static final String TIMESTAMP_HEADER = "Webhook-Timestamp";
  public static final String SIGNATURE_HEADER = "Webhook-Signature";
  private static final int SECRET_BYTES = 32;

  private final SecureRandom random;

  /** @param random made per instance, never at class-init time (SnapStart would copy its state) */
  public WebhookSigner(SecureRandom random) {
    this.random = random;
  }

  /** {@code whsec_} + base64url (no padding) of 32 random bytes. */
  public String newSecret() {
    byte[] b = new byte[SECRET_BYTES];
    random.nextBytes(b);
    return SECRET_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  /** The hex signature of {@code timestamp.body} under {@code secret}. */
  public static String signature(String secret, long timestamp, String body) {
    return hmacSha256Hex(secret.getBytes(StandardCharsets.UTF_8),
        (timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
  }

  /** The headers of one attempt, in the order they are sent. */
  public static Map<String, String> headers(String eventId, String secret, long timestamp, String body) {
    Map<String, String> h = new LinkedHashMap<>();
    h.put(ID_HEADER, eventId);
    h.put(TIMESTAMP_HEADER, Long.toString(timestamp));
    h.put(SIGNATURE_HEADER, "v1=" + signature(secret, timestamp, body));
    return h;
  }

  public static String hmacSha256Hex(byte[] key, byte[] data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(data));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }
}
