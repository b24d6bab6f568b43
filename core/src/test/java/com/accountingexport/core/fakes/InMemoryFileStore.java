package com.accountingexport.core.fakes;

import com.accountingexport.core.error.DomainException;
import com.accountingexport.core.port.FileStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Objects in memory; links are fake URLs carrying the key. */
public final class InMemoryFileStore implements FileStore {
  private final Map<String, byte[]> objects = new ConcurrentHashMap<>();

  @Override
  public Upload create(String key, String contentType) {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    return new Upload() {
      @Override
      public OutputStream stream() {
        return buffer;
      }

      @Override
      public void close() {
        objects.put(key, buffer.toByteArray());
      }

      @Override
      public void abort() {}
    };
  }

  @Override
  public InputStream open(String key) {
    byte[] b = objects.get(key);
    if (b == null) {
      throw DomainException.notFound("FILE_NOT_FOUND", "No file " + key);
    }
    return new ByteArrayInputStream(b);
  }

  @Override
  public boolean exists(String key) {
    return objects.containsKey(key);
  }

  @Override
  public Link link(String key, String fileName, Duration ttl) {
    return new Link("memory://" + key + "?name=" + fileName, Instant.parse("2030-01-01T00:00:00Z"));
  }

  @Override
  public Link uploadLink(String key, String contentType, Duration ttl) {
    return new Link("memory://put/" + key + "?contentType=" + contentType, Instant.parse("2030-01-01T00:00:00Z"));
  }

  /** Test helper: what a client would PUT through an upload link. */
  public void put(String key, byte[] bytes) {
    objects.put(key, bytes.clone());
  }

  public byte[] bytes(String key) {
    return objects.get(key);
  }

  /** Test helper: tamper with a stored file. */
  public void overwrite(String key, byte[] bytes) {
    objects.put(key, bytes);
  }
}
