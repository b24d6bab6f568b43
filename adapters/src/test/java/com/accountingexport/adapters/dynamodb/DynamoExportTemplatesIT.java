package com.accountingexport.adapters.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.accountingexport.adapters.testing.LocalDynamo;
import com.accountingexport.core.auth.TenantId;
import com.accountingexport.core.format.ExportTemplate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Templates on DynamoDB Local: stored and read back whole, per tenant, and one winner when admins race. */
class DynamoExportTemplatesIT {
  private static final Instant AT = Instant.parse("2026-11-30T10:00:00Z");
  private static DynamoExportTemplates templates;

  @BeforeAll
  static void createTable() {
    LocalDynamo local = LocalDynamo.get();
    templates = new DynamoExportTemplates(local.client(), local.newTable());
  }

  private static ExportTemplate template(String id, String name, long version) {
    return new ExportTemplate(id, name, "pour le cabinet", List.of(new ExportTemplate.Column("EcritureDate", "Date"),
        new ExportTemplate.Column("JournalCode", null), new ExportTemplate.Column("CompteNum", "Compte"),
        new ExportTemplate.Column("EcritureLib", null), new ExportTemplate.Column("EcritureNum", null),
        new ExportTemplate.Column("Montant", null), new ExportTemplate.Column("Sens", null)), '\t', '.', "yyyyMMdd",
        "windows-1252", "all", false, version, AT, AT.plusSeconds(version));
  }

  @Test
  void save_thenReadBack_everyFieldKept_listedPerTenantByName() {
    TenantId tenant = new TenantId("tpl-a");
    ExportTemplate b = template("tpl-b00000000001", "Zeta", 1);
    ExportTemplate a = template("tpl-a00000000001", "alpha", 1);

    assertTrue(templates.save(tenant, b));
    assertTrue(templates.save(tenant, a));
    assertTrue(templates.save(new TenantId("tpl-other"), template("tpl-c00000000001", "Other", 1)));

    assertEquals(b, templates.find(tenant, b.id()).orElseThrow());
    assertEquals(List.of(a, b), templates.list(tenant));
    assertTrue(templates.find(new TenantId("tpl-other"), a.id()).isEmpty(), "another tenant's id is not found");
    assertTrue(templates.find(tenant, "fec").isEmpty());
  }

  @Test
  void save_newIdTaken_orStaleVersion_isRefused() {
    TenantId tenant = new TenantId("tpl-b");
    ExportTemplate v1 = template("tpl-d00000000001", "One", 1);
    assertTrue(templates.save(tenant, v1));

    assertFalse(templates.save(tenant, template(v1.id(), "Again", 1)), "the id is taken");
    assertTrue(templates.save(tenant, v1.revised(v1, AT)));
    assertFalse(templates.save(tenant, v1.revised(v1, AT)), "version 2 exists already");
    assertEquals(2, templates.find(tenant, v1.id()).orElseThrow().version());
  }

  @Test
  void eightAdminsRevisingTheSameVersion_exactlyOneWins() throws Exception {
    TenantId tenant = new TenantId("tpl-race");
    ExportTemplate v1 = template("tpl-e00000000001", "Race", 1);
    assertTrue(templates.save(tenant, v1));
    ExecutorService pool = Executors.newFixedThreadPool(8);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Boolean>> results = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      String name = "Race " + i;
      results.add(pool.submit(() -> {
        start.await();
        return templates.save(tenant, v1.revised(template(v1.id(), name, 1), AT));
      }));
    }
    start.countDown();
    int won = 0;
    for (Future<Boolean> r : results) {
      won += r.get(30, TimeUnit.SECONDS) ? 1 : 0;
    }
    pool.shutdown();
    assertEquals(1, won);
    assertEquals(2, templates.find(tenant, v1.id()).orElseThrow().version());
  }

  @Test
  void delete_removesIt_once() {
    TenantId tenant = new TenantId("tpl-del");
    ExportTemplate t = template("tpl-f00000000001", "Gone", 1);
    assertTrue(templates.save(tenant, t));

    assertTrue(templates.delete(tenant, t.id()));
    assertFalse(templates.delete(tenant, t.id()));
    assertTrue(templates.list(tenant).isEmpty());
  }
}
