package com.accountingexport.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.accountingexport.adapters.AwsClients;
import com.accountingexport.adapters.Config;
import com.accountingexport.adapters.dynamodb.DynamoDocumentRepository;
import com.accountingexport.core.auth.TenantId;
import com.accountingexport.core.document.Document;
import com.accountingexport.core.document.StoredDocument;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.containers.localstack.LocalStackContainer.Service;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;
import software.amazon.awssdk.regions.Region;

/**
 * The runtime's {@code --aws} path against LocalStack: the table and the bucket are created by the
 * same code ({@link AwsResources#ensure}), twice without harm, and a document makes the round trip
 * through the DynamoDB repository. Skipped where there is no Docker engine.
 */
@Testcontainers(disabledWithoutDocker = true)
class LocalStackIT {
  @Container
  static final LocalStackContainer LOCALSTACK = new LocalStackContainer(DockerImageName.parse("localstack/localstack:4"))
      .withServices(Service.DYNAMODB, Service.S3);

  @Test
  void ensure_shouldCreateTableAndBucket_andTheRepositoryShouldRoundTripADocument() {
    // given
    AwsClients aws = AwsClients.forEndpoints(LOCALSTACK.getEndpoint(), LOCALSTACK.getEndpoint(), LOCALSTACK.getEndpoint(),
        Region.of(LOCALSTACK.getRegion()));
    Config config = new Config("localstack-it", "localstack-it-files", "it@example.org", Duration.ofMinutes(15), "http://localhost:3000", Duration.ofMinutes(5));

    // when
    AwsResources.ensure(aws, config);
    AwsResources.ensure(aws, config);

    // then
    aws.s3().headBucket(b -> b.bucket(config.bucketName()));
    aws.dynamo().describeTable(b -> b.tableName(config.tableName()));
    TenantId tenant = new TenantId("localstack");
    Document doc = DemoData.generate(LocalDate.of(2026, 6, 30)).get(0);
    DynamoDocumentRepository repository = new DynamoDocumentRepository(aws.dynamo(), config.tableName());
    repository.upsert(tenant, doc, Instant.parse("2026-06-30T12:00:00Z"));
    StoredDocument back = repository.find(tenant, doc.id()).orElseThrow();
    assertEquals(doc.id(), back.document().id());
    assertEquals(doc.type(), back.document().type());
    assertEquals(doc.number(), back.document().number());
    assertEquals(doc.date(), back.document().date());
    assertEquals(0, doc.totals().gross().compareTo(back.document().totals().gross()));
    assertEquals(doc.lines().size(), back.document().lines().size());
    assertEquals(true, repository.find(new TenantId("someone-else"), doc.id()).isEmpty());
  }
}
