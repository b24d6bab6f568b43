package com.accountingexport.adapters.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.accountingexport.adapters.testing.LocalDynamo;
import com.accountingexport.core.auth.TenantId;
import com.accountingexport.core.settings.AutoExport;
import com.accountingexport.core.settings.TenantSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** {@code autoExport} on DynamoDB Local: the round trip, and the tenants of a day through the sparse GSI1 partition. */
class DynamoSettingsAutoExportIT {
  private DynamoDbClient dynamo;
  private String table;
  private DynamoSettingsRepository repository;

  @BeforeEach
  void createTable() {
    dynamo = LocalDynamo.get().client();
    table = LocalDynamo.get().newTable();
    repository = new DynamoSettingsRepository(dynamo, table);
  }

  private Map<String, AttributeValue> item(TenantId tenant) {
    return dynamo.getItem(r -> r.tableName(table).key(SettingsItemMapper.key(tenant))).item();
  }

  private static TenantSettings on(int day) {
    return TenantSettings.defaults().withAutoExport(new AutoExport(true, day, List.of("VT"), "csv"));
  }

  @Test
  void save_shouldRoundTripAutoExport_andIndexTheTenantUnderItsDay() {
    // given
    TenantId tenant = new TenantId("auto-1");
    TenantSettings s = Fixtures.fullSettings().withAutoExport(new AutoExport(true, 9, List.of("VTE"), null));

    // when
    repository.save(tenant, s);

    // then
    assertEquals(s, repository.find(tenant).orElseThrow());
    assertEquals("AUTOEXPORT#DAY#09", item(tenant).get("GSI1PK").s());
    assertEquals("T#auto-1", item(tenant).get("GSI1SK").s());
    assertEquals(List.of(tenant), repository.autoExportTenants(9));
    assertEquals(List.of(), repository.autoExportTenants(10));
  }

  @Test
  void autoExportTenants_shouldFollowEverySave_enabledMovedDisabledAndRemoved() {
    // given
    TenantId a = new TenantId("tenant-a");
    TenantId b = new TenantId("tenant-b");
    TenantId c = new TenantId("tenant-c");
    repository.save(a, on(5));
    repository.save(b, on(5));
    repository.save(c, on(6));
    assertEquals(List.of(a, b), repository.autoExportTenants(5));

    // when: b moves to the 6th, a is disabled (its day kept), c's autoExport is removed
    repository.save(b, on(6));
    repository.save(a, TenantSettings.defaults().withAutoExport(new AutoExport(false, 5, List.of(), null)));
    repository.save(c, TenantSettings.defaults());

    // then
    assertEquals(List.of(), repository.autoExportTenants(5));
    assertEquals(List.of(b), repository.autoExportTenants(6));
    assertFalse(item(a).containsKey("GSI1PK"), "a disabled monthly export leaves the index");
    assertEquals(5, repository.find(a).orElseThrow().autoExport().dayOfMonth());
    assertFalse(item(c).containsKey("GSI1PK"));
  }

  @Test
  void autoExportTenants_shouldListEveryTenantOfTheDay_inTenantOrder() {
    // given: many tenants on one day, one on another
    List<TenantId> expected = new ArrayList<>();
    for (int i = 0; i < 120; i++) {
      TenantId t = new TenantId(String.format("bulk-%03d", i));
      expected.add(t);
      repository.save(t, on(28));
    }
    repository.save(new TenantId("bulk-other"), on(27));

    // when / then (GSI1SK T#<tenant> orders them by tenant id)
    assertEquals(expected, repository.autoExportTenants(28));
  }
}
