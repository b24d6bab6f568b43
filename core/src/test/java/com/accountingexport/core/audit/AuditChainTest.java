package com.accountingexport.core.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.accountingexport.core.auth.TenantId;
import com.accountingexport.core.error.DomainException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuditChainTest {
  static final TenantId ACME = new TenantId("acme");

  /** Five entries chained as an AuditLog seals them. */
  static List<AuditRecord> chain(int n) {
    List<AuditRecord> out = new ArrayList<>();
    String previous = AuditHash.GENESIS;
    for (int seq = 1; seq <= n; seq++) {
      AuditRecord r = AuditRecord.draft(ACME, Instant.parse("2026-06-15T10:00:00Z").plusSeconds(seq),
          new AuditRecord.Actor("u", "u@acme.test", "company_admin", null), AuditActions.DOCUMENTS_WRITTEN,
          "PUT /documents/{documentId}", Map.of("documentId", "d-" + seq), 200, AuditRecord.OK).sealed(seq, previous);
      out.add(r);
      previous = r.hash();
    }
    return out;
  }

  private static List<String> kinds(AuditVerification v) {
    return v.problems().stream().map(p -> p.kind() + "#" + p.seq()).toList();
  }

  @Test
  void verify_shouldPassAnIntactChain_andAnEmptyOne() {
    AuditVerification v = AuditChain.verify(chain(5), 5);
    assertTrue(v.valid(), v.problems().toString());
    assertEquals(5, v.recordsChecked());
    assertTrue(AuditChain.verify(List.of(), 0).valid());
  }

  @Test
  void verify_shouldNameAMissingMiddleEntry() {
    List<AuditRecord> records = new ArrayList<>(chain(5));
    records.remove(2);
    AuditVerification v = AuditChain.verify(records, 5);
    assertFalse(v.valid());
    assertEquals(List.of("missing#3"), kinds(v));
  }

  @Test
  void verify_shouldNameAnAlteredEntry_andABrokenLinkWhenItsHashWasRecomputed() {
    List<AuditRecord> records = new ArrayList<>(chain(5));
    AuditRecord r = records.get(1);
    AuditRecord forged = new AuditRecord(r.tenant(), r.seq(), r.at(), r.actor(), r.action(), r.route(), r.ids(), 403,
        "FORBIDDEN", r.previousHash(), r.hash());
    records.set(1, forged);
    assertEquals(List.of("altered#2"), kinds(AuditChain.verify(records, 5)));

    records.set(1, forged.withHash(AuditHash.of(forged, forged.previousHash())));
    assertEquals(List.of("link#3"), kinds(AuditChain.verify(records, 5)));
  }

  @Test
  void verify_shouldDetectRemovedLastEntries_throughTheHead() {
    List<AuditRecord> records = new ArrayList<>(chain(5));
    records.remove(4);
    AuditVerification v = AuditChain.verify(records, 5);
    assertEquals(List.of("missing#5", "head#5"), kinds(v));
  }

  @Test
  void cursor_shouldRoundTrip_andRefuseAnotherTenantsOrAForgedOne() {
    String c = AuditCursor.encode(ACME, 42);
    assertEquals(42, AuditCursor.decode(ACME, c));
    for (String bad : new String[] {AuditCursor.encode(new TenantId("other"), 42), "!!", "YTF8YWNtZXwtMQ", "x".repeat(300)}) {
      DomainException e = assertThrows(DomainException.class, () -> AuditCursor.decode(ACME, bad), bad);
      assertEquals("INVALID_CURSOR", e.code());
    }
  }
}
