package com.accountingexport.core.export;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Counts and SHA-256-hashes what passes through, so each file's digest is known when it is written. */
public final class HashingOutputStream extends FilterOutputStream {
  private final MessageDigest digest;
  private long bytes;

  public HashingOutputStream(OutputStream out) {
    super(out);
    try {
      this.digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void write(int b) throws IOException {
    out.write(b);
    digest.update((byte) b);
    bytes++;
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    out.write(b, off, len);
    digest.update(b, off, len);
    bytes += len;
  }

  /** Does not close the underlying stream: the upload is completed by its owner. */
  @Override
  public void close() throws IOException {
    flush();
  }

  public long bytes() {
    return bytes;
  }

  public String sha256() {
    return HexFormat.of().formatHex(digest.digest());
  }
}
