package com.accountingexport.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How the local runtime runs, from the command line and the environment.
 *
 * @param inMemory {@code --in-memory}: keep nothing on disk (DynamoDB Local in memory, S3Mock in a
 *     temporary folder deleted on close)
 * @param reset {@code --reset}: wipe the data folder before starting
 * @param dataDir {@code --data-dir DIR}: where DynamoDB Local and S3Mock keep their files
 *     (default {@code .local-data} at the repository root, git-ignored)
 * @param port env {@code PORT} or {@code --port N}: the HTTP port (default 3000, 0 = a free port)
 * @param aws {@code --aws}, or env {@code AWS_ENDPOINT_URL} set: no emulators, the SDK's own
 *     configuration (LocalStack or a real account), TABLE_NAME / BUCKET_NAME from the environment
 * @param seedDemo false with {@code --no-demo}: do not seed the demo tenant
 * @param repoRoot the repository root (for the default data folder and local/node_modules)
 * @param env the environment the runtime reads (System.getenv() outside tests)
 */
public record LocalOptions(
    boolean inMemory, boolean reset, Path dataDir, int port, boolean aws, boolean seedDemo, Path repoRoot,
    Map<String, String> env) {

  public static final int DEFAULT_PORT = 3000;

  public static final String USAGE = String.join("\n",
      "usage: run-local [--in-memory] [--reset] [--data-dir DIR] [--port N] [--aws] [--no-demo]",
      "  --in-memory    keep nothing: every start is a fresh, seeded store",
      "  --reset        wipe the data folder first (then seed the demo tenant again)",
      "  --data-dir DIR where the emulators keep their files (default: <repo>/.local-data)",
      "  --port N       HTTP port (default: env PORT, else 3000; 0 = a free port)",
      "  --aws          no emulators: use the AWS SDK's configuration (real credentials);",
      "                 also implied when AWS_ENDPOINT_URL is set (LocalStack).",
      "                 TABLE_NAME and BUCKET_NAME name the table and bucket (created if missing)",
      "  --no-demo      do not seed the demo tenant");

  public LocalOptions {
    env = Map.copyOf(env);
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0..65535, got " + port);
    }
  }

  /** True when the AWS SDK's own configuration is used instead of the embedded emulators. */
  public boolean usesAwsConfiguration() {
    return aws || isSet(env.get("AWS_ENDPOINT_URL"));
  }

  /** The local node tool that emulates SES v2. */
  public Path sesBinary() {
    return repoRoot.resolve("local").resolve("node_modules").resolve(".bin").resolve("aws-ses-v2-local");
  }

  /** Options for tests: in memory, port 0 (a free port), demo seeded. */
  public static LocalOptions forTests() {
    return new LocalOptions(true, false, null, 0, false, true, findRepoRoot(Path.of("").toAbsolutePath()),
        filteredEnv(System.getenv()));
  }

  /**
   * Parses the command line.
   *
   * @throws IllegalArgumentException with a message fit for the user on a bad option
   */
  public static LocalOptions parse(String[] args, Map<String, String> env, Path workingDir) {
    boolean inMemory = false;
    boolean reset = false;
    boolean aws = false;
    boolean seed = true;
    String dataDir = null;
    String port = env.get("PORT");
    List<String> rest = new ArrayList<>(List.of(args));
    while (!rest.isEmpty()) {
      String a = rest.remove(0);
      switch (a) {
        case "--in-memory" -> inMemory = true;
        case "--reset" -> reset = true;
        case "--aws" -> aws = true;
        case "--no-demo" -> seed = false;
        case "--data-dir" -> dataDir = value(a, rest);
        case "--port" -> port = value(a, rest);
        default -> {
          if (a.startsWith("--data-dir=")) {
            dataDir = a.substring("--data-dir=".length());
          } else if (a.startsWith("--port=")) {
            port = a.substring("--port=".length());
          } else {
            throw new IllegalArgumentException("unknown option: " + a);
          }
        }
      }
    }
    if (inMemory && dataDir != null) {
      throw new IllegalArgumentException("--in-memory and --data-dir exclude each other");
    }
    Path root = findRepoRoot(workingDir.toAbsolutePath());
    Path dir = dataDir != null ? workingDir.resolve(dataDir).toAbsolutePath().normalize() : root.resolve(".local-data");
    return new LocalOptions(inMemory, reset, dir, parsePort(port), aws, seed, root, env);
  }

  static int parsePort(String text) {
    if (!isSet(text)) {
      return DEFAULT_PORT;
    }
    try {
      int p = Integer.parseInt(text.trim());
      if (p < 0 || p > 65535) {
        throw new IllegalArgumentException("PORT must be 0..65535, got " + text);
      }
      return p;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("PORT must be a number, got " + text);
    }
  }

  /**
   * The repository root: the first folder, from {@code start} upwards, that holds
   * {@code local/pom.xml}; {@code start} itself when there is none.
   */
  public static Path findRepoRoot(Path start) {
    for (Path p = start; p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve("local").resolve("pom.xml"))) {
        return p;
      }
    }
    return start;
  }

  private static String value(String option, List<String> rest) {
    if (rest.isEmpty() || rest.get(0).startsWith("--")) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return rest.remove(0);
  }

  private static boolean isSet(String s) {
    return s != null && !s.isBlank();
  }

  /** The environment without AWS_ENDPOINT_URL, so that tests always run on the emulators. */
  private static Map<String, String> filteredEnv(Map<String, String> env) {
    Map<String, String> m = new java.util.HashMap<>(env);
    m.remove("AWS_ENDPOINT_URL");
    return m;
  }
}
