package com.accountingexport.adapters.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.accountingexport.adapters.testing.LocalDynamo;
import com.accountingexport.core.auth.TenantId;
import com.accountingexport.core.settings.Language;
import com.accountingexport.core.settings.TenantSettings;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class DynamoSettingsRepositoryIT {
  private static DynamoDbClient dynamo;
  private static String table;
  private static DynamoSettingsRepository repository;

  @BeforeAll
  static void createTable() {
    LocalDynamo local = LocalDynamo.get();
    dynamo = local.client();
    table = local.newTable();
    repository = new DynamoSettingsRepository(dynamo, table);
  }

  @Test
  void save_shouldRoundTripEveryField_whenNoValueIsTheDefault() {
    // given
    TenantId tenant = new TenantId("settings-full");
    TenantSettings settings = Fixtures.fullSettings();

    // when
    repository.save(tenant, settings);

    // then
    assertEquals(settings, repository.find(tenant).orElseThrow());
    Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table)
        .key(Map.of("PK", Attrs.s("T#settings-full#SETTINGS"), "SK", Attrs.s("SETTINGS")))).item();
    assertEquals("07-01", item.get("fiscalYearStart").s());
    assertEquals("collections", item.get("vatRegimeServices").s());
    assertEquals("VTE", item.get("journalCodes").m().get("sales").s());
    assertEquals("445712", item.get("accounts").m().get("vatCollectedByRate").m().get("20.00").s());
    assertEquals("250", item.get("backgroundThreshold").n());
    assertEquals("none", item.get("pageAccess").m().get("vatSummary").m().get("company_admin").s());
    assertEquals("read", item.get("pageAccess").m().get("settings").m().get("company_user").s());
    assertEquals("write", item.get("pageAccess").m().get("settings").m().get("company_admin").s());
    assertEquals("en", item.get("locale").s());
  }

  @Test
  void save_shouldRoundTripDefaults_whenTenantKeepsThem() {
    // given
    TenantId tenant = new TenantId("settings-defaults");

    // when
    repository.save(tenant, TenantSettings.defaults());

    // then
    assertEquals(TenantSettings.defaults(), repository.find(tenant).orElseThrow());
  }

  @Test
  void save_shouldReplaceEarlierSettings_whenSavedAgain() {
    // given
    TenantId tenant = new TenantId("settings-twice");
    repository.save(tenant, Fixtures.fullSettings());

    // when
    repository.save(tenant, TenantSettings.defaults());

    // then
    assertEquals(TenantSettings.defaults(), repository.find(tenant).orElseThrow());
  }

  @Test
  void find_shouldBeEmpty_whenTenantNeverSavedOrOnlyAnotherTenantDid() {
    // given
    repository.save(new TenantId("settings-a"), Fixtures.fullSettings());

    // when / then
    assertTrue(repository.find(new TenantId("settings-b")).isEmpty());
    assertTrue(repository.find(new TenantId("settings-never")).isEmpty());
  }

  @Test
  void find_shouldFillDefaults_whenAnOlderItemLacksFields() {
    // given: an item written before most settings existed
    TenantId tenant = new TenantId("settings-old");
    dynamo.putItem(r -> r.tableName(table).item(Map.of(
        "PK", Attrs.s(SettingsItemMapper.pk(tenant)), "SK", Attrs.s("SETTINGS"),
        "numberingPattern", Attrs.s("OLD-{seq:3}"))));

    // when
    TenantSettings found = repository.find(tenant).orElseThrow();

    // then
    TenantSettings d = TenantSettings.defaults();
    assertEquals(new TenantSettings(d.fiscalYearStart(), d.vatRegimeServices(), "OLD-{seq:3}", d.defaultFormat(),
        d.journalCodes(), d.accounts(), d.notificationEmails(), d.backgroundThreshold(), d.pageAccess()), found);
    assertEquals(Language.FR, found.language());
  }
}
