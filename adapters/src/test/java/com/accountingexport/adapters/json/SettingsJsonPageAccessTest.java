package com.accountingexport.adapters.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.accountingexport.core.auth.Level;
import com.accountingexport.core.auth.Role;
import com.accountingexport.core.auth.Screen;
import com.accountingexport.core.error.DomainException;
import com.accountingexport.core.error.Violation;
import com.accountingexport.core.settings.TenantSettings;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@code pageAccess} on the wire: a level per page and role, merged pair by pair; the old role arrays still read. */
class SettingsJsonPageAccessTest {
  private static final Set<String> FORMATS = Set.of("fec", "csv");

  private static TenantSettings merge(TenantSettings current, String body) {
    return SettingsJson.merge(current, Json.parse(body), FORMATS);
  }

  private static List<String> fields(DomainException e) {
    return e.details().stream().map(Violation::field).toList();
  }

  @Test
  void write_spellsOutEveryPageAndRole() {
    JsonNode pa = SettingsJson.write(TenantSettings.defaults()).get("pageAccess");

    assertEquals(Json.parse("""
        {"exports": {"firm_user": "write", "company_admin": "write", "company_user": "none"},
         "vatSummary": {"firm_user": "write", "company_admin": "write", "company_user": "none"},
         "chartOfAccounts": {"firm_user": "write", "company_admin": "write", "company_user": "none"},
         "settings": {"firm_user": "write", "company_admin": "write", "company_user": "none"}}
        """), pa);
  }

  @Test
  void writtenSettings_mergeBackToTheSame() {
    TenantSettings full = TenantSettings.defaults().withPageAccess(java.util.Map.of(
        Screen.EXPORTS, java.util.Map.of(Role.COMPANY_ADMIN, Level.READ, Role.COMPANY_USER, Level.READ),
        Screen.VAT_SUMMARY, java.util.Map.of(Role.FIRM_USER, Level.NONE),
        Screen.SETTINGS, java.util.Map.of(Role.FIRM_USER, Level.READ, Role.COMPANY_USER, Level.READ)));

    TenantSettings back = merge(TenantSettings.defaults(), Json.write(SettingsJson.write(full)));

    assertEquals(full.pageAccess(), back.pageAccess());
    assertEquals(Level.READ, back.level(Screen.EXPORTS, Role.COMPANY_ADMIN));
  }

  @Test
  void merge_changesOnlyTheGivenPairs() {
    TenantSettings s = merge(TenantSettings.defaults().withLevel(Screen.VAT_SUMMARY, Role.COMPANY_USER, Level.READ), """
        {"pageAccess": {"exports": {"company_user": "read"}, "chartOfAccounts": {"firm_user": "none"}}}
        """);

    assertEquals(Level.READ, s.level(Screen.EXPORTS, Role.COMPANY_USER));
    assertEquals(Level.NONE, s.level(Screen.CHART_OF_ACCOUNTS, Role.FIRM_USER));
    assertEquals(Level.WRITE, s.level(Screen.EXPORTS, Role.FIRM_USER));
    assertEquals(Level.READ, s.level(Screen.VAT_SUMMARY, Role.COMPANY_USER), "kept from the current settings");
    assertEquals(Level.WRITE, s.level(Screen.CHART_OF_ACCOUNTS, Role.COMPANY_ADMIN));
  }

  @Test
  void theOldArrayForm_givesWriteToListedRoles_andNoneToTheOthers() {
    TenantSettings s = merge(TenantSettings.defaults(), """
        {"pageAccess": {"exports": ["firm_user", "company_user"], "settings": ["firm_user"]}}
        """);

    assertEquals(Level.WRITE, s.level(Screen.EXPORTS, Role.FIRM_USER));
    assertEquals(Level.WRITE, s.level(Screen.EXPORTS, Role.COMPANY_USER));
    assertEquals(Level.NONE, s.level(Screen.EXPORTS, Role.COMPANY_ADMIN));
    assertEquals(Level.WRITE, s.level(Screen.SETTINGS, Role.COMPANY_ADMIN), "the admin keeps its settings");
    assertEquals(Level.NONE, s.level(Screen.SETTINGS, Role.COMPANY_USER));
    assertEquals(Level.WRITE, s.level(Screen.VAT_SUMMARY, Role.COMPANY_ADMIN), "a page not given is unchanged");
  }

  @Test
  void loweringTheAdminsSettings_isAdminLockout() {
    DomainException e = assertThrows(DomainException.class, () -> merge(TenantSettings.defaults(), """
        {"pageAccess": {"settings": {"company_admin": "read"}}}
        """));

    assertEquals(400, e.kind().status());
    assertEquals("pageAccess.settings.company_admin", e.details().get(0).field());
    assertEquals("ADMIN_LOCKOUT", e.details().get(0).code());
    assertEquals(Level.WRITE, merge(TenantSettings.defaults(), """
        {"pageAccess": {"settings": {"company_admin": "write", "company_user": "read"}}}
        """).level(Screen.SETTINGS, Role.COMPANY_ADMIN));
  }

  @Test
  void unknownPagesRolesAndLevels_areEach400OnTheirPath() {
    DomainException e = assertThrows(DomainException.class, () -> merge(TenantSettings.defaults(), """
        {"pageAccess": {"invoices": {"firm_user": "read"}, "exports": {"boss": "read", "company_user": "admin"},
         "vatSummary": {"company_user": 1}, "chartOfAccounts": "read", "settings": ["company_user", "boss"]}}
        """));

    assertEquals(List.of("pageAccess.invoices", "pageAccess.exports.boss", "pageAccess.exports.company_user",
        "pageAccess.vatSummary.company_user", "pageAccess.chartOfAccounts", "pageAccess.settings[1]"), fields(e));
    assertEquals(List.of("UNKNOWN_FIELD", "UNKNOWN_ROLE", "INVALID_VALUE", "INVALID_VALUE", "INVALID_TYPE",
        "INVALID_FORMAT"), e.details().stream().map(Violation::code).toList());
    assertTrue(e.details().get(2).message().contains("none, read, write"), e.details().get(2).message());
  }
}
