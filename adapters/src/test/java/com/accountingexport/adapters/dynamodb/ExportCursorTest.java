package com.accountingexport.adapters.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.accountingexport.core.auth.TenantId;
import com.accountingexport.core.error.DomainException;
import com.accountingexport.core.error.ErrorKind;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ExportCursorTest {
  private static final TenantId TENANT = new TenantId("acme");

  private static String raw(String text) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void decode_shouldGiveBackTheKeys_whenCursorIsOneWeGaveOut() {
    // given
    ExportCursor cursor = new ExportCursor(TENANT, Instant.parse("2026-03-09T10:15:30.5Z"), "a|b#c");

    // when
    ExportCursor back = ExportCursor.decode(TENANT, cursor.encode());

    // then
    assertEquals(cursor, back);
    assertEquals("2026-03-09T10:15:30.500000000Z#a|b#c", back.sortKey());
    assertEquals("T#acme#EXP#a|b#c", back.startKey().get("PK").s());
    assertEquals("T#acme#EXPORTS", back.startKey().get("GSI1PK").s());
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "e1|other|2026-03-09T10:15:30.000000000Z#x", // another tenant
      "e2|acme|2026-03-09T10:15:30.000000000Z#x", // unknown version
      "d1|acme|2026-03|2026-03-09#x", // a document cursor
      "e1|acme|2026-03-09T10:15:30Z#x", // not the fixed-width instant
      "e1|acme|2026-03-32T10:15:30.000000000Z#x", // no such date
      "e1|acme|2026-03-09T10:15:30.000000000Z#", // no id
      "e1|acme|2026-03-09T10:15:30.000000000Zx", // no separator
      "e1|acme", // keys missing
      "hello"})
  void decode_shouldRefuse_whenCursorIsForged(String forged) {
    DomainException e = assertThrows(DomainException.class, () -> ExportCursor.decode(TENANT, raw(forged)));
    assertEquals("INVALID_CURSOR", e.code());
    assertEquals(ErrorKind.INVALID, e.kind());
  }

  @ParameterizedTest
  @ValueSource(strings = {"%%%", "not base64!", "////", ""})
  void decode_shouldRefuse_whenCursorIsNotBase64OfOurs(String garbage) {
    DomainException e = assertThrows(DomainException.class, () -> ExportCursor.decode(TENANT, garbage));
    assertEquals("INVALID_CURSOR", e.code());
  }
}
