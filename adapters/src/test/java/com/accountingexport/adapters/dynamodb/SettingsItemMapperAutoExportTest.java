package com.accountingexport.adapters.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.accountingexport.core.auth.TenantId;
import com.accountingexport.core.settings.AutoExport;
import com.accountingexport.core.settings.TenantSettings;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The {@code autoExport} attribute of the settings item and its sparse GSI1 keys. */
class SettingsItemMapperAutoExportTest {
  private static final TenantId TENANT = new TenantId("acme");

  @Test
  void toItem_shouldStoreAnEnabledMonthlyExport_withItsGsi1DayPartition_andReadItBack() {
    // given
    TenantSettings s = Fixtures.fullSettings().withAutoExport(new AutoExport(true, 7, List.of("VTE", "BNP"), "csv"));

    // when
    Map<String, AttributeValue> item = SettingsItemMapper.toItem(TENANT, s);

    // then
    Map<String, AttributeValue> a = item.get("autoExport").m();
    assertEquals(true, a.get("enabled").bool());
    assertEquals("7", a.get("dayOfMonth").n());
    assertEquals(List.of("VTE", "BNP"), a.get("journals").l().stream().map(AttributeValue::s).toList());
    assertEquals("csv", a.get("format").s());
    assertEquals("AUTOEXPORT#DAY#07", item.get("GSI1PK").s());
    assertEquals("T#acme", item.get("GSI1SK").s());
    assertEquals(s, SettingsItemMapper.toSettings(item));
  }

  @Test
  void toItem_shouldLeaveTheIndexOut_whenDisabledOrNeverSet() {
    TenantSettings off = TenantSettings.defaults().withAutoExport(new AutoExport(false, 20, List.of(), null));
    Map<String, AttributeValue> item = SettingsItemMapper.toItem(TENANT, off);
    assertFalse(item.containsKey("GSI1PK"));
    assertFalse(item.containsKey("GSI1SK"));
    assertEquals(off, SettingsItemMapper.toSettings(item));
    assertEquals(20, SettingsItemMapper.toSettings(item).autoExport().dayOfMonth());

    Map<String, AttributeValue> never = SettingsItemMapper.toItem(TENANT, TenantSettings.defaults());
    assertFalse(never.containsKey("autoExport"));
    assertFalse(never.containsKey("GSI1PK"));
    assertNull(SettingsItemMapper.toSettings(never).autoExport());
  }

  @Test
  void toSettings_shouldReadDefaults_forAnAutoExportMapWithOnlyEnabled_andRefuseAStoredDayOutOfRange() {
    Map<String, AttributeValue> item = new HashMap<>(SettingsItemMapper.key(TENANT));
    item.put("autoExport", AttributeValue.fromM(Map.of("enabled", AttributeValue.fromBool(true))));
    assertEquals(new AutoExport(true, 1, List.of(), null), SettingsItemMapper.toSettings(item).autoExport());

    item.put("autoExport", AttributeValue.fromM(Map.of("enabled", AttributeValue.fromBool(true),
        "dayOfMonth", AttributeValue.fromN("32"))));
    assertThrows(IllegalStateException.class, () -> SettingsItemMapper.toSettings(item));
  }

  @Test
  void partitionAndSortKey_shouldNameTheDayAndTheTenant() {
    assertEquals("AUTOEXPORT#DAY#01", SettingsItemMapper.autoExportPartition(1));
    assertEquals("AUTOEXPORT#DAY#31", SettingsItemMapper.autoExportPartition(31));
    assertEquals(TENANT, SettingsItemMapper.tenantOfAutoExportSortKey(SettingsItemMapper.autoExportSortKey(TENANT)));
    assertThrows(IllegalStateException.class, () -> SettingsItemMapper.tenantOfAutoExportSortKey("X#acme"));
  }
}
