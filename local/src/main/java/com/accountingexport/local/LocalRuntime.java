package com.accountingexport.local;

import com.accountingexport.adapters.AwsClients;
import com.accountingexport.adapters.Config;
import com.accountingexport.adapters.Wiring;
import com.accountingexport.core.port.IdGenerator;
import com.accountingexport.functions.cancel.CancelHandler;
import com.accountingexport.functions.documents.DocumentsHandler;
import com.accountingexport.functions.downloads.DownloadsHandler;
import com.accountingexport.functions.exports.ExportsHandler;
import com.accountingexport.functions.settings.SettingsHandler;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.io.IOException;
import java.io.PrintStream;
import java.net.BindException;
import java.net.URI;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import software.amazon.awssdk.regions.Region;

/**
 * The whole service on one machine, in one JVM (plus one Node child process for mail):
 * DynamoDB Local and S3Mock in-process, aws-ses-v2-local as a child, the same handler classes as
 * Lambda behind {@link LocalGateway} (API Gateway's stand-in with its JWT authorizer), and a demo
 * tenant. With {@code --aws} or AWS_ENDPOINT_URL set, no emulator starts: the SDK's own
 * configuration is used (LocalStack or an account).
 *
 * <p>{@link #close()} stops everything, the mail emulator's process tree included.
 */
public final class LocalRuntime implements AutoCloseable {
  public static final String TABLE = "accounting-export-local";
  public static final String BUCKET = "accounting-export-local-files";
  public static final String SENDER = "exports@accounting-export.local";
  public static final Region REGION = Region.EU_WEST_3;

  private final LocalOptions options;
  private final PrintStream log;
  private final Deque<AutoCloseable> started = new ArrayDeque<>();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final byte[] jwtKey = JwtSigner.newKey();
  private final Clock clock = Clock.systemUTC();
  private final JwtSigner signer = new JwtSigner(jwtKey, clock);
  private LocalGateway gateway;
  private Wiring wiring;
  private URI mailStore;
  private SesEmulator ses;
  private int seeded;

  private LocalRuntime(LocalOptions options, PrintStream log) {
    this.options = options;
    this.log = log;
  }

  /** Starts everything; on failure, stops what had started and rethrows. */
  public static LocalRuntime start(LocalOptions options) throws Exception {
    return start(options, System.err);
  }

  public static LocalRuntime start(LocalOptions options, PrintStream log) throws Exception {
    LocalRuntime rt = new LocalRuntime(options, log);
    try {
      rt.startAll();
      return rt;
    } catch (Throwable t) {
      rt.close();
      throw t;
    }
  }

  private void startAll() throws Exception {
    long t0 = System.nanoTime();
    // bind first: a busy port fails now, not after the emulators took their ten seconds
    try {
      gateway = new LocalGateway(options.port(), RouteTable.api(), new JwtVerifier(jwtKey, clock), clock, log, true);
    } catch (BindException e) {
      throw new IOException("port " + options.port() + " is in use: free it or set PORT (0 = any free port)", e);
    }
    started.push(gateway);
    String baseUrl = "http://localhost:" + gateway.port();

    AwsClients aws;
    Config config;
    if (options.usesAwsConfiguration()) {
      String endpoint = options.env().get("AWS_ENDPOINT_URL");
      log.println("[local] no emulators: AWS SDK configuration" + (endpoint != null ? " with AWS_ENDPOINT_URL=" + endpoint : ""));
      aws = AwsClients.fromEnvironment();
      Config env = Config.from(options.env());
      config = new Config(env.tableName(), env.bucketName(), env.senderEmail(), Duration.ofMinutes(15), baseUrl, env.exportLease());
      if (endpoint != null && !endpoint.isBlank()) {
        mailStore = URI.create(endpoint.replaceAll("/+$", "") + "/_aws/ses");
      }
    } else {
      Path dir = dataDirectory();
      DynamoDbLocalServer dynamo = DynamoDbLocalServer.start(options.inMemory() ? null : dir.resolve("dynamodb"));
      started.push(dynamo);
      log.println("[local] DynamoDB Local on " + dynamo.endpoint() + (options.inMemory() ? " (in memory)" : " (" + dir.resolve("dynamodb") + ")"));
      S3MockServer s3 = S3MockServer.start(dir.resolve("s3"), !options.inMemory(), BUCKET);
      started.push(s3);
      log.println("[local] S3Mock on " + s3.endpoint());
      ses = SesEmulator.startIfInstalled(options.sesBinary(), dir.resolve("logs").resolve("ses.log"), log);
      URI sesEndpoint;
      if (ses != null) {
        started.push(ses);
        sesEndpoint = ses.endpoint();
        mailStore = ses.storeUri();
        log.println("[local] aws-ses-v2-local on " + sesEndpoint + " (pid " + ses.handle().pid() + ")");
      } else {
        sesEndpoint = URI.create("http://localhost:9"); // nothing listens: sending mail fails, loudly
      }
      aws = AwsClients.forEndpoints(dynamo.endpoint(), s3.endpoint(), sesEndpoint, REGION);
      config = new Config(TABLE, BUCKET, SENDER, Duration.ofMinutes(15), baseUrl, Config.from(options.env()).exportLease());
    }
    AwsClients clients = aws;
    started.push(() -> closeClients(clients));

    wiring = new Wiring(aws, config, clock, IdGenerator.random());
    installPauseHook(options.env().get(PAUSE_AFTER_CLAIM));
    AwsResources.ensure(aws, config);
    Map<String, RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>> targets = Map.of(
        RouteTable.DOCUMENTS, new DocumentsHandler(wiring),
        RouteTable.EXPORTS, new ExportsHandler(wiring),
        RouteTable.DOWNLOADS, new DownloadsHandler(wiring),
        RouteTable.CANCEL, new CancelHandler(wiring),
        RouteTable.SETTINGS, new SettingsHandler(wiring),
        RouteTable.LOCAL_TOKEN, new TokenEndpoint(signer));
    if (options.seedDemo()) {
      try {
        seeded = DemoSeeder.seedIfEmpty(wiring, log);
      } catch (RuntimeException e) {
        log.println("[local] WARNING: the demo tenant could not be seeded: " + e);
      }
    }
    gateway.start(targets);
    log.printf("[local] serving %s (started in %d ms)%n", baseUrl, (System.nanoTime() - t0) / 1_000_000);
  }

  /** The folder the emulators write to: a temporary one in memory mode (deleted on close). */
  private Path dataDirectory() throws IOException {
    if (options.inMemory()) {
      Path tmp = Files.createTempDirectory("accounting-export-local-");
      started.push(() -> deleteTree(tmp));
      return tmp;
    }
    Path dir = options.dataDir();
    if (options.reset()) {
      // only what the runtime itself writes there: --data-dir may name a folder with other things in it
      for (String own : List.of("dynamodb", "s3", "logs")) {
        deleteTree(dir.resolve(own));
      }
      log.println("[local] --reset: wiped " + dir);
    }
    Files.createDirectories(dir);
    return dir;
  }

  public int port() {
    return gateway.port();
  }

  public URI baseUri() {
    return URI.create("http://localhost:" + gateway.port());
  }

  /** Where sent mails can be read ({@code GET}), when a mail emulator runs. */
  public Optional<URI> mailStoreUri() {
    return Optional.ofNullable(mailStore);
  }

  /** The mail emulator's process, when it runs (tests check it ends with the runtime). */
  public Optional<ProcessHandle> mailProcess() {
    return Optional.ofNullable(ses).map(SesEmulator::handle);
  }

  public Wiring wiring() {
    return wiring;
  }

  /** Documents written into the demo tenant at start (0 when it had some already). */
  public int seededDocuments() {
    return seeded;
  }

  /** Mints a token this runtime accepts. */
  public JwtSigner.IssuedToken token(String tenant, String role, String subject, String email, Duration ttl) {
    return signer.issue(subject, tenant, role, email, ttl);
  }

  /** A token for the demo tenant's company admin, valid 8 hours. */
  public String demoToken() {
    return token(DemoData.TENANT, "company_admin", "demo-admin", "admin@demo-informatique.fr", JwtSigner.DEFAULT_TTL).token();
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    while (!started.isEmpty()) {
      AutoCloseable c = started.pop();
      try {
        c.close();
      } catch (Throwable t) {
        log.println("[local] while stopping: " + t);
      }
    }
  }

  private static void closeClients(AwsClients aws) {
    aws.dynamo().close();
    aws.s3().close();
    aws.presigner().close();
    aws.ses().close();
  }

  static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    Files.walkFileTree(root, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        Files.delete(file);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
        Files.delete(dir);
        return FileVisitResult.CONTINUE;
      }
    });
  }

  /**
   * {@value} (milliseconds): a generation sleeps that long right after claiming its documents, so
   * that a crash test can kill the process at a known point of a generation. Local runtime only.
   */
  public static final String PAUSE_AFTER_CLAIM = "LOCAL_PAUSE_AFTER_CLAIM_MS";

  private void installPauseHook(String value) {
    if (value == null || value.isBlank()) {
      return;
    }
    long millis = Long.parseLong(value.trim());
    log.println("[local] " + PAUSE_AFTER_CLAIM + "=" + millis + ": every generation pauses after claiming (crash tests)");
    wiring.exports().setFaultHook((step, exportId) -> {
      if (step == com.accountingexport.core.export.ExportService.Step.AFTER_CLAIM) {
        log.println("[local] export " + exportId + " claimed its documents; pausing " + millis + " ms");
        try {
          Thread.sleep(millis);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    });
  }
}
