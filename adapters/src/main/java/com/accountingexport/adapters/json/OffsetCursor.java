package com.accountingexport.adapters.json;

import com.accountingexport.core.error.DomainException;
import com.accountingexport.core.error.ErrorKind;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The opaque cursor of a list answered from rows already in memory (a report's rows, a caller's
 * companies): URL-safe base64 of {@code row:<offset>}, checked against the rows there are.
 */
public final class OffsetCursor {
  private static final String PREFIX = "row:";

  private OffsetCursor() {}

  public static String encode(int offset) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString((PREFIX + offset).getBytes(StandardCharsets.UTF_8));
  }

  /** The offset a cursor names (0 without one); 400 INVALID_CURSOR unless it is one from 0 to {@code rows}. */
  public static int decode(String cursor, int rows) {
    if (cursor == null) {
      return 0;
    }
    try {
      String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      if (raw.startsWith(PREFIX)) {
        int offset = Integer.parseInt(raw.substring(PREFIX.length()));
        if (offset >= 0 && offset <= rows) {
          return offset;
        }
      }
    } catch (IllegalArgumentException e) {
      // the 400 below
    }
    throw new DomainException(ErrorKind.INVALID, "INVALID_CURSOR", "The cursor is not one this list gave out");
  }
}
