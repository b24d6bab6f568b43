package com.accountingexport.core.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CharsetOutputStreamTest {
  private static final Charset LATIN9 = Charset.forName("ISO-8859-15");

  /** Writes {@code text} as UTF-8 through the stream, {@code chunk} bytes at a time. */
  private static CharsetOutputStream write(String text, int chunk, ByteArrayOutputStream target) throws IOException {
    byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
    CharsetOutputStream out = new CharsetOutputStream(target, LATIN9);
    for (int i = 0; i < utf8.length; i += chunk) {
      out.write(utf8, i, Math.min(chunk, utf8.length - i));
    }
    out.close();
    return out;
  }

  @Test
  void latin9Characters_passUnchanged_evenWhenASequenceIsSplitBetweenWrites() throws IOException {
    String text = "Société Générale – 1 000,00 € œuvre Ÿ";
    String expected = "Société Générale - 1 000,00 € œuvre Ÿ"; // the en dash has no ISO-8859-15 byte
    for (int chunk : new int[] {1, 2, 3, 7, 8192}) {
      ByteArrayOutputStream target = new ByteArrayOutputStream();
      CharsetOutputStream out = write(text, chunk, target);
      assertArrayEquals(expected.getBytes(LATIN9), target.toByteArray(), "chunk " + chunk);
      assertEquals(1, out.replaced(), "chunk " + chunk);
    }
  }

  @Test
  void charactersOutsideLatin9_areTransliterated_andCounted() throws IOException {
    ByteArrayOutputStream target = new ByteArrayOutputStream();
    CharsetOutputStream out = write("Łódź ő l’été 😀", 5, target);

    assertEquals("Lódz o l'été ?", new String(target.toByteArray(), LATIN9), "ó is in ISO-8859-15");
    assertEquals(5, out.replaced(), "Ł, ź, ő, ’ and the emoji");
  }
}
