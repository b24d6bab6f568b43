package com.accountingexport.local;

import com.accountingexport.core.port.WorkflowStarter;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Step Functions on this machine: {@code local/sfn/host.mjs} (aws-local-stepfunctions, run by the
 * Node 22 binary that the npm package {@code node} installs as {@code local/node_modules/.bin/node})
 * as a child process runs the state machine's ASL file as it is, and every Task state POSTs its
 * {@code Payload} to a small HTTP server here, which calls {@code task} in this JVM.
 *
 * <p>A task that throws fails the state with the error named {@link Config#errorType} of the
 * exception (by default its simple class name), which is what the ASL's {@code Retry} and {@code
 * Catch} match. The host appends each execution's start and end to the journal file, so that the
 * next start can {@link #unfinished() resume} what a killed process left; its log is {@code
 * sfn-host.log} next to the journal. The node process and its descendants are ended on {@link
 * #close()} and, should the JVM exit without it, by a shutdown hook.
 */
public final class LocalStepFunctions implements WorkflowStarter, AutoCloseable {

  /** {@code ${WorkflowFunctionArn}} locally: the host calls back whatever the function is named. */
  public static final String LOCAL_FUNCTION_ARN = "arn:aws:lambda:us-east-1:000000000000:function:local-workflow";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);

  /**
   * @param substitutions the definition's {@code DefinitionSubstitutions} ({@code ${Key}} placeholders)
   * @param timeScale 1 = the ASL's Retry intervals and Wait seconds; 0.01 = a hundred times shorter
   *     (then each retry waits IntervalSeconds × timeScale: no backoff, no jitter)
   * @param errorType the error name a task's exception becomes (what Retry/Catch ErrorEquals match)
   */
  public record Config(Map<String, String> substitutions, double timeScale, Function<Throwable, String> errorType) {
    public Config {
      substitutions = Map.copyOf(substitutions);
      if (!(timeScale > 0) || Double.isInfinite(timeScale)) {
        throw new IllegalArgumentException("timeScale must be > 0: " + timeScale);
      }
      if (errorType == null) {
        throw new IllegalArgumentException("errorType is required");
      }
    }

    public static Config defaults() {
      return new Config(Map.of("WorkflowFunctionArn", LOCAL_FUNCTION_ARN), 1.0, LocalStepFunctions::errorType);
    }

    public Config withTimeScale(double scale) {
      return new Config(substitutions, scale, errorType);
    }

    public Config withErrorType(Function<Throwable, String> mapping) {
      return new Config(substitutions, timeScale, mapping);
    }

    public Config withSubstitutions(Map<String, String> values) {
      return new Config(values, timeScale, errorType);
    }
  }

  /**
   * One execution as the host knows it.
   *
   * @param status RUNNING, SUCCEEDED, FAILED, ABORTED or TIMED_OUT
   * @param output the output as JSON text (SUCCEEDED only), else null
   * @param error the error name (FAILED, TIMED_OUT), else null
   * @param cause the error's cause, else null
   */
  public record Execution(String name, String status, String output, String error, String cause) {
    public boolean running() {
      return "RUNNING".equals(status);
    }
  }

  private final Path definition;
  private final Path logFile;
  private final Config config;
  private final PrintStream log;
  private final HttpServer callbackServer;
  private final ExecutorService callbackThreads;
  private final Map<String, Map<String, Object>> unfinished;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile Process process;
  private volatile URI endpoint;
  private Thread hook;

  private LocalStepFunctions(Path definition, Path logFile, Config config, PrintStream log, HttpServer callbackServer,
      ExecutorService callbackThreads, Map<String, Map<String, Object>> unfinished) {
    this.definition = definition;
    this.logFile = logFile;
    this.config = config;
    this.log = log;
    this.callbackServer = callbackServer;
    this.callbackThreads = callbackThreads;
    this.unfinished = unfinished;
  }

  /** Whether {@code local/node_modules} holds the Node 22 binary and aws-local-stepfunctions. */
  public static boolean installed(Path repoRoot) {
    return Files.isExecutable(nodeBinary(repoRoot))
        && Files.isRegularFile(repoRoot.resolve("local/node_modules/aws-local-stepfunctions/package.json"));
  }

  /** {@code local/node_modules/.bin/node}: the Node 22 binary of the npm package {@code node}. */
  public static Path nodeBinary(Path repoRoot) {
    return repoRoot.resolve("local").resolve("node_modules").resolve(".bin").resolve("node");
  }

  /** {@code local/sfn/host.mjs}. */
  public static Path hostScript(Path repoRoot) {
    return repoRoot.resolve("local").resolve("sfn").resolve("host.mjs");
  }

  /** The default error name of a task's exception: its simple class name ({@code TransientStepException}). */
  public static String errorType(Throwable t) {
    return t.getClass().getSimpleName().isEmpty() ? t.getClass().getName() : t.getClass().getSimpleName();
  }

  /** {@link #start(Path, Path, Path, Path, Function, PrintStream, Config)} with {@link Config#defaults()}. */
  public static LocalStepFunctions start(Path nodeBinary, Path hostScript, Path definition, Path journal,
      Function<Map<String, Object>, Map<String, Object>> task, PrintStream log) throws IOException, InterruptedException {
    return start(nodeBinary, hostScript, definition, journal, task, log, Config.defaults());
  }

  /**
   * Reads what the journal says a previous process left unfinished, starts the callback server
   * (127.0.0.1, a free port) and the host, and waits for the host's {@code READY} line.
   *
   * @param definition the ASL file every {@link #start(String, Map) start} runs
   * @param journal the JSON-lines journal (created if missing); the host's log is {@code
   *     sfn-host.log} in the same folder
   * @param task each Task state's {@code Payload} in, the function's answer out
   * @throws IOException when the host cannot be started or does not get ready within 30 s
   */
  public static LocalStepFunctions start(Path nodeBinary, Path hostScript, Path definition, Path journal,
      Function<Map<String, Object>, Map<String, Object>> task, PrintStream log, Config config)
      throws IOException, InterruptedException {
    if (!Files.isExecutable(nodeBinary)) {
      throw new IOException(nodeBinary + " is not installed: run npm install --prefix local --no-audit --no-fund"
          + " --no-package-lock at the repository root (run-local does this)");
    }
    if (!Files.isRegularFile(hostScript)) {
      throw new IOException("no Step Functions host script at " + hostScript);
    }
    if (!Files.isRegularFile(definition)) {
      throw new IOException("no state machine definition at " + definition);
    }
    journal = journal.toAbsolutePath();
    Files.createDirectories(journal.getParent());
    Map<String, Map<String, Object>> unfinished = readUnfinished(journal);
    Path logFile = journal.resolveSibling("sfn-host.log");

    AtomicInteger threadCount = new AtomicInteger();
    ExecutorService threads = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "sfn-task-" + threadCount.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(threads);
    LocalStepFunctions sfn = new LocalStepFunctions(definition.toAbsolutePath(), logFile, config, log, server, threads,
        unfinished);
    server.createContext("/task", exchange -> sfn.handleTask(exchange, task));
    server.start();
    try {
      sfn.startHost(nodeBinary, hostScript.toAbsolutePath(), journal);
    } catch (IOException | InterruptedException | RuntimeException e) {
      sfn.close();
      throw e;
    }
    return sfn;
  }

  private void startHost(Path nodeBinary, Path hostScript, Path journal) throws IOException, InterruptedException {
    int callbackPort = callbackServer.getAddress().getPort();
    Files.writeString(logFile, "--- " + Instant.now() + " starting " + hostScript + "\n", StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
    List<String> command = new ArrayList<>(List.of(nodeBinary.toString(), hostScript.toString(), "0",
        "--callback", "http://127.0.0.1:" + callbackPort + "/task", "--journal", journal.toString(),
        "--time-scale", String.valueOf(config.timeScale()), "--exit-with-stdin"));
    // stdin stays an open pipe: the host leaves when it closes, even if this JVM is killed
    ProcessBuilder pb = new ProcessBuilder(command)
        .directory(hostScript.getParent().toFile())
        .redirectError(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
    Process p = pb.start();
    this.process = p;
    this.hook = new Thread(() -> ProcessTree.destroy(p.toHandle(), 2000), "sfn-host-stop");
    Runtime.getRuntime().addShutdownHook(hook);

    CompletableFuture<Integer> ready = new CompletableFuture<>();
    Thread reader = new Thread(() -> {
      try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = out.readLine()) != null) {
          if (!ready.isDone() && line.startsWith("READY ")) {
            ready.complete(Integer.parseInt(line.substring(6).trim()));
          }
        }
      } catch (IOException | NumberFormatException e) {
        ready.completeExceptionally(e);
      }
      ready.completeExceptionally(new IOException("the Step Functions host closed its output"));
    }, "sfn-host-stdout");
    reader.setDaemon(true);
    reader.start();
    int port;
    try {
      port = ready.get(READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new IOException("the Step Functions host did not print READY within " + READY_TIMEOUT.toSeconds()
          + " s (log: " + logFile + ")" + logTail());
    } catch (ExecutionException e) {
      String exit = p.waitFor(2, TimeUnit.SECONDS) ? "exited with code " + p.exitValue() : "stopped talking";
      throw new IOException("the Step Functions host " + exit + " before it was ready (log: " + logFile + ")"
          + logTail(), e.getCause());
    }
    this.endpoint = URI.create("http://127.0.0.1:" + port);
    log.println("[local] Step Functions (aws-local-stepfunctions) on " + endpoint + ", running " + definition
        + "; log " + logFile);
  }

  private String logTail() {
    try {
      List<String> lines = Files.readAllLines(logFile);
      return "\n  " + String.join("\n  ", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
    } catch (IOException e) {
      return "";
    }
  }

  // --- the callback: Task states into this JVM ---------------------------------------------------

  private void handleTask(HttpExchange exchange, Function<Map<String, Object>, Map<String, Object>> task)
      throws IOException {
    try (exchange) {
      if (!"POST".equals(exchange.getRequestMethod())) {
        answer(exchange, 405, error("MethodNotAllowed", "POST only"));
        return;
      }
      Map<String, Object> payload;
      try {
        JsonNode body = JSON.readTree(exchange.getRequestBody());
        if (body == null || !body.isObject()) {
          answer(exchange, 500, error("IllegalArgumentException", "the task's Payload is not a JSON object: " + body));
          return;
        }
        payload = JSON.convertValue(body, new TypeReference<LinkedHashMap<String, Object>>() {});
      } catch (IOException e) {
        answer(exchange, 500, error("IllegalArgumentException", "the task's Payload is not JSON: " + e.getMessage()));
        return;
      }
      byte[] result;
      try {
        result = JSON.writeValueAsBytes(task.apply(payload));
      } catch (RuntimeException | Error e) {
        String type = config.errorType().apply(e);
        String state = exchange.getRequestHeaders().getFirst("x-local-sfn-state");
        log.println("[local] Step Functions task " + (state == null ? "" : decode(state) + " ") + "failed ("
            + type + "): " + e);
        e.printStackTrace(log);
        answer(exchange, 500, error(type, e.getMessage()));
        return;
      }
      exchange.getResponseHeaders().set("content-type", "application/json");
      exchange.sendResponseHeaders(200, result.length);
      try (OutputStream os = exchange.getResponseBody()) {
        os.write(result);
      }
    }
  }

  private static String decode(String header) {
    return java.net.URLDecoder.decode(header, StandardCharsets.UTF_8);
  }

  private static ObjectNode error(String type, String message) {
    ObjectNode e = JSON.createObjectNode();
    e.put("errorType", type);
    e.put("errorMessage", message);
    return e;
  }

  private static void answer(HttpExchange exchange, int status, JsonNode body) throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(body);
    exchange.getResponseHeaders().set("content-type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream os = exchange.getResponseBody()) {
      os.write(bytes);
    }
  }

  // --- the host's API ----------------------------------------------------------------------------

  /**
   * Starts an execution of the definition (StartExecution). The same name with the same input
   * while the host knows it starts nothing new.
   *
   * @throws IllegalStateException when the name is known with another input (ExecutionAlreadyExists)
   */
  @Override
  public void start(String executionName, Map<String, ?> input) {
    ObjectNode body = JSON.createObjectNode();
    body.put("name", executionName);
    body.put("definitionPath", definition.toString());
    body.set("substitutions", JSON.valueToTree(config.substitutions()));
    body.set("input", JSON.valueToTree(input));
    HttpResponse<String> r = send(HttpRequest.newBuilder(endpoint.resolve("/executions"))
        .header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8)));
    if (r.statusCode() == 200) {
      return;
    }
    String message = message(r);
    if (r.statusCode() == 409) {
      throw new IllegalStateException(message);
    }
    if (r.statusCode() == 400) {
      throw new IllegalArgumentException(message);
    }
    throw new IllegalStateException("the Step Functions host answered " + r.statusCode() + ": " + message);
  }

  /** DescribeExecution: empty when the host does not know the name. */
  public Optional<Execution> describe(String name) {
    HttpResponse<String> r = send(HttpRequest.newBuilder(endpoint.resolve("/executions/" + encode(name))).GET());
    if (r.statusCode() == 404) {
      return Optional.empty();
    }
    if (r.statusCode() != 200) {
      throw new IllegalStateException("the Step Functions host answered " + r.statusCode() + ": " + message(r));
    }
    return Optional.of(execution(readTree(r.body())));
  }

  /** ListExecutions: every execution this host started (without outputs), oldest first. */
  public List<Execution> executions() {
    HttpResponse<String> r = send(HttpRequest.newBuilder(endpoint.resolve("/executions")).GET());
    if (r.statusCode() != 200) {
      throw new IllegalStateException("the Step Functions host answered " + r.statusCode() + ": " + message(r));
    }
    List<Execution> all = new ArrayList<>();
    readTree(r.body()).path("executions").forEach(e -> all.add(execution(e)));
    return all;
  }

  /** StopExecution: a RUNNING execution becomes ABORTED (a task already called runs to its end). */
  public void stop(String name) {
    HttpResponse<String> r = send(HttpRequest.newBuilder(endpoint.resolve("/executions/" + encode(name) + "/stop"))
        .POST(HttpRequest.BodyPublishers.noBody()));
    if (r.statusCode() != 200) {
      throw new IllegalStateException("the Step Functions host answered " + r.statusCode() + ": " + message(r));
    }
  }

  /**
   * The executions that the journal showed started but never ended when this instance started
   * (what a previous process left, e.g. killed mid-export): name → input, in start order. Start them
   * again under the same name to resume them (from the first state).
   */
  public Map<String, Map<String, Object>> unfinished() {
    return unfinished;
  }

  private static Execution execution(JsonNode e) {
    JsonNode output = e.get("output");
    return new Execution(e.path("name").asText(), e.path("status").asText(),
        output == null ? null : output.toString(), text(e, "error"), text(e, "cause"));
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  private HttpResponse<String> send(HttpRequest.Builder request) {
    if (endpoint == null || closed.get()) {
      throw new IllegalStateException("the Step Functions host is not running");
    }
    try {
      return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException("the Step Functions host at " + endpoint + " did not answer (log: " + logFile + ")", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while calling the Step Functions host", e);
    }
  }

  private static String message(HttpResponse<String> r) {
    try {
      JsonNode body = JSON.readTree(r.body());
      if (body != null && body.hasNonNull("message")) {
        return body.path("__type").asText("") + ": " + body.get("message").asText();
      }
    } catch (IOException e) {
      // not JSON: the raw body below
    }
    return r.body();
  }

  private static JsonNode readTree(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException("the Step Functions host answered something that is not JSON", e);
    }
  }

  private static String encode(String name) {
    return URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** Last record per name wins: a name whose last record is RUNNING never ended. */
  static Map<String, Map<String, Object>> readUnfinished(Path journal) throws IOException {
    if (!Files.exists(journal)) {
      return Map.of();
    }
    Map<String, Map<String, Object>> open = new LinkedHashMap<>();
    for (String line : Files.readAllLines(journal, StandardCharsets.UTF_8)) {
      JsonNode record;
      try {
        record = JSON.readTree(line);
      } catch (IOException e) {
        continue; // a line cut short by a crash
      }
      if (record == null || !record.hasNonNull("name")) {
        continue;
      }
      String name = record.get("name").asText();
      if ("RUNNING".equals(record.path("status").asText())) {
        Map<String, Object> input = new LinkedHashMap<>();
        record.path("input").fields().forEachRemaining(f -> input.put(f.getKey(),
            f.getValue().isNumber() ? f.getValue().numberValue()
                : f.getValue().isValueNode() ? f.getValue().asText() : f.getValue().toString()));
        open.remove(name); // keep start order of the latest start
        open.put(name, Collections.unmodifiableMap(input));
      } else {
        open.remove(name);
      }
    }
    return Collections.unmodifiableMap(open);
  }

  // --- lifecycle ---------------------------------------------------------------------------------

  /** The node process (the host). */
  public ProcessHandle handle() {
    Process p = process;
    return p == null ? null : p.toHandle();
  }

  /** Where the host listens. */
  public URI endpoint() {
    return endpoint;
  }

  /** The host's log file (next to the journal). */
  public Path logFile() {
    return logFile;
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    Process p = process;
    if (p != null) {
      ProcessTree.destroy(p.toHandle(), 3000);
    }
    callbackServer.stop(0);
    callbackThreads.shutdownNow();
    if (hook != null) {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // the JVM is shutting down: the hook runs (harmlessly) anyway
      }
    }
  }
}
