package com.accountingexport.adapters;

import com.accountingexport.core.port.FileStore;
import java.io.InputStream;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * A file store built on first use: a function that never reads or writes a file (documents,
 * settings, cancel) never builds the S3 client, so its jar does not need to ship it.
 */
final class LazyFileStore implements FileStore {
  private final AwsClients.Lazy<FileStore> store;

  LazyFileStore(Supplier<FileStore> factory) {
    this.store = new AwsClients.Lazy<>(factory);
  }

  @Override
  public Upload create(String key, String contentType) {
    return store.get().create(key, contentType);
  }

  @Override
  public InputStream open(String key) {
    return store.get().open(key);
  }

  @Override
  public boolean exists(String key) {
    return store.get().exists(key);
  }

  @Override
  public Link link(String key, String fileName, Duration ttl) {
    return store.get().link(key, fileName, ttl);
  }

  @Override
  public Link uploadLink(String key, String contentType, Duration ttl) {
    return store.get().uploadLink(key, contentType, ttl);
  }

  @Override
  public long size(String key) {
    return store.get().size(key);
  }
}
