package com.accountingexport.bench;

import com.accountingexport.adapters.AwsClients;
import com.accountingexport.adapters.Config;
import com.accountingexport.adapters.Wiring;
import com.accountingexport.adapters.dynamodb.DocumentItemMapper;
import com.accountingexport.adapters.dynamodb.TableDefinition;
import com.accountingexport.adapters.testing.LocalDynamo;
import com.accountingexport.adapters.testing.LocalS3;
import com.accountingexport.core.auth.Caller;
import com.accountingexport.core.auth.Role;
import com.accountingexport.core.auth.TenantId;
import com.accountingexport.core.document.Document;
import com.accountingexport.core.export.Export;
import com.accountingexport.core.export.ExportGenerator;
import com.accountingexport.core.export.ExportNotifier;
import com.accountingexport.core.export.ExportStatus;
import com.accountingexport.core.export.GenerationJob;
import com.accountingexport.core.export.GenerationSteps;
import com.accountingexport.core.fakes.TestDocuments;
import com.accountingexport.core.service.Selection;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Issue #7's benchmark: a background export of N documents on DynamoDB Local, end to end through
 * the workflow's steps (open, claim pages until finished, render, seal, notify — what the state
 * machine runs, driven here in one process), against bare TransactWriteItems claiming the same N
 * items (100 conditional updates per call, nothing else) in the same run. Goal: the export's
 * throughput is at least half the bare claims'. Then the peak heap of each step.
 *
 * <p>DynamoDB Local runs in a child JVM, so the heap measured is the generation's own (plus
 * S3Mock's baseline, measured before and reported apart).
 *
 * <pre>java -Xmx512m -cp ... com.accountingexport.bench.BackgroundExportBench [--documents 50000]</pre>
 */
public final class BackgroundExportBench {
  private static final TenantId TENANT = new TenantId("bench");
  private static final Caller ADMIN = new Caller(TENANT, "bench", Role.COMPANY_ADMIN, "bench@example.fr");

  public static void main(String[] args) throws Exception {
    int n = new Args(args).integer("documents", 50_000);
    Process dynamoProcess = startDynamoChild();
    // System.exit below skips finally blocks: the hook ends the child whatever the way out
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      dynamoProcess.descendants().forEach(ProcessHandle::destroyForcibly);
      dynamoProcess.destroyForcibly();
    }));
    try {
      URI dynamoEndpoint = URI.create("http://127.0.0.1:" + dynamoPort);
      awaitDynamo(dynamoEndpoint);
      DynamoDbClient dynamo = LocalDynamo.newClient(dynamoEndpoint);
      String table = "bench-" + UUID.randomUUID();
      TableDefinition.createIfMissing(dynamo, table);
      String bucket = LocalS3.get().newBucket();
      AwsClients aws = new AwsClients(dynamo, LocalS3.get().s3(), LocalS3.get().presigner(), null);
      Config config = new Config(table, bucket, "bench@example.fr", Duration.ofMinutes(15), "http://localhost",
          Duration.ofMinutes(5));
      AtomicReference<GenerationJob> started = new AtomicReference<>();
      Wiring wiring = new Wiring(aws, config, Clock.systemUTC(), () -> UUID.randomUUID().toString(),
          (name, input) -> started.set(new GenerationJob(new TenantId((String) input.get("tenant")),
              (String) input.get("exportId"), (String) input.get("requester"), (String) input.get("lock"))),
          ExportNotifier.NONE);

      long t0 = System.nanoTime();
      List<String> ids = seed(wiring, n);
      System.out.printf("seeded %,d documents in %.1f s%n", n, (System.nanoTime() - t0) / 1e9);

      // baseline: the same items claimed by bare TransactWriteItems (an attribute of its own, so that
      // the export can claim them afterwards)
      long b0 = System.nanoTime();
      bareClaims(dynamo, table, ids);
      double bareSeconds = (System.nanoTime() - b0) / 1e9;

      // the export, step by step as the workflow runs it, with the heap watched per step
      Map<String, long[]> heap = new LinkedHashMap<>();
      long baseline = HeapSampler.liveNow();
      long e0 = System.nanoTime();
      Selection all = new Selection(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31), List.of(), List.of(), true, false);
      ExportGenerator.Generated opened = measure(heap, "open", () -> wiring.generator().generate(ADMIN,
          new ExportGenerator.GenerateRequest(all, null, null, null, "bench")));
      if (!opened.background()) {
        throw new IllegalStateException("expected a background export: raise N above the threshold");
      }
      GenerationJob job = started.get();
      GenerationSteps steps = wiring.steps();
      int[] claimSteps = {0};
      measure(heap, "claim", () -> {
        GenerationSteps.StepResult r;
        do {
          r = steps.claim(job);
          claimSteps[0]++;
        } while (!r.finished());
        return r;
      });
      measure(heap, "render", () -> steps.render(job));
      measure(heap, "seal", () -> steps.seal(job));
      measure(heap, "notify", () -> steps.notify(job, ExportNotifier.READY));
      double exportSeconds = (System.nanoTime() - e0) / 1e9;
      Export e = wiring.exportRepository().find(TENANT, job.exportId()).orElseThrow();
      if (e.status() != ExportStatus.READY || e.documentCount() != n) {
        throw new IllegalStateException("the export did not hold every document: " + e.status() + " " + e.documentCount());
      }

      double bareRate = n / bareSeconds;
      double exportRate = n / exportSeconds;
      double ratio = exportRate / bareRate;
      System.out.printf("%nbare TransactWriteItems claims: %,d items in %.2f s (%,.0f /s)%n", n, bareSeconds, bareRate);
      System.out.printf("background export end to end:   %,d documents in %.2f s (%,.0f /s), %d claim steps, %s%n", n,
          exportSeconds, exportRate, claimSteps[0], e.number());
      System.out.printf("ratio export / bare claims: %.2fx (goal >= 0.50x)%n", ratio);
      System.out.printf("%nheap (-Xmx%d MiB; live before the run %.1f MiB, S3Mock included)%n",
          Runtime.getRuntime().maxMemory() >> 20, baseline / 1048576.0);
      System.out.printf("%-8s %12s %12s %10s%n", "step", "peak MiB", "live MiB", "seconds");
      heap.forEach((step, v) -> System.out.printf("%-8s %12.1f %12.1f %10.2f%n", step, v[0] / 1048576.0, v[1] / 1048576.0,
          v[2] / 1000.0));
      StringBuilder result = new StringBuilder(String.format(java.util.Locale.ROOT,
          "RESULT background n=%d bareSeconds=%.2f exportSeconds=%.2f ratio=%.2f baselineLiveMiB=%.1f", n, bareSeconds,
          exportSeconds, ratio, baseline / 1048576.0));
      heap.forEach((step, v) -> result.append(String.format(java.util.Locale.ROOT, " %sPeakMiB=%.1f %sLiveMiB=%.1f %sSeconds=%.2f",
          step, v[0] / 1048576.0, step, v[1] / 1048576.0, step, v[2] / 1000.0)));
      System.out.println(result);
      System.exit(ratio >= 0.5 ? 0 : 1);
    } finally {
      dynamoProcess.descendants().forEach(ProcessHandle::destroyForcibly);
      dynamoProcess.destroyForcibly();
    }
  }

  @FunctionalInterface
  private interface Step<T> {
    T run() throws Exception;
  }

  /** Runs a step under a heap sampler: [peak used, peak live after GC], in bytes. */
  private static <T> T measure(Map<String, long[]> heap, String name, Step<T> step) throws Exception {
    try (HeapSampler sampler = new HeapSampler(250)) {
      long t0 = System.nanoTime();
      T result = step.run();
      long millis = (System.nanoTime() - t0) / 1_000_000;
      heap.put(name, new long[] {sampler.peakUsed(), Math.max(sampler.peakLive(), HeapSampler.liveNow()), millis});
      return result;
    }
  }

  private static int dynamoPort;

  /** DynamoDB Local as a server in its own JVM (its data must not weigh on the heap measured here). */
  private static Process startDynamoChild() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      dynamoPort = s.getLocalPort();
    }
    String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb = new ProcessBuilder(javaBin, "-Xmx3g", "-cp", System.getProperty("java.class.path"),
        DynamoLocalMain.class.getName(), String.valueOf(dynamoPort))
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
    return pb.start();
  }

  private static void awaitDynamo(URI endpoint) throws InterruptedException {
    DynamoDbClient probe = LocalDynamo.newClient(endpoint);
    for (int i = 0; i < 300; i++) {
      try {
        probe.listTables();
        return;
      } catch (RuntimeException notYet) {
        Thread.sleep(100);
      }
    }
    throw new IllegalStateException("DynamoDB Local did not start on " + endpoint);
  }

  /** N invoices over 2026, written by 4 threads through the documents service (500 per batch). */
  private static List<String> seed(Wiring wiring, int n) throws Exception {
    List<String> ids = new ArrayList<>(n);
    List<List<Document>> batches = new ArrayList<>();
    List<Document> batch = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String id = String.format("d-%07d", i);
      ids.add(id);
      batch.add(TestDocuments.invoice(id, LocalDate.of(2026, 1, 1).plusDays(i % 365), "100.00", "20.00"));
      if (batch.size() == 500) {
        batches.add(batch);
        batch = new ArrayList<>();
      }
    }
    if (!batch.isEmpty()) {
      batches.add(batch);
    }
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Future<?>> done = new ArrayList<>();
    for (List<Document> b : batches) {
      done.add(pool.submit(() -> wiring.documents().putAll(ADMIN, b)));
    }
    for (Future<?> f : done) {
      f.get();
    }
    pool.shutdown();
    return ids;
  }

  /** Conditional updates of 100 items per TransactWriteItems, the least a claim can cost. */
  private static void bareClaims(DynamoDbClient dynamo, String table, List<String> ids) {
    for (int from = 0; from < ids.size(); from += 100) {
      List<TransactWriteItem> items = new ArrayList<>();
      for (String id : ids.subList(from, Math.min(ids.size(), from + 100))) {
        items.add(TransactWriteItem.builder().update(Update.builder()
            .tableName(table)
            .key(DocumentItemMapper.key(TENANT, id))
            .updateExpression("SET #c = :c")
            .conditionExpression("attribute_exists(#pk) AND attribute_not_exists(#c)")
            .expressionAttributeNames(Map.of("#c", "benchClaim", "#pk", TableDefinition.PK))
            .expressionAttributeValues(Map.of(":c", AttributeValue.builder().s("bare").build()))
            .build()).build());
      }
      dynamo.transactWriteItems(r -> r.transactItems(items));
    }
  }
}
