package com.accountingexport.local;

import static com.accountingexport.local.TemplateTest.list;
import static com.accountingexport.local.TemplateTest.map;
import static com.accountingexport.local.TemplateTest.path;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * openapi.yaml on its own (responses, references, the error shape, the conventions, the
 * contract's field names) and against template.yaml (the same routes).
 */
class OpenApiTest {
  static final Map<String, Object> SPEC = TemplateTest.loadYaml(TemplateTest.ROOT.resolve("openapi.yaml"));
  static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options", "trace");
  static final String ERROR_REF = "#/components/schemas/Error";

  // ------------------------------------------------------------------ structure

  @Test
  void spec_isOpenApi303_withBearerJwtSecurityByDefault() {
    assertEquals("3.0.3", SPEC.get("openapi"));
    assertEquals(List.of(Map.of("bearerAuth", List.of())), SPEC.get("security"));
    Map<String, Object> scheme = map(path(SPEC, "components", "securitySchemes", "bearerAuth"));
    assertEquals("http", scheme.get("type"));
    assertEquals("bearer", scheme.get("scheme"));
    assertEquals("JWT", scheme.get("bearerFormat"));
  }

  @Test
  void everyOperation_hasResponses_andAUniqueOperationId() {
    Set<String> ids = new HashSet<>();
    int[] count = {0};
    forEachOperation((route, op) -> {
      count[0]++;
      Object responses = op.get("responses");
      assertTrue(responses instanceof Map<?, ?> m && !m.isEmpty(), route + " has responses");
      assertTrue(map(responses).keySet().stream().anyMatch(code -> String.valueOf(code).startsWith("2")
          || String.valueOf(code).startsWith("3")), route + " has a success response");
      String id = String.valueOf(op.get("operationId"));
      assertTrue(ids.add(id), route + ": operationId " + id + " is unique");
    });
    assertEquals(34, count[0], "33 deployed routes and the local token route");
  }

  @Test
  void everyRef_resolves_andEverySchemaIsUsed() {
    List<String> refs = new ArrayList<>();
    collectRefs(SPEC, refs);
    assertTrue(refs.size() > 50, "the spec reuses its components (" + refs.size() + " $ref)");
    for (String ref : refs) {
      assertTrue(ref.startsWith("#/"), "local reference: " + ref);
      assertNotNull(resolve(ref), "resolves: " + ref);
    }
    Set<String> unused = new TreeSet<>(map(path(SPEC, "components", "schemas")).keySet());
    refs.forEach(r -> unused.remove(r.replace("#/components/schemas/", "")));
    assertEquals(Set.of(), unused, "schemas nothing refers to");
  }

  @Test
  void every4xxAnd5xxResponse_usesTheErrorSchema() {
    int[] count = {0};
    forEachOperation((route, op) -> map(op.get("responses")).forEach((code, response) -> {
      String status = String.valueOf(code);
      if (status.startsWith("4") || status.startsWith("5")) {
        count[0]++;
        Map<String, Object> r = map(response);
        if (r.containsKey("$ref")) {
          r = map(resolve(String.valueOf(r.get("$ref"))));
        }
        assertEquals(ERROR_REF, path(r, "content", "application/json", "schema", "$ref"), route + " " + status);
      }
    }));
    assertTrue(count[0] > 60, "error responses checked: " + count[0]);

    Map<String, Object> error = map(path(SPEC, "components", "schemas", "Error"));
    assertEquals(List.of("error"), error.get("required"));
    assertEquals("#/components/schemas/ErrorBody", path(error, "properties", "error", "$ref"));
    assertEquals(Set.of("code", "message", "details"), properties("ErrorBody"));
    assertEquals(Set.of("field", "code", "message"), properties("ErrorDetail"));
  }

  @Test
  void routes_equalTheTemplatesHttpApiRoutes_plusTheLocalOnlyOne() {
    assertEquals(TemplateTest.templateRoutes().keySet(), openApiRoutes(false));
    Set<String> localOnly = new TreeSet<>(openApiRoutes(true));
    localOnly.removeAll(openApiRoutes(false));
    assertEquals(Set.of("POST /local/token"), localOnly);
    assertEquals(List.of(), path(SPEC, "paths", "/local/token", "post", "security"), "minting a token needs no token");
  }

  @Test
  void apiMdRoutes_areAllInOpenApi() throws IOException {
    Path apiMd = TemplateTest.ROOT.resolve("../shared/API.md").normalize();
    Assumptions.assumeTrue(Files.exists(apiMd), "no shared/API.md next to the repository: nothing to compare");
    Set<String> missing = new TreeSet<>(TemplateTest.apiMdRoutes(Files.readString(apiMd)));
    missing.removeAll(openApiRoutes(false));
    assertEquals(Set.of(), missing);
  }

  @Test
  void pathParameters_areDeclaredAndRequired() {
    Pattern param = Pattern.compile("\\{(\\w+)}");
    forEachOperation((route, op) -> {
      String p = route.split(" ")[1];
      Set<String> declared = new TreeSet<>();
      List<Object> params = new ArrayList<>();
      Object pathLevel = path(SPEC, "paths", p, "parameters");
      if (pathLevel != null) {
        params.addAll(list(pathLevel));
      }
      if (op.get("parameters") != null) {
        params.addAll(list(op.get("parameters")));
      }
      for (Object o : params) {
        Map<String, Object> parameter = map(o).containsKey("$ref") ? map(resolve(String.valueOf(map(o).get("$ref")))) : map(o);
        if ("path".equals(parameter.get("in"))) {
          assertEquals(Boolean.TRUE, parameter.get("required"), route + " " + parameter.get("name"));
          declared.add(String.valueOf(parameter.get("name")));
        }
      }
      Set<String> inPath = new TreeSet<>();
      Matcher m = param.matcher(p);
      while (m.find()) {
        inPath.add(m.group(1));
      }
      assertEquals(inPath, declared, route);
    });
  }

  // ------------------------------------------------------------------ conventions

  @Test
  void money_isAStringWithTwoDecimals_andDatesAreDates() {
    Map<String, Object> money = map(path(SPEC, "components", "schemas", "Money"));
    assertEquals("string", money.get("type"));
    assertEquals("^-?\\d{1,13}\\.\\d{2}$", money.get("pattern"));
    Pattern p = Pattern.compile(String.valueOf(money.get("pattern")));
    assertTrue(p.matcher("1234.50").matches());
    assertTrue(p.matcher("-0.01").matches());
    assertFalse(p.matcher("1234.5").matches());
    assertFalse(p.matcher("1 234,50").matches());

    for (String[] moneyField : new String[][] {{"Totals", "net"}, {"Totals", "gross"}, {"DocumentLine", "netAmount"},
        {"DocumentLine", "vatAmount"}, {"DebitCredit", "debit"}, {"EntryLine", "credit"}}) {
      assertEquals("#/components/schemas/Money",
          path(SPEC, "components", "schemas", moneyField[0], "properties", moneyField[1], "$ref"), String.join(".", moneyField));
    }
    for (String[] dateField : new String[][] {{"Document", "date"}, {"Document", "accountingPeriodEnd"}, {"Payment", "paidAt"},
        {"ServicePeriod", "from"}, {"Period", "to"}, {"PreviewRequest", "from"}, {"EntryLine", "date"}}) {
      assertEquals("date", path(SPEC, "components", "schemas", dateField[0], "properties", dateField[1], "format"),
          String.join(".", dateField));
    }
  }

  @Test
  void lists_arePaginatedWithLimitAndCursor() {
    Map<String, Object> limit = map(path(SPEC, "components", "parameters", "Limit", "schema"));
    assertEquals(Map.of("type", "integer", "minimum", 1, "maximum", 1000, "default", 100), limit);
    for (String[] list : new String[][] {{"/documents", "DocumentPage"}, {"/exports", "ExportPage"}}) {
      List<Object> params = list(path(SPEC, "paths", list[0], "get", "parameters"));
      assertTrue(params.contains(Map.of("$ref", "#/components/parameters/Limit")), list[0]);
      assertTrue(params.contains(Map.of("$ref", "#/components/parameters/Cursor")), list[0]);
      assertEquals("#/components/schemas/" + list[1],
          path(SPEC, "paths", list[0], "get", "responses", "200", "content", "application/json", "schema", "$ref"));
      Map<String, Object> page = map(path(SPEC, "components", "schemas", list[1]));
      assertEquals(List.of("items", "nextCursor"), page.get("required"));
      assertEquals(Boolean.TRUE, path(page, "properties", "nextCursor", "nullable"));
    }
  }

  @Test
  void idempotencyKey_isOnTheCreatingPostsOnly() {
    Set<String> withKey = new TreeSet<>();
    forEachOperation((route, op) -> {
      Object params = op.get("parameters");
      if (params != null && list(params).contains(Map.of("$ref", "#/components/parameters/IdempotencyKey"))) {
        withKey.add(route);
      }
    });
    assertEquals(Set.of("POST /exports", "POST /documents/batch"), withKey);
    assertEquals("header", path(SPEC, "components", "parameters", "IdempotencyKey", "in"));
    assertEquals("Idempotency-Key", path(SPEC, "components", "parameters", "IdempotencyKey", "name"));
  }

  @Test
  void statusCodes_followTheContract() {
    Map<String, Set<String>> mustHave = new TreeMap<>(Map.of(
        "PUT /documents/{documentId}", Set.of("200", "201", "400", "409", "422"),
        "POST /documents/batch", Set.of("200", "400", "413"),
        "GET /documents/{documentId}", Set.of("200", "404"),
        "POST /exports", Set.of("201", "202", "409", "422"),
        "POST /exports/preview", Set.of("200", "400", "422"),
        "GET /exports/{exportId}/files/{kind}", Set.of("200", "303", "404"),
        "GET /fiscal-years/{year}/fec", Set.of("200", "303", "400", "404", "409", "422"),
        "POST /fec/validate", Set.of("200", "400", "413"),
        "POST /exports/{exportId}/cancel", Set.of("200", "404", "409"),
        "PUT /settings", Set.of("200", "400", "403")));
    Map<String, Set<String>> actual = new TreeMap<>();
    forEachOperation((route, op) -> actual.put(route, new TreeSet<>(map(op.get("responses")).keySet())));
    mustHave.forEach((route, codes) -> assertTrue(actual.get(route).containsAll(codes), route + ": " + actual.get(route)));
    actual.forEach((route, codes) -> {
      if (!route.equals("POST /local/token")) {
        assertTrue(codes.containsAll(Set.of("401", "429", "500")), route + " documents 401, 429 and 500: " + codes);
      }
    });
    actual.forEach((route, codes) -> {
      if (!com.accountingexport.core.auth.Rights.required(route, Map.of()).isEmpty()) {
        assertTrue(codes.contains("403"), route + " needs a permission (README, Access rights), so documents 403: " + codes);
      }
    });
    assertNotNull(path(SPEC, "paths", "/exports/{exportId}/files/{kind}", "get", "responses", "303", "headers", "Location"));
  }

  // ------------------------------------------------------------------ the contract's names

  @Test
  void documentSchemas_haveExactlyTheContractsFields() {
    assertEquals(Set.of("id", "type", "number", "date", "status", "currency", "exchangeRate", "counterparty", "lines",
        "totals", "relatedDocumentId", "depositDocumentIds", "payment", "engagementNumber", "purchaseOrderNumber",
        "accountingPeriodEnd", "relatedDocumentIds", "vatRegime", "validatedAt", "dueDate"), properties("Document"));
    assertEquals(List.of("type", "date", "status", "totals"), path(SPEC, "components", "schemas", "Document", "required"));
    assertEquals(Set.of("id", "name", "accountNumber", "siret", "vatNumber", "countryCode", "billingAddress",
        "deliveryAddress", "chorus", "email"), properties("Counterparty"));
    assertEquals(Set.of("line1", "line2", "postalCode", "city", "countryCode", "siret"), properties("Address"));
    assertEquals(Set.of("label", "kind", "netAmount", "vatRate", "vatAmount", "accountNumber", "servicePeriod"),
        properties("DocumentLine"));
    assertEquals("services", path(SPEC, "components", "schemas", "DocumentLine", "properties", "kind", "default"));
    assertEquals(Set.of("net", "vat", "gross"), properties("Totals"));
    assertEquals(Set.of("method", "bankAccount", "paidAt", "external"), properties("Payment"));
    assertEquals(List.of("invoice", "credit_note", "deposit_invoice", "payment", "refund", "purchase_invoice",
        "purchase_credit_note", "supplier_payment", "cash_sale", "expense_report"), enumOf("DocumentType"));
    assertEquals(List.of("draft", "pending_validation", "validation_refused", "validated"), enumOf("DocumentStatus"));

    List<Object> view = list(path(SPEC, "components", "schemas", "DocumentView", "allOf"));
    assertEquals(Map.of("$ref", "#/components/schemas/Document"), view.get(0));
    assertEquals(Set.of("exportState", "exportId", "exportNumber", "anomalies", "createdAt", "updatedAt", "version"),
        map(path(view.get(1), "properties")).keySet());
    assertEquals(List.of("exportable", "exported", "blocked"), enumOf("ExportState"));
    assertEquals(Set.of("code", "message"), properties("Anomaly"));

    Map<String, Object> documents = map(path(SPEC, "components", "schemas", "BatchRequest", "properties", "documents"));
    assertEquals(1, documents.get("minItems"));
    assertEquals(500, documents.get("maxItems"));
    assertEquals(Set.of("results", "stored", "failed"), properties("BatchResponse"));
    assertEquals(Set.of("index", "id", "status", "document", "error"), properties("BatchResult"));
  }

  @Test
  void exportSchemas_haveExactlyTheContractsFields() {
    assertEquals(Set.of("from", "to", "journals", "documentIds", "onlyValid"), properties("PreviewRequest"));
    assertEquals(Boolean.TRUE, path(SPEC, "components", "schemas", "PreviewRequest", "properties", "onlyValid", "default"));
    assertEquals(Set.of("period", "journals", "totals", "documents", "excluded"), properties("Preview"));
    assertEquals(Set.of("code", "label", "entries", "totals", "documents"), properties("JournalPreview"));
    assertEquals(Set.of("date", "journal", "piece", "label", "account", "accountLabel", "auxiliaryAccount",
        "auxiliaryLabel", "debit", "credit", "currency", "currencyAmount", "documentId"), properties("EntryLine"));
    assertEquals(Set.of("documentId", "number", "type", "date", "anomalies"), properties("ExcludedDocument"));
    List<Object> generate = list(path(SPEC, "components", "schemas", "GenerateExportRequest", "allOf"));
    assertEquals(Map.of("$ref", "#/components/schemas/PreviewRequest"), generate.get(0));
    assertEquals(Set.of("format", "pdf", "reexport", "bundle"), map(path(generate.get(1), "properties")).keySet());
    assertEquals(List.of("none", "zip", "merged", "both"), enumOf("PdfMode"));

    assertEquals(Set.of("id", "number", "status", "period", "journals", "format", "pdf", "documentCount", "entryCount",
        "totals", "createdAt", "createdBy", "downloadedAt", "downloadedBy", "cancelledAt", "cancelledBy", "files",
        "progress", "notices", "skipped", "previousHash", "recordHash", "reexport", "failure"), properties("Export"));
    assertEquals(List.of("GENERATING", "READY", "DOWNLOADED", "CANCELLED", "FAILED"), enumOf("ExportStatus"));
    assertEquals(Set.of("kind", "format", "bytes", "sha256", "transliterated", "truncated"), properties("ExportFile"));
    assertEquals(Set.of("name", "description", "columns", "separator", "decimalMark", "datePattern", "encoding",
        "quoting", "header"), properties("ExportTemplateInput"));
    assertEquals(Set.of("id", "kind", "name", "version", "description", "fileExtension", "contentType", "encoding",
        "separator", "decimalMark", "datePattern", "lineEnding", "accounts", "lettered", "sample"), properties("Format"));
    assertEquals(Set.of("phase", "done", "total", "percent"), properties("Progress"));
    assertEquals(Set.of("outcome", "recipients", "sent", "attempts", "error", "at"), properties("Notice"));
    assertEquals(Set.of("documentId", "reason"), properties("SkippedDocument"));
    assertEquals(Set.of("exportId", "number", "valid", "recordsChecked", "filesChecked", "problems"), properties("Verification"));
    assertEquals(Set.of("kind", "target", "message"), properties("VerificationProblem"));
    assertEquals(Set.of("url", "expiresAt", "format", "sha256", "bytes", "kind", "fileName", "transliterated",
        "truncated"), properties("Download"));
    assertEquals(List.of("journal", "accounts", "invoices-zip", "invoices-pdf", "report", "trial-balance",
        "vat-summary", "journal-by-day", "all"),
        enumOf("FileKind"));
  }

  @Test
  void settingsSchemas_haveExactlyTheContractsFields() {
    Map<String, Object> settings = map(path(SPEC, "components", "schemas", "Settings"));
    assertFalse(settings.containsKey("required"), "PUT /settings takes any subset");
    assertEquals(Set.of("fiscalYearStart", "vatRegimeServices", "numberingPattern", "defaultFormat", "journalCodes",
        "accounts", "notificationEmails", "backgroundThreshold", "pageAccess", "siren", "locale",
        "autoExport", "notifyAbove", "company", "paymentTermsDays", "latePenaltyRate", "defaultPdf"), properties("Settings"));
    assertEquals(Set.of("enabled", "dayOfMonth", "journals", "format"), properties("AutoExportSettings"));
    assertEquals(31, path(SPEC, "components", "schemas", "AutoExportSettings", "properties", "dayOfMonth", "maximum"));
    assertEquals(List.of("debits", "collections"), path(settings, "properties", "vatRegimeServices", "enum"));
    Pattern monthDay = Pattern.compile(String.valueOf(path(settings, "properties", "fiscalYearStart", "pattern")));
    assertTrue(monthDay.matcher("01-01").matches());
    assertTrue(monthDay.matcher("07-01").matches());
    assertFalse(monthDay.matcher("13-01").matches());
    assertEquals(Set.of("sales", "bank", "purchases", "cash", "expenses", "misc"), properties("JournalCodes"));
    assertEquals(Set.of("customer", "supplier", "employee", "revenueServices", "revenueGoods", "vatCollected",
        "vatCollectedByRate", "vatCollectedPending", "vatDeductible", "vatDeductibleFixedAssets", "vatDeductiblePending",
        "customerDeposits", "bank", "cash", "expenses", "fxLoss", "fxGain", "customerAuxPrefix", "supplierAuxPrefix",
        "employeeAuxPrefix"), properties("AccountSettings"));
    assertEquals(Set.of("exports", "vatSummary", "chartOfAccounts", "settings"), properties("PageAccess"));
    assertEquals(Set.of("firm_user", "company_admin", "company_user"), properties("PageLevels"));
    assertEquals(List.of("none", "read", "write"), enumOf("Level"));
    assertEquals(List.of("firm_user", "company_admin", "company_user"), enumOf("Role"));
    assertEquals(Set.of("tenant", "role", "sub", "email"), properties("TokenRequest"));
    assertEquals(Set.of("token"), properties("TokenResponse"));
    assertEquals(Set.of("seq", "at", "actor", "action", "route", "ids", "status", "outcome", "hash", "previousHash"),
        properties("AuditEntry"));
    assertEquals(Set.of("sub", "email", "role", "firm"), properties("AuditActor"));
    assertEquals(com.accountingexport.core.audit.AuditActions.ALL, enumOf("AuditAction"));
  }

  // ------------------------------------------------------------------ helpers

  /** {@code METHOD /path} of every operation; local-only ones ({@code x-local-only: true}) only when asked. */
  static Set<String> openApiRoutes(boolean includeLocalOnly) {
    Set<String> routes = new TreeSet<>();
    map(SPEC.get("paths")).forEach((p, item) -> map(item).forEach((method, op) -> {
      if (METHODS.contains(method)) {
        boolean local = Boolean.TRUE.equals(map(op).get("x-local-only")) || Boolean.TRUE.equals(map(item).get("x-local-only"));
        if (includeLocalOnly || !local) {
          routes.add(method.toUpperCase() + " " + p);
        }
      }
    }));
    return routes;
  }

  private static void forEachOperation(BiConsumer<String, Map<String, Object>> action) {
    map(SPEC.get("paths")).forEach((p, item) -> map(item).forEach((method, op) -> {
      if (METHODS.contains(method)) {
        action.accept(method.toUpperCase() + " " + p, map(op));
      }
    }));
  }

  private static Set<String> properties(String schema) {
    Object props = path(SPEC, "components", "schemas", schema, "properties");
    assertNotNull(props, schema + " has properties");
    return new TreeSet<>(map(props).keySet());
  }

  private static List<Object> enumOf(String schema) {
    return list(path(SPEC, "components", "schemas", schema, "enum"));
  }

  /** A local JSON pointer ({@code #/components/schemas/Money}), or null. */
  static Object resolve(String ref) {
    Object node = SPEC;
    for (String token : ref.substring(2).split("/")) {
      String key = token.replace("~1", "/").replace("~0", "~");
      if (!(node instanceof Map<?, ?> m) || !m.containsKey(key)) {
        return null;
      }
      node = m.get(key);
    }
    return node;
  }

  private static void collectRefs(Object node, List<String> out) {
    if (node instanceof Map<?, ?> m) {
      m.forEach((k, v) -> {
        if ("$ref".equals(k)) {
          out.add(String.valueOf(v));
        } else {
          collectRefs(v, out);
        }
      });
    } else if (node instanceof List<?> l) {
      l.forEach(v -> collectRefs(v, out));
    }
  }
}
