package com.accountingexport.core.format;

/**
 * What a format had to change in the text it was given, counted per file so that nothing is altered
 * silently: characters its encoding cannot carry that were transliterated ({@code ő} → {@code o},
 * {@code €} → {@code EUR} in ASCII) or replaced (control characters become spaces; what has no
 * transliteration becomes {@code ?}), and fields cut at the format's length limit.
 *
 * @param transliterated characters transliterated or replaced
 * @param truncated fields cut at their length limit
 */
public record TextChanges(long transliterated, long truncated) {
  public static final TextChanges NONE = new TextChanges(0, 0);

  public TextChanges {
    if (transliterated < 0 || truncated < 0) {
      throw new IllegalArgumentException("negative counts");
    }
  }

  public boolean any() {
    return transliterated > 0 || truncated > 0;
  }

  public TextChanges plus(TextChanges other) {
    return new TextChanges(transliterated + other.transliterated, truncated + other.truncated);
  }
}
