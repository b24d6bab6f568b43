package com.accountingexport.core.format;

import java.nio.charset.CharsetEncoder;
import java.text.Normalizer;
import java.util.Map;

/**
 * The one transliteration every format uses for a character its encoding cannot carry: the
 * character without its accents when that fits ({@code ő} → {@code o}, {@code é} → {@code e} in
 * ASCII), else a fixed spelling ({@code €} → {@code EUR}, {@code Œ} → {@code OE}, {@code ’} →
 * {@code '}), else {@code ?}. The callers count every use.
 */
final class Transliteration {
  private static final Map<Integer, String> SPELLED = Map.ofEntries(
      Map.entry(0x2018, "'"), Map.entry(0x2019, "'"), Map.entry(0x201A, "'"), Map.entry(0x2032, "'"),
      Map.entry(0x00B4, "'"), Map.entry(0x0060, "'"),
      Map.entry(0x201C, "\""), Map.entry(0x201D, "\""), Map.entry(0x201E, "\""), Map.entry(0x2033, "\""),
      Map.entry(0x00AB, "\""), Map.entry(0x00BB, "\""),
      Map.entry(0x2010, "-"), Map.entry(0x2011, "-"), Map.entry(0x2013, "-"), Map.entry(0x2014, "-"),
      Map.entry(0x2212, "-"),
      Map.entry(0x2026, "..."),
      Map.entry(0x00A0, " "), Map.entry(0x202F, " "), Map.entry(0x2009, " "), Map.entry(0x2007, " "),
      Map.entry(0x20AC, "EUR"), Map.entry(0x00A3, "GBP"), Map.entry(0x00A5, "JPY"),
      Map.entry(0x0152, "OE"), Map.entry(0x0153, "oe"), Map.entry(0x00C6, "AE"), Map.entry(0x00E6, "ae"),
      Map.entry(0x00DF, "ss"), Map.entry(0x00D8, "O"), Map.entry(0x00F8, "o"),
      Map.entry(0x0141, "L"), Map.entry(0x0142, "l"), Map.entry(0x0110, "D"), Map.entry(0x0111, "d"),
      Map.entry(0x0131, "i"), Map.entry(0x00D0, "D"), Map.entry(0x00F0, "d"), Map.entry(0x00DE, "Th"),
      Map.entry(0x00FE, "th"),
      Map.entry(0x00B0, "o"), Map.entry(0x00BA, "o"), Map.entry(0x00AA, "a"), Map.entry(0x00B2, "2"),
      Map.entry(0x00B3, "3"), Map.entry(0x00B9, "1"), Map.entry(0x00D7, "x"), Map.entry(0x00B7, "."),
      Map.entry(0x00A9, "(c)"), Map.entry(0x00AE, "(R)"), Map.entry(0x2122, "TM"), Map.entry(0x00A7, "S"),
      Map.entry(0x2022, "-"), Map.entry(0x00BC, "1/4"), Map.entry(0x00BD, "1/2"), Map.entry(0x00BE, "3/4"));

  private Transliteration() {}

  /** Spellings already worked out, per target charset: a ledger repeats the same few accents. */
  private static final Map<java.nio.charset.Charset, Map<Integer, String>> CACHE =
      new java.util.concurrent.ConcurrentHashMap<>();
  /** Distinct code points remembered per charset at most (the rest is worked out each time). */
  private static final int CACHED = 4096;
  private static final java.util.regex.Pattern MARKS = java.util.regex.Pattern.compile("\\p{M}+");

  /**
   * The spelling of code point {@code cp} that {@code encoder} can encode: without accents, else
   * the fixed spelling (kept only if encodable), else {@code "?"}.
   */
  static String of(int cp, CharsetEncoder encoder) {
    Map<Integer, String> known = CACHE.computeIfAbsent(encoder.charset(),
        c -> new java.util.concurrent.ConcurrentHashMap<>());
    String spelled = known.get(cp);
    if (spelled == null) {
      spelled = spell(cp, encoder.charset().newEncoder());
      if (known.size() < CACHED) {
        known.put(cp, spelled);
      }
    }
    return spelled;
  }

  private static String spell(int cp, CharsetEncoder encoder) {
    String c = new String(Character.toChars(cp));
    String stripped = MARKS.matcher(Normalizer.normalize(c, Normalizer.Form.NFD)).replaceAll("");
    if (!stripped.isEmpty() && !stripped.equals(c) && encoder.canEncode(stripped)) {
      return stripped;
    }
    String spelled = SPELLED.get(cp);
    if (spelled != null && encoder.canEncode(spelled)) {
      return spelled;
    }
    return "?";
  }
}
