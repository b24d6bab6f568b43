package com.accountingexport.core.document;

import java.util.Comparator;

/**
 * Piece references in the order an accountant reads them: runs of digits compare as numbers, so
 * {@code F-9} comes before {@code F-10} and {@code F-2026-9} before {@code F-2026-10}; the rest
 * compares character by character. Two references that differ only by leading zeros are told
 * apart by length, so the order is total and stable.
 */
public final class PieceOrder {
  public static final Comparator<String> NATURAL = PieceOrder::compare;

  private PieceOrder() {}

  static int compare(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      char x = a.charAt(i);
      char y = b.charAt(j);
      if (isDigit(x) && isDigit(y)) {
        int endA = digitsEnd(a, i);
        int endB = digitsEnd(b, j);
        int c = compareNumbers(a, i, endA, b, j, endB);
        if (c != 0) {
          return c;
        }
        i = endA;
        j = endB;
      } else {
        if (x != y) {
          return Character.compare(x, y);
        }
        i++;
        j++;
      }
    }
    int c = Integer.compare(a.length() - i, b.length() - j);
    return c != 0 ? c : a.compareTo(b);
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static int digitsEnd(String s, int from) {
    int k = from;
    while (k < s.length() && isDigit(s.charAt(k))) {
      k++;
    }
    return k;
  }

  /** Two runs of digits by value, however long (no overflow): leading zeros left out, then length, then digits. */
  private static int compareNumbers(String a, int fromA, int endA, String b, int fromB, int endB) {
    while (fromA < endA - 1 && a.charAt(fromA) == '0') {
      fromA++;
    }
    while (fromB < endB - 1 && b.charAt(fromB) == '0') {
      fromB++;
    }
    int c = Integer.compare(endA - fromA, endB - fromB);
    if (c != 0) {
      return c;
    }
    for (int k = 0; k < endA - fromA; k++) {
      c = Character.compare(a.charAt(fromA + k), b.charAt(fromB + k));
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }
}
