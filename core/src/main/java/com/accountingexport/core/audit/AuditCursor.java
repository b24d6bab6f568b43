package com.accountingexport.core.audit;

import com.accountingexport.core.auth.TenantId;
import com.accountingexport.core.error.DomainException;
import com.accountingexport.core.error.ErrorKind;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Base64;

/**
 * Where a page of the audit log stopped: the seq of its last (oldest) entry. On the wire the URL-safe
 * base64 of {@code a1|<tenant>|<seq>}; decoding checks the version and the caller's tenant, so that a
 * cursor never reads another tenant's log. A cursor this list did not give out is 400 INVALID_CURSOR.
 * Shared by every {@link AuditLog}, so that a cursor means the same in memory and in DynamoDB.
 */
public final class AuditCursor {
  private static final String VERSION = "a1";
  private static final int MAX_LENGTH = 256;

  private AuditCursor() {}

  public static String encode(TenantId tenant, long seq) {
    String raw = VERSION + "|" + tenant.value() + "|" + seq;
    return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }

  /** The seq a cursor stopped at: the next page holds entries with a smaller seq. */
  public static long decode(TenantId tenant, String text) {
    if (text.length() > MAX_LENGTH) {
      throw invalid();
    }
    try {
      String raw = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
      String[] parts = raw.split("\\|", -1);
      if (parts.length != 3 || !VERSION.equals(parts[0]) || !tenant.value().equals(parts[1])
          || !parts[2].matches("[1-9][0-9]{0,11}")) {
        throw invalid();
      }
      return Long.parseLong(parts[2]);
    } catch (IllegalArgumentException e) {
      throw invalid();
    }
  }

  /** The day (UTC) an entry is listed under for {@code from}/{@code to}. */
  public static LocalDate day(Instant at) {
    return LocalDate.ofInstant(at, ZoneOffset.UTC);
  }

  private static DomainException invalid() {
    return new DomainException(ErrorKind.INVALID, "INVALID_CURSOR", "The cursor is not one this list gave out");
  }
}
