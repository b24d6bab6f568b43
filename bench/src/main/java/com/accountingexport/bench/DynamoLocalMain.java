package com.accountingexport.bench;

import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

/** DynamoDB Local in memory on the port given, in a JVM of its own (the benches' child process). */
public final class DynamoLocalMain {
  private DynamoLocalMain() {}

  public static void main(String[] args) throws Exception {
    DynamoDBProxyServer server = ServerRunner.createServerFromCommandLineArgs(
        new String[] {"-inMemory", "-port", args[0], "-disableTelemetry"});
    server.start();
    server.join();
  }
}
