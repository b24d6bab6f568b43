package com.accountingexport.adapters.dynamodb;

import static com.accountingexport.adapters.dynamodb.Attrs.getBool;
import static com.accountingexport.adapters.dynamodb.Attrs.getInstant;
import static com.accountingexport.adapters.dynamodb.Attrs.getList;
import static com.accountingexport.adapters.dynamodb.Attrs.getLong;
import static com.accountingexport.adapters.dynamodb.Attrs.getS;
import static com.accountingexport.adapters.dynamodb.Attrs.putInstant;
import static com.accountingexport.adapters.dynamodb.Attrs.putS;

import com.accountingexport.core.auth.TenantId;
import com.accountingexport.core.format.ExportTemplate;
import com.accountingexport.core.port.ExportTemplateRepository;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * Export templates, one item each: {@code PK = T#<tenant>#TEMPLATES}, {@code SK = TEMPLATE#<id>}, so
 * that a tenant's list is one Query. A new template is written only if its id is free, a change only
 * if the stored version is the one it revises (two admins editing at once: the second gets 409).
 */
public final class DynamoExportTemplates implements ExportTemplateRepository {
  private static final String SK_PREFIX = "TEMPLATE#";

  private final DynamoDbClient dynamo;
  private final String tableName;

  public DynamoExportTemplates(DynamoDbClient dynamo, String tableName) {
    this.dynamo = Objects.requireNonNull(dynamo, "dynamo");
    this.tableName = Objects.requireNonNull(tableName, "tableName");
  }

  static String pk(TenantId tenant) {
    return "T#" + tenant.value() + "#TEMPLATES";
  }

  private static Map<String, AttributeValue> key(TenantId tenant, String id) {
    return Map.of(TableDefinition.PK, Attrs.s(pk(tenant)), TableDefinition.SK, Attrs.s(SK_PREFIX + id));
  }

  @Override
  public List<ExportTemplate> list(TenantId tenant) {
    List<ExportTemplate> all = new ArrayList<>();
    DynamoCalls.queryAll(dynamo, QueryRequest.builder()
        .tableName(tableName)
        .consistentRead(true)
        .keyConditionExpression("#pk = :pk AND begins_with(#sk, :sk)")
        .expressionAttributeNames(Map.of("#pk", TableDefinition.PK, "#sk", TableDefinition.SK))
        .expressionAttributeValues(Map.of(":pk", Attrs.s(pk(tenant)), ":sk", Attrs.s(SK_PREFIX))),
        item -> all.add(toTemplate(item)));
    all.sort(Comparator.comparing(ExportTemplate::name, String.CASE_INSENSITIVE_ORDER).thenComparing(ExportTemplate::id));
    return all;
  }

  @Override
  public Optional<ExportTemplate> find(TenantId tenant, String id) {
    if (id == null || !id.startsWith(ExportTemplate.ID_PREFIX) || id.length() > 64) {
      return Optional.empty();
    }
    Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(tableName).key(key(tenant, id))
        .consistentRead(true)).item();
    return item == null || item.isEmpty() ? Optional.empty() : Optional.of(toTemplate(item));
  }

  @Override
  public boolean save(TenantId tenant, ExportTemplate t) {
    Map<String, AttributeValue> item = new HashMap<>(key(tenant, t.id()));
    putS(item, "id", t.id());
    putS(item, "name", t.name());
    putS(item, "description", t.description());
    List<AttributeValue> columns = new ArrayList<>();
    for (ExportTemplate.Column c : t.columns()) {
      Map<String, AttributeValue> m = new HashMap<>();
      putS(m, "field", c.field());
      putS(m, "header", c.header());
      columns.add(Attrs.m(m));
    }
    item.put("columns", Attrs.l(columns));
    putS(item, "separator", String.valueOf(t.separator()));
    putS(item, "decimalMark", String.valueOf(t.decimalMark()));
    putS(item, "datePattern", t.datePattern());
    putS(item, "encoding", t.encoding());
    putS(item, "quoting", t.quoting());
    item.put("header", Attrs.bool(t.header()));
    item.put("version", Attrs.n(t.version()));
    putInstant(item, "createdAt", t.createdAt());
    putInstant(item, "updatedAt", t.updatedAt());
    try {
      if (t.version() == 1) {
        dynamo.putItem(r -> r.tableName(tableName).item(item).conditionExpression("attribute_not_exists(#pk)")
            .expressionAttributeNames(Map.of("#pk", TableDefinition.PK)));
      } else {
        dynamo.putItem(r -> r.tableName(tableName).item(item).conditionExpression("#v = :previous")
            .expressionAttributeNames(Map.of("#v", "version"))
            .expressionAttributeValues(Map.of(":previous", Attrs.n(t.version() - 1))));
      }
      return true;
    } catch (ConditionalCheckFailedException taken) {
      return false;
    }
  }

  @Override
  public boolean delete(TenantId tenant, String id) {
    Map<String, AttributeValue> old = dynamo.deleteItem(r -> r.tableName(tableName).key(key(tenant, id))
        .returnValues(ReturnValue.ALL_OLD)).attributes();
    return old != null && !old.isEmpty();
  }

  static ExportTemplate toTemplate(Map<String, AttributeValue> item) {
    List<ExportTemplate.Column> columns = new ArrayList<>();
    List<AttributeValue> stored = getList(item, "columns");
    if (stored != null) {
      for (AttributeValue v : stored) {
        columns.add(new ExportTemplate.Column(getS(v.m(), "field"), getS(v.m(), "header")));
      }
    }
    Long version = getLong(item, "version");
    return new ExportTemplate(getS(item, "id"), getS(item, "name"), getS(item, "description"), columns,
        getS(item, "separator").charAt(0), getS(item, "decimalMark").charAt(0), getS(item, "datePattern"),
        getS(item, "encoding"), getS(item, "quoting"), getBool(item, "header", true), version == null ? 1 : version,
        getInstant(item, "createdAt"), getInstant(item, "updatedAt"));
  }
}
