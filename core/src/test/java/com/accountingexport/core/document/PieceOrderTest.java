package com.accountingexport.core.document;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PieceOrderTest {

  @Test
  void numbersInsideReferencesCompareAsNumbers() {
    List<String> pieces = new ArrayList<>(List.of("F-10", "F-9", "F-2026-10", "F-2026-9", "F-100", "A-1", "F-09",
        "F-1", "AV-3", "F-99999999999999999999", "F-100000000000000000000"));
    pieces.sort(PieceOrder.NATURAL);
    assertEquals(List.of("A-1", "AV-3", "F-1", "F-09", "F-9", "F-10", "F-100", "F-2026-9", "F-2026-10",
        "F-99999999999999999999", "F-100000000000000000000"), pieces);
  }

  @Test
  void theOrderIsTotal_consistentAndSymmetric_overRandomReferences() {
    Random random = new Random(3);
    String alphabet = "F-0123456789A";
    List<String> refs = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      StringBuilder sb = new StringBuilder();
      for (int k = 1 + random.nextInt(8); k > 0; k--) {
        sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      refs.add(sb.toString());
    }
    for (String a : refs) {
      for (String b : refs) {
        int ab = Integer.signum(PieceOrder.NATURAL.compare(a, b));
        assertEquals(-ab, Integer.signum(PieceOrder.NATURAL.compare(b, a)), a + " / " + b);
        assertEquals(a.equals(b), ab == 0, a + " / " + b);
        for (String c : refs.subList(0, 40)) {
          if (ab < 0 && PieceOrder.NATURAL.compare(b, c) < 0) {
            assertTrue(PieceOrder.NATURAL.compare(a, c) < 0, a + " < " + b + " < " + c);
          }
        }
      }
    }
  }
}
