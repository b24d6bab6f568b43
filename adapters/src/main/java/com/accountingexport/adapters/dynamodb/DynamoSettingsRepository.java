package com.accountingexport.adapters.dynamodb;

import com.accountingexport.core.auth.TenantId;
import com.accountingexport.core.port.SettingsRepository;
import com.accountingexport.core.settings.TenantSettings;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Placeholder: being written. */
public final class DynamoSettingsRepository implements SettingsRepository {
  public DynamoSettingsRepository(DynamoDbClient dynamo, String tableName) {}

  @Override
  public Optional<TenantSettings> find(TenantId tenant) {
    throw new UnsupportedOperationException();
  }

  @Override
  public void save(TenantId tenant, TenantSettings settings) {
    throw new UnsupportedOperationException();
  }
}
