package com.accountingexport.adapters;

import com.accountingexport.core.auth.TenantId;
import com.accountingexport.core.port.IdempotencyStore;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The same claims in the process, for a Wiring without AWS clients (handler tests, in-memory runs). */
final class MemoryIdempotency implements IdempotencyStore {
  private final Map<String, Remembered> items = new ConcurrentHashMap<>();

  private static String key(TenantId tenant, String keyHash) {
    return tenant.value() + "/" + keyHash;
  }

  @Override
  public Optional<Remembered> claim(TenantId tenant, String keyHash, String requestHash, Instant expiresAt) {
    Remembered mine = new Remembered(requestHash, null);
    Remembered earlier = items.putIfAbsent(key(tenant, keyHash), mine);
    return Optional.ofNullable(earlier);
  }

  @Override
  public void complete(TenantId tenant, String keyHash, byte[] answer) {
    items.computeIfPresent(key(tenant, keyHash), (k, r) -> new Remembered(r.requestHash(), answer));
  }

  @Override
  public void forget(TenantId tenant, String keyHash) {
    items.remove(key(tenant, keyHash));
  }
}
