package com.accountingexport.bench;

import com.accountingexport.adapters.dynamodb.TableDefinition;
import com.accountingexport.adapters.testing.LocalDynamo;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Each function's shaded jar: its size, and a fresh JVM holding only that jar (plus the probe)
 * building its handler and serving one request against DynamoDB Local (wall time of the whole
 * process included). A jar that lacks a class it needs fails its probe.
 *
 * <pre>java -cp ... com.accountingexport.bench.ColdStartBench   (after mvn package)</pre>
 */
public final class ColdStartBench {
  private record Probe(String function, String handler, String route, String path, String params, String note) {}

  private static final List<Probe> PROBES = List.of(
      new Probe("documents", "com.accountingexport.functions.documents.DocumentsHandler", "GET /documents", "/documents", null, null),
      new Probe("settings", "com.accountingexport.functions.settings.SettingsHandler", "GET /settings", "/settings", null, null),
      new Probe("cancel", "com.accountingexport.functions.cancel.CancelHandler", "POST /exports/{exportId}/cancel",
          "/exports/none/cancel", "exportId=none", null),
      new Probe("exports", "com.accountingexport.functions.exports.ExportsHandler", "GET /exports", "/exports", null, null),
      new Probe("downloads", "com.accountingexport.functions.downloads.DownloadsHandler", "GET /exports/{exportId}/files/{kind}",
          "/exports/none/files/journal", "exportId=none;kind=journal", null),
      new Probe("workflow", "com.accountingexport.functions.workflow.WorkflowHandler", "step:recover", "", null, null),
      new Probe("events", "com.accountingexport.functions.events.EventsHandler", "event:period-closed", "", null, null));

  public static void main(String[] args) throws Exception {
    Path root = Path.of("").toAbsolutePath();
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process dynamo = new ProcessBuilder(javaBin, "-cp", System.getProperty("java.class.path"), DynamoLocalMain.class.getName(),
        String.valueOf(port)).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    // System.exit below skips finally blocks: the hook ends the child whatever the way out
    Runtime.getRuntime().addShutdownHook(new Thread(dynamo::destroyForcibly));
    try {
      URI endpoint = URI.create("http://127.0.0.1:" + port);
      DynamoDbClient client = LocalDynamo.newClient(endpoint);
      for (int i = 0; ; i++) {
        try {
          client.listTables();
          break;
        } catch (RuntimeException notYet) {
          if (i > 300) {
            throw notYet;
          }
          Thread.sleep(100);
        }
      }
      TableDefinition.createIfMissing(client, "coldstart");
      System.out.printf("%-10s %10s %10s %14s %12s  %s%n", "function", "jar MiB", "init ms", "1st request ms", "process ms", "answer");
      boolean allOk = true;
      for (Probe p : PROBES) {
        Path jar = root.resolve("functions").resolve(p.function()).resolve("target").resolve(p.function() + ".jar");
        List<String> cmd = new java.util.ArrayList<>(List.of(javaBin, "-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1",
            "-cp", root.resolve("bench/target/classes") + ":" + jar, ColdStartProbe.class.getName(), p.handler(),
            p.route(), p.path()));
        if (p.params() != null) {
          cmd.add(p.params());
        }
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("AWS_ENDPOINT_URL", endpoint.toString());
        pb.environment().put("AWS_REGION", "eu-west-3");
        pb.environment().put("AWS_ACCESS_KEY_ID", "local");
        pb.environment().put("AWS_SECRET_ACCESS_KEY", "local");
        pb.environment().put("TABLE_NAME", "coldstart");
        pb.environment().put("BUCKET_NAME", "coldstart");
        pb.environment().remove("STATE_MACHINE_ARN");
        long t0 = System.nanoTime();
        Process probe = pb.start();
        String result = null;
        StringBuilder all = new StringBuilder();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(probe.getInputStream(), StandardCharsets.UTF_8))) {
          for (String line; (line = r.readLine()) != null; ) {
            all.append(line).append('\n');
            if (line.startsWith("RESULT coldstart")) {
              result = line;
            }
          }
        }
        int rc = probe.waitFor();
        long wall = (System.nanoTime() - t0) / 1_000_000;
        double mib = Files.size(jar) / 1048576.0;
        if (rc != 0 || result == null) {
          allOk = false;
          System.out.printf("%-10s %10.1f FAILED (exit %d):%n%s%n", p.function(), mib, rc, all);
          continue;
        }
        String init = field(result, "initMs");
        String first = field(result, "firstRequestMs");
        String answer = result.substring(result.indexOf("answer=") + 7);
        System.out.printf("%-10s %10.1f %10s %14s %12d  %s%n", p.function(), mib, init, first, wall,
            answer.length() > 60 ? answer.substring(0, 60) : answer);
        System.out.printf(java.util.Locale.ROOT, "RESULT jar function=%s mib=%.1f initMs=%s firstRequestMs=%s processMs=%d%n",
            p.function(), mib, init, first, wall);
      }
      System.exit(allOk ? 0 : 1);
    } finally {
      dynamo.destroyForcibly();
    }
  }

  private static String field(String line, String name) {
    for (String part : line.split(" ")) {
      if (part.startsWith(name + "=")) {
        return part.substring(name.length() + 1);
      }
    }
    return "?";
  }
}
