package com.accountingexport.adapters.s3;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntPredicate;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.AbortMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.AbortMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * Passes the calls S3FileStore makes to the real (emulated) client, records their names (with the
 * part number and size for UploadPart), and fails the UploadPart calls {@code failPart} selects
 * with a client error, as a dropped connection would.
 */
final class RecordingS3Client implements S3Client {
  private final S3Client delegate;
  private final IntPredicate failPart;
  final List<String> calls = new CopyOnWriteArrayList<>();
  /** "PutObject|CreateMultipartUpload sse contentType" of each object-creating request. */
  final List<String> creations = new CopyOnWriteArrayList<>();

  RecordingS3Client(S3Client delegate) {
    this(delegate, part -> false);
  }

  RecordingS3Client(S3Client delegate, IntPredicate failPart) {
    this.delegate = delegate;
    this.failPart = failPart;
  }

  @Override
  public PutObjectResponse putObject(PutObjectRequest r, RequestBody body) {
    calls.add("PutObject");
    creations.add("PutObject " + r.serverSideEncryption() + " " + r.contentType());
    return delegate.putObject(r, body);
  }

  @Override
  public CreateMultipartUploadResponse createMultipartUpload(CreateMultipartUploadRequest r) {
    calls.add("CreateMultipartUpload");
    creations.add("CreateMultipartUpload " + r.serverSideEncryption() + " " + r.contentType());
    return delegate.createMultipartUpload(r);
  }

  @Override
  public UploadPartResponse uploadPart(UploadPartRequest r, RequestBody body) {
    calls.add("UploadPart " + r.partNumber() + " " + r.contentLength());
    if (failPart.test(r.partNumber())) {
      throw SdkClientException.create("injected failure on part " + r.partNumber());
    }
    return delegate.uploadPart(r, body);
  }

  @Override
  public CompleteMultipartUploadResponse completeMultipartUpload(CompleteMultipartUploadRequest r) {
    calls.add("CompleteMultipartUpload");
    return delegate.completeMultipartUpload(r);
  }

  @Override
  public AbortMultipartUploadResponse abortMultipartUpload(AbortMultipartUploadRequest r) {
    calls.add("AbortMultipartUpload");
    return delegate.abortMultipartUpload(r);
  }

  @Override
  public <T> T getObject(GetObjectRequest r, ResponseTransformer<GetObjectResponse, T> transformer) {
    calls.add("GetObject");
    return delegate.getObject(r, transformer);
  }

  @Override
  public HeadObjectResponse headObject(HeadObjectRequest r) {
    calls.add("HeadObject");
    return delegate.headObject(r);
  }

  @Override
  public String serviceName() {
    return delegate.serviceName();
  }

  @Override
  public void close() {}
}
