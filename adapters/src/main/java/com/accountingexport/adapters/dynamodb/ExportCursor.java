package com.accountingexport.adapters.dynamodb;

import com.accountingexport.core.auth.TenantId;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Where an export history list stopped: the last export it returned. On the wire it is the
 * URL-safe base64 (no padding) of {@code e1|<tenant>|<GSI1SK>} ({@code <createdAt>#<id>}); decoding
 * checks the version, the caller's tenant and the sort key's shape, so a cursor cannot reach
 * another tenant's partition. A bad cursor is 400 INVALID_CURSOR, as for documents.
 */
record ExportCursor(TenantId tenant, Instant createdAt, String exportId) {
  private static final String VERSION = "e1";

  String sortKey() {
    return ExportItemMapper.historySk(createdAt, exportId);
  }

  /** The start key of the GSI1 query that reads on after this export. */
  Map<String, AttributeValue> startKey() {
    return ExportItemMapper.historyIndexKey(tenant, sortKey(), exportId);
  }

  String encode() {
    String raw = VERSION + "|" + tenant.value() + "|" + sortKey();
    return CursorText.encode(raw);
  }

  /** The cursor {@code text} names, if this list gave it out for {@code tenant}; else 400 INVALID_CURSOR. */
  static ExportCursor decode(TenantId tenant, String text) {
    try {
      String raw = CursorText.decode(text);
      // the id comes last and may itself hold '|' or '#'
      String[] parts = raw.split("\\|", 3);
      if (parts.length != 3 || !VERSION.equals(parts[0]) || !tenant.value().equals(parts[1])) {
        throw CursorText.invalid();
      }
      String sortKey = parts[2];
      Instant createdAt = ExportItemMapper.historySkInstant(sortKey);
      String exportId = sortKey.substring(ExportItemMapper.SORTABLE_INSTANT_LENGTH + 1);
      ExportCursor cursor = new ExportCursor(tenant, createdAt, exportId);
      if (!cursor.sortKey().equals(sortKey)) {
        throw CursorText.invalid();
      }
      return cursor;
    } catch (IllegalArgumentException | DateTimeException e) {
      throw CursorText.invalid();
    }
  }
}
