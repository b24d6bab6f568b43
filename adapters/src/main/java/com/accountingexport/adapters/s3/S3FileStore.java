package com.accountingexport.adapters.s3;

import com.accountingexport.core.port.FileStore;
import java.io.InputStream;
import java.time.Duration;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** Placeholder: being written. */
public final class S3FileStore implements FileStore {
  public S3FileStore(S3Client s3, S3Presigner presigner, String bucket) {}

  @Override
  public Upload create(String key, String contentType) {
    throw new UnsupportedOperationException();
  }

  @Override
  public InputStream open(String key) {
    throw new UnsupportedOperationException();
  }

  @Override
  public boolean exists(String key) {
    throw new UnsupportedOperationException();
  }

  @Override
  public Link link(String key, String fileName, Duration ttl) {
    throw new UnsupportedOperationException();
  }
}
