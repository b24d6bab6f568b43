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

  /** An upload in progress: close() completes it, abort() throws it away. */
  interface Upload extends AutoCloseable {
    OutputStream stream();

    @Override
    void close();

    void abort();
  }

  record Link(String url, Instant expiresAt) {}
}
