package com.accountingexport.pdf;

import java.text.Normalizer;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The names of a ZIP bundle's PDFs: {@code <safe number>.pdf}, unique whatever the case.
 *
 * <p>Safe: accents are dropped and compatibility forms unfolded ({@code é} → {@code e}, {@code º} → {@code o}), then ASCII letters, digits, {@code -},
 * {@code _} and {@code .} are kept and any other character becomes {@code _}; leading dots become
 * {@code _} (no hidden file, no {@code ..}), at most {@value #MAX_BASE_LENGTH} characters, and a
 * Windows device name ({@code CON}, {@code NUL}, {@code COM1}…) gets a leading {@code _}. A number
 * that is null or leaves no letter nor digit falls back to the document id made safe the same way,
 * then to {@code document}.
 *
 * <p>Unique: compared without case (Windows and macOS file systems ignore it), a name already given
 * gets {@code -2}, {@code -3}… before {@code .pdf}, the first free one, in the order items come.
 * One instance per bundle: it remembers the names it gave.
 */
public final class EntryNames {
  /** Longest safe number kept, before a {@code -N} suffix and {@code .pdf}. */
  public static final int MAX_BASE_LENGTH = 100;

  public static final String EXTENSION = ".pdf";

  private static final String FALLBACK = "document";

  private static final Set<String> DEVICE_NAMES = Set.of("con", "prn", "aux", "nul",
      "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8", "com9",
      "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9");

  private final Set<String> taken = new HashSet<>();
  private final Map<String, Integer> nextSuffix = new HashMap<>();

  /** The name of the next item's entry, unique among those this instance gave. */
  public String next(BundleItem item) {
    String base = base(item.number(), item.documentId());
    String key = base.toLowerCase(Locale.ROOT);
    String name = base;
    if (taken.contains(key)) {
      // the suffixes below n were all taken when n was stored: start from there
      int n = nextSuffix.getOrDefault(key, 2);
      while (taken.contains((base + "-" + n).toLowerCase(Locale.ROOT))) {
        n++;
      }
      name = base + "-" + n;
      nextSuffix.put(key, n + 1);
    }
    taken.add(name.toLowerCase(Locale.ROOT));
    return name + EXTENSION;
  }

  /** The safe name, without extension nor suffix, of a document's entry; never empty. */
  public static String base(String number, String documentId) {
    String safe = safe(number);
    if (safe == null) {
      safe = safe(documentId);
    }
    return safe == null ? FALLBACK : safe;
  }

  /** {@code raw} made safe, or null when nothing usable (no letter nor digit) is left. */
  static String safe(String raw) {
    if (raw == null) {
      return null;
    }
    String plain = Normalizer.normalize(raw.strip(), Normalizer.Form.NFKD).replaceAll("\\p{M}+", "");
    StringBuilder out = new StringBuilder(Math.min(plain.length(), MAX_BASE_LENGTH));
    boolean usable = false;
    for (int i = 0; i < plain.length() && out.length() < MAX_BASE_LENGTH; ) {
      int c = plain.codePointAt(i);
      i += Character.charCount(c);
      boolean letterOrDigit = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
      usable |= letterOrDigit;
      if (c == '.' && out.chars().allMatch(ch -> ch == '_')) {
        out.append('_'); // leading dots: no hidden file, no ".."
      } else {
        out.append(letterOrDigit || c == '-' || c == '_' || c == '.' ? (char) c : '_');
      }
    }
    if (!usable) {
      return null;
    }
    String name = out.toString();
    int dot = name.indexOf('.');
    String stem = (dot < 0 ? name : name.substring(0, dot)).toLowerCase(Locale.ROOT);
    return DEVICE_NAMES.contains(stem) ? "_" + name : name;
  }
}
