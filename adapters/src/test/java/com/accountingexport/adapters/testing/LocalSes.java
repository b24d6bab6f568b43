package com.accountingexport.adapters.testing;

import com.accountingexport.adapters.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sesv2.SesV2Client;

/**
 * aws-ses-v2-local (npm, pinned in {@code local/package.json}) as a child process on a free loopback
 * port, for the SES integration tests. Installed into {@code local/node_modules} with npm when it is
 * missing (the same command as run-local). Gives a {@link SesV2Client} on it shaped like
 * {@code AwsClients.forEndpoints} (URL-connection HTTP, dummy static credentials, eu-west-3) and the
 * mails it received ({@code GET /store}).
 *
 * <p>The emulator's bin script runs {@code #!/usr/bin/env node}: check {@link #nodeAvailable()} first
 * and skip when it is false. {@link #close()} ends the process and its descendants; a shutdown hook
 * does it too should a test class forget.
 *
 * <pre>{@code
 * @BeforeAll static void start() { assumeTrue(LocalSes.nodeAvailable(), "node is not on PATH"); ses = LocalSes.start(); }
 * @AfterAll static void stop() { if (ses != null) ses.close(); }
 * }</pre>
 */
public final class LocalSes implements AutoCloseable {
  public static final Region REGION = Region.EU_WEST_3;
  private static final String BINARY = "local/node_modules/.bin/aws-ses-v2-local";
  private static final int START_ATTEMPTS = 3;
  private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(5);

  private final Process process;
  private final URI endpoint;
  private final SesV2Client client;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final Thread hook;

  private LocalSes(Process process, int port) {
    this.process = process;
    this.endpoint = URI.create("http://127.0.0.1:" + port);
    this.client = newClient(endpoint);
    this.hook = new Thread(() -> destroyTree(process), "local-ses-stop");
    Runtime.getRuntime().addShutdownHook(hook);
  }

  /** Whether a {@code node} executable is on the PATH. */
  public static boolean nodeAvailable() {
    return onPath("node");
  }

  /** Starts a new emulator (installing it first when needed) and waits until it answers. */
  public static LocalSes start() {
    Path root = repositoryRoot();
    Path binary = root.resolve(BINARY);
    if (!Files.isExecutable(binary)) {
      install(root);
    }
    IOException last = null;
    for (int attempt = 0; attempt < START_ATTEMPTS; attempt++) {
      int port = freePort();
      Process p;
      try {
        ProcessBuilder pb = new ProcessBuilder(binary.toString(), "--host", "127.0.0.1", "--port", String.valueOf(port))
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile("aws-ses-v2-local.log").toFile()));
        pb.environment().remove("SMTP_TRANSPORT"); // else it would also relay each mail to a real SMTP server
        p = pb.start();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start " + binary, e);
      }
      LocalSes ses = new LocalSes(p, port);
      try {
        ses.awaitReady();
        return ses;
      } catch (IOException e) {
        // most likely the port was taken between freePort() and the start: try another one
        last = e;
        ses.close();
      }
    }
    throw new IllegalStateException("aws-ses-v2-local did not start (see target/aws-ses-v2-local.log)", last);
  }

  /** {@code http://127.0.0.1:<port>}: the SES endpoint. */
  public URI endpoint() {
    return endpoint;
  }

  /** A client on the emulator (thread-safe; closed by {@link #close()}). */
  public SesV2Client client() {
    return client;
  }

  /** A SES v2 client on {@code endpoint}: URL-connection HTTP, dummy static credentials, eu-west-3. */
  public static SesV2Client newClient(URI endpoint) {
    return SesV2Client.builder()
        .httpClient(UrlConnectionHttpClient.create())
        .endpointOverride(endpoint)
        .region(REGION)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
        .build();
  }

  /**
   * The mails received, oldest first, as the emulator stores them: {@code GET /store} answers
   * {@code {"templates": {...}, "emails": [...]}}; each email is {@code {messageId, from, replyTo: [..],
   * destination: {to, cc, bcc}, subject, body: {text, html}, attachments, at}}.
   */
  public List<JsonNode> emails() {
    JsonNode store = Json.parse(get("/store"));
    List<JsonNode> out = new ArrayList<>();
    store.path("emails").forEach(out::add);
    return out;
  }

  /** Forgets every mail received ({@code POST /clear-store}). */
  public void clear() {
    HttpRequest request = HttpRequest.newBuilder(endpoint.resolve("/clear-store"))
        .POST(HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(5)).build();
    send(request);
  }

  /** Ends the emulator and every process it started. */
  @Override
  public void close() {
    client.close();
    destroyTree(process);
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // the JVM is shutting down: the hook runs (harmlessly) anyway
    }
  }

  private String get(String path) {
    return send(HttpRequest.newBuilder(endpoint.resolve(path)).GET().timeout(Duration.ofSeconds(5)).build());
  }

  private String send(HttpRequest request) {
    try {
      HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        throw new IllegalStateException(request.method() + " " + request.uri() + " answered " + r.statusCode() + ": " + r.body());
      }
      return r.body();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private void awaitReady() throws IOException {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    HttpRequest store = HttpRequest.newBuilder(endpoint.resolve("/store")).timeout(Duration.ofSeconds(1)).build();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IOException("aws-ses-v2-local exited with code " + process.exitValue());
      }
      try {
        if (http.send(store, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException notListeningYet) {
        // keep waiting
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while waiting for aws-ses-v2-local", e);
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while waiting for aws-ses-v2-local", e);
      }
    }
    throw new IOException("aws-ses-v2-local did not answer within " + START_TIMEOUT.toSeconds() + " s");
  }

  /** {@code npm install --prefix local --no-audit --no-fund --no-package-lock}, from the repository root. */
  private static void install(Path root) {
    if (!onPath("npm")) {
      throw new IllegalStateException(BINARY + " is missing and npm is not on PATH to install it");
    }
    Path log = logFile("npm-install-local.log");
    try {
      Process npm = new ProcessBuilder("npm", "install", "--prefix", "local", "--no-audit", "--no-fund", "--no-package-lock")
          .directory(root.toFile())
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
          .start();
      if (!npm.waitFor(INSTALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        destroyTree(npm);
        throw new IllegalStateException("npm install did not finish within " + INSTALL_TIMEOUT.toMinutes() + " min (see " + log + ")");
      }
      if (npm.exitValue() != 0 || !Files.isExecutable(root.resolve(BINARY))) {
        throw new IllegalStateException("npm install failed with code " + npm.exitValue() + " (see " + log + ")");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run npm install", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while installing aws-ses-v2-local", e);
    }
  }

  /** The nearest directory above the working directory that holds {@code local/package.json}. */
  private static Path repositoryRoot() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("local").resolve("package.json"))) {
        return dir;
      }
    }
    throw new IllegalStateException("no local/package.json above " + Path.of("").toAbsolutePath());
  }

  private static Path logFile(String name) {
    Path target = Path.of("target");
    try {
      Files.createDirectories(target);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return target.resolve(name);
  }

  private static boolean onPath(String command) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) {
        return true;
      }
    }
    return false;
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port", e);
    }
  }

  /** Asks the process and its descendants to stop, then forces those still running after 3 s. */
  private static void destroyTree(Process process) {
    List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
    all.add(process.toHandle());
    all.forEach(ProcessHandle::destroy);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
    for (ProcessHandle h : all) {
      long left = deadline - System.nanoTime();
      try {
        h.onExit().get(Math.max(left, 0), TimeUnit.NANOSECONDS);
      } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException stillRunning) {
        h.destroyForcibly();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        h.destroyForcibly();
      }
    }
  }
}
