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
    assertEquals(400, get("journal", "ods", false).getStatusCode());
    assertEquals(404, get("invoices-pdf", null, false).getStatusCode());
    var r = handler.handleRequest(route("GET /exports/{exportId}/files/{kind}").path("exportId", export.id())
        .path("kind", "journal").query("redirect", "yes").build(), null);
    assertEquals(400, r.getStatusCode());
    var missing = handler.handleRequest(route("GET /exports/{exportId}/files/{kind}").path("exportId", "nope")
        .path("kind", "journal").build(), null);
    assertEquals("EXPORT_NOT_FOUND", json(missing).get("error").get("code").asText());
  }

  private static final String FEC_HEADER = "JournalCode\tJournalLib\tEcritureNum\tEcritureDate\tCompteNum\tCompteLib"
      + "\tCompAuxNum\tCompAuxLib\tPieceRef\tPieceDate\tEcritureLib\tDebit\tCredit\tEcritureLet\tDateLet\tValidDate"
      + "\tMontantdevise\tIdevise\r\n";
  private static final String FEC_ROWS =
      "VT\tVentes\t1\t20260302\t411000\tClients\t411C1\tSociété Été\tF-1\t20260302\tF-1\t120,00\t0,00\t\t\t20260310\t\t\r\n"
      + "VT\tVentes\t1\t20260302\t706000\tPrestations\t\t\tF-1\t20260302\tF-1\t0,00\t120,00\t\t\t20260310\t\t\r\n";

  private APIGatewayV2HTTPResponse validate(String body, boolean base64, String encoding) {
    var b = route("POST /fec/validate");
    if (encoding != null) {
      b.query("encoding", encoding);
    }
    var event = b.build();
    event.setBody(body);
    event.setIsBase64Encoded(base64);
    return handler.handleRequest(event, null);
  }

  @Test
  void validate_shouldAnswerEveryViolation_withLineColumnAndCode() {
    APIGatewayV2HTTPResponse ok = validate(FEC_HEADER + FEC_ROWS, false, null);
    assertEquals(200, ok.getStatusCode(), ok.getBody());
    assertTrue(json(ok).get("valid").asBoolean(), ok.getBody());
    assertEquals(2, json(ok).get("lines").asInt());

    APIGatewayV2HTTPResponse bad = validate(FEC_HEADER + FEC_ROWS.replace("0,00\t120,00", "0,00\t100,00"), false, null);
    assertEquals(200, bad.getStatusCode(), bad.getBody());
    assertEquals(false, json(bad).get("valid").asBoolean());
    var first = json(bad).get("violations").get(0);
    assertEquals("ENTRY_UNBALANCED", first.get("code").asText(), bad.getBody());
    assertTrue(first.get("line").asInt() >= 2, bad.getBody());
  }

  @Test
  void validate_shouldReadAnIsoFileSentAsBinary_andRefuseAMissingBodyOrBadEncoding() {
    byte[] latin9 = (FEC_HEADER + FEC_ROWS).getBytes(java.nio.charset.Charset.forName("ISO-8859-15"));
    APIGatewayV2HTTPResponse iso = validate(java.util.Base64.getEncoder().encodeToString(latin9), true, null);
    assertEquals(200, iso.getStatusCode(), iso.getBody());
    assertEquals("ISO-8859-15", json(iso).get("encoding").asText(), iso.getBody());
    assertTrue(json(iso).get("valid").asBoolean(), iso.getBody());

    assertEquals(400, validate(null, false, null).getStatusCode());
    assertEquals(400, validate(FEC_HEADER, false, "latin1").getStatusCode());
  }

  @Test
  void fiscalYearFec_withoutSiren_is409_andBadYear400() {
    var noSiren = handler.handleRequest(route("GET /fiscal-years/{year}/fec").path("year", "2026").build(), null);
    assertEquals(409, noSiren.getStatusCode(), noSiren.getBody());
    assertEquals("SIREN_REQUIRED", json(noSiren).get("error").get("code").asText());
    var badYear = handler.handleRequest(route("GET /fiscal-years/{year}/fec").path("year", "20x6").build(), null);
    assertEquals(400, badYear.getStatusCode(), badYear.getBody());
  }

  @Test
  void fiscalYearFec_shouldAnswerALinkNamedAfterTheSiren() {
    wiring.settings().put(Seed.ADMIN, com.accountingexport.adapters.json.SettingsJson.merge(wiring.settings().get(Seed.ADMIN),
        com.accountingexport.adapters.json.Json.parse("{\"siren\": \"732829320\"}"), java.util.Set.of("fec")));
    var r = handler.handleRequest(route("GET /fiscal-years/{year}/fec").path("year", "2026").query("separator", "pipe").build(), null);
    assertEquals(200, r.getStatusCode(), r.getBody());
    assertEquals("732829320FEC20261231.txt", json(r).get("fileName").asText());
    assertEquals("fec-pipe", json(r).get("format").asText());
    assertEquals(64, json(r).get("sha256").asText().length());
  }
}
