package com.accountingexport.core.port;

import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.time.Instant;

/** Object storage for export files: streamed in, streamed out, handed to users as expiring links. */
public interface FileStore {

  /** Starts an upload; bytes written to {@link Upload#stream()} are sent as they come (multipart). */
  Upload create(String key, String contentType);

  InputStream open(String key);

  boolean exists(String key);

  /** A time-limited GET link that downloads under {@code fileName}. */
  Link link(String key, String fileName, Duration ttl);

  /**
   * A time-limited PUT link through which a client uploads {@code key} itself, with exactly this
   * {@code Content-Type} header (signed); the size cannot be limited by the link, so the caller
   * checks what arrived ({@link #size}) before using it.
   */
  default Link uploadLink(String key, String contentType, Duration ttl) {
    throw new UnsupportedOperationException("this file store takes no direct uploads");
  }

  /** The size of {@code key} in bytes, or -1 when there is none (S3: one HEAD). */
  default long size(String key) {
    if (!exists(key)) {
      return -1;
    }
    try (InputStream in = open(key)) {
      return in.transferTo(OutputStream.nullOutputStream());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** An upload in progress: close() completes it, abort() throws it away. */
  interface Upload extends AutoCloseable {
    OutputStream stream();

    @Override
    void close();

    void abort();
  }

  record Link(String url, Instant expiresAt) {}
}
