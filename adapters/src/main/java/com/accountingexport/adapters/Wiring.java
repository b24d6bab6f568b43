package com.accountingexport.adapters;

import com.accountingexport.adapters.dynamodb.DynamoDocumentRepository;
import com.accountingexport.adapters.dynamodb.DynamoSettingsRepository;
import com.accountingexport.adapters.dynamodb.DynamoExportRepository;
import com.accountingexport.adapters.s3.S3FileStore;
import com.accountingexport.core.export.ExportService;
import com.accountingexport.core.port.DocumentRepository;
import com.accountingexport.core.port.ExportRepository;
import com.accountingexport.core.port.FileStore;
import com.accountingexport.core.port.IdGenerator;
import com.accountingexport.core.port.SettingsRepository;
import com.accountingexport.adapters.http.Http;
import com.accountingexport.core.service.DocumentService;
import com.accountingexport.core.service.ExportPlanner;
import com.accountingexport.core.service.PreviewService;
import com.accountingexport.core.service.SettingsService;
import java.time.Clock;

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
  private final Http http = new Http();
  private final ExportRepository exportRepository;
  private final FileStore fileStore;
  private final ExportService exports;

  public Wiring(AwsClients aws, Config config, Clock clock, IdGenerator ids) {
    this(aws, config, clock, ids,
        new DynamoDocumentRepository(aws.dynamo(), config.tableName()),
        new DynamoSettingsRepository(aws.dynamo(), config.tableName()),
        new DynamoExportRepository(aws.dynamo(), config.tableName()),
        new S3FileStore(aws.s3(), aws.presigner(), config.bucketName()));
  }

  /** For tests: the same services over other implementations of the ports. */
  public Wiring(AwsClients aws, Config config, Clock clock, IdGenerator ids,
      DocumentRepository documentRepository, SettingsRepository settingsRepository,
      ExportRepository exportRepository, FileStore fileStore) {
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
    this.exports = new ExportService(exportRepository, planner, settings, fileStore, clock, ids,
        new ExportService.Options(config.exportLease(), config.downloadUrlTtl()));
  }

  public static Wiring fromEnvironment() {
    return new Wiring(AwsClients.fromEnvironment(), Config.fromEnvironment(), Clock.systemUTC(), IdGenerator.random());
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
