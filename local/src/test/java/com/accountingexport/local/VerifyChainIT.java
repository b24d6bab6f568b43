package com.accountingexport.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.accountingexport.core.auth.Caller;
import com.accountingexport.core.auth.Role;
import com.accountingexport.core.auth.TenantId;
import com.accountingexport.core.export.Export;
import com.accountingexport.core.export.ExportGenerator;
import com.accountingexport.core.fakes.TestDocuments;
import com.accountingexport.core.service.Selection;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;

/** The command-line chain check on the local runtime's own DynamoDB Local and S3Mock. */
class VerifyChainIT {
  static LocalRuntime runtime;
  static final TenantId TENANT = new TenantId("audit");
  static final Caller ADMIN = new Caller(TENANT, "u", Role.COMPANY_ADMIN, "a@audit.test");

  @BeforeAll
  static void start() throws Exception {
    runtime = LocalRuntime.start(LocalOptions.forTests(), new PrintStream(new ByteArrayOutputStream()));
  }

  @AfterAll
  static void stop() {
    runtime.close();
  }

  private static String run(int expectedExit) {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    int exit = VerifyChain.run(runtime.wiring(), TENANT, null, new PrintStream(buffer, true, StandardCharsets.UTF_8));
    String out = buffer.toString(StandardCharsets.UTF_8);
    assertEquals(expectedExit, exit, out);
    return out;
  }

  @Test
  void verifyChain_shouldSayIntact_thenNameTheAlteredFile() {
    for (int i = 1; i <= 3; i++) {
      runtime.wiring().documents().put(ADMIN, TestDocuments.invoice("a-" + i, LocalDate.of(2026, 2, i), "10.00", "2.00"));
    }
    ExportGenerator exports = runtime.wiring().generator();
    Export first = exports.generate(ADMIN, new ExportGenerator.GenerateRequest(
        new Selection(null, null, List.of(), List.of("a-1", "a-2"), true, false), null, null, null, "1")).export();
    exports.generate(ADMIN, new ExportGenerator.GenerateRequest(
        new Selection(null, null, List.of(), List.of("a-3"), true, false), null, null, null, "2"));
    assertTrue(run(0).contains("audit chain intact"));

    String key = first.file("journal", "fec").orElseThrow().key();
    runtime.wiring().aws().s3().putObject(b -> b.bucket(LocalRuntime.BUCKET).key(key), RequestBody.fromString("forged"));
    String out = run(1);
    assertTrue(out.contains(first.number()) && out.contains("file journal:fec"), out);
    assertTrue(out.contains("audit chain ALTERED"), out);
  }

  @Test
  void badArguments_shouldExit2() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    assertEquals(2, VerifyChain.main(new String[] {"--export"}, Map.of(), System.out, new PrintStream(err)));
    assertEquals(2, VerifyChain.main(new String[] {"--tenant", "_bad"}, Map.of(), System.out, new PrintStream(err)));
    assertEquals(2, VerifyChain.main(new String[] {"--tenant", "t", "--s3", "http://x"}, Map.of(), System.out,
        new PrintStream(err)));
  }
}
