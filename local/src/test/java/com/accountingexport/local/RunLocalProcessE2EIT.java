package com.accountingexport.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code LocalMain} as its own process, the way run-local starts it: it must print READY, serve an
 * authenticated call, and on SIGTERM (Ctrl-C's cousin) leave no process behind (the SES emulator
 * included).
 */
class RunLocalProcessE2EIT {
  private Process process;

  @AfterEach
  void cleanUp() {
    if (process != null && process.isAlive()) {
      ProcessTree.destroy(process.toHandle(), 1000);
    }
  }

  @Test
  void localMain_shouldServe_thenStopWithEveryChildProcess_onSigterm() throws Exception {
    // given
    Path log = Path.of("target", "run-local-process-it.log");
    Files.createDirectories(log.getParent());
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb = new ProcessBuilder(java, "-cp", testClasspath(), LocalMain.class.getName(), "--in-memory")
        .redirectError(ProcessBuilder.Redirect.to(log.toFile()));
    pb.environment().put("PORT", "0");
    pb.environment().remove("AWS_ENDPOINT_URL");
    process = pb.start();

    // when: it is ready
    CompletableFuture<String[]> ready = CompletableFuture.supplyAsync(() -> readReadyLines(process));
    String[] lines;
    try {
      lines = ready.get(120, TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      fail("no READY line within 120 s; see " + log.toAbsolutePath());
      return;
    }
    assertNotNull(lines[0], "READY line; see " + log.toAbsolutePath());
    URI base = URI.create(lines[0]);
    String token = lines[1];
    List<ProcessHandle> tree = new ArrayList<>(process.toHandle().descendants().toList());
    tree.add(process.toHandle());

    // then: an authenticated call works
    HttpResponse<String> settings = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(base.resolve("/settings")).header("Authorization", "Bearer " + token)
            .timeout(Duration.ofSeconds(30)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, settings.statusCode(), settings.body());

    // when: SIGTERM
    process.destroy();

    // then: the JVM and everything it started are gone within 30 s
    assertTrue(process.waitFor(30, TimeUnit.SECONDS), "the runtime is still running 30 s after SIGTERM");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    for (ProcessHandle p : tree) {
      while (p.isAlive() && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      assertFalse(p.isAlive(), "process " + p.pid() + " " + p.info().commandLine().orElse("") + " outlived the runtime");
    }
  }

  /** READY url and DEMO_TOKEN, from the child's stdout (then keeps draining it). */
  private static String[] readReadyLines(Process p) {
    String[] out = new String[2];
    try {
      BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      String line;
      while ((line = r.readLine()) != null) {
        if (line.startsWith("READY ")) {
          out[0] = line.substring("READY ".length()).trim();
        } else if (line.startsWith("DEMO_TOKEN ")) {
          out[1] = line.substring("DEMO_TOKEN ".length()).trim();
        }
        if (out[0] != null && out[1] != null) {
          Thread drain = new Thread(() -> {
            try {
              while (r.readLine() != null) {
                // keep the pipe flowing
              }
            } catch (IOException e) {
              // the process ended
            }
          }, "child-stdout");
          drain.setDaemon(true);
          drain.start();
          return out;
        }
      }
    } catch (IOException e) {
      // fall through: no READY
    }
    return out;
  }

  /** This JVM's class path, expanded when the test runner passed it through a manifest-only jar. */
  static String testClasspath() throws IOException {
    String cp = System.getProperty("java.class.path");
    String[] entries = cp.split(File.pathSeparator);
    if (entries.length == 1 && entries[0].endsWith(".jar")) {
      try (JarFile jar = new JarFile(entries[0])) {
        Manifest m = jar.getManifest();
        String classPath = m == null ? null : m.getMainAttributes().getValue("Class-Path");
        if (classPath != null) {
          List<String> paths = new ArrayList<>();
          for (String url : classPath.trim().split("\\s+")) {
            paths.add(Path.of(URI.create(url.startsWith("file:") ? url : "file:" + url)).toString());
          }
          return String.join(File.pathSeparator, paths);
        }
      }
    }
    return cp;
  }
}
