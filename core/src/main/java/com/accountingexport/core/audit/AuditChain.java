package com.accountingexport.core.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Re-checks a tenant's audit log: every seq from 1 to the last is there, each entry's content still
 * gives its hash, each entry points at the hash of the one before it, and the head (written with
 * every entry, apart from them) names the last entry. A removed entry in the middle shows as missing
 * (and, if the others were renumbered, as broken links), an edited one as altered, removed last
 * entries as a head that runs ahead of them.
 */
public final class AuditChain {
  private AuditChain() {}

  public static AuditVerification verify(List<AuditRecord> records, long headSeq) {
    TreeMap<Long, AuditRecord> bySeq = new TreeMap<>();
    List<AuditVerification.Problem> problems = new ArrayList<>();
    for (AuditRecord r : records) {
      if (bySeq.putIfAbsent(r.seq(), r) != null) {
        problems.add(new AuditVerification.Problem(AuditVerification.LINK, r.seq(), "Entry " + r.seq() + " appears twice"));
      }
    }
    long last = bySeq.isEmpty() ? 0 : bySeq.lastKey();
    for (long seq = 1; seq <= Math.max(last, headSeq); seq++) {
      AuditRecord r = bySeq.get(seq);
      if (r == null) {
        problems.add(new AuditVerification.Problem(AuditVerification.MISSING, seq, "Entry " + seq + " is missing"));
        continue;
      }
      if (r.hash() == null || !r.hash().equals(AuditHash.of(r, r.previousHash()))) {
        problems.add(new AuditVerification.Problem(AuditVerification.ALTERED, seq,
            "Entry " + seq + " was altered: its content no longer gives its hash"));
      }
      AuditRecord before = bySeq.get(seq - 1);
      String expected = seq == 1 ? AuditHash.GENESIS : before == null ? null : before.hash();
      if (expected != null && !expected.equals(r.previousHash())) {
        problems.add(new AuditVerification.Problem(AuditVerification.LINK, seq,
            "Entry " + seq + " does not follow entry " + (seq - 1) + " (previousHash differs from its hash)"));
      }
    }
    if (headSeq != last) {
      problems.add(new AuditVerification.Problem(AuditVerification.HEAD, headSeq, headSeq > last
          ? "The log's head says entry " + headSeq + " is the last, but the last entry found is " + last
              + ": the last entries were removed"
          : "The log's head says entry " + headSeq + " is the last, but entries go up to " + last));
    }
    return new AuditVerification(problems.isEmpty(), bySeq.size(), headSeq, problems);
  }
}
