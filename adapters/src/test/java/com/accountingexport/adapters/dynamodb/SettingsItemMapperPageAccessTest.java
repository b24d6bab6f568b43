package com.accountingexport.adapters.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.accountingexport.core.auth.Level;
import com.accountingexport.core.auth.Role;
import com.accountingexport.core.auth.Screen;
import com.accountingexport.core.auth.TenantId;
import com.accountingexport.core.settings.TenantSettings;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The {@code pageAccess} attribute: a level per screen and role; items of the old shape (role lists) still read. */
class SettingsItemMapperPageAccessTest {
  private static final TenantId TENANT = new TenantId("acme");

  private static AttributeValue roles(String... names) {
    return AttributeValue.fromL(java.util.Arrays.stream(names).map(AttributeValue::fromS).toList());
  }

  @Test
  void toItem_storesALevelPerRole_andReadsItBack() {
    TenantSettings s = TenantSettings.defaults().withLevel(Screen.EXPORTS, Role.COMPANY_USER, Level.READ);

    Map<String, AttributeValue> item = SettingsItemMapper.toItem(TENANT, s);

    assertEquals("read", item.get("pageAccess").m().get("exports").m().get("company_user").s());
    assertEquals("write", item.get("pageAccess").m().get("settings").m().get("company_admin").s());
    assertEquals(s, SettingsItemMapper.toSettings(item));
  }

  @Test
  void anOldItem_readsListedRolesAsWrite_othersAsNone_andTheSettingsPageAsDefault() {
    Map<String, AttributeValue> item = new HashMap<>(SettingsItemMapper.key(TENANT));
    item.put("pageAccess", AttributeValue.fromM(Map.of(
        "exports", roles("company_admin", "company_user"),
        "vatSummary", roles(),
        "chartOfAccounts", roles("firm_user"))));

    TenantSettings s = SettingsItemMapper.toSettings(item);

    assertEquals(Level.WRITE, s.level(Screen.EXPORTS, Role.COMPANY_USER));
    assertEquals(Level.NONE, s.level(Screen.EXPORTS, Role.FIRM_USER));
    for (Role r : Role.values()) {
      assertEquals(Level.NONE, s.level(Screen.VAT_SUMMARY, r), r.wire());
    }
    assertEquals(Level.NONE, s.level(Screen.CHART_OF_ACCOUNTS, Role.COMPANY_ADMIN));
    assertEquals(Level.WRITE, s.level(Screen.CHART_OF_ACCOUNTS, Role.FIRM_USER));
    assertEquals(TenantSettings.defaults().pageAccess().get(Screen.SETTINGS), s.pageAccess().get(Screen.SETTINGS));
  }

  @Test
  void anUnknownStoredLevel_isRefused() {
    Map<String, AttributeValue> item = new HashMap<>(SettingsItemMapper.key(TENANT));
    item.put("pageAccess", AttributeValue.fromM(Map.of("exports",
        AttributeValue.fromM(Map.of("company_user", AttributeValue.fromS("admin"))))));

    assertThrows(IllegalStateException.class, () -> SettingsItemMapper.toSettings(item));
  }
}
