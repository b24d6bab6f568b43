package com.accountingexport.adapters.dynamodb;

import com.accountingexport.core.auth.TenantId;
import com.accountingexport.core.port.SettingsRepository;
import com.accountingexport.core.settings.TenantSettings;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** One settings item per tenant ({@link SettingsItemMapper} has the layout); last write wins. */
public final class DynamoSettingsRepository implements SettingsRepository {
  private final DynamoDbClient dynamo;
  private final String tableName;

  public DynamoSettingsRepository(DynamoDbClient dynamo, String tableName) {
    this.dynamo = Objects.requireNonNull(dynamo, "dynamo");
    this.tableName = Objects.requireNonNull(tableName, "tableName");
  }

  @Override
  public Optional<TenantSettings> find(TenantId tenant) {
    Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(tableName)
        .key(SettingsItemMapper.key(tenant))
        .consistentRead(true)).item();
    return item == null || item.isEmpty() ? Optional.empty() : Optional.of(SettingsItemMapper.toSettings(item));
  }

  @Override
  public void save(TenantId tenant, TenantSettings settings) {
    dynamo.putItem(r -> r.tableName(tableName).item(SettingsItemMapper.toItem(tenant, settings)));
  }
}
