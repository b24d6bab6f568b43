package com.accountingexport.adapters.dynamodb;

import com.accountingexport.core.auth.TenantId;
import com.accountingexport.core.document.Document;
import com.accountingexport.core.document.StoredDocument;
import com.accountingexport.core.period.Period;
import com.accountingexport.core.port.DocumentRepository;
import com.accountingexport.core.port.Page;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Placeholder: being written. */
public final class DynamoDocumentRepository implements DocumentRepository {
  public DynamoDocumentRepository(DynamoDbClient dynamo, String tableName) {}

  @Override
  public StoredDocument upsert(TenantId tenant, Document document, Instant now) {
    throw new UnsupportedOperationException();
  }

  @Override
  public Optional<StoredDocument> find(TenantId tenant, String documentId) {
    throw new UnsupportedOperationException();
  }

  @Override
  public Map<String, StoredDocument> findAll(TenantId tenant, Collection<String> ids) {
    throw new UnsupportedOperationException();
  }

  @Override
  public Page<StoredDocument> list(TenantId tenant, Period period, Predicate<StoredDocument> filter, String cursor, int limit) {
    throw new UnsupportedOperationException();
  }
}
