package com.accountingexport.core.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.accountingexport.core.auth.Caller;
import com.accountingexport.core.auth.Level;
import com.accountingexport.core.auth.Permission;
import com.accountingexport.core.auth.Role;
import com.accountingexport.core.auth.Screen;
import com.accountingexport.core.auth.TenantId;
import com.accountingexport.core.error.DomainException;
import com.accountingexport.core.error.ErrorKind;
import com.accountingexport.core.service.Access;
import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TenantSettingsPageAccessTest {
  private static final TenantId DEMO = new TenantId("demo");

  @Test
  void defaults_firmUserAndAdminWrite_companyUserNone_onEveryPage() {
    TenantSettings d = TenantSettings.defaults();
    for (Screen page : Screen.values()) {
      assertEquals(Level.WRITE, d.level(page, Role.FIRM_USER), page.wire());
      assertEquals(Level.WRITE, d.level(page, Role.COMPANY_ADMIN), page.wire());
      assertEquals(Level.NONE, d.level(page, Role.COMPANY_USER), page.wire());
      assertFalse(d.canSee(page, Role.COMPANY_USER));
    }
    assertEquals(4, d.pageAccess().size());
  }

  @Test
  void givenPairsOverlayTheDefaults_andCanSeeMeansAtLeastRead() {
    TenantSettings s = TenantSettings.defaults().withPageAccess(Map.of(Screen.EXPORTS, Map.of(Role.COMPANY_USER, Level.READ)));
    assertEquals(Level.READ, s.level(Screen.EXPORTS, Role.COMPANY_USER));
    assertTrue(s.canSee(Screen.EXPORTS, Role.COMPANY_USER));
    assertEquals(Level.WRITE, s.level(Screen.EXPORTS, Role.FIRM_USER), "not named: default");
    assertEquals(Level.NONE, s.level(Screen.VAT_SUMMARY, Role.COMPANY_USER));
    assertFalse(s.withLevel(Screen.EXPORTS, Role.FIRM_USER, Level.NONE).canSee(Screen.EXPORTS, Role.FIRM_USER));
  }

  @Test
  void theAdminAlwaysKeepsSettingsWrite() {
    TenantSettings s = TenantSettings.defaults().withLevel(Screen.SETTINGS, Role.COMPANY_ADMIN, Level.NONE);
    assertEquals(Level.WRITE, s.level(Screen.SETTINGS, Role.COMPANY_ADMIN));
    TenantSettings old = TenantSettings.defaults().withPageAccess(
        TenantSettings.fromRoles(Map.of(Screen.SETTINGS, EnumSet.of(Role.FIRM_USER))));
    assertEquals(Level.WRITE, old.level(Screen.SETTINGS, Role.COMPANY_ADMIN));
    assertEquals(Level.NONE, s.withLevel(Screen.EXPORTS, Role.COMPANY_ADMIN, Level.NONE).level(Screen.EXPORTS, Role.COMPANY_ADMIN),
        "only the settings page is locked");
  }

  @Test
  void theOldRoleLists_giveWriteToListedRoles_andNoneToOthers() {
    var m = TenantSettings.fromRoles(Map.of(Screen.EXPORTS, EnumSet.of(Role.COMPANY_USER)));
    assertEquals(Map.of(Role.FIRM_USER, Level.NONE, Role.COMPANY_ADMIN, Level.NONE, Role.COMPANY_USER, Level.WRITE),
        m.get(Screen.EXPORTS));
    assertEquals(1, m.size());
  }

  @Test
  void access_namesTheLackingPermission_theRoleAndItsLevel() {
    TenantSettings s = TenantSettings.defaults().withLevel(Screen.EXPORTS, Role.COMPANY_USER, Level.READ);
    Caller user = new Caller(DEMO, "u", Role.COMPANY_USER, null);
    Access.require(user, s, Permission.read(Screen.EXPORTS));

    DomainException x = assertThrows(DomainException.class, () -> Access.require(user, s, Permission.write(Screen.EXPORTS)));

    assertEquals(ErrorKind.FORBIDDEN, x.kind());
    assertEquals("FORBIDDEN", x.code());
    assertEquals("Role company_user needs exports:write in company demo; it has read. An admin can change pageAccess"
        + " in the settings", x.getMessage());
    assertEquals("pageAccess.exports.company_user", x.details().get(0).field());
    assertEquals("WRITE_REQUIRED", x.details().get(0).code());
    DomainException none = assertThrows(DomainException.class, () -> Access.require(user, s, Screen.VAT_SUMMARY));
    assertEquals("READ_REQUIRED", none.details().get(0).code());
    assertTrue(none.getMessage().contains("needs vatSummary:read") && none.getMessage().contains("it has none"),
        none.getMessage());
  }
}
