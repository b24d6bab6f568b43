package com.accountingexport.functions.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.accountingexport.adapters.Wiring;
import com.accountingexport.adapters.testing.InMemoryWiring;
import com.accountingexport.adapters.testing.Seed;
import com.accountingexport.core.auth.TenantId;
import com.accountingexport.core.export.Export;
import com.accountingexport.core.export.NewExport;
import com.accountingexport.core.period.Period;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkflowHandlerTest {
  private final Wiring wiring = InMemoryWiring.create();
  private final WorkflowHandler handler = new WorkflowHandler(wiring);

  @Test
  void releaseClaims_shouldFailADeadGenerationAndGiveItsDocumentsBack() {
    Seed.invoices(wiring, 3);
    TenantId acme = new TenantId("acme");
    Export dead = wiring.exportRepository().create(acme, new NewExport("dead", "EXP-{yyyy}-{seq:5}",
        new Period(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31)), List.of("VT"), "fec", "none", false,
        Instant.parse("2026-01-01T00:00:00Z"), "x", Instant.parse("2026-01-01T00:05:00Z")));
    wiring.exportRepository().claim(acme, dead, List.of("inv-1", "inv-2"));

    Map<String, Object> out = handler.handleRequest(Map.of("step", "release-claims", "tenant", "acme", "exportId", "dead"), null);
    assertEquals(1, out.get("repaired"));
    assertEquals(List.of(), wiring.exportRepository().heldDocuments(acme, "dead"));
    assertEquals("FAILED", wiring.exportRepository().find(acme, "dead").orElseThrow().status().name());
  }

  @Test
  void unknownStepOrTenant_shouldFailClearly() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> handler.handleRequest(Map.of("step", "render-journal", "tenant", "acme"), null));
    assertTrue(e.getMessage().contains("render-journal"));
    assertThrows(IllegalArgumentException.class, () -> handler.handleRequest(Map.of("step", "recover"), null));
  }
}
