package com.accountingexport.adapters.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.accountingexport.core.auth.TenantId;
import com.accountingexport.core.settings.Language;
import com.accountingexport.core.settings.TenantSettings;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The {@code locale} attribute of the settings item. */
class SettingsItemMapperTest {
  private static final TenantId TENANT = new TenantId("acme");

  @Test
  void toItem_shouldStoreTheLanguageByItsWireName_andReadItBack() {
    // given
    TenantSettings english = Fixtures.fullSettings();

    // when
    Map<String, AttributeValue> item = SettingsItemMapper.toItem(TENANT, english);

    // then
    assertEquals("en", item.get("locale").s());
    assertEquals(Language.EN, SettingsItemMapper.toSettings(item).language());
    assertEquals("fr", SettingsItemMapper.toItem(TENANT, TenantSettings.defaults()).get("locale").s());
  }

  @Test
  void toSettings_shouldReadFrench_whenAnOlderItemHasNoLocale() {
    // given
    Map<String, AttributeValue> item = new HashMap<>(SettingsItemMapper.toItem(TENANT, Fixtures.fullSettings()));
    item.remove("locale");

    // when / then
    assertEquals(Language.FR, SettingsItemMapper.toSettings(item).language());
  }

  @Test
  void toSettings_shouldRefuseAnUnknownStoredLocale() {
    // given
    Map<String, AttributeValue> item = new HashMap<>(SettingsItemMapper.key(TENANT));
    item.put("locale", AttributeValue.fromS("de"));

    // when / then
    assertThrows(IllegalStateException.class, () -> SettingsItemMapper.toSettings(item));
  }
}
