package com.accountingexport.bench;

import com.accountingexport.adapters.dynamodb.DynamoDocumentRepository;
import com.accountingexport.adapters.dynamodb.DynamoExportRepository;
import com.accountingexport.adapters.testing.LocalDynamo;
import com.accountingexport.core.auth.TenantId;
import com.accountingexport.core.export.ClaimResult;
import com.accountingexport.core.export.Export;
import com.accountingexport.core.export.NewExport;
import com.accountingexport.core.fakes.TestDocuments;
import com.accountingexport.core.period.Period;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * How many TransactWriteItems calls claiming N documents takes on DynamoDB Local, against the goal
 * of at most 1.1 × ceil(N/100). Counts calls, not time: the figure does not depend on the machine.
 *
 * <pre>java -cp ... com.accountingexport.bench.ClaimCallsBench [--sizes 100,250,1000,5000]</pre>
 */
public final class ClaimCallsBench {
  public static void main(String[] args) {
    String sizes = "100,250,1000,5000";
    for (int i = 0; i + 1 < args.length; i++) {
      if (args[i].equals("--sizes")) {
        sizes = args[i + 1];
      }
    }
    TenantId tenant = new TenantId("bench");
    boolean allOk = true;
    System.out.printf("%8s %8s %8s %6s%n", "N", "calls", "bound", "ok");
    for (String s : sizes.split(",")) {
      int n = Integer.parseInt(s.trim());
      String table = LocalDynamo.get().newTable();
      var documents = new DynamoDocumentRepository(LocalDynamo.get().client(), table);
      var exports = new DynamoExportRepository(LocalDynamo.get().client(), table);
      List<String> ids = new ArrayList<>();
      Instant now = Instant.parse("2026-06-01T00:00:00Z");
      for (int i = 0; i < n; i++) {
        String id = String.format("d-%06d", i);
        documents.upsert(tenant, TestDocuments.invoice(id, LocalDate.of(2026, 1, 1).plusDays(i % 365), "10.00", "2.00"), now);
        ids.add(id);
      }
      Export e = exports.create(tenant, new NewExport("bench-" + n, "EXP-{yyyy}-{seq:5}",
          new Period(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31)), List.of("VT"), "fec", "none", false, now,
          "bench", now.plusSeconds(300)));
      ClaimResult r = exports.claim(tenant, e, ids);
      double bound = 1.1 * Math.ceil(n / 100.0);
      boolean ok = r.claimed().size() == n && r.writeCalls() <= bound;
      allOk &= ok;
      System.out.printf("%8d %8d %8.1f %6s%n", n, r.writeCalls(), bound, ok);
      System.out.printf("RESULT claims n=%d calls=%d bound=%.1f claimed=%d ok=%s%n", n, r.writeCalls(), bound,
          r.claimed().size(), ok);
    }
    System.out.println(allOk ? "claim calls within 1.1 x ceil(N/100): yes" : "claim calls within 1.1 x ceil(N/100): NO");
    System.exit(allOk ? 0 : 1);
  }
}
