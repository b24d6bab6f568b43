package com.accountingexport.adapters.dynamodb;

import com.accountingexport.core.auth.TenantId;
import com.accountingexport.core.port.SettingsRepository;
import com.accountingexport.core.settings.AutoExport;
import com.accountingexport.core.settings.TenantSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

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

  /** One Query of GSI1 partition {@code AUTOEXPORT#DAY#<dd>} (every page), keys only: no Scan. */
  @Override
  public List<TenantId> autoExportTenants(int dayOfMonth) {
    if (dayOfMonth < 1 || dayOfMonth > AutoExport.LAST_DAY) {
      throw new IllegalArgumentException("dayOfMonth must be 1 to 31, got " + dayOfMonth);
    }
    QueryRequest.Builder query = QueryRequest.builder()
        .tableName(tableName)
        .indexName(TableDefinition.GSI1)
        .keyConditionExpression("#pk = :pk")
        .expressionAttributeNames(Map.of("#pk", TableDefinition.GSI1PK, "#sk", TableDefinition.GSI1SK))
        .expressionAttributeValues(Map.of(":pk", Attrs.s(SettingsItemMapper.autoExportPartition(dayOfMonth))))
        .projectionExpression("#sk");
    List<TenantId> tenants = new ArrayList<>();
    Map<String, AttributeValue> startKey = null;
    do {
      QueryResponse response = dynamo.query(query.exclusiveStartKey(startKey).build());
      response.items().forEach(item -> tenants.add(
          SettingsItemMapper.tenantOfAutoExportSortKey(Attrs.getS(item, TableDefinition.GSI1SK))));
      startKey = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty() ? response.lastEvaluatedKey() : null;
    } while (startKey != null);
    return tenants;
  }
}
