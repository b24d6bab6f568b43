package com.accountingexport.adapters.s3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.accountingexport.adapters.testing.LocalS3;
import com.accountingexport.core.error.DomainException;
import com.accountingexport.core.error.ErrorKind;
import com.accountingexport.core.port.FileStore;
import com.accountingexport.core.port.FileStore.Upload;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/** S3FileStore on the JVM's in-process S3Mock, one bucket for the class. */
class S3FileStoreIT {
  private static final int MiB = 1024 * 1024;
  private static final String CSV = "text/csv; charset=UTF-8";

  private static LocalS3 local;
  private static String bucket;

  @BeforeAll
  static void startS3() {
    local = LocalS3.get();
    bucket = local.newBucket();
  }

  private static RecordingS3Client recording() {
    return new RecordingS3Client(local.s3());
  }

  private static S3FileStore store(S3Client s3) {
    return new S3FileStore(s3, local.presigner(), bucket);
  }

  @Test
  void create_shouldPutSmallObjectInOneRequest_withContentTypeAndEncryption() throws IOException {
    // given
    RecordingS3Client s3 = recording();
    FileStore store = store(s3);
    byte[] content = "JournalCode\tJournalLib\r\nVT\tVentes é€\r\n".getBytes(StandardCharsets.UTF_8);

    // when
    try (Upload upload = store.create("small/fec.txt", CSV)) {
      upload.stream().write(content, 0, 7);
      upload.stream().write(content[7]);
      upload.stream().write(content, 8, content.length - 8);
    }

    // then
    assertEquals(List.of("PutObject"), s3.calls);
    assertEquals(List.of("PutObject AES256 " + CSV), s3.creations);
    try (InputStream in = store.open("small/fec.txt")) {
      assertArrayEquals(content, in.readAllBytes());
    }
    HeadObjectResponse head = local.s3().headObject(b -> b.bucket(bucket).key("small/fec.txt"));
    assertEquals(CSV.replace(" ", ""), head.contentType().replace(" ", ""));
    assertEquals(ServerSideEncryption.AES256, head.serverSideEncryption());
    assertEquals(content.length, head.contentLength());
    assertTrue(store.exists("small/fec.txt"));
  }

  @Test
  void create_shouldStoreEmptyObject_whenNothingIsWritten() throws IOException {
    // given
    FileStore store = store(local.s3());

    // when
    store.create("empty.txt", CSV).close();

    // then
    try (InputStream in = store.open("empty.txt")) {
      assertEquals(0, in.readAllBytes().length);
    }
  }

  @Test
  void create_shouldStreamThroughThreeParts_when20MiBAreWrittenInSmallChunks() throws IOException {
    // given
    RecordingS3Client s3 = recording();
    FileStore store = store(s3);
    MessageDigest written = sha256();

    // when
    try (Upload upload = store.create("big/20mib.bin", "application/octet-stream")) {
      writeRandom(upload.stream(), 20 * MiB, 1_000, written);
    }

    // then
    assertEquals(List.of("CreateMultipartUpload", "UploadPart 1 " + 8 * MiB, "UploadPart 2 " + 8 * MiB,
        "UploadPart 3 " + 4 * MiB, "CompleteMultipartUpload"), s3.calls);
    assertEquals(List.of("CreateMultipartUpload AES256 application/octet-stream"), s3.creations);
    HeadObjectResponse head = local.s3().headObject(b -> b.bucket(bucket).key("big/20mib.bin"));
    assertTrue(head.eTag().replace("\"", "").endsWith("-3"), "multipart ETag: " + head.eTag());
    assertEquals(20L * MiB, head.contentLength());
    assertEquals("application/octet-stream", head.contentType());
    assertEquals(hex(written), sha256Of(store.open("big/20mib.bin")));
  }

  @Test
  void create_shouldUseOnePut_whenTheObjectFillsExactlyOnePart_andTwoParts_whenOneByteMore() throws IOException {
    // given
    RecordingS3Client s3 = recording();
    FileStore store = store(s3);
    MessageDigest onePart = sha256();
    MessageDigest twoParts = sha256();

    // when
    try (Upload upload = store.create("edge/one-part.bin", "application/octet-stream")) {
      writeRandom(upload.stream(), S3FileStore.PART_SIZE, 64 * 1024, onePart);
    }
    try (Upload upload = store.create("edge/one-part-plus-one.bin", "application/octet-stream")) {
      writeRandom(upload.stream(), S3FileStore.PART_SIZE + 1, 64 * 1024, twoParts);
    }

    // then
    assertEquals(List.of("PutObject", "CreateMultipartUpload", "UploadPart 1 " + S3FileStore.PART_SIZE,
        "UploadPart 2 1", "CompleteMultipartUpload"), s3.calls);
    assertEquals(hex(onePart), sha256Of(store.open("edge/one-part.bin")));
    assertEquals(hex(twoParts), sha256Of(store.open("edge/one-part-plus-one.bin")));
  }

  @Test
  void abort_shouldLeaveNoObjectAndNoPendingUpload_afterPartsWereSent() throws IOException {
    // given
    RecordingS3Client s3 = recording();
    FileStore store = store(s3);
    Upload upload = store.create("aborted/big.bin", "application/octet-stream");
    writeRandom(upload.stream(), 9 * MiB, 4096, sha256());

    // when
    upload.abort();
    upload.close();

    // then
    assertEquals(List.of("CreateMultipartUpload", "UploadPart 1 " + 8 * MiB, "AbortMultipartUpload"), s3.calls);
    assertFalse(store.exists("aborted/big.bin"));
    assertTrue(pendingUploads("aborted/").isEmpty());
    assertThrows(IOException.class, () -> upload.stream().write(1));
  }

  @Test
  void abort_shouldLeaveNoObject_beforeAnyPartWasSent() throws IOException {
    // given
    RecordingS3Client s3 = recording();
    FileStore store = store(s3);
    Upload upload = store.create("aborted/small.txt", CSV);
    upload.stream().write("partial".getBytes(StandardCharsets.UTF_8));

    // when
    upload.abort();

    // then
    assertEquals(List.of(), s3.calls);
    assertFalse(store.exists("aborted/small.txt"));
  }

  @Test
  void close_shouldAbortAndThrow_whenAPartFailedToUpload() throws IOException {
    // given
    RecordingS3Client s3 = new RecordingS3Client(local.s3(), part -> part == 1);
    FileStore store = store(s3);
    Upload upload = store.create("failed/big.bin", "application/octet-stream");

    // when
    IOException writeFailure = assertThrows(IOException.class,
        () -> writeRandom(upload.stream(), 12 * MiB, 8192, sha256()));
    UncheckedIOException closeFailure = assertThrows(UncheckedIOException.class, upload::close);

    // then
    assertTrue(writeFailure.getMessage().contains("part 1"), writeFailure.getMessage());
    assertTrue(closeFailure.getMessage().contains("aborted"), closeFailure.getMessage());
    assertEquals(List.of("CreateMultipartUpload", "UploadPart 1 " + 8 * MiB, "AbortMultipartUpload"), s3.calls);
    assertFalse(store.exists("failed/big.bin"));
    assertTrue(pendingUploads("failed/").isEmpty());
  }

  @Test
  void streamClose_shouldNotPublishTheObject_untilTheUploadIsClosed() throws IOException {
    // given
    FileStore store = store(local.s3());
    Upload upload = store.create("stream-close/fec.txt", CSV);
    upload.stream().write("VT".getBytes(StandardCharsets.UTF_8));

    // when
    upload.stream().close();

    // then
    assertFalse(store.exists("stream-close/fec.txt"));
    assertThrows(IOException.class, () -> upload.stream().write(1));
    upload.close();
    assertTrue(store.exists("stream-close/fec.txt"));
  }

  @Test
  void link_shouldDownloadTheStoredBytesUnderTheFileName() throws Exception {
    // given
    FileStore store = store(local.s3());
    MessageDigest written = sha256();
    try (Upload upload = store.create("links/fec.txt", CSV)) {
      writeRandom(upload.stream(), 300_000, 10_000, written);
    }
    Instant before = Instant.now();

    // when
    FileStore.Link link = store.link("links/fec.txt", "123456789FEC20261231.txt", Duration.ofMinutes(15));
    HttpResponse<InputStream> response = HttpClient.newHttpClient()
        .send(HttpRequest.newBuilder(URI.create(link.url())).GET().build(), HttpResponse.BodyHandlers.ofInputStream());

    // then
    assertEquals(200, response.statusCode());
    assertEquals(hex(written), sha256Of(response.body()));
    assertEquals("attachment; filename=\"123456789FEC20261231.txt\"",
        response.headers().firstValue("Content-Disposition").orElse(null));
    assertTrue(link.url().startsWith(local.endpoint().toString()), link.url());
    assertFalse(link.expiresAt().isBefore(before.plus(Duration.ofMinutes(15))), link.expiresAt().toString());
    assertTrue(link.expiresAt().isBefore(Instant.now().plus(Duration.ofMinutes(16))), link.expiresAt().toString());
  }

  @Test
  void open_shouldThrowFileNotFound_whenTheKeyIsMissing() {
    // given
    FileStore store = store(local.s3());

    // when
    DomainException e = assertThrows(DomainException.class, () -> store.open("missing/nothing.txt"));

    // then
    assertEquals("FILE_NOT_FOUND", e.code());
    assertEquals(ErrorKind.NOT_FOUND, e.kind());
    assertFalse(store.exists("missing/nothing.txt"));
  }

  private static List<String> pendingUploads(String prefix) {
    return local.s3().listMultipartUploads(b -> b.bucket(bucket).prefix(prefix)).uploads().stream()
        .map(u -> u.key()).toList();
  }

  /** Writes {@code total} deterministic pseudo-random bytes in {@code chunk}-sized writes. */
  private static void writeRandom(OutputStream out, int total, int chunk, MessageDigest digest) throws IOException {
    Random random = new Random(total);
    byte[] buf = new byte[chunk];
    for (int left = total; left > 0; left -= chunk) {
      int n = Math.min(chunk, left);
      random.nextBytes(buf);
      out.write(buf, 0, n);
      digest.update(buf, 0, n);
    }
  }

  private static String sha256Of(InputStream in) throws IOException {
    MessageDigest d = sha256();
    try (in) {
      byte[] buf = new byte[64 * 1024];
      for (int n; (n = in.read(buf)) >= 0; ) {
        d.update(buf, 0, n);
      }
    }
    return hex(d);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String hex(MessageDigest d) {
    return HexFormat.of().formatHex(d.digest());
  }
}
