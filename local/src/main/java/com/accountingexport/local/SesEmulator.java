package com.accountingexport.local;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * aws-ses-v2-local (npm) as a child process on a free port. Its {@code GET /store} lists the mails
 * sent. The process and its descendants are ended on {@link #close()} and, should the JVM exit
 * without it, by a shutdown hook.
 */
final class SesEmulator implements AutoCloseable {
  private final Process process;
  private final int port;
  private final Thread hook;

  private SesEmulator(Process process, int port) {
    this.process = process;
    this.port = port;
    this.hook = new Thread(() -> ProcessTree.destroy(process.toHandle(), 2000), "ses-emulator-stop");
    Runtime.getRuntime().addShutdownHook(hook);
  }

  /** Starts the emulator, or answers null (after a warning) when the binary is not installed. */
  static SesEmulator startIfInstalled(Path binary, Path logFile, PrintStream log) throws IOException, InterruptedException {
    if (!Files.isExecutable(binary)) {
      log.println("[local] WARNING: " + binary + " is not installed: running without the SES emulator, mails are not"
          + " sent. Install it with: npm install --prefix local --no-audit --no-fund (run-local does this).");
      return null;
    }
    int port = FreePorts.next();
    Files.createDirectories(logFile.getParent());
    ProcessBuilder pb = new ProcessBuilder(List.of(binary.toString(), "--port", String.valueOf(port)))
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
    Process p = pb.start();
    SesEmulator ses = new SesEmulator(p, port);
    try {
      ses.awaitReady(Duration.ofSeconds(30));
    } catch (IOException | InterruptedException | RuntimeException e) {
      ses.close();
      throw e;
    }
    return ses;
  }

  private void awaitReady(Duration timeout) throws IOException, InterruptedException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IOException("aws-ses-v2-local exited with code " + process.exitValue() + " (see its log)");
      }
      try {
        HttpResponse<Void> r = http.send(HttpRequest.newBuilder(storeUri()).timeout(Duration.ofSeconds(1)).build(),
            HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(100);
    }
    throw new IOException("aws-ses-v2-local did not answer within " + timeout.toSeconds() + " s");
  }

  URI endpoint() {
    return URI.create("http://localhost:" + port);
  }

  /** Where the mails sent can be read (JSON). */
  URI storeUri() {
    return URI.create("http://localhost:" + port + "/store");
  }

  ProcessHandle handle() {
    return process.toHandle();
  }

  @Override
  public void close() {
    ProcessTree.destroy(process.toHandle(), 3000);
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // the JVM is shutting down: the hook runs (harmlessly) anyway
    }
  }
}
