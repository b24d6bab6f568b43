package com.accountingexport.functions.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.accountingexport.adapters.Wiring;
import com.accountingexport.adapters.testing.InMemoryWiring;
import com.accountingexport.adapters.testing.Seed;
import com.accountingexport.core.auth.TenantId;
import com.accountingexport.core.export.Export;
import com.accountingexport.core.export.ExportGenerator;
import com.accountingexport.core.export.Notice;
import com.accountingexport.core.export.NewExport;
import com.accountingexport.core.period.Period;
import com.accountingexport.core.service.Selection;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The workflow's tasks fed with the payloads of events/workflow/ (what the state machine passes),
 * driven in the state machine's order over in-memory ports.
 */
class WorkflowHandlerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TenantId ACME = new TenantId("acme");
  private final List<Map<String, ?>> started = new ArrayList<>();
  private final List<String> mailed = new ArrayList<>();
  private final Wiring wiring = InMemoryWiring.create((name, input) -> started.add(input), (e, outcome, requester, s) -> {
    mailed.add(outcome + " " + e.number() + " " + requester);
    return new Notice(outcome, List.of(requester), true, 1, null, InMemoryWiring.NOW);
  });
  private final WorkflowHandler handler = new WorkflowHandler(wiring);

  /** A sample payload of events/workflow/ with this export's ids. */
  private Map<String, Object> payload(String step, Map<String, ?> input) throws IOException {
    Path sample = Path.of("../../events/workflow/" + step + ".json");
    Map<String, Object> p = JSON.readValue(Files.readString(sample), new TypeReference<HashMap<String, Object>>() {});
    p.putAll(input);
    return p;
  }

  private Map<String, ?> openBackgroundExport(int documents) {
    Seed.invoices(wiring, documents);
    var request = new ExportGenerator.GenerateRequest(new Selection(null, null, List.of(), List.of(), true, false),
        null, null, null, "h");
    var settings = wiring.settings().get(ACME);
    var lowThreshold = new com.accountingexport.core.settings.TenantSettings(settings.fiscalYearStart(),
        settings.vatRegimeServices(), settings.numberingPattern(), settings.defaultFormat(), settings.journalCodes(),
        settings.accounts(), settings.notificationEmails(), 1, settings.pageAccess()).withInvoicing(settings.invoicing());
    ExportGenerator.Generated g = wiring.generator().generate(ACME, "admin@acme.test", "admin@acme.test", lowThreshold,
        request);
    assertTrue(g.background());
    return started.get(started.size() - 1);
  }

  @Test
  void theStepsInTheStateMachinesOrder_makeTheExportReady_andMailIt() throws IOException {
    Map<String, ?> input = openBackgroundExport(3);
    Map<String, Object> claim;
    do {
      claim = handler.handleRequest(payload("claim", input), null);
    } while (!(Boolean) claim.get("finished"));
    assertFalse((Boolean) claim.get("stopped"));
    assertEquals(3L, claim.get("total"));
    assertEquals(Boolean.TRUE, handler.handleRequest(payload("render", input), null).get("finished"));
    assertEquals("READY", handler.handleRequest(payload("seal", input), null).get("status"));
    handler.handleRequest(payload("notify", input), null);

    Export e = wiring.exportRepository().find(ACME, (String) input.get("exportId")).orElseThrow();
    assertEquals(3, e.documentCount());
    assertEquals(List.of("READY " + e.number() + " admin@acme.test"), mailed);
    for (Map.Entry<String, Object> out : handler.handleRequest(payload("seal", input), null).entrySet()) {
      boolean batchNumbers = out.getValue() instanceof List<?> l && l.stream().allMatch(Integer.class::isInstance);
      assertTrue(out.getValue() == null || out.getValue() instanceof String || out.getValue() instanceof Number
          || out.getValue() instanceof Boolean || batchNumbers, "only ids and counts go back to the state machine: " + out);
    }
  }

  @Test
  void withBundles_renderAnswersThePdfBatches_thenPdfsAndAssemble_putTheZipInTheSealedExport() throws IOException {
    wiring.settings().put(Seed.ADMIN, com.accountingexport.adapters.json.SettingsJson.merge(wiring.settings().get(ACME),
        com.accountingexport.adapters.json.Json.parse("""
            {"company": {"name": "Acme", "address": {"line1": "1 rue B", "postalCode": "69001", "city": "Lyon",
             "countryCode": "FR"}, "siren": "732829320", "vatNumber": "FR44732829320"}, "defaultPdf": "zip"}"""),
        java.util.Set.of("fec")));
    Map<String, ?> input = openBackgroundExport(3);
    Map<String, Object> claim;
    do {
      claim = handler.handleRequest(payload("claim", input), null);
    } while (!(Boolean) claim.get("finished"));
    Map<String, Object> render = handler.handleRequest(payload("render", input), null);
    assertEquals(List.of(0), render.get("batches"), "3 invoices: one batch of the Map state");

    assertEquals(3L, handler.handleRequest(payload("pdfs", input), null).get("done"));
    assertEquals(Boolean.TRUE, handler.handleRequest(payload("assemble", input), null).get("finished"));
    assertEquals("READY", handler.handleRequest(payload("seal", input), null).get("status"));
    Export e = wiring.exportRepository().find(ACME, (String) input.get("exportId")).orElseThrow();
    assertTrue(e.file("invoices-zip", null).isPresent(), e.files().toString());
    assertTrue(e.file("invoices-pdf", null).isEmpty(), "zip only");
    var bad = new java.util.HashMap<String, Object>(payload("pdfs", input));
    bad.put("batch", "-1");
    assertThrows(IllegalArgumentException.class, () -> handler.handleRequest(bad, null));
  }

  @Test
  void theFailStep_recordsTheReasonFromTheStateMachinesCause_releasesAndMailsTheFailure() throws IOException {
    Map<String, ?> input = openBackgroundExport(3);
    handler.handleRequest(payload("claim", input), null);
    assertEquals(3, wiring.exportRepository().heldDocuments(ACME, (String) input.get("exportId")).size());

    Map<String, Object> out = handler.handleRequest(payload("fail", input), null);
    assertEquals("FAILED", out.get("status"));
    Export failed = wiring.exportRepository().find(ACME, (String) input.get("exportId")).orElseThrow();
    // events/workflow/fail.json: a TransientStepException whose message says the store was throttling
    assertEquals("WORKFLOW_FAILED: TransientStepException: step render: The document store is throttling reads; retry later",
        failed.failure());
    assertEquals(List.of(), wiring.exportRepository().heldDocuments(ACME, failed.id()));
    assertEquals(List.of("FAILED " + failed.number() + " admin@acme.test"), mailed);
    assertTrue((Boolean) handler.handleRequest(payload("render", input), null).get("stopped"), "the dead run stops");
  }

  @Test
  void recover_shouldFailADeadGenerationAndGiveItsDocumentsBack() {
    Seed.invoices(wiring, 3);
    Export dead = wiring.exportRepository().create(ACME, new NewExport("dead", "EXP-{yyyy}-{seq:5}",
        new Period(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31)), List.of("VT"), "fec", "none", false,
        Instant.parse("2026-01-01T00:00:00Z"), "x", Instant.parse("2026-01-01T00:05:00Z")));
    wiring.exportRepository().claim(ACME, dead, List.of("inv-1", "inv-2"));

    Map<String, Object> out = handler.handleRequest(Map.of("step", "recover", "tenant", "acme"), null);
    assertEquals(1, out.get("repaired"));
    assertEquals(List.of(), wiring.exportRepository().heldDocuments(ACME, "dead"));
    assertEquals("FAILED", wiring.exportRepository().find(ACME, "dead").orElseThrow().status().name());
  }

  @Test
  void unknownStepOrTenant_shouldFailClearly() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> handler.handleRequest(Map.of("step", "render-journal", "tenant", "acme", "exportId", "x"), null));
    assertTrue(e.getMessage().contains("render-journal"));
    assertThrows(IllegalArgumentException.class, () -> handler.handleRequest(Map.of("step", "recover"), null));
    assertThrows(IllegalArgumentException.class, () -> handler.handleRequest(Map.of("step", "claim", "tenant", "acme"), null));
  }
}
