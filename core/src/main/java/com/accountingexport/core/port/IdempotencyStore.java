package com.accountingexport.core.port;

import com.accountingexport.core.auth.TenantId;
import java.time.Instant;
import java.util.Optional;

/**
 * The answers of the requests sent with an {@code Idempotency-Key} (other than {@code POST /exports},
 * which remembers its export): claimed by the first request, completed with its answer, replayed to
 * the ones after it with the same body, forgotten when the first one fails so that a retry runs again.
 */
public interface IdempotencyStore {
  /** What an earlier request with the key sent (its body's hash) and got (null while it runs). */
  record Remembered(String requestHash, byte[] answer) {}

  /**
   * Claims {@code keyHash} for this request unless a live claim exists; empty when claimed now,
   * else what the earlier request remembered.
   */
  Optional<Remembered> claim(TenantId tenant, String keyHash, String requestHash, Instant expiresAt);

  /** Keeps the answer of the request that holds the claim. */
  void complete(TenantId tenant, String keyHash, byte[] answer);

  /** Drops the claim (the request failed: a retry with the key runs again). */
  void forget(TenantId tenant, String keyHash);
}
