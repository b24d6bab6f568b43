package com.accountingexport.local;

import com.accountingexport.adapters.json.FecJson;
import com.accountingexport.adapters.json.Json;
import com.accountingexport.core.format.FecReport;
import com.accountingexport.core.format.FecValidator;
import com.accountingexport.core.format.FecViolation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Checks a FEC file as the tax administration's test tool would ({@link FecValidator}), for an
 * accountant or an auditor: the command-line twin of {@code POST /fec/validate}.
 *
 * <pre>
 * java -cp "local/target/classes:$(cat local/target/classpath.txt)" com.accountingexport.local.FecValidate \
 *     FILE [--encoding utf-8|iso-8859-15] [--max N] [--json]
 * </pre>
 *
 * Prints one line per violation, {@code line:column: CODE message} (column {@code -} when the violation
 * names none; line 0 = the file as a whole), then a summary line. With --json, one JSON object instead:
 * {@code {"valid", "lines", "separator", "encoding", "truncated", "violations": [{"line", "column", "code",
 * "message"}]}}, non-ASCII characters escaped so that it reads the same whatever the console's encoding.
 * Without --encoding the encoding is detected. Exit status 0 = valid, 1 = violations, 2 = usage or
 * unreadable file.
 */
public final class FecValidate {
  static final String USAGE = "usage: FecValidate FILE [--encoding utf-8|iso-8859-15] [--max N] [--json]";

  private FecValidate() {}

  public static void main(String[] args) {
    System.exit(main(args, System.out, System.err));
  }

  static int main(String[] args, PrintStream out, PrintStream err) {
    String file = null;
    Charset encoding = null;
    int max = FecValidator.Options.DEFAULT_MAX_VIOLATIONS;
    boolean json = false;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      switch (arg) {
        case "--json" -> json = true;
        case "--encoding", "--max" -> {
          if (i + 1 >= args.length) {
            return usage(err, arg + " needs a value");
          }
          String value = args[++i];
          if (arg.equals("--encoding")) {
            encoding = encoding(value);
            if (encoding == null) {
              return usage(err, "--encoding is utf-8 or iso-8859-15, not '" + value + "'");
            }
          } else {
            max = positive(value);
            if (max < 1) {
              return usage(err, "--max is a whole number of at least 1, not '" + value + "'");
            }
          }
        }
        case "-h", "--help" -> {
          out.println(USAGE);
          return 0;
        }
        default -> {
          if (arg.startsWith("--")) {
            return usage(err, "unknown option " + arg);
          }
          if (file != null) {
            return usage(err, "one FILE only");
          }
          file = arg;
        }
      }
    }
    if (file == null) {
      return usage(err, "FILE is required");
    }
    FecReport report;
    try {
      Path path = Path.of(file);
      if (Files.isDirectory(path)) {
        err.println("FecValidate: cannot read " + file + ": it is a directory");
        return 2;
      }
      try (InputStream in = Files.newInputStream(path)) {
        report = FecValidator.check(in, new FecValidator.Options(max, encoding));
      }
    } catch (IOException | UncheckedIOException | InvalidPathException e) {
      err.println("FecValidate: cannot read " + file + ": " + reason(e));
      return 2;
    }
    if (json) {
      out.println(json(report));
    } else {
      for (FecViolation v : report.violations()) {
        out.println(v.line() + ":" + (v.column() == null ? "-" : v.column()) + ": " + v.code() + " " + v.message());
      }
      out.println(file + ": " + summary(report));
    }
    return report.valid() ? 0 : 1;
  }

  /** {@code valid FEC (6 lines, tab-separated, UTF-8)}, {@code 3 violations (...)} or {@code stopped at 1000 ...}. */
  static String summary(FecReport r) {
    String how = r.lines() + (r.lines() == 1 ? " line" : " lines") + (r.truncated() ? " read" : "")
        + (r.separator() == null ? "" : ", " + r.separator() + "-separated") + ", " + r.encoding();
    if (r.valid()) {
      return "valid FEC (" + how + ")";
    }
    int n = r.violations().size();
    String found = n + (n == 1 ? " violation" : " violations");
    return (r.truncated() ? "stopped at " + found + ", there may be more" : found) + " (" + how + ")";
  }

  static String json(FecReport r) {
    ObjectNode root = FecJson.write(r);
    try {
      return Json.MAPPER.writer().with(JsonWriteFeature.ESCAPE_NON_ASCII).writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Charset encoding(String name) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "utf-8", "utf8" -> StandardCharsets.UTF_8;
      case "iso-8859-15", "iso8859-15", "latin-9", "latin9" -> FecValidator.ISO_8859_15;
      default -> null;
    };
  }

  private static int positive(String s) {
    try {
      return Integer.parseInt(s);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static String reason(Exception e) {
    Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
    if (cause instanceof NoSuchFileException) {
      return "no such file";
    }
    if (cause instanceof AccessDeniedException) {
      return "permission denied";
    }
    return cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
  }

  private static int usage(PrintStream err, String problem) {
    err.println("FecValidate: " + problem);
    err.println(USAGE);
    return 2;
  }
}
