package com.accountingexport.adapters.testing;

import com.adobe.testing.s3mock.S3MockApplication;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * One S3Mock per JVM, in-process on a free port, stopped by a shutdown hook (~4 s to start, once).
 * Gives path-style clients with dummy static credentials, the same shape {@code AwsClients.forEndpoints}
 * builds, and a fresh bucket per test class. In the adapters test-jar: other modules' tests and
 * the bench reuse it.
 */
public final class LocalS3 {
  public static final Region REGION = Region.EU_WEST_3;
  /** Created at start; {@link #newBucket()} gives isolated ones. */
  public static final String DEFAULT_BUCKET = "accounting-export-files";

  private static LocalS3 instance;
  private static final AtomicInteger BUCKETS = new AtomicInteger();

  private final S3MockApplication app;
  private final URI endpoint;
  private final S3Client s3;
  private final S3Presigner presigner;
  private final Path root;

  private LocalS3(S3MockApplication app, URI endpoint, Path root) {
    this.app = app;
    this.endpoint = endpoint;
    this.root = root;
    StaticCredentialsProvider creds = StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));
    S3Configuration config = S3Configuration.builder().pathStyleAccessEnabled(true).build();
    this.s3 = S3Client.builder().httpClient(UrlConnectionHttpClient.create()).endpointOverride(endpoint).region(REGION)
        .credentialsProvider(creds).serviceConfiguration(config).build();
    this.presigner = S3Presigner.builder().endpointOverride(endpoint).region(REGION).credentialsProvider(creds)
        .serviceConfiguration(config).build();
  }

  /** The JVM's S3Mock, started on first use. */
  public static synchronized LocalS3 get() {
    if (instance == null) {
      instance = start();
    }
    return instance;
  }

  private static LocalS3 start() {
    try {
      Path root = Files.createTempDirectory("s3mock");
      int port = freePort();
      // S3Mock removes keys from this map (e.g. "silent"): it must be mutable.
      Map<String, Object> props = new HashMap<>();
      props.put("http.port", port);
      props.put("server.port", "0");
      props.put("com.adobe.testing.s3mock.store.initialBuckets", DEFAULT_BUCKET);
      props.put("com.adobe.testing.s3mock.store.root", root.toString());
      props.put("com.adobe.testing.s3mock.store.retainFilesOnExit", false);
      props.put("com.adobe.testing.s3mock.store.region", REGION.id());
      props.put("silent", true);
      // Spring Boot re-initialises the shared logging system: keep DynamoDB Local (same JVM) quiet,
      // or every refused conditional write prints a stack trace.
      props.put("logging.level.software.amazon.dynamodb", "ERROR");
      props.put("logging.level.com.amazonaws.services.dynamodbv2", "ERROR");
      S3MockApplication app = S3MockApplication.start(props);
      LocalS3 local = new LocalS3(app, URI.create("http://localhost:" + app.getHttpPort()), root);
      Runtime.getRuntime().addShutdownHook(new Thread(local::stop, "s3mock-stop"));
      return local;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    }
  }

  private void stop() {
    s3.close();
    presigner.close();
    app.stop();
    try (var files = Files.walk(root)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException ignored) {
      // best effort: the store lives in the temp directory
    }
  }

  public URI endpoint() {
    return endpoint;
  }

  public S3Client s3() {
    return s3;
  }

  public S3Presigner presigner() {
    return presigner;
  }

  /** Creates and returns a new empty bucket (unique name within the JVM). */
  public String newBucket() {
    String name = "it-" + ProcessHandle.current().pid() + "-" + BUCKETS.incrementAndGet();
    s3.createBucket(b -> b.bucket(name));
    return name;
  }
}
