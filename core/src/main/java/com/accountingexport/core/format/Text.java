package com.accountingexport.core.format;

import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How one file's text fields become what its encoding and layout accept, the same way in every
 * format, counted ({@link #changes()}): a character the encoding lacks is transliterated
 * ({@link Transliteration}: accents dropped only where the target has no such letter, {@code €}
 * kept in Windows-1252 and spelled {@code EUR} in ASCII), control characters (tab, CR, LF, the C1
 * range, U+2028/9) become spaces, and {@link #fit} cuts a field at its length limit without splitting a
 * character. Not thread-safe: one per written file.
 */
public final class Text {
  private static final Map<Charset, boolean[]> ENCODABLE = new ConcurrentHashMap<>();

  private final Charset charset;
  private final boolean[] encodable;
  private final CharsetEncoder encoder;
  /** Texts that needed cleaning lately (labels repeat from line to line), with their count. */
  private final Map<String, Cleaned> recent = new java.util.HashMap<>();
  private static final int RECENT = 1024;
  private long transliterated;
  private long truncated;

  private Text(Charset charset) {
    this.charset = charset;
    this.encodable = ENCODABLE.computeIfAbsent(charset, Text::table);
    this.encoder = charset.newEncoder();
  }

  /** Text for a file in {@code charset}. */
  public static Text of(Charset charset) {
    return new Text(charset);
  }

  /** Text for a pure ASCII file (the fixed-width formats). */
  public static Text ascii() {
    return new Text(StandardCharsets.US_ASCII);
  }

  /** Text for a Windows-1252 file. */
  public static Text windows1252() {
    return new Text(Charset.forName("windows-1252"));
  }

  public Charset charset() {
    return charset;
  }

  /** What was changed so far. */
  public TextChanges changes() {
    return new TextChanges(transliterated, truncated);
  }

  /**
   * {@code s} with every character the encoding lacks transliterated and every control character
   * made a space; null stays null. The same instance is returned when nothing changes (the common case
   * costs one scan).
   */
  public String clean(String s) {
    if (s == null) {
      return null;
    }
    int n = s.length();
    int i = 0;
    while (i < n && encodable[s.charAt(i)]) {
      i++;
    }
    if (i == n) {
      return s;
    }
    Cleaned seen = recent.get(s);
    if (seen != null) {
      transliterated += seen.changed;
      return seen.text;
    }
    long before = transliterated;
    String cleaned = slow(s, i);
    if (recent.size() == RECENT) {
      recent.clear();
    }
    recent.put(s, new Cleaned(cleaned, transliterated - before));
    return cleaned;
  }

  /** A text that needed cleaning, and how many characters it changed. */
  private record Cleaned(String text, long changed) {}

  /** The cleaning of {@code s} from index {@code i}, the first character that needs it. */
  private String slow(String s, int i) {
    int n = s.length();
    StringBuilder b = new StringBuilder(n + 8).append(s, 0, i);
    while (i < n) {
      char c = s.charAt(i);
      if (encodable[c]) {
        b.append(c);
        i++;
        continue;
      }
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      transliterated++;
      if (isControl(cp)) {
        b.append(' ');
      } else if (Character.isSurrogate((char) cp)) {
        b.append('?'); // a lone surrogate
      } else if (charset.equals(StandardCharsets.UTF_8) || encoder.canEncode(new String(Character.toChars(cp)))) {
        b.appendCodePoint(cp); // a supplementary character UTF-8 carries
        transliterated--;
      } else {
        b.append(Transliteration.of(cp, encoder));
      }
    }
    return b.toString();
  }

  /**
   * {@link #clean}ed, then cut to at most {@code max} characters (a surrogate pair is never split;
   * each cut counted). Null stays null.
   */
  public String fit(String s, int max) {
    String c = clean(s);
    if (c == null || c.length() <= max) {
      return c;
    }
    truncated++;
    int end = max;
    if (end > 0 && Character.isHighSurrogate(c.charAt(end - 1))) {
      end--;
    }
    return c.substring(0, end);
  }

  /** {@link #fit} to {@code width}, then padded with spaces on the right to exactly {@code width}. */
  public String left(String s, int width) {
    String c = fit(s == null ? "" : s, width);
    return c.length() == width ? c : c + " ".repeat(width - c.length());
  }

  static boolean isControl(int cp) {
    return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0x2028 || cp == 0x2029;
  }

  private static boolean[] table(Charset charset) {
    boolean[] ok = new boolean[Character.MAX_VALUE + 1];
    CharsetEncoder e = charset.newEncoder();
    boolean utf8 = charset.equals(StandardCharsets.UTF_8);
    for (int c = 0; c <= Character.MAX_VALUE; c++) {
      if (isControl(c) || Character.isSurrogate((char) c)) {
        continue;
      }
      ok[c] = c < 0x80 || utf8 || e.canEncode((char) c);
    }
    return ok;
  }
}
