package com.accountingexport.core.port;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.accountingexport.core.auth.TenantId;
import com.accountingexport.core.fakes.InMemoryLetterCodes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LetterCodesTest {
  private static final long TWO = 26L * 26;
  private static final long THREE = 26L * 26 * 26;

  @Test
  void code_shouldFollowTheAlphabet_atEachBoundary() {
    assertEquals("AA", LetterCodes.code(0));
    assertEquals("AB", LetterCodes.code(1));
    assertEquals("AZ", LetterCodes.code(25));
    assertEquals("BA", LetterCodes.code(26));
    assertEquals("ZY", LetterCodes.code(TWO - 2));
    assertEquals("ZZ", LetterCodes.code(TWO - 1));
    assertEquals("AAA", LetterCodes.code(TWO));
    assertEquals("AAB", LetterCodes.code(TWO + 1));
    assertEquals("ABA", LetterCodes.code(TWO + 26));
    assertEquals("BAA", LetterCodes.code(TWO + TWO));
    assertEquals("ZZZ", LetterCodes.code(TWO + THREE - 1));
    assertEquals("AAAA", LetterCodes.code(TWO + THREE));
  }

  @Test
  void code_shouldStayLettersAndDistinct_upToTheLargestNumber() {
    Set<String> seen = new HashSet<>();
    String previous = null;
    for (long n = 0; n < TWO + THREE + 100; n++) {
      String code = LetterCodes.code(n);
      assertTrue(seen.add(code), code);
      assertTrue(code.chars().allMatch(c -> c >= 'A' && c <= 'Z'), code);
      if (previous != null) {
        // shorter first, then alphabetical: issue order is sort order
        assertTrue(previous.length() < code.length() || previous.compareTo(code) < 0, previous + " then " + code);
      }
      previous = code;
    }
    String last = LetterCodes.code(Long.MAX_VALUE);
    assertTrue(last.chars().allMatch(c -> c >= 'A' && c <= 'Z'), last);
    assertEquals(14, last.length());
  }

  @Test
  void code_shouldRefuse_whenTheNumberIsNegative() {
    assertThrows(IllegalArgumentException.class, () -> LetterCodes.code(-1));
  }

  @Test
  void codeFor_shouldKeepOneCodePerAnchor_whenEightCallersRace() throws Exception {
    // given
    InMemoryLetterCodes codes = new InMemoryLetterCodes();
    TenantId tenant = new TenantId("acme");
    ExecutorService pool = Executors.newFixedThreadPool(8);
    CountDownLatch start = new CountDownLatch(1);
    Map<String, Set<String>> byAnchor = new ConcurrentHashMap<>();
    List<Future<List<String>>> own = new ArrayList<>();

    // when: 8 threads ask the same 50 anchors, each in its own order, and 10 anchors of their own
    for (int t = 0; t < 8; t++) {
      int thread = t;
      own.add(pool.submit(() -> {
        start.await();
        List<String> mine = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
          String anchor = "shared-" + ((i + thread * 7) % 50);
          byAnchor.computeIfAbsent(anchor, k -> ConcurrentHashMap.newKeySet()).add(codes.codeFor(tenant, "411C1", anchor));
          if (i % 5 == 0) {
            mine.add(codes.codeFor(tenant, "411C1", "own-" + thread + "-" + i));
          }
        }
        return mine;
      }));
    }
    start.countDown();
    Set<String> all = new HashSet<>();
    for (Future<List<String>> f : own) {
      all.addAll(f.get(30, TimeUnit.SECONDS));
    }
    pool.shutdown();

    // then: one code per anchor, no code for two anchors
    assertEquals(50, byAnchor.size());
    byAnchor.forEach((anchor, seen) -> assertEquals(1, seen.size(), anchor + " got " + seen));
    byAnchor.values().forEach(all::addAll);
    assertEquals(50 + 80, all.size());
    assertEquals(130, codes.issued());
    assertEquals("AA", codes.codeFor(tenant, "411C2", "shared-0"));
    assertEquals("AA", codes.codeFor(new TenantId("other"), "411C1", "shared-0"));
  }
}
