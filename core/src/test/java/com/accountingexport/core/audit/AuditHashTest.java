package com.accountingexport.core.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.accountingexport.core.auth.TenantId;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class AuditHashTest {
  static final String PREVIOUS = "a".repeat(64);

  static AuditRecord base() {
    return new AuditRecord(new TenantId("acme"), 7, Instant.parse("2026-06-15T10:00:00Z"),
        new AuditRecord.Actor("user-1", "admin@acme.test", "firm_user", "cabinet"), AuditActions.EXPORT_GENERATED,
        "POST /exports", Map.of("exportId", "e-1", "documents", "3"), 201, AuditRecord.OK, PREVIOUS, null);
  }

  private static AuditRecord with(UnaryOperator<Parts> change) {
    AuditRecord b = base();
    Parts p = change.apply(new Parts(b.tenant(), b.seq(), b.at(), b.actor(), b.action(), b.route(), b.ids(), b.status(),
        b.outcome()));
    return new AuditRecord(p.tenant, p.seq, p.at, p.actor, p.action, p.route, p.ids, p.status, p.outcome, PREVIOUS, null);
  }

  record Parts(TenantId tenant, long seq, Instant at, AuditRecord.Actor actor, String action, String route,
      Map<String, String> ids, int status, String outcome) {}

  @Test
  void of_shouldBeSha256Hex_andStable() {
    String h = AuditHash.of(base(), PREVIOUS);
    assertTrue(h.matches("[0-9a-f]{64}"), h);
    assertEquals(h, AuditHash.of(base(), PREVIOUS));
  }

  @Test
  void of_shouldChange_whenAnyFieldChanges() {
    AuditRecord.Actor a = base().actor();
    List<AuditRecord> changed = List.of(
        with(p -> new Parts(new TenantId("other"), p.seq(), p.at(), p.actor(), p.action(), p.route(), p.ids(), p.status(), p.outcome())),
        with(p -> new Parts(p.tenant(), 8, p.at(), p.actor(), p.action(), p.route(), p.ids(), p.status(), p.outcome())),
        with(p -> new Parts(p.tenant(), p.seq(), p.at().plusMillis(1), p.actor(), p.action(), p.route(), p.ids(), p.status(), p.outcome())),
        with(p -> new Parts(p.tenant(), p.seq(), p.at(), new AuditRecord.Actor("user-2", a.email(), a.role(), a.firm()), p.action(), p.route(), p.ids(), p.status(), p.outcome())),
        with(p -> new Parts(p.tenant(), p.seq(), p.at(), new AuditRecord.Actor(a.sub(), "x@acme.test", a.role(), a.firm()), p.action(), p.route(), p.ids(), p.status(), p.outcome())),
        with(p -> new Parts(p.tenant(), p.seq(), p.at(), new AuditRecord.Actor(a.sub(), null, a.role(), a.firm()), p.action(), p.route(), p.ids(), p.status(), p.outcome())),
        with(p -> new Parts(p.tenant(), p.seq(), p.at(), new AuditRecord.Actor(a.sub(), a.email(), "company_admin", a.firm()), p.action(), p.route(), p.ids(), p.status(), p.outcome())),
        with(p -> new Parts(p.tenant(), p.seq(), p.at(), new AuditRecord.Actor(a.sub(), a.email(), a.role(), null), p.action(), p.route(), p.ids(), p.status(), p.outcome())),
        with(p -> new Parts(p.tenant(), p.seq(), p.at(), p.actor(), AuditActions.EXPORT_CANCELLED, p.route(), p.ids(), p.status(), p.outcome())),
        with(p -> new Parts(p.tenant(), p.seq(), p.at(), p.actor(), p.action(), "POST /exports/{exportId}/cancel", p.ids(), p.status(), p.outcome())),
        with(p -> new Parts(p.tenant(), p.seq(), p.at(), p.actor(), p.action(), p.route(), Map.of("exportId", "e-2", "documents", "3"), p.status(), p.outcome())),
        with(p -> new Parts(p.tenant(), p.seq(), p.at(), p.actor(), p.action(), p.route(), Map.of("exportId", "e-1"), p.status(), p.outcome())),
        with(p -> new Parts(p.tenant(), p.seq(), p.at(), p.actor(), p.action(), p.route(), p.ids(), 202, p.outcome())),
        with(p -> new Parts(p.tenant(), p.seq(), p.at(), p.actor(), p.action(), p.route(), p.ids(), p.status(), "FORBIDDEN")));
    Set<String> hashes = new HashSet<>();
    hashes.add(AuditHash.of(base(), PREVIOUS));
    for (AuditRecord r : changed) {
      hashes.add(AuditHash.of(r, PREVIOUS));
    }
    assertEquals(changed.size() + 1, hashes.size(), "every changed field gives its own hash");
    assertNotEquals(AuditHash.of(base(), PREVIOUS), AuditHash.of(base(), "b".repeat(64)), "the previous hash counts");
  }

  @Test
  void of_shouldIgnoreTheRecordsOwnHashFields_andTheOrderOfIds() {
    Map<String, String> reversed = new LinkedHashMap<>();
    reversed.put("exportId", "e-1");
    reversed.put("documents", "3");
    AuditRecord b = base();
    AuditRecord same = new AuditRecord(b.tenant(), b.seq(), b.at(), b.actor(), b.action(), b.route(), reversed, b.status(),
        b.outcome(), "ignored", "ignored too");
    assertEquals(AuditHash.of(b, PREVIOUS), AuditHash.of(same, PREVIOUS));
  }

  @Test
  void canonical_shouldNotConfuseFieldBoundaries() {
    // a newline or a separator inside one value cannot pass for two fields
    AuditRecord b = base();
    AuditRecord joined = new AuditRecord(b.tenant(), b.seq(), b.at(), new AuditRecord.Actor("user-1\n15:admin@acme.test", null,
        "firm_user", "cabinet"), b.action(), b.route(), b.ids(), b.status(), b.outcome(), PREVIOUS, null);
    assertNotEquals(AuditHash.canonical(b, PREVIOUS), AuditHash.canonical(joined, PREVIOUS));
    // one id "a" = "b=c" is not two ids, nor the key "a=b" = "c"
    AuditRecord one = new AuditRecord(b.tenant(), b.seq(), b.at(), b.actor(), b.action(), b.route(), Map.of("a", "b\n1:c"),
        b.status(), b.outcome(), PREVIOUS, null);
    AuditRecord other = new AuditRecord(b.tenant(), b.seq(), b.at(), b.actor(), b.action(), b.route(), Map.of("a\n1:b", "c"),
        b.status(), b.outcome(), PREVIOUS, null);
    assertNotEquals(AuditHash.canonical(one, PREVIOUS), AuditHash.canonical(other, PREVIOUS));
    // an empty e-mail is not an absent one
    AuditRecord empty = new AuditRecord(b.tenant(), b.seq(), b.at(), new AuditRecord.Actor("user-1", "", "firm_user", "cabinet"),
        b.action(), b.route(), b.ids(), b.status(), b.outcome(), PREVIOUS, null);
    AuditRecord absent = new AuditRecord(b.tenant(), b.seq(), b.at(), new AuditRecord.Actor("user-1", null, "firm_user", "cabinet"),
        b.action(), b.route(), b.ids(), b.status(), b.outcome(), PREVIOUS, null);
    assertNotEquals(AuditHash.of(empty, PREVIOUS), AuditHash.of(absent, PREVIOUS));
  }

  @Test
  void canonical_shouldWriteEachFieldLengthPrefixed() {
    String text = AuditHash.canonical(base(), PREVIOUS);
    assertTrue(text.contains("\n4:acme\n1:7\n20:2026-06-15T10:00:00Z\n6:user-1\n15:admin@acme.test\n"), text);
    assertTrue(text.contains("\n1:2\n9:documents\n1:3\n8:exportId\n3:e-1\n3:201\n2:OK\n64:" + PREVIOUS + "\n"), text);
  }

  @Test
  void sealed_shouldNumberChainAndHash() {
    AuditRecord draft = AuditRecord.draft(new TenantId("acme"), Instant.parse("2026-06-15T10:00:00Z"),
        base().actor(), AuditActions.SETTINGS_CHANGED, "PUT /settings", Map.of(), 200, AuditRecord.OK);
    AuditRecord sealed = draft.sealed(1, AuditHash.GENESIS);
    assertEquals(1, sealed.seq());
    assertEquals(AuditHash.GENESIS, sealed.previousHash());
    assertEquals(AuditHash.of(sealed, AuditHash.GENESIS), sealed.hash());
  }
}
