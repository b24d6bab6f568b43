package com.accountingexport.adapters.testing;

import com.accountingexport.adapters.dynamodb.TableDefinition;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

/**
 * One DynamoDB Local 3.x server per JVM, in-process and in memory, on a free random port, telemetry
 * off (no network calls, no metadata file in the working directory); stopped by a shutdown hook. Tests get a client with {@link #client()} and their own table with
 * {@link #newTable()} (a table per test class keeps classes independent).
 *
 * <p>Shipped in the adapters test-jar for other modules' integration tests; they need
 * {@code software.amazon.dynamodb:DynamoDBLocal} (and {@code kotlin-stdlib} first, see the parent
 * POM) on their test classpath.
 *
 * <pre>{@code
 * static final LocalDynamo DYNAMO = LocalDynamo.get();
 * String table = DYNAMO.newTable();
 * var repo = new DynamoDocumentRepository(DYNAMO.client(), table);
 * }</pre>
 */
public final class LocalDynamo {
  public static final Region REGION = Region.EU_WEST_3;
  private static final int START_ATTEMPTS = 5;
  /** DynamoDB Local logs each request at INFO and each client error (a failed condition) at WARN. */
  private static final Map<String, String> QUIET_LEVELS = Map.of("software.amazon.dynamodb", "ERROR", "org.eclipse.jetty", "WARN");
  private static final AtomicInteger TABLES = new AtomicInteger();
  private static LocalDynamo instance;

  private final DynamoDBProxyServer server;
  private final URI endpoint;
  private final DynamoDbClient client;

  private LocalDynamo(DynamoDBProxyServer server, int port) {
    this.server = server;
    this.endpoint = URI.create("http://localhost:" + port);
    this.client = newClient(endpoint);
  }

  /** The JVM's server, started on first use. */
  public static synchronized LocalDynamo get() {
    if (instance == null) {
      instance = start();
      LocalDynamo started = instance;
      Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "local-dynamo-stop"));
    }
    return instance;
  }

  /** {@code http://localhost:<port>}: for clients built elsewhere (e.g. {@code AwsClients.forEndpoints}). */
  public URI endpoint() {
    return endpoint;
  }

  /** A shared client on the server (thread-safe; do not close it). */
  public DynamoDbClient client() {
    return client;
  }

  /** Creates a table of the service's shape under a name no other test uses, and returns the name. */
  public String newTable() {
    String name = "it-" + ProcessHandle.current().pid() + "-" + TABLES.incrementAndGet();
    TableDefinition.createIfMissing(client, name);
    return name;
  }

  /** A client on {@code endpoint} with dummy static credentials, region eu-west-3, URL-connection HTTP. */
  public static DynamoDbClient newClient(URI endpoint) {
    return DynamoDbClient.builder()
        .httpClient(UrlConnectionHttpClient.create())
        .endpointOverride(endpoint)
        .region(REGION)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
        .build();
  }

  private static LocalDynamo start() {
    quietLogs();
    Exception last = null;
    for (int attempt = 0; attempt < START_ATTEMPTS; attempt++) {
      int port = freePort();
      DynamoDBProxyServer server = null;
      try {
        server = ServerRunner.createServerFromCommandLineArgs(
            new String[] {"-inMemory", "-disableTelemetry", "-port", Integer.toString(port)});
        server.start();
        return new LocalDynamo(server, port);
      } catch (Exception e) {
        // most likely the port was taken between freePort() and start(): try another one
        last = e;
        stopQuietly(server);
      }
    }
    throw new IllegalStateException("DynamoDB Local did not start", last);
  }

  /**
   * DynamoDB Local's log goes through SLF4J here (log4j-to-slf4j): keep it to real problems, or each
   * test run prints thousands of lines. Must run before the server's classes create their loggers.
   */
  private static void quietLogs() {
    QUIET_LEVELS.forEach((logger, level) -> {
      String key = "org.slf4j.simpleLogger.log." + logger;
      if (System.getProperty(key) == null) {
        System.setProperty(key, level.toLowerCase(java.util.Locale.ROOT));
      }
    });
    // Logback, when another test dependency brings it: set through reflection to stay free of it
    try {
      Class<?> levelClass = Class.forName("ch.qos.logback.classic.Level");
      for (Map.Entry<String, String> e : QUIET_LEVELS.entrySet()) {
        Object logger = LoggerFactory.getLogger(e.getKey());
        Object level = levelClass.getField(e.getValue()).get(null);
        logger.getClass().getMethod("setLevel", levelClass).invoke(logger, level);
      }
    } catch (ReflectiveOperationException | LinkageError | RuntimeException notLogback) {
      // another SLF4J provider: the properties above (or its own configuration) apply
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException("no free port", e);
    }
  }

  private void stop() {
    client.close();
    stopQuietly(server);
  }

  private static void stopQuietly(DynamoDBProxyServer server) {
    if (server == null) {
      return;
    }
    try {
      server.stop();
    } catch (Exception ignored) {
      // shutting down anyway
    }
  }
}
