package com.accountingexport.adapters.dynamodb;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Placeholder: being written. */
public final class TableDefinition {
  private TableDefinition() {}

  public static void createIfMissing(DynamoDbClient dynamo, String tableName) {
    throw new UnsupportedOperationException();
  }
}
