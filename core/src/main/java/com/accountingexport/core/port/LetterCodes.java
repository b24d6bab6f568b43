package com.accountingexport.core.port;

import com.accountingexport.core.auth.TenantId;

/**
 * The lettering codes (FEC {@code EcritureLet}) issued to a tenant: AA, AB, … per lettering account
 * (the auxiliary account of the lettered lines), one per group anchor (a stable document id of the
 * group, see {@code Lettering}).
 *
 * <p>Contract of {@link #codeFor}: the code already issued for (tenant, account, anchor), else the
 * next one of that account ({@link #code} of its sequence number), issued atomically. A code, once
 * issued, stays that anchor's forever; no two anchors of one account ever get the same code, even
 * when callers race. Codes may skip (a caller that lost a race or died between drawing a number and
 * recording it leaves that number unused): lettering needs unique codes, not continuous ones.
 */
public interface LetterCodes {
  /** The code of {@code anchor} on {@code account} for {@code tenant}, issued on first call. */
  String codeFor(TenantId tenant, String account, String anchor);

  /** One (account, anchor) of {@link #codesFor}. */
  record Key(String account, String anchor) {}

  /**
   * The codes of many anchors at once, each as {@link #codeFor} would give it; new ones are issued in
   * the order of {@code keys}. Implementations read the existing codes in batches (a fiscal year
   * holds thousands of lettered groups); this default asks them one by one.
   */
  default java.util.Map<Key, String> codesFor(TenantId tenant, java.util.List<Key> keys) {
    java.util.Map<Key, String> out = new java.util.LinkedHashMap<>();
    for (Key k : keys) {
      out.computeIfAbsent(k, x -> codeFor(tenant, x.account(), x.anchor()));
    }
    return out;
  }

  /**
   * The {@code n}-th code (from 0) of an account: AA … AZ, BA … ZZ (676 codes), then AAA … ZZZ, then
   * four letters, and so on: two letters at least, one more whenever the shorter ones run out.
   *
   * @throws IllegalArgumentException when {@code n} is negative
   */
  static String code(long n) {
    if (n < 0) {
      throw new IllegalArgumentException("a code number is never negative: " + n);
    }
    int length = 2;
    long block = 26L * 26L;
    // skip the shorter codes; a block beyond Long.MAX_VALUE is larger than any n left
    while (n >= block) {
      n -= block;
      length++;
      block = block > Long.MAX_VALUE / 26 ? Long.MAX_VALUE : block * 26;
    }
    char[] letters = new char[length];
    for (int i = length - 1; i >= 0; i--) {
      letters[i] = (char) ('A' + n % 26);
      n /= 26;
    }
    return new String(letters);
  }
}
