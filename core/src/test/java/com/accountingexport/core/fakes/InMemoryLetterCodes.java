package com.accountingexport.core.fakes;

import com.accountingexport.core.auth.TenantId;
import com.accountingexport.core.port.LetterCodes;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Lettering codes in memory, thread-safe: one counter per (tenant, account), the anchor's code
 * recorded once ({@link ConcurrentHashMap#computeIfAbsent} draws a number only for a new anchor, so
 * here codes never skip).
 */
public final class InMemoryLetterCodes implements LetterCodes {
  private record Account(TenantId tenant, String account) {}

  private record Anchor(TenantId tenant, String account, String anchor) {}

  private final Map<Account, AtomicLong> counters = new ConcurrentHashMap<>();
  private final Map<Anchor, String> codes = new ConcurrentHashMap<>();

  @Override
  public String codeFor(TenantId tenant, String account, String anchor) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(anchor, "anchor");
    return codes.computeIfAbsent(new Anchor(tenant, account, anchor), a -> LetterCodes.code(
        counters.computeIfAbsent(new Account(tenant, account), k -> new AtomicLong()).getAndIncrement()));
  }

  /** How many codes were issued, over every tenant and account. */
  public int issued() {
    return codes.size();
  }
}
