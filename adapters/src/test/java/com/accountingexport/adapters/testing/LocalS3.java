package com.accountingexport.adapters.testing;

import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** Placeholder until the S3Mock harness lands. */
public final class LocalS3 {
  public static LocalS3 get() {
    throw new UnsupportedOperationException();
  }

  public S3Client client() {
    throw new UnsupportedOperationException();
  }

  public S3Presigner presigner() {
    throw new UnsupportedOperationException();
  }

  public String newBucket() {
    throw new UnsupportedOperationException();
  }
}
