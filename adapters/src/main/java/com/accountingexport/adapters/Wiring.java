package com.accountingexport.adapters;

import com.accountingexport.adapters.dynamodb.DynamoAuditLog;
import com.accountingexport.adapters.dynamodb.DynamoDocumentRepository;
import com.accountingexport.adapters.dynamodb.DynamoExportRepository;
import com.accountingexport.adapters.dynamodb.DynamoExportTemplates;
import com.accountingexport.adapters.dynamodb.DynamoIdempotency;
import com.accountingexport.adapters.dynamodb.DynamoLetterCodes;
import com.accountingexport.adapters.dynamodb.DynamoSettingsRepository;
import com.accountingexport.adapters.dynamodb.DynamoWebhooks;
import com.accountingexport.adapters.http.AuditTrail;
import com.accountingexport.adapters.http.Http;
import com.accountingexport.adapters.http.RightsGuard;
import com.accountingexport.adapters.http.RouteHooks;
import com.accountingexport.adapters.s3.S3FileStore;
import com.accountingexport.adapters.sfn.SfnWorkflowStarter;
import com.accountingexport.adapters.webhook.HttpWebhookTransport;
import com.accountingexport.adapters.webhook.InProcessWebhookDispatcher;
import com.accountingexport.adapters.webhook.WorkflowWebhookDispatcher;
import com.accountingexport.core.audit.AuditLog;
import com.accountingexport.core.audit.AuditService;
import com.accountingexport.core.export.ExportEvents;
import com.accountingexport.core.export.ExportFiles;
import com.accountingexport.core.export.ExportGenerator;
import com.accountingexport.core.export.ExportNotifier;
import com.accountingexport.core.export.ExportRecovery;
import com.accountingexport.core.export.ExportService;
import com.accountingexport.core.export.FiscalYearFec;
import com.accountingexport.core.export.GenerationSteps;
import com.accountingexport.core.format.FormatCatalog;
import com.accountingexport.core.port.DocumentRepository;
import com.accountingexport.core.port.ExportRepository;
import com.accountingexport.core.port.ExportTemplateRepository;
import com.accountingexport.core.port.FileStore;
import com.accountingexport.core.port.IdGenerator;
import com.accountingexport.core.port.IdempotencyStore;
import com.accountingexport.core.port.InvoiceBundles;
import com.accountingexport.core.port.InvoiceBundlesProvider;
import com.accountingexport.core.port.SettingsRepository;
import com.accountingexport.core.port.WorkflowStarter;
import com.accountingexport.core.report.ReportService;
import com.accountingexport.core.service.CompanyService;
import com.accountingexport.core.service.DocumentService;
import com.accountingexport.core.service.ExportPlanner;
import com.accountingexport.core.service.PreviewService;
import com.accountingexport.core.service.SettingsService;
import com.accountingexport.core.service.TemplateService;
import com.accountingexport.core.webhook.WebhookDispatcher;
import com.accountingexport.core.webhook.WebhookRepository;
import com.accountingexport.core.webhook.WebhookService;
import com.accountingexport.core.webhook.WebhookSigner;
import com.accountingexport.core.webhook.WebhookUrlPolicy;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The one place that builds clients, repositories and services. Lambda handlers use
 * {@link #fromEnvironment()}; tests and the local runtime build their own.
 */
public final class Wiring {
  private final AwsClients aws;
  private final Config config;
  private final Clock clock;
  private final IdGenerator ids;
  private final DocumentRepository documentRepository;
  private final SettingsRepository settingsRepository;
  private final SettingsService settings;
  private final DocumentService documents;
  private final ExportPlanner planner;
  private final PreviewService preview;
  private final Http http;
  private final ExportRepository exportRepository;
  private final FileStore fileStore;
  private final ExportService exports;
  private final ExportFiles exportFiles;
  private final GenerationSteps steps;
  private final ExportRecovery recovery;
  private final FiscalYearFec fiscalYearFec;
  /** The invoice PDFs and bundles when the pdf module is on the class path, else null. */
  private final InvoiceBundles bundles;
  private final ExportGenerator generator;
  private final FormatCatalog formats;
  private final TemplateService templates;
  private final ReportService reports;
  private final IdempotencyStore idempotency;
  private final CompanyService companies;
  /** Null when this wiring has no webhook store: no webhook routes, no events. */
  private final WebhookService webhooks;
  private volatile WebhookDispatcher webhookDispatcher;
  private final AuditLog auditLog;
  private final AuditService audit;

  public Wiring(AwsClients aws, Config config, Clock clock, IdGenerator ids) {
    this(aws, config, clock, ids, null, ExportNotifier.NONE);
  }

  /** The DynamoDB and S3 ports, with a background workflow (null: every export runs in its request) and a notifier. */
  public Wiring(AwsClients aws, Config config, Clock clock, IdGenerator ids, WorkflowStarter workflows,
      ExportNotifier notifier) {
    this(aws, config, clock, ids,
        new DynamoDocumentRepository(aws.dynamo(), config.tableName()),
        new DynamoSettingsRepository(aws.dynamo(), config.tableName()),
        new DynamoExportRepository(aws.dynamo(), config.tableName()),
        new LazyFileStore(() -> new S3FileStore(aws.s3(), aws.presigner(), config.bucketName())), workflows, notifier);
  }

  /** For tests: the same services over other implementations of the ports (decorated ones inject faults). */
  public Wiring(AwsClients aws, Config config, Clock clock, IdGenerator ids,
      DocumentRepository documentRepository, SettingsRepository settingsRepository,
      ExportRepository exportRepository, FileStore fileStore) {
    this(aws, config, clock, ids, documentRepository, settingsRepository, exportRepository, fileStore, null,
        ExportNotifier.NONE);
  }

  public Wiring(AwsClients aws, Config config, Clock clock, IdGenerator ids,
      DocumentRepository documentRepository, SettingsRepository settingsRepository,
      ExportRepository exportRepository, FileStore fileStore, WorkflowStarter workflows, ExportNotifier notifier) {
    this(aws, config, clock, ids, documentRepository, settingsRepository, exportRepository, fileStore, workflows, notifier,
        aws == null ? null : new DynamoExportTemplates(aws.dynamo(), config.tableName()));
  }

  /** The same with the tenants' export templates (null: built-in formats only, no template routes). */
  public Wiring(AwsClients aws, Config config, Clock clock, IdGenerator ids,
      DocumentRepository documentRepository, SettingsRepository settingsRepository,
      ExportRepository exportRepository, FileStore fileStore, WorkflowStarter workflows, ExportNotifier notifier,
      ExportTemplateRepository templateRepository) {
    this(aws, config, clock, ids, documentRepository, settingsRepository, exportRepository, fileStore, workflows, notifier,
        templateRepository, aws == null ? null : new DynamoWebhooks(aws.dynamo(), config.tableName()));
  }

  /** The same with the webhooks' store (null: no webhook routes, export events go nowhere). */
  public Wiring(AwsClients aws, Config config, Clock clock, IdGenerator ids,
      DocumentRepository documentRepository, SettingsRepository settingsRepository,
      ExportRepository exportRepository, FileStore fileStore, WorkflowStarter workflows, ExportNotifier notifier,
      ExportTemplateRepository templateRepository, WebhookRepository webhookRepository) {
    this.aws = aws;
    this.config = config;
    this.clock = clock;
    this.ids = ids;
    this.documentRepository = documentRepository;
    this.settingsRepository = settingsRepository;
    this.settings = new SettingsService(settingsRepository);
    this.documents = new DocumentService(documentRepository, settings, clock);
    this.planner = new ExportPlanner(documentRepository);
    this.preview = new PreviewService(planner, settings, clock);
    this.exportRepository = exportRepository;
    this.fileStore = fileStore;
    this.idempotency = aws == null ? new MemoryIdempotency()
        : new DynamoIdempotency(aws.dynamo(), config.tableName(), clock);
    this.webhookDispatcher = new InProcessWebhookDispatcher(this::webhooks);
    this.webhooks = webhookRepository == null ? null : new WebhookService(webhookRepository,
        config.webhookAllowLoopback() ? WebhookUrlPolicy.local() : WebhookUrlPolicy.aws(),
        new WebhookSigner(new SecureRandom()),
        (tenant, webhookId, deliveryId) -> webhookDispatcher.dispatch(tenant, webhookId, deliveryId),
        new HttpWebhookTransport(), clock, ids,
        new WebhookService.Options(config.webhookRetryBase(), java.time.Duration.ofHours(24)));
    ExportEvents events = webhooks == null ? ExportEvents.NONE : webhooks;
    this.formats = new FormatCatalog(templateRepository);
    this.templates = templateRepository == null ? null : new TemplateService(templateRepository, settings, ids, clock);
    this.exportFiles = new ExportFiles(fileStore, aws == null ? null : new DynamoLetterCodes(aws.dynamo(), config.tableName()),
        formats);
    this.exports = new ExportService(exportRepository, settings, exportFiles, clock,
        new ExportService.Options(config.downloadUrlTtl()), events);
    this.bundles = InvoiceBundlesProvider.load(documentRepository, settings, exportFiles, config.downloadUrlTtl())
        .orElse(null);
    this.steps = new GenerationSteps(exportRepository, documentRepository, planner, settings, exportFiles, notifier, clock,
        new GenerationSteps.Options(config.exportLease(), GenerationSteps.Options.defaults().stepBudget()), bundles,
        events);
    this.recovery = new ExportRecovery(exportRepository, clock);
    this.fiscalYearFec = new FiscalYearFec(exportRepository, settings, exportFiles, clock, config.downloadUrlTtl());
    this.reports = new ReportService(planner, documents, settings, exportFiles, exports, exportRepository, clock,
        config.downloadUrlTtl());
    this.generator = new ExportGenerator(exportRepository, planner, settings, exportFiles, steps, recovery, workflows,
        clock, ids, config.exportLease(), bundles);
    this.companies = new CompanyService(settings, documents);
    this.auditLog = aws == null ? new MemoryAuditLog() : new DynamoAuditLog(aws.dynamo(), config.tableName());
    this.audit = new AuditService(auditLog);
    this.http = new Http(routeHooks());
  }

  /** What runs around every route, in order: rights before the route; the audit log after it. */
  private List<RouteHooks> routeHooks() {
    List<RouteHooks> hooks = new ArrayList<>();
    hooks.add(new RightsGuard(settings)); // first: nothing runs for a refused caller
    // last: its after() sees every answer, refusals of the guard included
    hooks.add(new AuditTrail(auditLog, clock));
    return hooks;
  }

  /**
   * Lambda's wiring: the DynamoDB, S3 and SES clients of the environment; the background workflow
   * when {@code STATE_MACHINE_ARN} is set (the exports and events functions), else every export
   * runs in its request.
   */
  public static Wiring fromEnvironment() {
    AwsClients aws = AwsClients.fromEnvironment();
    Config config = Config.fromEnvironment();
    String stateMachine = System.getenv("STATE_MACHINE_ARN");
    WorkflowStarter workflows = stateMachine == null || stateMachine.isBlank() ? null
        : SfnWorkflowStarter.fromEnvironment(stateMachine);
    Wiring wiring = new Wiring(aws, config, Clock.systemUTC(), IdGenerator.random(), workflows,
        Notifications.notifier(aws, config));
    String webhookMachine = System.getenv("WEBHOOK_STATE_MACHINE_ARN");
    if (webhookMachine != null && !webhookMachine.isBlank()) {
      wiring.useWebhookDispatcher(new WorkflowWebhookDispatcher(
          SfnWorkflowStarter.fromEnvironment(webhookMachine)));
    }
    return wiring;
  }

  /** {@code /webhooks}: subscriptions, and each delivery's attempts. */
  public WebhookService webhooks() {
    if (webhooks == null) {
      throw new IllegalStateException("this wiring has no webhook store");
    }
    return webhooks;
  }

  /**
   * Who runs a new delivery's retry loop: the deliver-webhook state machine (WEBHOOK_STATE_MACHINE_ARN
   * in AWS, the local host in the local runtime), set once at start-up because that machine calls back
   * into this wiring; until then (and in tests) a thread of this process.
   */
  public void useWebhookDispatcher(WebhookDispatcher dispatcher) {
    this.webhookDispatcher = Objects.requireNonNull(dispatcher, "dispatcher");
  }

  /** {@code GET /tenants}: the companies a caller (a firm user above all) may act on. */
  public CompanyService companies() {
    return companies;
  }

  /** The Idempotency-Key claims of {@code POST /documents/batch}. */
  public IdempotencyStore idempotency() {
    return idempotency;
  }

  /** Every tenant's audit log (DynamoDB, or in memory without AWS clients). */
  public AuditLog auditLog() {
    return auditLog;
  }

  /** {@code GET /audit} and the audit log's chain check. */
  public AuditService audit() {
    return audit;
  }

  /** {@code /reports/…}, {@code /lists/…} and the report kinds of export files. */
  public ReportService reports() {
    return reports;
  }

  /** The formats a tenant may name: built-in ones and its templates. */
  public FormatCatalog formats() {
    return formats;
  }

  /** {@code /export-templates}; null when this wiring has no template repository. */
  public TemplateService templates() {
    if (templates == null) {
      throw new IllegalStateException("this wiring has no export templates");
    }
    return templates;
  }

  public AwsClients aws() {
    return aws;
  }

  public Config config() {
    return config;
  }

  public Clock clock() {
    return clock;
  }

  public DocumentService documents() {
    return documents;
  }

  public SettingsService settings() {
    return settings;
  }

  public PreviewService preview() {
    return preview;
  }

  public ExportPlanner planner() {
    return planner;
  }

  public DocumentRepository documentRepository() {
    return documentRepository;
  }

  public IdGenerator ids() {
    return ids;
  }

  public ExportService exports() {
    return exports;
  }

  /** POST /exports: opens an export and runs or starts its generation. */
  public ExportGenerator generator() {
    return generator;
  }

  /** The generation's steps (the workflow's tasks). */
  public GenerationSteps steps() {
    return steps;
  }

  public FiscalYearFec fiscalYearFec() {
    return fiscalYearFec;
  }

  public ExportRecovery recovery() {
    return recovery;
  }

  public ExportRepository exportRepository() {
    return exportRepository;
  }

  public FileStore fileStore() {
    return fileStore;
  }

  public Http http() {
    return http;
  }
}
