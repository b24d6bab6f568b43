package com.accountingexport.adapters.dynamodb;

import com.accountingexport.core.error.DomainException;
import com.accountingexport.core.error.ErrorKind;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** The envelope of every list cursor: URL-safe base64 of UTF-8 text, decoded strictly. */
final class CursorText {
  static final int MAX_LENGTH = 1024;

  private CursorText() {}

  static String encode(String raw) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }

  /** The text inside a cursor; 400 INVALID_CURSOR when it is too long, not base64 or not UTF-8. */
  static String decode(String text) {
    if (text.length() > MAX_LENGTH) {
      throw invalid();
    }
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(Base64.getUrlDecoder().decode(text)))
          .toString();
    } catch (IllegalArgumentException | CharacterCodingException e) {
      throw invalid();
    }
  }

  static DomainException invalid() {
    return new DomainException(ErrorKind.INVALID, "INVALID_CURSOR", "The cursor is not one this list gave out");
  }
}
