package com.accountingexport.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.accountingexport.adapters.testing.TestEvents;
import com.accountingexport.core.auth.Caller;
import com.accountingexport.core.auth.Role;
import com.accountingexport.core.auth.TenantId;
import com.accountingexport.core.export.Export;
import com.accountingexport.core.export.ExportGenerator;
import com.accountingexport.core.fakes.TestDocuments;
import com.accountingexport.core.service.Selection;
import com.accountingexport.functions.settings.SettingsHandler;
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
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

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
    return run(TENANT, expectedExit);
  }

  private static String run(TenantId tenant, int expectedExit) {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    int exit = VerifyChain.run(runtime.wiring(), tenant, null, new PrintStream(buffer, true, StandardCharsets.UTF_8));
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
    assertTrue(out.contains("audit log intact (0 records)"), out);
  }

  @Test
  void verifyChain_shouldSayTheAuditLogIsIntact_thenNameADeletedEntry() {
    // given: three settings changes through the handler, recorded in the tenant's audit log
    TenantId tenant = new TenantId("audit-log");
    SettingsHandler settings = new SettingsHandler(runtime.wiring());
    for (String format : List.of("csv", "fec", "csv")) {
      var r = settings.handleRequest(TestEvents.route("PUT /settings").tenant(tenant.value())
          .body("{\"defaultFormat\": \"" + format + "\"}").build(), null);
      assertEquals(200, r.getStatusCode(), r.getBody());
    }
    String out = run(tenant, 0);
    assertTrue(out.contains("audit log intact (3 records)"), out);

    // when: the second entry is deleted from the table
    runtime.wiring().aws().dynamo().deleteItem(r -> r.tableName(LocalRuntime.TABLE).key(Map.of(
        "PK", AttributeValue.fromS("T#audit-log#AUDIT"), "SK", AttributeValue.fromS("REC#000000000002"))));

    // then
    out = run(tenant, 1);
    assertTrue(out.contains("audit log ALTERED"), out);
    assertTrue(out.contains("missing #2: Entry 2 is missing"), out);
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
