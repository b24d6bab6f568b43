package com.accountingexport.adapters.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.accountingexport.adapters.testing.LocalDynamo;
import com.accountingexport.core.audit.AuditActions;
import com.accountingexport.core.audit.AuditChain;
import com.accountingexport.core.audit.AuditHash;
import com.accountingexport.core.audit.AuditQuery;
import com.accountingexport.core.audit.AuditRecord;
import com.accountingexport.core.audit.AuditService;
import com.accountingexport.core.audit.AuditVerification;
import com.accountingexport.core.auth.TenantId;
import com.accountingexport.core.error.DomainException;
import com.accountingexport.core.port.Page;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The audit log on DynamoDB Local: racing appends give one gapless chain, pages read it newest first
 * with filters, and the chain check names an entry deleted or edited with the raw client.
 */
class DynamoAuditLogIT {
  private static DynamoDbClient dynamo;
  private static String table;
  private static DynamoAuditLog log;

  @BeforeAll
  static void createTable() {
    LocalDynamo local = LocalDynamo.get();
    dynamo = local.client();
    table = local.newTable();
    log = new DynamoAuditLog(dynamo, table);
  }

  private static AuditRecord draft(TenantId tenant, String sub, String action, Instant at, int i) {
    return AuditRecord.draft(tenant, at, new AuditRecord.Actor(sub, sub + "@test", "company_admin", null), action,
        "PUT /documents/{documentId}", Map.of("documentId", "d-" + i), 200, AuditRecord.OK);
  }

  @Test
  void append_shouldGiveAGaplessVerifiedChain_whenEightThreadsAppend25Each_thenNameDeletedAndAlteredEntries()
      throws Exception {
    // given
    TenantId tenant = new TenantId("race");
    ExecutorService pool = Executors.newFixedThreadPool(8);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<List<Long>>> results = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      int thread = t;
      results.add(pool.submit(() -> {
        start.await();
        List<Long> seqs = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
          seqs.add(log.append(draft(tenant, "user-" + thread, AuditActions.DOCUMENTS_WRITTEN, Instant.now(), i)).seq());
        }
        return seqs;
      }));
    }

    // when
    start.countDown();
    Set<Long> seqs = new TreeSet<>();
    for (Future<List<Long>> f : results) {
      seqs.addAll(f.get(120, TimeUnit.SECONDS));
    }
    pool.shutdown();

    // then: seqs 1..200, each once, and the chain holds
    assertEquals(200, seqs.size());
    assertEquals(1L, seqs.iterator().next());
    assertEquals(200L, ((TreeSet<Long>) seqs).last());
    assertEquals(200, log.headSeq(tenant));
    List<AuditRecord> all = log.all(tenant);
    assertEquals(200, all.size());
    assertEquals(AuditHash.GENESIS, all.get(0).previousHash());
    AuditService service = new AuditService(log);
    AuditVerification intact = service.verify(tenant);
    assertTrue(intact.valid(), intact.problems().toString());
    assertEquals(200, intact.recordsChecked());

    // when: one middle entry is deleted behind the service's back
    dynamo.deleteItem(r -> r.tableName(table).key(AuditItemMapper.recordKey(tenant, 100)));
    AuditVerification deleted = service.verify(tenant);
    assertFalse(deleted.valid());
    assertEquals(List.of(new AuditVerification.Problem(AuditVerification.MISSING, 100, "Entry 100 is missing")),
        deleted.problems());

    // when: another entry's outcome is edited
    dynamo.updateItem(r -> r.tableName(table).key(AuditItemMapper.recordKey(tenant, 57))
        .updateExpression("SET #outcome = :forged")
        .expressionAttributeNames(Map.of("#outcome", AuditItemMapper.OUTCOME))
        .expressionAttributeValues(Map.of(":forged", AttributeValue.fromS("FORBIDDEN"))));
    AuditVerification altered = service.verify(tenant);
    assertEquals(List.of("altered#57", "missing#100"), kinds(altered));

    // when: the last entry is deleted too
    dynamo.deleteItem(r -> r.tableName(table).key(AuditItemMapper.recordKey(tenant, 200)));
    AuditVerification truncated = service.verify(tenant);
    assertEquals(List.of("altered#57", "missing#100", "missing#200", "head#200"), kinds(truncated));
  }

  @Test
  void verify_shouldNameAnEntryWhoseAttributesWereRemoved_insteadOfFailing() {
    TenantId tenant = new TenantId("stripped");
    for (int i = 1; i <= 3; i++) {
      log.append(draft(tenant, "alice", AuditActions.SETTINGS_CHANGED, Instant.now(), i));
    }
    dynamo.updateItem(r -> r.tableName(table).key(AuditItemMapper.recordKey(tenant, 2))
        .updateExpression("REMOVE #outcome, #sub, #at, #tenant")
        .expressionAttributeNames(Map.of("#outcome", AuditItemMapper.OUTCOME, "#sub", AuditItemMapper.SUB,
            "#at", AuditItemMapper.AT, "#tenant", AuditItemMapper.TENANT)));
    assertEquals(List.of("altered#2"), kinds(new AuditService(log).verify(tenant)));
  }

  private static List<String> kinds(AuditVerification v) {
    return v.problems().stream().map(p -> p.kind() + "#" + p.seq()).toList();
  }

  @Test
  void page_shouldListNewestFirst_withFiltersAndCursor_andKeepTenantsApart() {
    // given: 7 entries on two days by two actors, and another tenant's entry
    TenantId tenant = new TenantId("pages");
    Instant day1 = Instant.parse("2026-06-14T23:59:59.5Z");
    Instant day2 = Instant.parse("2026-06-15T00:00:00Z");
    for (int i = 1; i <= 7; i++) {
      log.append(draft(tenant, i % 2 == 0 ? "bob" : "alice", i <= 3 ? AuditActions.DOCUMENTS_WRITTEN
          : AuditActions.FILE_DOWNLOADED, i <= 3 ? day1 : day2, i));
    }
    log.append(draft(new TenantId("pages-other"), "alice", AuditActions.DOCUMENTS_WRITTEN, day1, 99));

    // when / then: pages of 3, newest first, the cursor carries on
    Page<AuditRecord> first = log.page(new AuditQuery(tenant, null, null, null, null, null, 3));
    assertEquals(List.of(7L, 6L, 5L), seqs(first));
    Page<AuditRecord> second = log.page(new AuditQuery(tenant, null, null, null, null, first.nextCursor(), 3));
    assertEquals(List.of(4L, 3L, 2L), seqs(second));
    Page<AuditRecord> last = log.page(new AuditQuery(tenant, null, null, null, null, second.nextCursor(), 3));
    assertEquals(List.of(1L), seqs(last));
    assertNull(last.nextCursor());

    // filters: the day (UTC, inclusive), the actor by sub or e-mail, the action
    assertEquals(List.of(3L, 2L, 1L), seqs(log.page(new AuditQuery(tenant, null, LocalDate.of(2026, 6, 14), null, null, null, 50))));
    assertEquals(List.of(7L, 6L, 5L, 4L), seqs(log.page(new AuditQuery(tenant, LocalDate.of(2026, 6, 15),
        LocalDate.of(2026, 6, 15), null, null, null, 50))));
    assertEquals(List.of(6L, 4L, 2L), seqs(log.page(new AuditQuery(tenant, null, null, "bob", null, null, 50))));
    assertEquals(List.of(7L, 5L, 3L, 1L), seqs(log.page(new AuditQuery(tenant, null, null, "alice@test", null, null, 50))));
    Page<AuditRecord> filtered = log.page(new AuditQuery(tenant, null, null, "alice", AuditActions.FILE_DOWNLOADED, null, 1));
    assertEquals(List.of(7L), seqs(filtered));
    assertEquals(List.of(5L), seqs(log.page(new AuditQuery(tenant, null, null, "alice", AuditActions.FILE_DOWNLOADED,
        filtered.nextCursor(), 1))));

    // a cursor of another tenant is refused
    DomainException e = assertThrows(DomainException.class,
        () -> log.page(new AuditQuery(new TenantId("pages-other"), null, null, null, null, first.nextCursor(), 3)));
    assertEquals("INVALID_CURSOR", e.code());

    // every stored field reads back as sealed, and the other tenant's log is its own chain
    AuditRecord seventh = first.items().get(0);
    assertEquals(AuditHash.of(seventh, seventh.previousHash()), seventh.hash());
    assertEquals("alice", seventh.actor().sub());
    assertEquals(Map.of("documentId", "d-7"), seventh.ids());
    assertEquals(1, log.headSeq(new TenantId("pages-other")));
    assertTrue(AuditChain.verify(log.all(new TenantId("pages-other")), 1).valid());
  }

  private static List<Long> seqs(Page<AuditRecord> page) {
    return page.items().stream().map(AuditRecord::seq).toList();
  }
}
