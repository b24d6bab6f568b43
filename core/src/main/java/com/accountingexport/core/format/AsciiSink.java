package com.accountingexport.core.format;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A byte buffer for the pure-ASCII fixed-width formats: records go out as the bytes they already
 * are, with no character encoder on the way (what every fixed-width record costs, 138 to 231
 * characters, most of them padding). Only ASCII may be appended: the records' text went through
 * {@link Text#ascii()}. Not thread-safe; one per file.
 */
final class AsciiSink {
  private static final int SIZE = 1 << 16;

  private final OutputStream out;
  private final byte[] buf = new byte[SIZE];
  private int pos;

  AsciiSink(OutputStream out) {
    this.out = out;
  }

  /** Appends an ASCII string (a header line). */
  void append(String ascii) throws IOException {
    for (int i = 0, n = ascii.length(); i < n; i++) {
      char c = ascii.charAt(i);
      if (c > 0x7F) {
        throw new IllegalStateException("not ASCII: " + ascii);
      }
      if (pos == SIZE) {
        drain();
      }
      buf[pos++] = (byte) c;
    }
  }

  /** Appends bytes as they are (a record). */
  void append(byte[] bytes) throws IOException {
    if (bytes.length > SIZE - pos) {
      drain();
      if (bytes.length > SIZE) {
        out.write(bytes);
        return;
      }
    }
    System.arraycopy(bytes, 0, buf, pos, bytes.length);
    pos += bytes.length;
  }

  void crlf() throws IOException {
    if (SIZE - pos < 2) {
      drain();
    }
    buf[pos++] = '\r';
    buf[pos++] = '\n';
  }

  /** Writes what is buffered and flushes the stream, without closing it. */
  void flush() throws IOException {
    drain();
    out.flush();
  }

  private void drain() throws IOException {
    if (pos > 0) {
      out.write(buf, 0, pos);
      pos = 0;
    }
  }
}
