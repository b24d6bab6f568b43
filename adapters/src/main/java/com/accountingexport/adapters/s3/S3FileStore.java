package com.accountingexport.adapters.s3;

import com.accountingexport.core.error.DomainException;
import com.accountingexport.core.port.FileStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.PresignedGetObjectRequest;
import software.amazon.awssdk.services.s3.presigner.model.PresignedPutObjectRequest;

/**
 * {@link FileStore} on one private S3 bucket. Uploads stream through multipart: bytes collect in one
 * part buffer (at most {@link #PART_SIZE}); the first full buffer starts a multipart upload and each
 * full buffer is sent as a part, so memory stays at one part whatever the object size. An object
 * smaller than one part is sent with a single PutObject on close. Every object is written with
 * SSE-S3 (AES256), its content type and CRC32 checksums (per part for multipart).
 *
 * <p>{@code Upload.close()} publishes whatever was written, so a caller whose writer fails must call
 * {@code abort()} (after which close() does nothing); closing {@code stream()} only ends writes, so
 * a wrapper that closes it on an error cannot publish a truncated file. A failed part marks the
 * upload failed: close() then aborts it and throws. Not thread-safe per upload; the store is.
 */
public final class S3FileStore implements FileStore {
  /** Part size: S3 wants at least 5 MiB per part except the last; 8 MiB x 10,000 parts = 78 GiB max. */
  public static final int PART_SIZE = 8 * 1024 * 1024;
  private static final int INITIAL_BUFFER = 64 * 1024;

  private final S3Client s3;
  private final S3Presigner presigner;
  private final String bucket;

  public S3FileStore(S3Client s3, S3Presigner presigner, String bucket) {
    this.s3 = Objects.requireNonNull(s3, "s3");
    this.presigner = Objects.requireNonNull(presigner, "presigner");
    this.bucket = Objects.requireNonNull(bucket, "bucket");
  }

  public String bucket() {
    return bucket;
  }

  @Override
  public Upload create(String key, String contentType) {
    return new MultipartUpload(key, contentType == null ? "application/octet-stream" : contentType);
  }

  @Override
  public InputStream open(String key) {
    try {
      return s3.getObject(b -> b.bucket(bucket).key(key));
    } catch (NoSuchKeyException e) {
      throw notFound(key);
    }
  }

  @Override
  public boolean exists(String key) {
    try {
      s3.headObject(b -> b.bucket(bucket).key(key));
      return true;
    } catch (NoSuchKeyException e) {
      return false;
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        return false;
      }
      throw e;
    }
  }

  @Override
  public long size(String key) {
    try {
      return s3.headObject(b -> b.bucket(bucket).key(key)).contentLength();
    } catch (NoSuchKeyException e) {
      return -1;
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        return -1;
      }
      throw e;
    }
  }

  @Override
  public Link uploadLink(String key, String contentType, Duration ttl) {
    PresignedPutObjectRequest p = presigner.presignPutObject(r -> r
        .signatureDuration(ttl)
        .putObjectRequest(o -> o.bucket(bucket).key(key).contentType(contentType)));
    return new Link(p.url().toString(), p.expiration());
  }

  @Override
  public Link link(String key, String fileName, Duration ttl) {
    PresignedGetObjectRequest p = presigner.presignGetObject(r -> r
        .signatureDuration(ttl)
        .getObjectRequest(g -> g.bucket(bucket).key(key).responseContentDisposition(contentDisposition(fileName))));
    return new Link(p.url().toString(), p.expiration());
  }

  /**
   * {@code attachment; filename="<fileName>"}; quotes, backslashes and control characters become
   * '_', and a non-ASCII name is also given as RFC 6266 {@code filename*} (with an ASCII fallback).
   */
  static String contentDisposition(String fileName) {
    StringBuilder ascii = new StringBuilder(fileName.length());
    boolean nonAscii = false;
    for (int i = 0; i < fileName.length(); i++) {
      char c = fileName.charAt(i);
      if (c < 0x20 || c == 0x7f || c == '"' || c == '\\') {
        ascii.append('_');
      } else if (c > 0x7e) {
        ascii.append('_');
        nonAscii = true;
      } else {
        ascii.append(c);
      }
    }
    String header = "attachment; filename=\"" + ascii + "\"";
    if (!nonAscii) {
      return header;
    }
    StringBuilder ext = new StringBuilder();
    for (byte b : fileName.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || "!#$&+-.^_`|~".indexOf(c) >= 0) {
        ext.append((char) c);
      } else {
        ext.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return header + "; filename*=UTF-8''" + ext;
  }

  private static DomainException notFound(String key) {
    return DomainException.notFound("FILE_NOT_FOUND", "The file " + key + " does not exist");
  }

  private static ContentStreamProvider bytes(byte[] bytes, int length) {
    return () -> new ByteArrayInputStream(bytes, 0, length);
  }

  /**
   * One object being written: a part buffer, then a multipart upload once the buffer first fills.
   * Closing {@link #stream()} only stops writes; {@link #close()} completes the object, so that a
   * wrapper closing the stream on an error cannot publish a truncated file.
   */
  private final class MultipartUpload implements Upload {
    private final String key;
    private final String contentType;
    private final List<CompletedPart> parts = new ArrayList<>();
    private final PartStream stream = new PartStream();
    private byte[] buf = new byte[INITIAL_BUFFER];
    private int count;
    private String uploadId;
    /** A part could not be sent: the object can only be aborted. */
    private boolean failed;
    /** Completed or aborted. */
    private boolean finished;
    private boolean streamClosed;

    MultipartUpload(String key, String contentType) {
      this.key = Objects.requireNonNull(key, "key");
      this.contentType = contentType;
    }

    @Override
    public OutputStream stream() {
      return stream;
    }

    /** Completes the object; after a failed write it aborts instead and throws. Idempotent. */
    @Override
    public void close() {
      if (finished) {
        return;
      }
      if (failed) {
        abortAfter(new IOException("upload of " + key + " was aborted after a failed write"));
      }
      try {
        if (uploadId == null) {
          int length = count;
          s3.putObject(b -> b.bucket(bucket).key(key).contentType(contentType).contentLength((long) length)
              .serverSideEncryption(ServerSideEncryption.AES256), RequestBody.fromContentProvider(bytes(buf, length), length, contentType));
        } else {
          if (count > 0) {
            sendPart();
          }
          s3.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId).multipartUpload(m -> m.parts(parts)));
        }
      } catch (IOException e) {
        abortAfter(e);
      } catch (SdkException e) {
        abortAfter(new IOException("upload of " + key + " failed on completion", e));
      }
      finished = true;
      buf = null;
    }

    /** Throws the upload away: aborts the multipart upload if one was started. No-op once closed. */
    @Override
    public void abort() {
      if (finished) {
        return;
      }
      finished = true;
      failed = true;
      buf = null;
      if (uploadId != null) {
        String id = uploadId;
        s3.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(id));
      }
    }

    private void abortAfter(IOException cause) {
      try {
        abort();
      } catch (SdkException e) {
        cause.addSuppressed(e);
      }
      throw new UncheckedIOException(cause.getMessage(), cause);
    }

    private void ensureWritable() throws IOException {
      if (finished || streamClosed) {
        throw new IOException("upload of " + key + " is " + (finished ? (failed ? "aborted" : "complete") : "closed"));
      }
      if (failed) {
        throw new IOException("upload of " + key + " failed earlier: abort it");
      }
    }

    /** Grows the buffer up to one part, else sends the full part. */
    private void makeRoom() throws IOException {
      if (buf.length < PART_SIZE) {
        buf = Arrays.copyOf(buf, Math.min(PART_SIZE, buf.length * 2));
      } else {
        sendPart();
      }
    }

    private void sendPart() throws IOException {
      int partNumber = parts.size() + 1;
      try {
        if (uploadId == null) {
          uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key(key).contentType(contentType)
              .serverSideEncryption(ServerSideEncryption.AES256).checksumAlgorithm(ChecksumAlgorithm.CRC32)).uploadId();
        }
        int length = count;
        UploadPartResponse r = s3.uploadPart(b -> b.bucket(bucket).key(key).uploadId(uploadId).partNumber(partNumber)
                .contentLength((long) length).checksumAlgorithm(ChecksumAlgorithm.CRC32),
            RequestBody.fromContentProvider(bytes(buf, length), length, contentType));
        parts.add(CompletedPart.builder().partNumber(partNumber).eTag(r.eTag()).checksumCRC32(r.checksumCRC32()).build());
        count = 0;
      } catch (SdkException e) {
        failed = true;
        throw new IOException("upload of " + key + " failed at part " + partNumber, e);
      }
    }

    private final class PartStream extends OutputStream {
      @Override
      public void write(int b) throws IOException {
        ensureWritable();
        if (count == buf.length) {
          makeRoom();
        }
        buf[count++] = (byte) b;
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        ensureWritable();
        while (len > 0) {
          if (count == buf.length) {
            makeRoom();
          }
          int n = Math.min(len, buf.length - count);
          System.arraycopy(b, off, buf, count, n);
          count += n;
          off += n;
          len -= n;
        }
      }

      /** Stops writes; the upload completes only on {@link MultipartUpload#close()}. */
      @Override
      public void close() {
        streamClosed = true;
      }
    }
  }
}
