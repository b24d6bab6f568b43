package com.accountingexport.local;

import com.accountingexport.adapters.AwsClients;
import com.accountingexport.adapters.Config;
import com.accountingexport.adapters.Wiring;
import com.accountingexport.core.audit.AuditVerification;
import com.accountingexport.core.auth.TenantId;
import com.accountingexport.core.export.Export;
import com.accountingexport.core.export.Verification;
import com.accountingexport.core.port.IdGenerator;
import java.io.PrintStream;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Recomputes a tenant's audit chain and the SHA-256 of every export's files, then its audit log (who
 * changed or downloaded what), and names whatever was altered: the command-line twin of
 * {@code GET /exports/{id}/verify}, for an accountant or an auditor.
 *
 * <pre>
 * java -cp local/target/classes:$(cat local/target/classpath.txt) com.accountingexport.local.VerifyChain \
 *     --tenant demo [--export ID] [--dynamodb http://localhost:N --s3 http://localhost:M]
 * </pre>
 *
 * With --dynamodb/--s3 (the endpoints run-local prints at start-up) it reads the local runtime's
 * table and bucket; without them, the AWS SDK's configuration (credentials, AWS_REGION,
 * AWS_ENDPOINT_URL) and TABLE_NAME / BUCKET_NAME. Exit status 0 = intact, 1 = altered, 2 = usage.
 */
public final class VerifyChain {
  private VerifyChain() {}

  public static void main(String[] args) {
    System.exit(main(args, System.getenv(), System.out, System.err));
  }

  static int main(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
    Map<String, String> opts = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        err.println("usage: VerifyChain --tenant T [--export ID] [--dynamodb URL --s3 URL] [--table NAME --bucket NAME]");
        return 2;
      }
      opts.put(args[i].substring(2), args[++i]);
    }
    String tenant = opts.get("tenant");
    if (tenant == null || !TenantId.isValid(tenant)) {
      err.println("VerifyChain: --tenant is required (a tenant id)");
      return 2;
    }
    AwsClients aws;
    String table;
    String bucket;
    if (opts.containsKey("dynamodb") || opts.containsKey("s3")) {
      if (!opts.containsKey("dynamodb") || !opts.containsKey("s3")) {
        err.println("VerifyChain: give both --dynamodb and --s3 (as run-local prints them), or neither");
        return 2;
      }
      aws = AwsClients.forEndpoints(URI.create(opts.get("dynamodb")), URI.create(opts.get("s3")),
          URI.create("http://localhost:9"), LocalRuntime.REGION);
      table = opts.getOrDefault("table", LocalRuntime.TABLE);
      bucket = opts.getOrDefault("bucket", LocalRuntime.BUCKET);
    } else {
      aws = AwsClients.fromEnvironment();
      Config env2 = Config.from(env);
      table = opts.getOrDefault("table", env2.tableName());
      bucket = opts.getOrDefault("bucket", env2.bucketName());
    }
    Config config = new Config(table, bucket, "verify@localhost", Duration.ofMinutes(15), "http://localhost",
        Duration.ofMinutes(5));
    return run(new Wiring(aws, config, Clock.systemUTC(), IdGenerator.random()), new TenantId(tenant),
        opts.get("export"), out);
  }

  /**
   * Verifies one export (and the chain up to it), or every export of the chain, printing a line each;
   * then the tenant's audit log. Exit status 1 when either was altered.
   */
  static int run(Wiring wiring, TenantId tenant, String exportId, PrintStream out) {
    boolean exportsIntact = verifyExports(wiring, tenant, exportId, out);
    boolean auditIntact = verifyAuditLog(wiring, tenant, out);
    return exportsIntact && auditIntact ? 0 : 1;
  }

  private static boolean verifyExports(Wiring wiring, TenantId tenant, String exportId, PrintStream out) {
    List<Export> targets = exportId != null
        ? List.of(wiring.exports().chain(tenant).stream().filter(e -> e.id().equals(exportId)).findFirst()
            .orElseGet(() -> wiring.exportRepository().find(tenant, exportId).orElse(null)))
        : wiring.exports().chain(tenant);
    if (targets.isEmpty() || targets.get(0) == null) {
      out.println(exportId == null ? "tenant " + tenant + " has no sealed export" : "no export " + exportId);
      return exportId == null;
    }
    boolean intact = true;
    for (Export e : targets) {
      Verification v = wiring.exports().verify(tenant, e.id());
      intact &= v.valid();
      out.printf("%-20s %-10s %s%n", e.number(), e.status(), v.valid()
          ? "intact (" + v.recordsChecked() + " records, " + v.filesChecked() + " files)" : "ALTERED");
      for (Verification.Problem p : v.problems()) {
        out.printf("    %s %s: %s%n", p.kind(), p.target(), p.message());
      }
    }
    out.println(intact ? "audit chain intact" : "audit chain ALTERED");
    return intact;
  }

  /** Re-checks every entry of the tenant's audit log (who changed or downloaded what). */
  private static boolean verifyAuditLog(Wiring wiring, TenantId tenant, PrintStream out) {
    AuditVerification v = wiring.audit().verify(tenant);
    if (v.valid()) {
      out.println("audit log intact (" + v.recordsChecked() + " records)");
      return true;
    }
    out.println("audit log ALTERED (" + v.recordsChecked() + " records found, head at " + v.headSeq() + ")");
    for (AuditVerification.Problem p : v.problems()) {
      out.printf("    %s #%d: %s%n", p.kind(), p.seq(), p.message());
    }
    return false;
  }
}
