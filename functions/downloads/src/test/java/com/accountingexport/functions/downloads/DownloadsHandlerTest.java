package com.accountingexport.functions.downloads;

import static com.accountingexport.adapters.testing.TestEvents.json;
import static com.accountingexport.adapters.testing.TestEvents.route;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.accountingexport.adapters.Wiring;
import com.accountingexport.adapters.testing.InMemoryWiring;
import com.accountingexport.adapters.testing.Seed;
import com.accountingexport.core.export.Export;
import com.accountingexport.core.export.ExportGenerator;
import com.accountingexport.core.export.ExportStatus;
import com.accountingexport.core.service.Selection;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DownloadsHandlerTest {
  private final Wiring wiring = InMemoryWiring.create();
  private final DownloadsHandler handler = new DownloadsHandler(wiring);
  private Export export;

  @BeforeEach
  void generate() {
    Seed.invoices(wiring, 3);
    export = wiring.generator().generate(Seed.ADMIN, new ExportGenerator.GenerateRequest(
        new Selection(null, null, List.of(), List.of(), true, false), null, null, null, "h")).export();
  }

  private APIGatewayV2HTTPResponse get(String kind, String format, boolean redirect) {
    var b = route("GET /exports/{exportId}/files/{kind}").path("exportId", export.id()).path("kind", kind);
    if (format != null) {
      b.query("format", format);
    }
    if (redirect) {
      b.query("redirect", "true");
    }
    return handler.handleRequest(b.build(), null);
  }

  @Test
  void journal_shouldAnswerALink_andMarkTheExportDownloaded() {
    APIGatewayV2HTTPResponse r = get("journal", null, false);
    assertEquals(200, r.getStatusCode(), r.getBody());
    assertEquals("fec", json(r).get("format").asText());
    assertTrue(json(r).get("url").asText().contains("journal-fec"));
    assertEquals(export.file("journal", "fec").orElseThrow().sha256(), json(r).get("sha256").asText());
    assertEquals(ExportStatus.DOWNLOADED, wiring.exports().find(Seed.ADMIN, export.id()).status());
  }

  @Test
  void fecFile_shouldBeNamedAfterTheTenantsSiren() {
    wiring.settings().put(com.accountingexport.adapters.testing.Seed.ADMIN,
        com.accountingexport.adapters.json.SettingsJson.merge(wiring.settings().get(Seed.ADMIN),
            com.accountingexport.adapters.json.Json.parse("{\"siren\": \"732829320\"}"), java.util.Set.of("fec")));
    APIGatewayV2HTTPResponse r = get("journal", null, false);
    assertTrue(json(r).get("url").asText().contains("732829320FEC20261231.txt"), json(r).get("url").asText());
  }

  @Test
  void redirect_shouldAnswer303ToTheLink() {
    APIGatewayV2HTTPResponse r = get("accounts", null, true);
    assertEquals(303, r.getStatusCode());
    assertTrue(r.getHeaders().get("Location").contains("accounts"));
  }

  @Test
  void otherFormat_shouldBeRendered() {
    APIGatewayV2HTTPResponse r = get("journal", "fec-pipe", false);
    assertEquals(200, r.getStatusCode(), r.getBody());
    assertEquals("fec-pipe", json(r).get("format").asText());
  }

  @Test
  void badKindFormatOrFlag_shouldAnswer4xx() {
    assertEquals(400, get("pictures", null, false).getStatusCode());
    assertEquals(400, get("journal", "xlsx", false).getStatusCode());
    assertEquals(404, get("invoices-pdf", null, false).getStatusCode());
    var r = handler.handleRequest(route("GET /exports/{exportId}/files/{kind}").path("exportId", export.id())
        .path("kind", "journal").query("redirect", "yes").build(), null);
    assertEquals(400, r.getStatusCode());
    var missing = handler.handleRequest(route("GET /exports/{exportId}/files/{kind}").path("exportId", "nope")
        .path("kind", "journal").build(), null);
    assertEquals("EXPORT_NOT_FOUND", json(missing).get("error").get("code").asText());
  }
}
