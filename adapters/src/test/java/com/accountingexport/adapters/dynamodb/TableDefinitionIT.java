package com.accountingexport.adapters.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.accountingexport.adapters.testing.LocalDynamo;
import java.util.List;
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
    assertEquals(1, d.globalSecondaryIndexes().size());
    GlobalSecondaryIndexDescription gsi = d.globalSecondaryIndexes().get(0);
    assertEquals(TableDefinition.GSI1, gsi.indexName());
    assertEquals(List.of("GSI1PK", "GSI1SK"), gsi.keySchema().stream().map(KeySchemaElement::attributeName).toList());
    assertEquals(ProjectionType.ALL, gsi.projection().projectionType());
  }
}
