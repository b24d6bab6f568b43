package com.accountingexport.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.CRC32;

/** Counts the bytes passed on to {@code target} (a null sink by default), optionally with their CRC-32. */
public final class CountingOutputStream extends OutputStream {
  private final OutputStream target;
  private final CRC32 crc;
  private long count;

  public CountingOutputStream() {
    this(OutputStream.nullOutputStream(), false);
  }

  public CountingOutputStream(OutputStream target, boolean checksum) {
    this.target = target;
    this.crc = checksum ? new CRC32() : null;
  }

  @Override
  public void write(int b) throws IOException {
    target.write(b);
    if (crc != null) {
      crc.update(b);
    }
    count++;
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    target.write(b, off, len);
    if (crc != null) {
      crc.update(b, off, len);
    }
    count += len;
  }

  @Override
  public void flush() throws IOException {
    target.flush();
  }

  @Override
  public void close() throws IOException {
    target.close();
  }

  public long count() {
    return count;
  }

  /** The CRC-32 of the bytes so far, or -1 without checksum. */
  public long crc() {
    return crc == null ? -1 : crc.getValue();
  }
}
