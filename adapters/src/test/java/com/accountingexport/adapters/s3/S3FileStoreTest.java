package com.accountingexport.adapters.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class S3FileStoreTest {

  @Test
  void contentDisposition_shouldQuoteAnAsciiFileNameAsIs() {
    assertEquals("attachment; filename=\"123456789FEC20261231.txt\"",
        S3FileStore.contentDisposition("123456789FEC20261231.txt"));
  }

  @Test
  void contentDisposition_shouldNeutraliseQuotesBackslashesAndControls() {
    assertEquals("attachment; filename=\"a_b_c_.txt\"", S3FileStore.contentDisposition("a\"b\\c\r.txt"));
  }

  @Test
  void contentDisposition_shouldAddAnRfc6266Utf8Name_whenTheNameIsNotAscii() {
    assertEquals("attachment; filename=\"export-_t_.csv\"; filename*=UTF-8''export-%C3%A9t%C3%A9.csv",
        S3FileStore.contentDisposition("export-été.csv"));
  }
}
