package com.accountingexport.local;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

/** DynamoDB Local 3.x as an HTTP server inside this JVM, in memory or on files (one shared db). */
final class DynamoDbLocalServer implements AutoCloseable {
  private final DynamoDBProxyServer server;
  private final int port;

  private DynamoDbLocalServer(DynamoDBProxyServer server, int port) {
    this.server = server;
    this.port = port;
  }

  /** Starts on a free port; {@code dbPath} null = in memory. */
  static DynamoDbLocalServer start(Path dbPath) throws Exception {
    int port = FreePorts.next();
    String[] args;
    if (dbPath == null) {
      args = new String[] {"-port", String.valueOf(port), "-inMemory", "-disableTelemetry"};
    } else {
      Files.createDirectories(dbPath);
      args = new String[] {"-port", String.valueOf(port), "-sharedDb", "-dbPath", dbPath.toString(), "-disableTelemetry"};
    }
    DynamoDBProxyServer server = ServerRunner.createServerFromCommandLineArgs(args);
    server.start();
    return new DynamoDbLocalServer(server, port);
  }

  URI endpoint() {
    return URI.create("http://localhost:" + port);
  }

  @Override
  public void close() throws Exception {
    server.stop();
  }
}
