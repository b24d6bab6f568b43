package com.accountingexport.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * aws-local-stepfunctions (local/sfn/host.mjs on the Node 22 binary from npm) running small ASL
 * files in the product's shape (lambda:invoke + Payload + ResultSelector, Retry, Catch, Map, a
 * Choice loop), each Task calling back into this JVM. Installs the npm packages when missing;
 * skips only without npm.
 */
class LocalStepFunctionsIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  static class TransientStepException extends RuntimeException {
    TransientStepException(String m) {
      super(m);
    }
  }

  static class PermanentStepException extends RuntimeException {
    PermanentStepException(String m) {
      super(m);
    }
  }

  static class RejectedStepException extends RuntimeException {
    RejectedStepException(String m) {
      super(m);
    }
  }

  @TempDir
  static Path dir;

  static Path root;
  static Path retryCatch;
  static Path mapLoop;
  static LocalStepFunctions sfn;
  static final ByteArrayOutputStream logBuffer = new ByteArrayOutputStream();
  static final PrintStream log = new PrintStream(logBuffer, true, StandardCharsets.UTF_8);

  /** Every call, by "id:step", with the time it came in and its payload. */
  static final Map<String, List<Call>> calls = new ConcurrentHashMap<>();
  static volatile CountDownLatch blockEntered = new CountDownLatch(1);
  static volatile CountDownLatch release = new CountDownLatch(1);

  record Call(long nanos, Map<String, Object> payload) {}

  static final Function<Map<String, Object>, Map<String, Object>> TASK = payload -> {
    String id = (String) payload.get("id");
    String step = (String) payload.get("step");
    List<Call> list = calls.computeIfAbsent(id + ":" + step, k -> new CopyOnWriteArrayList<>());
    list.add(new Call(System.nanoTime(), payload));
    int n = list.size();
    switch (step) {
      case "flaky":
        if (n <= 2) {
          throw new TransientStepException("not yet (call " + n + ")");
        }
        return Map.of("value", "ok after " + n);
      case "broken":
        throw new PermanentStepException("this step never works");
      case "reject":
        throw new RejectedStepException("refused");
      case "once":
        return Map.of("value", "done");
      case "compensate":
        return Map.of("released", true);
      case "list":
        return Map.of("items", List.of("a", "b", "c"));
      case "item":
        return Map.of("out", payload.get("item") + "!");
      case "poll":
        return Map.of("done", n >= 3);
      case "block":
        blockEntered.countDown();
        try {
          release.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return Map.of("value", "unblocked");
      default:
        throw new IllegalArgumentException("unknown step " + step);
    }
  };

  @BeforeAll
  static void start() throws Exception {
    root = LocalOptions.findRepoRoot(Path.of("").toAbsolutePath());
    if (!LocalStepFunctions.installed(root)) {
      Assumptions.assumeTrue(onPath("npm"), "npm is not on PATH: cannot install aws-local-stepfunctions and node@22");
      Process npm = new ProcessBuilder("npm", "install", "--prefix", "local", "--no-audit", "--no-fund",
          "--no-package-lock").directory(root.toFile()).redirectErrorStream(true)
          .redirectOutput(dir.resolve("npm.log").toFile()).start();
      assertTrue(npm.waitFor(5, TimeUnit.MINUTES), "npm install did not finish within 5 minutes");
      assertEquals(0, npm.exitValue(), () -> "npm install failed:\n" + read(dir.resolve("npm.log")));
      assertTrue(LocalStepFunctions.installed(root), "npm install did not install node and aws-local-stepfunctions");
    }
    retryCatch = resource("retry-catch.asl.json");
    mapLoop = resource("map-loop.asl.json");
    sfn = LocalStepFunctions.start(LocalStepFunctions.nodeBinary(root), LocalStepFunctions.hostScript(root), retryCatch,
        dir.resolve("main/executions.jsonl"), TASK, log);
  }

  @AfterAll
  static void stop() {
    if (sfn != null) {
      sfn.close();
    }
  }

  @Test
  void retriesANamedErrorThenSucceeds() throws Exception {
    String id = unique("flaky");
    sfn.start(id, Map.of("id", id, "step", "flaky"));

    LocalStepFunctions.Execution done = await(sfn, id);

    assertEquals("SUCCEEDED", done.status(), () -> done + "\n" + logs());
    assertEquals(3, calls(id, "flaky").size(), "2 TransientStepException, then success");
    assertEquals("ok after 3", JSON.readTree(done.output()).at("/result/value").asText());
    // IntervalSeconds 1, BackoffRate 2: the real pauses (1 s, then 2 s) at time scale 1
    List<Call> c = calls(id, "flaky");
    long pausedMillis = TimeUnit.NANOSECONDS.toMillis(c.get(2).nanos() - c.get(0).nanos());
    assertTrue(pausedMillis >= 2500, "retried after " + pausedMillis + " ms, expected about 3000");
  }

  @Test
  void catchesAnyOtherErrorCompensatesOnceThenFails() throws Exception {
    String id = unique("broken");
    sfn.start(id, Map.of("id", id, "step", "broken"));

    LocalStepFunctions.Execution done = await(sfn, id);

    assertEquals("FAILED", done.status());
    assertEquals("StepFailed", done.error());
    assertEquals(1, calls(id, "broken").size(), "PermanentStepException matches no Retry");
    List<Call> compensations = calls(id, "compensate");
    assertEquals(1, compensations.size());
    @SuppressWarnings("unchecked")
    Map<String, Object> error = (Map<String, Object>) compensations.get(0).payload().get("error");
    assertEquals("PermanentStepException", error.get("Error"));
    // as in AWS, the Cause is the function error as JSON text
    JsonNode cause = JSON.readTree((String) error.get("Cause"));
    assertEquals("PermanentStepException", cause.path("errorType").asText());
    assertEquals("this step never works", cause.path("errorMessage").asText());
  }

  @Test
  void catchesASpecificErrorByName() throws Exception {
    String id = unique("reject");
    sfn.start(id, Map.of("id", id, "step", "reject"));

    LocalStepFunctions.Execution done = await(sfn, id);

    assertEquals("FAILED", done.status());
    assertEquals("Rejected", done.error(), "the Catch on RejectedStepException comes before States.ALL");
    assertEquals(1, calls(id, "reject").size());
    assertTrue(calls(id, "compensate").isEmpty());
  }

  @Test
  void mapRunsTheInnerTaskOncePerItemAndTheChoiceLoopsUntilDone() throws Exception {
    String id = unique("map");
    try (LocalStepFunctions mapSfn = LocalStepFunctions.start(LocalStepFunctions.nodeBinary(root),
        LocalStepFunctions.hostScript(root), mapLoop, dir.resolve("map/executions.jsonl"), TASK, log)) {
      mapSfn.start(id, Map.of("id", id));

      LocalStepFunctions.Execution done = await(mapSfn, id);

      assertEquals("SUCCEEDED", done.status(), () -> done + "\n" + logs());
      List<Call> items = calls(id, "item");
      assertEquals(3, items.size());
      Set<Object> seen = new TreeSet<>();
      items.forEach(c -> seen.add(c.payload().get("item")));
      assertEquals(Set.of("a", "b", "c"), seen, "once per item");
      assertEquals(3, calls(id, "poll").size(), "polled until {done: true}");
      JsonNode output = JSON.readTree(done.output());
      assertEquals(1, calls(id, "list").size());
      assertEquals(3, output.at("/mapped/count").asInt());
      assertEquals("[\"a!\",\"b!\",\"c!\"]", output.at("/mapped/outs").toString());
      assertTrue(output.at("/poll/done").asBoolean());
    }
  }

  @Test
  void theSameNameWithTheSameInputRunsOnceAndAnotherInputIsRefused() throws Exception {
    String id = unique("once");
    Map<String, String> input = Map.of("id", id, "step", "once");
    sfn.start(id, input);
    sfn.start(id, Map.of("step", "once", "id", id)); // same input, another key order

    assertEquals("SUCCEEDED", await(sfn, id).status());
    sfn.start(id, input); // known and finished: nothing new
    Thread.sleep(300);
    assertEquals(1, calls(id, "once").size());
    assertEquals(1, sfn.executions().stream().filter(e -> e.name().equals(id)).count());

    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> sfn.start(id, Map.of("id", id, "step", "flaky")));
    assertTrue(e.getMessage().contains("ExecutionAlreadyExists"), e.getMessage());
    assertTrue(sfn.describe("never-started").isEmpty());
  }

  @Test
  void aKilledHostLeavesItsRunningExecutionInTheJournalAndCloseLeavesNoProcess() throws Exception {
    Path journal = dir.resolve("crash/executions.jsonl");
    LocalStepFunctions.Config fast = LocalStepFunctions.Config.defaults().withTimeScale(0.01);
    String finished = unique("finished");
    String crashed = unique("crashed");
    blockEntered = new CountDownLatch(1);
    release = new CountDownLatch(1);

    LocalStepFunctions first = LocalStepFunctions.start(LocalStepFunctions.nodeBinary(root),
        LocalStepFunctions.hostScript(root), retryCatch, journal, TASK, log, fast);
    try {
      assertTrue(first.unfinished().isEmpty());
      // time scale 0.01: the two 1 s and 2 s pauses become 10 ms each
      first.start(finished, Map.of("id", finished, "step", "flaky"));
      assertEquals("SUCCEEDED", await(first, finished).status());
      List<Call> c = calls(finished, "flaky");
      long pausedMillis = TimeUnit.NANOSECONDS.toMillis(c.get(2).nanos() - c.get(0).nanos());
      assertTrue(pausedMillis < 1500, "retried after " + pausedMillis + " ms at time scale 0.01");

      first.start(crashed, Map.of("id", crashed, "step", "block"));
      assertTrue(blockEntered.await(10, TimeUnit.SECONDS), "the blocking task was not called");
      ProcessHandle host = first.handle();
      host.descendants().forEach(ProcessHandle::destroyForcibly);
      host.destroyForcibly();
      host.onExit().get(10, TimeUnit.SECONDS);
    } finally {
      release.countDown();
      first.close();
    }

    LocalStepFunctions second = LocalStepFunctions.start(LocalStepFunctions.nodeBinary(root),
        LocalStepFunctions.hostScript(root), retryCatch, journal, TASK, log, fast);
    ProcessHandle secondHost = second.handle();
    try {
      assertEquals(Map.of(crashed, Map.of("id", crashed, "step", "block")), second.unfinished());
      // resumed under the same name: it runs again (from the first state) and ends
      second.start(crashed, second.unfinished().get(crashed));
      assertEquals("SUCCEEDED", await(second, crashed).status());
    } finally {
      second.close();
    }
    assertFalse(secondHost.isAlive(), "the node host outlived close()");
    assertTrue(secondHost.descendants().findAny().isEmpty());
    assertThrows(IllegalStateException.class, () -> second.describe(crashed));

    try (LocalStepFunctions third = LocalStepFunctions.start(LocalStepFunctions.nodeBinary(root),
        LocalStepFunctions.hostScript(root), retryCatch, journal, TASK, log, fast)) {
      assertTrue(third.unfinished().isEmpty(), "the resumed execution ended: " + third.unfinished());
    }
  }

  @Test
  void aHostThatExitsBeforeReadyIsAClearIOException() throws Exception {
    Path script = dir.resolve("exits.mjs");
    Files.writeString(script, "console.error('cannot start: for the test'); process.exit(3);\n");

    IOException e = assertThrows(IOException.class, () -> LocalStepFunctions.start(LocalStepFunctions.nodeBinary(root),
        script, retryCatch, dir.resolve("bad/executions.jsonl"), TASK, log));

    assertTrue(e.getMessage().contains("exited with code 3"), e.getMessage());
    assertTrue(e.getMessage().contains("cannot start: for the test"), "the log's tail: " + e.getMessage());
  }

  // --- helpers -----------------------------------------------------------------------------------

  private static LocalStepFunctions.Execution await(LocalStepFunctions sfn, String name) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    LocalStepFunctions.Execution e = null;
    while (System.nanoTime() < deadline) {
      e = sfn.describe(name).orElse(null);
      assertNotNull(e, "the host does not know " + name);
      if (!e.running()) {
        return e;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("still running after 20 s: " + e + "\n" + logs());
  }

  private static List<Call> calls(String id, String step) {
    return calls.getOrDefault(id + ":" + step, Collections.emptyList());
  }

  private static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private static Path resource(String name) throws Exception {
    return Path.of(LocalStepFunctionsIT.class.getResource("/sfn/" + name).toURI());
  }

  private static boolean onPath(String tool) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String d : path.split(File.pathSeparator)) {
      if (!d.isEmpty() && Files.isExecutable(Path.of(d, tool))) {
        return true;
      }
    }
    return false;
  }

  private static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (IOException e) {
      return "(" + e + ")";
    }
  }

  private static String logs() {
    List<String> out = new ArrayList<>();
    out.add(logBuffer.toString(StandardCharsets.UTF_8));
    if (sfn != null) {
      out.add(read(sfn.logFile()));
    }
    return String.join("\n", out);
  }
}
