package com.accountingexport.core.format;

/**
 * The text of one EBP file. EBP reads {@code ,}-separated fields with some of them between double
 * quotes and no escape at all, so a character that would end a field is replaced, counted as
 * transliterated in {@link #changes}: {@code "} becomes {@code '} everywhere, and a {@code ,} is removed
 * from the fields written bare (journal, account, currency). Everything else goes through the file's
 * {@link Text}. Not thread-safe: one per written file.
 */
final class EbpText {
  private final Text text;
  private long replaced;

  EbpText(Text text) {
    this.text = text;
  }

  /** A field written between double quotes: cleaned, {@code "} → {@code '}, cut at {@code max} (counted). */
  String quoted(String s, int max) {
    return text.fit(replace(text.clean(s), false), max);
  }

  /** A field written bare: cleaned, {@code ,} removed, {@code "} → {@code '}, cut at {@code max} (counted). */
  String bare(String s, int max) {
    return text.fit(replace(text.clean(s), true), max);
  }

  /** The file's {@link Text} changes plus the characters replaced here. */
  TextChanges changes() {
    return text.changes().plus(new TextChanges(replaced, 0));
  }

  private String replace(String s, boolean bare) {
    if (s == null || (s.indexOf('"') < 0 && (!bare || s.indexOf(',') < 0))) {
      return s;
    }
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"') {
        b.append('\'');
        replaced++;
      } else if (c == ',' && bare) {
        replaced++;
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }
}
