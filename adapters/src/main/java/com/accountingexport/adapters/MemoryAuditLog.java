package com.accountingexport.adapters;

import com.accountingexport.core.audit.AuditCursor;
import com.accountingexport.core.audit.AuditHash;
import com.accountingexport.core.audit.AuditLog;
import com.accountingexport.core.audit.AuditQuery;
import com.accountingexport.core.audit.AuditRecord;
import com.accountingexport.core.auth.TenantId;
import com.accountingexport.core.port.Page;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The audit log in the process, for a Wiring without AWS clients (handler tests, in-memory runs). */
public final class MemoryAuditLog implements AuditLog {
  private final Map<TenantId, TreeMap<Long, AuditRecord>> logs = new HashMap<>();

  @Override
  public synchronized AuditRecord append(AuditRecord draft) {
    TreeMap<Long, AuditRecord> log = logs.computeIfAbsent(draft.tenant(), t -> new TreeMap<>());
    AuditRecord last = log.isEmpty() ? null : log.lastEntry().getValue();
    AuditRecord sealed = draft.sealed(last == null ? 1 : last.seq() + 1, last == null ? AuditHash.GENESIS : last.hash());
    log.put(sealed.seq(), sealed);
    return sealed;
  }

  @Override
  public synchronized Page<AuditRecord> page(AuditQuery q) {
    long before = q.cursor() == null ? Long.MAX_VALUE : AuditCursor.decode(q.tenant(), q.cursor());
    List<AuditRecord> found = new ArrayList<>();
    for (AuditRecord r : logs.getOrDefault(q.tenant(), new TreeMap<>()).headMap(before, false).descendingMap().values()) {
      if (q.matches(r)) {
        found.add(r);
        if (found.size() > q.limit()) {
          List<AuditRecord> items = found.subList(0, q.limit());
          return new Page<>(items, AuditCursor.encode(q.tenant(), items.get(items.size() - 1).seq()));
        }
      }
    }
    return new Page<>(found, null);
  }

  @Override
  public synchronized List<AuditRecord> all(TenantId tenant) {
    return List.copyOf(logs.getOrDefault(tenant, new TreeMap<>()).values());
  }

  @Override
  public synchronized long headSeq(TenantId tenant) {
    TreeMap<Long, AuditRecord> log = logs.get(tenant);
    return log == null || log.isEmpty() ? 0 : log.lastKey();
  }
}
