package com.accountingexport.core.format;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Re-encodes a UTF-8 byte stream into a single-byte charset (ISO-8859-15 for the FEC) as it flows,
 * in constant memory. A character the target cannot encode is transliterated the way every format
 * does it ({@link Transliteration}: {@code ő} → {@code o}, {@code Ł} → {@code L}, {@code ’} →
 * {@code '}, else {@code ?}); every such change is counted in {@link #replaced()}, never silent. Closing it does not close the target.
 */
public final class CharsetOutputStream extends OutputStream {
  private final OutputStream out;
  private final Charset charset;
  private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
      .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
  private final CharsetEncoder encoder;
  private final ByteBuffer in = ByteBuffer.allocate(8192);
  private final CharBuffer chars = CharBuffer.allocate(8192);
  private final byte[] one = new byte[1];
  private long replaced;

  public CharsetOutputStream(OutputStream out, Charset charset) {
    this.out = out;
    this.charset = charset;
    this.encoder = charset.newEncoder();
  }

  /** Characters that were transliterated or replaced so far. */
  public long replaced() {
    return replaced;
  }

  @Override
  public void write(int b) throws IOException {
    one[0] = (byte) b;
    write(one, 0, 1);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    while (len > 0) {
      int n = Math.min(len, in.remaining());
      in.put(b, off, n);
      off += n;
      len -= n;
      decode(false);
    }
  }

  private void decode(boolean end) throws IOException {
    in.flip();
    while (true) {
      CoderResult r = decoder.decode(in, chars, end);
      drain();
      if (r.isUnderflow()) {
        break;
      }
    }
    in.compact();
  }

  private void drain() throws IOException {
    chars.flip();
    StringBuilder text = new StringBuilder(chars.remaining());
    while (chars.hasRemaining()) {
      char c = chars.get();
      if (Character.isHighSurrogate(c) && chars.hasRemaining()) {
        char low = chars.get();
        text.append(transliterate(new String(new char[] {c, low})));
      } else if (Character.isHighSurrogate(c)) {
        chars.position(chars.position() - 1); // wait for its low surrogate
        break;
      } else if (encoder.canEncode(c)) {
        text.append(c);
      } else {
        text.append(transliterate(String.valueOf(c)));
      }
    }
    chars.compact();
    out.write(text.toString().getBytes(charset));
  }

  private String transliterate(String c) {
    replaced++;
    return Transliteration.of(c.codePointAt(0), encoder);
  }

  @Override
  public void flush() throws IOException {
    out.flush();
  }

  /** Decodes what is left (a truncated sequence becomes U+FFFD, then '?') and flushes; the target stays open. */
  @Override
  public void close() throws IOException {
    decode(true);
    decoder.flush(chars);
    drain();
    out.flush();
  }
}
