package com.accountingexport.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole runtime in this JVM (port 0, in memory), called over real HTTP with minted JWTs, as a
 * client would: status codes, the error shape on every 4xx, tenant isolation. Written to the
 * contract of shared/API.md.
 */
class LocalRuntimeE2EIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);
  private static final String TENANT = "e2e-acme";
  private static LocalRuntime runtime;
  private static HttpClient http;
  private static URI base;
  private static String admin;

  @BeforeAll
  static void start() throws Exception {
    runtime = LocalRuntime.start(LocalOptions.forTests());
    http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    base = runtime.baseUri();
    admin = mint(TENANT, "company_admin");
  }

  @AfterAll
  static void stop() {
    if (runtime != null) {
      runtime.close();
    }
  }

  @Test
  void putDocument_shouldAnswer201_andGetShouldShowItWithExportStateAndAnomalies() throws Exception {
    // given
    String id = "e2e-inv-1";

    // when
    HttpResponse<String> put = send("PUT", "/documents/" + id, admin, invoice(id));
    HttpResponse<String> get = send("GET", "/documents/" + id, admin, null);

    // then
    assertEquals(201, put.statusCode(), put.body());
    assertEquals(200, get.statusCode(), get.body());
    JsonNode doc = JSON.readTree(get.body());
    assertEquals(id, doc.path("id").asText(), get.body());
    assertEquals("exportable", doc.path("exportState").asText(), get.body());
    assertTrue(doc.path("anomalies").isArray(), get.body());
    assertEquals(0, doc.path("anomalies").size(), get.body());
  }

  @Test
  void listBlocked_shouldReturnOnlyBlockedDocuments_eachWithItsAnomalies() throws Exception {
    // given: one exportable invoice, one purchase invoice whose line has no account
    assertEquals(201, send("PUT", "/documents/e2e-inv-2", admin, invoice("e2e-inv-2")).statusCode());
    HttpResponse<String> blocked = send("PUT", "/documents/e2e-pinv-1", admin, purchaseWithoutAccount("e2e-pinv-1"));
    assertEquals(201, blocked.statusCode(), blocked.body());

    // when
    HttpResponse<String> list = send("GET", "/documents?state=blocked", admin, null);

    // then
    assertEquals(200, list.statusCode(), list.body());
    JsonNode page = JSON.readTree(list.body());
    assertTrue(page.path("items").isArray(), list.body());
    assertTrue(page.has("nextCursor"), list.body());
    List<String> ids = new ArrayList<>();
    for (JsonNode item : page.get("items")) {
      ids.add(item.path("id").asText());
      assertEquals("blocked", item.path("exportState").asText(), item.toString());
      assertTrue(item.path("anomalies").isArray() && item.path("anomalies").size() > 0, item.toString());
      for (JsonNode a : item.get("anomalies")) {
        assertFalse(a.path("code").asText().isBlank(), a.toString());
        assertFalse(a.path("message").asText().isBlank(), a.toString());
      }
    }
    assertTrue(ids.contains("e2e-pinv-1"), ids.toString());
    assertFalse(ids.contains("e2e-inv-2"), ids.toString());
  }

  @Test
  void preview_shouldAnswer200_withBalancedTotals() throws Exception {
    // given
    assertEquals(201, send("PUT", "/documents/e2e-inv-3", admin, invoice("e2e-inv-3")).statusCode());
    String body = JSON.createObjectNode()
        .put("from", LocalDate.of(TODAY.getYear(), 1, 1).toString())
        .put("to", LocalDate.of(TODAY.getYear(), 12, 31).toString())
        .set("journals", JSON.valueToTree(List.of("VT", "BQ", "AC", "CA", "NDF"))).toString();

    // when
    HttpResponse<String> r = send("POST", "/exports/preview", admin, body);

    // then
    assertEquals(200, r.statusCode(), r.body());
    JsonNode totals = JSON.readTree(r.body()).path("totals");
    BigDecimal debit = new BigDecimal(totals.path("debit").asText());
    BigDecimal credit = new BigDecimal(totals.path("credit").asText());
    assertEquals(0, debit.compareTo(credit), r.body());
    assertTrue(debit.signum() > 0, r.body());
  }

  @Test
  void anotherTenant_shouldGet404_onThisTenantsDocument() throws Exception {
    assertEquals(201, send("PUT", "/documents/e2e-inv-4", admin, invoice("e2e-inv-4")).statusCode());
    String other = mint("e2e-other", "company_admin");

    HttpResponse<String> r = send("GET", "/documents/e2e-inv-4", other, null);

    assertErrorShape(r, 404);
    assertFalse(r.body().contains("e2e-acme"), "nothing of the other tenant leaks: " + r.body());
  }

  @Test
  void requestsWithoutAValidToken_shouldAnswer401_inTheErrorShape() throws Exception {
    String[] p = admin.split("\\.");
    String tampered = p[0] + "." + p[1].substring(0, p[1].length() - 3) + "abc." + p[2];
    String expired = runtime.token(TENANT, "company_admin", "u", null, Duration.ofMinutes(-5)).token();

    for (String token : new String[] {null, tampered, expired, "garbage"}) {
      HttpResponse<String> r = send("GET", "/documents/e2e-inv-1", token, null);
      JsonNode error = assertErrorShape(r, 401);
      assertEquals("UNAUTHORIZED", error.path("code").asText());
    }
  }

  @Test
  void malformedJson_shouldAnswer400_inTheErrorShape() throws Exception {
    HttpResponse<String> r = send("PUT", "/documents/e2e-bad", admin, "{\"id\": \"e2e-bad\", \"type\": ");

    JsonNode error = assertErrorShape(r, 400);
    assertFalse(error.path("code").asText().isBlank());
    assertFalse(error.path("message").asText().isBlank());
  }

  @Test
  void unknownRoute_shouldAnswer404_inTheErrorShape() throws Exception {
    JsonNode error = assertErrorShape(send("GET", "/no/such/route", admin, null), 404);
    assertEquals("ROUTE_NOT_FOUND", error.path("code").asText());
  }

  @Test
  void putSettings_shouldAnswer403_forACompanyUser() throws Exception {
    // given: the tenant's settings as its admin sees them
    HttpResponse<String> current = send("GET", "/settings", admin, null);
    assertEquals(200, current.statusCode(), current.body());
    String user = mint(TENANT, "company_user");

    // when: a plain company user sends them back
    HttpResponse<String> r = send("PUT", "/settings", user, current.body());

    // then
    assertErrorShape(r, 403);
  }

  @Test
  void demoTenant_shouldBeSeeded_withAYearOfDocuments_someBlocked() throws Exception {
    HttpResponse<String> all = send("GET", "/documents?limit=1000", runtime.demoToken(), null);
    assertEquals(200, all.statusCode(), all.body());
    assertTrue(JSON.readTree(all.body()).path("items").size() >= 300, "demo documents: " + JSON.readTree(all.body()).path("items").size());

    HttpResponse<String> blocked = send("GET", "/documents?state=blocked&limit=1000", runtime.demoToken(), null);
    assertEquals(200, blocked.statusCode(), blocked.body());
    assertTrue(JSON.readTree(blocked.body()).path("items").size() > 0);
  }

  @Test
  void localToken_shouldRefuseBadInput_inTheErrorShape() throws Exception {
    JsonNode error = assertErrorShape(send("POST", "/local/token", null, "{\"tenant\":\"bad tenant!\",\"role\":\"root\"}"), 400);
    assertEquals("VALIDATION_FAILED", error.path("code").asText());
    assertEquals(2, error.path("details").size());
  }

  // ---------------------------------------------------------------------------------------------

  private static String mint(String tenant, String role) throws Exception {
    HttpResponse<String> r = send("POST", "/local/token", null,
        JSON.createObjectNode().put("tenant", tenant).put("role", role).put("sub", "e2e-" + role).toString());
    assertEquals(200, r.statusCode(), r.body());
    return JSON.readTree(r.body()).get("token").asText();
  }

  private static HttpResponse<String> send(String method, String path, String token, String body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    if (body != null) {
      b.header("Content-Type", "application/json");
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** {@code {"error": {"code": SNAKE_CASE, "message": text, "details": [...]}}} with this status. */
  private static JsonNode assertErrorShape(HttpResponse<String> r, int status) throws Exception {
    assertEquals(status, r.statusCode(), r.body());
    JsonNode error = JSON.readTree(r.body()).get("error");
    assertNotNull(error, r.body());
    assertTrue(error.path("code").asText().matches("[A-Z][A-Z0-9_]*"), r.body());
    assertTrue(error.path("message").isTextual() && !error.path("message").asText().isBlank(), r.body());
    assertTrue(error.path("details").isArray(), r.body());
    return error;
  }

  /** A validated invoice of today: services 1000.00 + 20 % VAT. */
  private static String invoice(String id) {
    return """
        {"id": "%s", "type": "invoice", "number": "F-%s", "date": "%s", "status": "validated", "currency": "EUR",
         "counterparty": {"id": "C-1", "name": "Boulangerie Martin SARL", "countryCode": "FR", "chorus": false},
         "lines": [{"label": "Prestation de conseil", "kind": "services", "netAmount": "1000.00",
                    "vatRate": "20.00", "vatAmount": "200.00"}],
         "totals": {"net": "1000.00", "vat": "200.00", "gross": "1200.00"}}
        """.formatted(id, id, TODAY);
  }

  /** A validated purchase invoice whose line has no expense account: blocked (MISSING_ACCOUNT). */
  private static String purchaseWithoutAccount(String id) {
    return """
        {"id": "%s", "type": "purchase_invoice", "number": "FA-%s", "date": "%s", "status": "validated", "currency": "EUR",
         "counterparty": {"id": "S-1", "name": "Bureau Vallée", "countryCode": "FR", "chorus": false},
         "lines": [{"label": "Fournitures de bureau", "kind": "goods", "netAmount": "50.00",
                    "vatRate": "20.00", "vatAmount": "10.00"}],
         "totals": {"net": "50.00", "vat": "10.00", "gross": "60.00"}}
        """.formatted(id, id, TODAY);
  }
}
