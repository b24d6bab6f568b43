package com.accountingexport.local;

import com.accountingexport.adapters.AwsClients;
import com.accountingexport.adapters.Config;
import com.accountingexport.adapters.Wiring;
import com.accountingexport.adapters.dynamodb.DynamoDocumentRepository;
import com.accountingexport.adapters.dynamodb.DynamoExportRepository;
import com.accountingexport.adapters.dynamodb.DynamoSettingsRepository;
import com.accountingexport.adapters.s3.S3FileStore;
import com.accountingexport.adapters.Notifications;
import com.accountingexport.adapters.sfn.SfnWorkflowStarter;
import com.accountingexport.core.port.WorkflowStarter;
import com.accountingexport.functions.workflow.WorkflowHandler;
import java.util.concurrent.atomic.AtomicReference;
import com.accountingexport.core.port.DocumentRepository;
import com.accountingexport.core.port.ExportRepository;
import com.accountingexport.core.port.FileStore;
import com.accountingexport.core.port.IdGenerator;
import com.accountingexport.functions.cancel.CancelHandler;
import com.accountingexport.functions.documents.DocumentsHandler;
import com.accountingexport.functions.downloads.DownloadsHandler;
import com.accountingexport.functions.exports.ExportsHandler;
import com.accountingexport.functions.settings.SettingsHandler;
import com.accountingexport.functions.webhooks.WebhookDeliveryHandler;
import com.accountingexport.functions.webhooks.WebhooksHandler;
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
  private LocalStepFunctions stepFunctions;
  private LocalStepFunctions webhookStepFunctions;
  private Path dataDirectory;
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
      dataDirectory = dir;
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
    // webhooks: http and loopback receivers allowed (tests, demos), retries from 1 s so that a demo sees them
    Config fromEnv = Config.from(options.env());
    config = config.withWebhooks(options.env().containsKey("WEBHOOK_RETRY_BASE_SECONDS") ? fromEnv.webhookRetryBase()
        : java.time.Duration.ofSeconds(1), !"false".equalsIgnoreCase(options.env().getOrDefault("WEBHOOK_ALLOW_LOOPBACK", "true")));

    ExportRepository exportRepository = new DynamoExportRepository(aws.dynamo(), config.tableName());
    String pause = options.env().get(PAUSE_AFTER_CLAIM);
    if (pause != null && !pause.isBlank()) {
      log.println("[local] " + PAUSE_AFTER_CLAIM + "=" + pause.trim() + ": every claim pauses (crash tests)");
      exportRepository = PortDecorators.pauseAfter(ExportRepository.class, exportRepository, "claimVersions",
          Duration.ofMillis(Long.parseLong(pause.trim())), log);
    }
    DocumentRepository documentRepository = new DynamoDocumentRepository(aws.dynamo(), config.tableName());
    FileStore fileStore = new S3FileStore(aws.s3(), aws.presigner(), config.bucketName());
    String fail = options.env().get(FAIL_METHOD);
    if (fail != null && !fail.isBlank()) {
      String[] target = fail.trim().split("\\.", 2);
      log.println("[local] " + FAIL_METHOD + "=" + fail.trim() + ": every call of it fails (fault tests)");
      switch (target[0]) {
        case "ExportRepository" -> exportRepository = PortDecorators.failing(ExportRepository.class, exportRepository, target[1], log);
        case "DocumentRepository" -> documentRepository = PortDecorators.failing(DocumentRepository.class, documentRepository, target[1], log);
        case "FileStore" -> fileStore = PortDecorators.failing(FileStore.class, fileStore, target[1], log);
        default -> throw new IllegalArgumentException(FAIL_METHOD + " names ExportRepository, DocumentRepository or FileStore");
      }
    }
    AtomicReference<WorkflowHandler> tasks = new AtomicReference<>();
    WorkflowStarter workflows = startWorkflows(tasks);
    wiring = new Wiring(aws, config, clock, IdGenerator.random(),
        documentRepository,
        new DynamoSettingsRepository(aws.dynamo(), config.tableName()),
        exportRepository,
        fileStore, workflows, Notifications.notifier(aws, config));
    tasks.set(new WorkflowHandler(wiring));
    startWebhookDeliveries();
    AwsResources.ensure(aws, config);
    Map<String, RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>> targets = Map.of(
        RouteTable.DOCUMENTS, new DocumentsHandler(wiring),
        RouteTable.EXPORTS, new ExportsHandler(wiring),
        RouteTable.DOWNLOADS, new DownloadsHandler(wiring),
        RouteTable.CANCEL, new CancelHandler(wiring),
        RouteTable.SETTINGS, new SettingsHandler(wiring),
        RouteTable.WEBHOOKS, new WebhooksHandler(wiring),
        RouteTable.LOCAL_TOKEN, new TokenEndpoint(signer),
        RouteTable.LOCAL_EVENTS, new EventsEndpoint(wiring));
    if (options.seedDemo()) {
      try {
        seeded = DemoSeeder.seedIfEmpty(wiring, log);
      } catch (RuntimeException e) {
        log.println("[local] WARNING: the demo tenant could not be seeded: " + e);
      }
    }
    gateway.start(targets);
    resumeUnfinishedExecutions();
    log.printf("[local] serving %s (started in %d ms)%n", baseUrl, (System.nanoTime() - t0) / 1_000_000);
  }

  /**
   * The background workflow: with the emulators, statemachine/generate-export.asl.json run by
   * aws-local-stepfunctions (local/sfn/host.mjs on Node 22) whose Task states call the same
   * {@link WorkflowHandler} as Lambda; with {@code --aws} or AWS_ENDPOINT_URL, Step Functions itself
   * when STATE_MACHINE_ARN is set. Without either, every export runs in its request.
   */
  private WorkflowStarter startWorkflows(AtomicReference<WorkflowHandler> tasks) throws Exception {
    if (options.usesAwsConfiguration()) {
      String arn = options.env().get("STATE_MACHINE_ARN");
      if (arn == null || arn.isBlank()) {
        log.println("[local] no STATE_MACHINE_ARN: every export is generated in its request");
        return null;
      }
      return SfnWorkflowStarter.fromEnvironment(arn);
    }
    Path root = options.repoRoot();
    if (!LocalStepFunctions.installed(root)) {
      log.println("[local] WARNING: aws-local-stepfunctions or Node 22 is not installed in local/node_modules: every"
          + " export is generated in its request. Install them with: npm install --prefix local --no-audit --no-fund"
          + " --no-package-lock (run-local does this).");
      return null;
    }
    double scale = 1.0;
    String scaled = options.env().get(SFN_TIME_SCALE);
    if (scaled != null && !scaled.isBlank()) {
      scale = Double.parseDouble(scaled.trim());
    }
    LocalStepFunctions sfn = LocalStepFunctions.start(LocalStepFunctions.nodeBinary(root), LocalStepFunctions.hostScript(root),
        root.resolve("statemachine").resolve("generate-export.asl.json"),
        dataDirectory.resolve("logs").resolve("sfn-journal.jsonl"),
        payload -> tasks.get().handleRequest(payload, null), log,
        LocalStepFunctions.Config.defaults().withTimeScale(scale));
    started.push(sfn);
    stepFunctions = sfn;
    return sfn;
  }

  /**
   * Each webhook delivery's retry loop: statemachine/deliver-webhook.asl.json run by a second
   * aws-local-stepfunctions host (its own journal in logs/webhooks) whose Attempt task calls the same
   * {@link WebhookDeliveryHandler} as Lambda; with {@code --aws}, Step Functions itself when
   * WEBHOOK_STATE_MACHINE_ARN is set. Without either, a thread of this process runs the same loop.
   */
  private void startWebhookDeliveries() throws Exception {
    WebhookDeliveryHandler task = new WebhookDeliveryHandler(wiring);
    if (options.usesAwsConfiguration()) {
      String arn = options.env().get("WEBHOOK_STATE_MACHINE_ARN");
      if (arn != null && !arn.isBlank()) {
        wiring.useWebhookDispatcher(new com.accountingexport.adapters.webhook.WorkflowWebhookDispatcher(
            SfnWorkflowStarter.fromEnvironment(arn)));
      } else {
        log.println("[local] no WEBHOOK_STATE_MACHINE_ARN: webhook deliveries are retried by this process");
      }
      return;
    }
    Path root = options.repoRoot();
    if (!LocalStepFunctions.installed(root)) {
      log.println("[local] webhook deliveries are retried by this process (no aws-local-stepfunctions)");
      return;
    }
    double scale = 1.0;
    String scaled = options.env().get(SFN_TIME_SCALE);
    if (scaled != null && !scaled.isBlank()) {
      scale = Double.parseDouble(scaled.trim());
    }
    LocalStepFunctions sfn = LocalStepFunctions.start(LocalStepFunctions.nodeBinary(root),
        LocalStepFunctions.hostScript(root), root.resolve("statemachine").resolve("deliver-webhook.asl.json"),
        dataDirectory.resolve("logs").resolve("webhooks").resolve("sfn-journal.jsonl"),
        payload -> task.handleRequest(payload, null), log,
        LocalStepFunctions.Config.defaults()
            .withSubstitutions(Map.of("WebhookDeliveryFunctionArn", LocalStepFunctions.LOCAL_FUNCTION_ARN))
            .withTimeScale(scale));
    started.push(sfn);
    webhookStepFunctions = sfn;
    wiring.useWebhookDispatcher(new com.accountingexport.adapters.webhook.WorkflowWebhookDispatcher(sfn));
  }

  /**
   * After a crash (SIGKILL) mid-way, the journal names the background exports whose execution never
   * ended: each runs again under the same name, its steps going on where the record says they stopped
   * (every step is idempotent), or failing it through the workflow's compensation.
   */
  private void resumeUnfinishedExecutions() {
    if (webhookStepFunctions != null) {
      webhookStepFunctions.unfinished().forEach((name, input) -> {
        log.println("[local] resuming the webhook delivery " + name + " left unfinished by the previous run");
        try {
          webhookStepFunctions.start(name, input);
        } catch (RuntimeException e) {
          log.println("[local] WARNING: could not resume " + name + ": " + e.getMessage());
        }
      });
    }
    if (stepFunctions == null) {
      return;
    }
    stepFunctions.unfinished().forEach((name, input) -> {
      log.println("[local] resuming the background export " + name + " left unfinished by the previous run");
      try {
        stepFunctions.start(name, input);
      } catch (RuntimeException e) {
        log.println("[local] WARNING: could not resume " + name + ": " + e.getMessage());
      }
    });
  }

  /** The local Step Functions host of webhook deliveries, when it runs. */
  public Optional<LocalStepFunctions> webhookStepFunctions() {
    return Optional.ofNullable(webhookStepFunctions);
  }

  /** The local Step Functions host, when it runs. */
  public Optional<LocalStepFunctions> stepFunctions() {
    return Optional.ofNullable(stepFunctions);
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

  /** The firm (tenant {@value #DEMO_FIRM}) serving the demo company: a firm_user token, valid 8 hours. */
  public String demoFirmToken() {
    return signer.issue("demo-firm-user", DEMO_FIRM, "firm_user", "collaborateur@cabinet-demo.fr",
        java.util.List.of(DemoData.TENANT), JwtSigner.DEFAULT_TTL).token();
  }

  /** The demo accounting firm's own tenant. */
  public static final String DEMO_FIRM = "cabinet-demo";

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
    aws.close();
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
   * {@value} (milliseconds): every claim of documents is followed by that pause, so that a crash
   * test can kill the process at a known point of a generation. Local runtime only: the export
   * repository is wrapped in a pausing decorator ({@link PortDecorators}).
   */
  public static final String PAUSE_AFTER_CLAIM = "LOCAL_PAUSE_AFTER_CLAIM_MS";

  /**
   * {@value}: multiplies the workflow's Retry intervals (e.g. {@code 0.01} in tests, so that three
   * retries of 5 s doubling take a fraction of a second); 1 by default.
   */
  public static final String SFN_TIME_SCALE = "LOCAL_SFN_TIME_SCALE";

  /**
   * {@value}: {@code Port.method} (e.g. {@code DocumentRepository.findAll}) whose every call fails
   * with a transient error, through a failing decorator of that port: fault tests of the workflow.
   */
  public static final String FAIL_METHOD = "LOCAL_FAIL_METHOD";
}
