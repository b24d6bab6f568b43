package com.accountingexport.adapters.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.accountingexport.core.auth.TenantId;
import com.accountingexport.core.error.DomainException;
import com.accountingexport.core.error.ErrorKind;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Base64;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class DocumentCursorTest {
  private static final TenantId TENANT = new TenantId("acme");

  private static String raw(String text) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void decode_shouldGiveBackTheKeys_whenCursorIsOneWeGaveOut() {
    // given
    DocumentCursor cursor = new DocumentCursor(TENANT, LocalDate.of(2026, 3, 9), "a|b#c");

    // when
    DocumentCursor back = DocumentCursor.decode(TENANT, cursor.encode());

    // then
    assertEquals(cursor, back);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "d1|other|2026-03|2026-03-09#x", // another tenant
      "d2|acme|2026-03|2026-03-09#x", // unknown version
      "d1|acme|2026-04|2026-03-09#x", // month does not match the date
      "d1|acme|2026-03|2026-03-32#x", // no such date
      "d1|acme|2026-03|2026-03-09#", // no id
      "d1|acme|2026-03", // keys missing
      "hello"})
  void decode_shouldRefuse_whenCursorIsForged(String forged) {
    DomainException e = assertThrows(DomainException.class, () -> DocumentCursor.decode(TENANT, raw(forged)));
    assertEquals("INVALID_CURSOR", e.code());
    assertEquals(ErrorKind.INVALID, e.kind());
  }

  @ParameterizedTest
  @ValueSource(strings = {"%%%", "not base64!", "////", ""})
  void decode_shouldRefuse_whenCursorIsNotBase64OfOurs(String garbage) {
    DomainException e = assertThrows(DomainException.class, () -> DocumentCursor.decode(TENANT, garbage));
    assertEquals("INVALID_CURSOR", e.code());
  }
}
