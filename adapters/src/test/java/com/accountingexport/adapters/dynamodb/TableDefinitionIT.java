package com.accountingexport.adapters.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.accountingexport.adapters.testing.LocalDynamo;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

class TableDefinitionIT {

  @Test
  void createIfMissing_shouldCreateTheSingleTableOnce_whenCalledTwice() {
    // given
    LocalDynamo local = LocalDynamo.get();
    DynamoDbClient dynamo = local.client();
    String table = local.newTable();

    // when
    TableDefinition.createIfMissing(dynamo, table);

    // then
    TableDescription d = dynamo.describeTable(r -> r.tableName(table)).table();
    assertEquals(TableStatus.ACTIVE, d.tableStatus());
    assertEquals(List.of("PK", "SK"), d.keySchema().stream().map(KeySchemaElement::attributeName).toList());
    Map<String, GlobalSecondaryIndexDescription> indexes = d.globalSecondaryIndexes().stream()
        .collect(Collectors.toMap(GlobalSecondaryIndexDescription::indexName, i -> i));
    assertEquals(Set.of(TableDefinition.GSI1, TableDefinition.GSI2), indexes.keySet());
    assertIndex(indexes.get(TableDefinition.GSI1), "GSI1PK", "GSI1SK");
    assertIndex(indexes.get(TableDefinition.GSI2), "GSI2PK", "GSI2SK");
  }

  private static void assertIndex(GlobalSecondaryIndexDescription gsi, String partitionKey, String sortKey) {
    assertEquals(List.of(partitionKey, sortKey), gsi.keySchema().stream().map(KeySchemaElement::attributeName).toList());
    assertEquals(ProjectionType.ALL, gsi.projection().projectionType());
  }
}
