package com.accountingexport.adapters.dynamodb;

import com.accountingexport.core.auth.TenantId;
import com.accountingexport.core.error.DomainException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;

/**
 * Where a document list stopped: the keys of the last item it returned. On the wire it is the
 * URL-safe base64 (no padding) of {@code d1|<tenant>|<yyyy-MM>|<GSI1SK>}; decoding checks the
 * version, the caller's tenant, the month and the sort key's shape, so a cursor cannot reach
 * another tenant's partition.
 */
record DocumentCursor(TenantId tenant, LocalDate date, String documentId) {
  private static final String VERSION = "d1";

  YearMonth month() {
    return YearMonth.from(date);
  }

  String sortKey() {
    return DocumentItemMapper.monthSk(date, documentId);
  }

  String encode() {
    String raw = VERSION + "|" + tenant.value() + "|" + month() + "|" + sortKey();
    return CursorText.encode(raw);
  }

  /** The cursor {@code text} names, if this list gave it out for {@code tenant}; else 400 INVALID_CURSOR. */
  static DocumentCursor decode(TenantId tenant, String text) {
    try {
      String raw = CursorText.decode(text);
      // the id comes last and may itself hold '|' or '#'
      String[] parts = raw.split("\\|", 4);
      if (parts.length != 4 || !VERSION.equals(parts[0]) || !tenant.value().equals(parts[1])) {
        throw invalid();
      }
      YearMonth month = YearMonth.parse(parts[2]);
      String sortKey = parts[3];
      if (sortKey.length() < 12 || sortKey.charAt(10) != '#') {
        throw invalid();
      }
      LocalDate date = LocalDate.parse(sortKey.substring(0, 10));
      if (!YearMonth.from(date).equals(month)) {
        throw invalid();
      }
      return new DocumentCursor(tenant, date, sortKey.substring(11));
    } catch (IllegalArgumentException | DateTimeParseException e) {
      throw invalid();
    }
  }

  static DomainException invalid() {
    return CursorText.invalid();
  }
}
