package com.accountingexport.functions.settings;

import static com.accountingexport.adapters.testing.TestEvents.json;
import static com.accountingexport.adapters.testing.TestEvents.route;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.accountingexport.adapters.testing.InMemoryWiring;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class SettingsHandlerTest {
  private final SettingsHandler handler = new SettingsHandler(InMemoryWiring.create());

  private APIGatewayV2HTTPResponse put(String role, String body) {
    return handler.handleRequest(route("PUT /settings").role(role).body(body).build(), null);
  }

  @Test
  void get_shouldAnswerFrenchDefaults_forATenantSeenForTheFirstTime() {
    APIGatewayV2HTTPResponse r = handler.handleRequest(route("GET /settings").tenant("brand-new").build(), null);
    assertEquals(200, r.getStatusCode(), r.getBody());
    JsonNode s = json(r);
    assertEquals("01-01", s.get("fiscalYearStart").asText());
    assertEquals("EXP-{yyyy}-{seq:5}", s.get("numberingPattern").asText());
    assertEquals("fec", s.get("defaultFormat").asText());
    assertEquals("VT", s.get("journalCodes").get("sales").asText());
    assertEquals("411000", s.get("accounts").get("customer").asText());
    assertEquals("706000", s.get("accounts").get("revenueServices").asText());
    assertEquals("445710", s.get("accounts").get("vatCollected").asText());
    assertEquals("419100", s.get("accounts").get("customerDeposits").asText());
    assertEquals("512000", s.get("accounts").get("bank").asText());
    assertEquals("530000", s.get("accounts").get("cash").asText());
  }

  @Test
  void put_shouldMergeTheGivenFields_andKeepTheOthers() {
    APIGatewayV2HTTPResponse r = put("company_admin", """
        {"fiscalYearStart": "07-01", "journalCodes": {"sales": "VE"}, "accounts": {"bank": "512100",
         "vatCollectedByRate": {"5.50": "445713"}}, "notificationEmails": ["compta@acme.test"],
         "pageAccess": {"exports": ["firm_user", "company_admin", "company_user"]}, "siren": "732829320"}
        """);
    assertEquals(200, r.getStatusCode(), r.getBody());
    JsonNode s = json(handler.handleRequest(route("GET /settings").build(), null));
    assertEquals("07-01", s.get("fiscalYearStart").asText());
    assertEquals("VE", s.get("journalCodes").get("sales").asText());
    assertEquals("BQ", s.get("journalCodes").get("bank").asText());
    assertEquals("512100", s.get("accounts").get("bank").asText());
    assertEquals("411000", s.get("accounts").get("customer").asText());
    assertEquals("445713", s.get("accounts").get("vatCollectedByRate").get("5.50").asText());
    assertEquals("write", s.get("pageAccess").get("exports").get("company_user").asText(), "old form: listed = write");
    assertEquals("none", s.get("pageAccess").get("settings").get("company_user").asText());
    assertEquals("compta@acme.test", s.get("notificationEmails").get(0).asText());
    assertEquals("732829320", s.get("siren").asText());
  }

  @Test
  void put_shouldAnswer403_forACompanyUser_evenWithABadBody() {
    APIGatewayV2HTTPResponse r = put("company_user", "{\"fiscalYearStart\": \"nope\"}");
    assertEquals(403, r.getStatusCode());
    assertEquals("FORBIDDEN", json(r).get("error").get("code").asText());
  }

  @Test
  void put_shouldAnswer400WithEveryBadField() {
    APIGatewayV2HTTPResponse r = put("firm_user", """
        {"fiscalYearStart": "02-30", "numberingPattern": "EXP-{yyyy}", "defaultFormat": "xls",
         "journalCodes": {"sales": "BQ"}, "accounts": {"bank": "abc"}, "backgroundThreshold": 0,
         "pageAccess": {"exports": ["boss"]}, "unknown": 1, "siren": "12345"}
        """);
    assertEquals(400, r.getStatusCode(), r.getBody());
    String body = r.getBody();
    for (String f : new String[] {"fiscalYearStart", "numberingPattern", "defaultFormat", "journalCodes",
        "accounts.bank", "backgroundThreshold", "pageAccess.exports[0]", "unknown", "siren"}) {
      assertTrue(body.contains("\"field\":\"" + f + "\""), f + " missing in " + body);
    }
  }

  @Test
  void get_needsSettingsRead_whichTheAdminCanGrant() {
    APIGatewayV2HTTPResponse refused = handler.handleRequest(route("GET /settings").role("company_user").build(), null);
    assertEquals(403, refused.getStatusCode(), refused.getBody());
    JsonNode error = json(refused).get("error");
    assertEquals("FORBIDDEN", error.get("code").asText());
    assertTrue(error.get("message").asText().contains("needs settings:read"), error.toString());
    assertEquals("pageAccess.settings.company_user", error.get("details").get(0).get("field").asText());
    assertEquals("READ_REQUIRED", error.get("details").get(0).get("code").asText());

    assertEquals(200, put("company_admin", "{\"pageAccess\": {\"settings\": {\"company_user\": \"read\"}}}").getStatusCode());

    assertEquals(200, handler.handleRequest(route("GET /settings").role("company_user").build(), null).getStatusCode());
    APIGatewayV2HTTPResponse stillNoWrite = put("company_user", "{}");
    assertEquals(403, stillNoWrite.getStatusCode());
    assertEquals("WRITE_REQUIRED", json(stillNoWrite).get("error").get("details").get(0).get("code").asText());
  }

  @Test
  void put_loweringTheAdminsOwnSettings_is400AdminLockout() {
    APIGatewayV2HTTPResponse r = put("company_admin", "{\"pageAccess\": {\"settings\": {\"company_admin\": \"none\"}}}");
    assertEquals(400, r.getStatusCode(), r.getBody());
    JsonNode detail = json(r).get("error").get("details").get(0);
    assertEquals("pageAccess.settings.company_admin", detail.get("field").asText());
    assertEquals("ADMIN_LOCKOUT", detail.get("code").asText());
  }

  @Test
  void aFirmUserWhoseSettingsWereLoweredToRead_mayNoLongerChangeThem() {
    assertEquals(200, put("company_admin", "{\"pageAccess\": {\"settings\": {\"firm_user\": \"read\"}}}").getStatusCode());

    APIGatewayV2HTTPResponse r = put("firm_user", "{\"siren\": \"732829320\"}");

    assertEquals(403, r.getStatusCode(), r.getBody());
    assertTrue(json(r).get("error").get("message").asText().contains("needs settings:write"), r.getBody());
  }
}
