package com.accountingexport.local;

import static com.accountingexport.adapters.testing.TestEvents.json;
import static com.accountingexport.adapters.testing.TestEvents.route;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.accountingexport.adapters.Wiring;
import com.accountingexport.adapters.testing.InMemoryWiring;
import com.accountingexport.adapters.testing.TestEvents;
import com.accountingexport.core.auth.Level;
import com.accountingexport.core.auth.Permission;
import com.accountingexport.core.auth.Rights;
import com.accountingexport.core.auth.Role;
import com.accountingexport.core.auth.Screen;
import com.accountingexport.core.settings.TenantSettings;
import com.accountingexport.functions.cancel.CancelHandler;
import com.accountingexport.functions.documents.DocumentsHandler;
import com.accountingexport.functions.downloads.DownloadsHandler;
import com.accountingexport.functions.exports.ExportsHandler;
import com.accountingexport.functions.settings.SettingsHandler;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The README's "Access rights" table is the matrix: its rows are exactly the API's routes (plus the
 * rows of parameter values that need more), its "Needs" column is what {@link Rights} says, and every
 * row × role answers 403 FORBIDDEN through the real handlers exactly where the table shows ✗.
 */
class AccessMatrixTest {
  private static final List<Role> COLUMNS = List.of(Role.FIRM_USER, Role.COMPANY_ADMIN, Role.COMPANY_USER);
  private static final Pattern PERMISSION = Pattern.compile("`([A-Za-z]+:[a-z]+)`");

  private static final String INVOICE = """
      {"type": "invoice", "number": "F-1", "date": "2026-03-02", "status": "validated", "currency": "EUR",
       "counterparty": {"id": "C1", "name": "Client", "countryCode": "FR"},
       "lines": [{"label": "Formation", "netAmount": "100.00", "vatRate": "20.00", "vatAmount": "20.00"}],
       "totals": {"net": "100.00", "vat": "20.00", "gross": "120.00"}}
      """;

  private static final String TEMPLATE = """
      {"name": "Cabinet Martin", "columns": ["EcritureDate", "JournalCode", "EcritureNum", "CompteNum", "EcritureLib",
       "Debit", "Credit"], "separator": ";", "decimalMark": ",", "datePattern": "dd/MM/yyyy", "encoding": "utf-8"}
      """;

  /** One row of the README table: its route as written, what it needs, and ✓ (true) or ✗ per role. */
  record Row(String method, String path, List<Permission> needs, Map<Role, Boolean> allowed) {
    String text() {
      return method + " " + path;
    }
  }

  private Wiring wiring;
  private Map<String, RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>> handlers;
  private String exportId;
  private String templateId;

  @BeforeEach
  void seed() {
    wiring = InMemoryWiring.create();
    handlers = Map.of(
        RouteTable.DOCUMENTS, new DocumentsHandler(wiring),
        RouteTable.EXPORTS, new ExportsHandler(wiring),
        RouteTable.DOWNLOADS, new DownloadsHandler(wiring),
        RouteTable.CANCEL, new CancelHandler(wiring),
        RouteTable.SETTINGS, new SettingsHandler(wiring),
        RouteTable.WEBHOOKS, new com.accountingexport.functions.webhooks.WebhooksHandler(wiring));
    assertEquals(201, send("PUT /documents/{documentId}", Map.of("documentId", "inv-1"), "company_admin", INVOICE)
        .getStatusCode());
    APIGatewayV2HTTPResponse export = send("POST /exports", Map.of(), "company_admin", "{\"format\": \"fec\"}");
    assertTrue(export.getStatusCode() < 300, export.getBody());
    exportId = json(export).get("id").asText();
    APIGatewayV2HTTPResponse template = send("POST /export-templates", Map.of(), "company_admin", TEMPLATE);
    assertEquals(201, template.getStatusCode(), template.getBody());
    templateId = json(template).get("id").asText();
  }

  static List<Row> readmeTable() throws IOException {
    String readme = Files.readString(TemplateTest.ROOT.resolve("README.md"));
    int start = readme.indexOf("## Access rights");
    assertTrue(start >= 0, "README has no \"## Access rights\" section");
    int end = readme.indexOf("\n## ", start + 1);
    String section = readme.substring(start, end < 0 ? readme.length() : end);
    List<Row> rows = new ArrayList<>();
    boolean header = false;
    for (String line : section.split("\n")) {
      if (!line.startsWith("|")) {
        continue;
      }
      List<String> cells = List.of(line.substring(1, line.lastIndexOf('|')).split("\\|")).stream().map(String::strip).toList();
      if (cells.get(0).equals("Route")) {
        assertEquals(List.of("Route", "Needs", "firm_user", "company_admin", "company_user"), cells);
        header = true;
        continue;
      }
      if (cells.get(0).startsWith("---") || cells.get(0).startsWith(":-")) {
        continue;
      }
      assertEquals(5, cells.size(), "a row of five cells: " + line);
      String route = cells.get(0).replace("`", "");
      String[] parts = route.split(" ", 2);
      List<Permission> needs = new ArrayList<>();
      Matcher m = PERMISSION.matcher(cells.get(1));
      while (m.find()) {
        needs.add(Permission.fromWire(m.group(1)).orElseThrow(() -> new AssertionError("unknown permission in " + line)));
      }
      Map<Role, Boolean> allowed = new LinkedHashMap<>();
      for (int i = 0; i < COLUMNS.size(); i++) {
        String mark = cells.get(2 + i);
        assertTrue(mark.equals("✓") || mark.equals("✗"), "✓ or ✗ in " + line);
        allowed.put(COLUMNS.get(i), mark.equals("✓"));
      }
      rows.add(new Row(parts[0], parts[1], List.copyOf(needs), allowed));
    }
    assertTrue(header, "the table's header row");
    return rows;
  }

  /** The API's routes, without the local runtime's own. */
  private static Set<String> apiRoutes() {
    return RouteTable.api().routes().stream().filter(r -> !r.pathTemplate().startsWith("/local/"))
        .map(RouteTable.Route::routeKey).collect(Collectors.toCollection(TreeSet::new));
  }

  /** The route a README row falls on, and its path parameters (a {@code {name}} left as written is not a value). */
  private static RouteTable.Match match(Row row) {
    return RouteTable.api().match(row.method(), row.path())
        .orElseThrow(() -> new AssertionError("no route of the API for the README row " + row.text()));
  }

  private static Map<String, String> valuesOf(RouteTable.Match m) {
    Map<String, String> values = new LinkedHashMap<>();
    m.pathParameters().forEach((k, v) -> {
      if (!v.equals("{" + k + "}")) {
        values.put(k, v);
      }
    });
    return values;
  }

  @Test
  void theTable_listsEveryRoute_andOnlyParameterRowsBeside() throws IOException {
    List<Row> rows = readmeTable();
    Set<String> generic = new TreeSet<>();
    List<String> texts = new ArrayList<>();
    for (Row row : rows) {
      RouteTable.Match m = match(row);
      texts.add(row.text());
      if (valuesOf(m).isEmpty()) {
        assertEquals(m.route().routeKey(), row.text());
        generic.add(row.text());
      } else {
        assertTrue(Rights.required(m.route().routeKey(), valuesOf(m)).size()
            > Rights.required(m.route().routeKey(), Map.of()).size(), "a parameter row needs more than its route: " + row.text());
      }
    }
    assertEquals(apiRoutes(), generic);
    assertEquals(texts.size(), Set.copyOf(texts).size(), "no row twice: " + texts);
    assertTrue(texts.containsAll(List.of("GET /exports/{exportId}/files/vat-summary", "GET /exports/{exportId}/files/accounts",
        "GET /exports/{exportId}/files/trial-balance", "GET /reports/vat-summary", "GET /reports/trial-balance",
        "GET /lists/customer-balances")), texts.toString());
    apiRoutes().forEach(r -> assertTrue(Rights.knows(r), "the matrix knows " + r));
  }

  @Test
  void theNeedsColumn_isTheMatrix() throws IOException {
    for (Row row : readmeTable()) {
      RouteTable.Match m = match(row);
      assertEquals(Rights.required(m.route().routeKey(), valuesOf(m)), row.needs(), row.text());
    }
  }

  @Test
  void everyRowAndRole_isRefusedExactlyWhereTheTableSaysSo_underTheDefaults() throws IOException {
    List<String> wrong = new ArrayList<>();
    int allowed = 0;
    int succeeded = 0;
    for (Row row : readmeTable()) {
      for (Role role : COLUMNS) {
        APIGatewayV2HTTPResponse r = call(row, role);
        boolean refused = isForbidden(r);
        if (row.allowed().get(role)) {
          allowed++;
          succeeded += r.getStatusCode() < 300 ? 1 : 0;
        }
        if (refused == row.allowed().get(role)) {
          wrong.add(row.text() + " as " + role.wire() + ": table says " + (row.allowed().get(role) ? "✓" : "✗")
              + ", answered " + r.getStatusCode() + " " + r.getBody());
        }
        if (!refused && r.getStatusCode() == 403) {
          wrong.add(row.text() + " as " + role.wire() + ": a 403 that is not FORBIDDEN " + r.getBody());
        }
        if (r.getStatusCode() >= 500) {
          wrong.add(row.text() + " as " + role.wire() + ": " + r.getStatusCode() + " " + r.getBody());
        }
      }
    }
    assertEquals(List.of(), wrong);
    // the ✓ calls really reach their routes (real ids and bodies), not a 400/404 that would hide a refusal
    assertTrue(succeeded * 3 >= allowed * 2, succeeded + " of " + allowed + " allowed calls succeeded");
  }

  /**
   * Beyond the defaults: with other levels the answers follow the Needs column (a role passes when it
   * has every permission of the row), so the column is what the handlers enforce.
   */
  @Test
  void withOtherLevels_theAnswersFollowTheNeedsColumn() throws IOException {
    TenantSettings custom = wiring.settings().get(new com.accountingexport.core.auth.TenantId("acme"))
        .withLevel(Screen.EXPORTS, Role.COMPANY_USER, Level.WRITE)
        .withLevel(Screen.CHART_OF_ACCOUNTS, Role.COMPANY_USER, Level.READ)
        .withLevel(Screen.SETTINGS, Role.COMPANY_USER, Level.READ)
        .withLevel(Screen.VAT_SUMMARY, Role.FIRM_USER, Level.NONE)
        .withLevel(Screen.SETTINGS, Role.FIRM_USER, Level.READ)
        .withLevel(Screen.EXPORTS, Role.COMPANY_ADMIN, Level.READ);
    wiring.settings().put(new com.accountingexport.core.auth.Caller(new com.accountingexport.core.auth.TenantId("acme"),
        "admin", Role.COMPANY_ADMIN, null), custom);
    List<String> wrong = new ArrayList<>();
    int refusals = 0;
    for (Row row : readmeTable()) {
      for (Role role : COLUMNS) {
        boolean expected = row.needs().stream().allMatch(p -> custom.level(p.page(), role).atLeast(p.level()));
        APIGatewayV2HTTPResponse r = call(row, role);
        boolean refused = isForbidden(r);
        refusals += refused ? 1 : 0;
        if (refused == expected) {
          wrong.add(row.text() + " as " + role.wire() + ": expected " + (expected ? "allowed" : "403") + ", answered "
              + r.getStatusCode() + " " + r.getBody());
        }
      }
    }
    assertEquals(List.of(), wrong);
    assertTrue(refusals >= 10, "some refusals in this walk: " + refusals);
  }

  @Test
  void anAdminGivesCompanyUsersExportsRead_thenTheyListButCannotGenerate() {
    assertTrue(isForbidden(send("GET /exports", Map.of(), "company_user", null)));
    APIGatewayV2HTTPResponse set = send("PUT /settings", Map.of(), "company_admin",
        "{\"pageAccess\": {\"exports\": {\"company_user\": \"read\"}}}");
    assertEquals(200, set.getStatusCode(), set.getBody());
    assertEquals("read", json(set).get("pageAccess").get("exports").get("company_user").asText());

    APIGatewayV2HTTPResponse list = send("GET /exports", Map.of(), "company_user", null);
    APIGatewayV2HTTPResponse generate = send("POST /exports", Map.of(), "company_user", "{\"format\": \"fec\"}");

    assertEquals(200, list.getStatusCode(), list.getBody());
    assertEquals(1, json(list).get("items").size());
    assertEquals(403, generate.getStatusCode(), generate.getBody());
    JsonNode error = json(generate).get("error");
    assertEquals("FORBIDDEN", error.get("code").asText());
    assertTrue(error.get("message").asText().contains("needs exports:write"), error.toString());
    assertTrue(error.get("message").asText().contains("it has read"), error.toString());
    assertEquals("pageAccess.exports.company_user", error.get("details").get(0).get("field").asText());
    assertEquals("WRITE_REQUIRED", error.get("details").get(0).get("code").asText());
  }

  // ------------------------------------------------------------------ helpers

  private static boolean isForbidden(APIGatewayV2HTTPResponse r) {
    return r.getStatusCode() == 403 && r.getBody() != null
        && "FORBIDDEN".equals(json(r).path("error").path("code").asText());
  }

  /** The row's route with real ids for its parameters, as {@code role}, with a plausible body. */
  private APIGatewayV2HTTPResponse call(Row row, Role role) {
    RouteTable.Match m = match(row);
    Map<String, String> params = new LinkedHashMap<>();
    m.pathParameters().forEach((k, v) -> params.put(k, v.equals("{" + k + "}") ? sample(k) : v));
    String key = m.route().routeKey();
    String body = switch (key) {
      case "PUT /documents/{documentId}" -> INVOICE;
      case "POST /documents/batch" -> "{\"documents\": [" + INVOICE.replaceFirst("\\{", "{\"id\": \"inv-b\",") + "]}";
      case "POST /exports", "POST /exports/preview" -> "{\"format\": \"fec\"}";
      case "POST /export-templates", "PUT /export-templates/{templateId}" -> TEMPLATE;
      case "PUT /settings" -> "{\"notifyAbove\": 10}";
      case "POST /fec/validate" -> "JournalCode\tJournalLib\n";
      default -> key.startsWith("GET ") || key.startsWith("DELETE ") ? null : "{}";
    };
    return send(key, params, role.wire(), body);
  }

  private String sample(String param) {
    return switch (param) {
      case "documentId" -> "inv-1";
      case "exportId" -> exportId;
      case "templateId" -> templateId;
      case "kind" -> "journal";
      case "year" -> "2026";
      case "report" -> "journal-by-day";
      case "list" -> "unpaid";
      case "webhookId" -> "wh_unknown";
      default -> throw new AssertionError("no sample value for {" + param + "}");
    };
  }

  private APIGatewayV2HTTPResponse send(String routeKey, Map<String, String> params, String role, String body) {
    RouteTable.Route route = RouteTable.api().routes().stream().filter(r -> r.routeKey().equals(routeKey)).findFirst()
        .orElseThrow(() -> new AssertionError("no route " + routeKey));
    TestEvents.Builder b = route(routeKey).role(role);
    params.forEach(b::path);
    if (body != null) {
      b.body(body);
    }
    return handlers.get(route.target()).handleRequest(b.build(), null);
  }
}
