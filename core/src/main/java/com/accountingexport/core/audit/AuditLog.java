package com.accountingexport.core.audit;

import com.accountingexport.core.auth.TenantId;
import com.accountingexport.core.port.Page;
import java.util.List;

/**
 * Port: the append-only audit log of each tenant. Its one write is {@link #append}, which numbers an
 * entry after the tenant's last and chains it to that entry's hash in a single atomic step, so that
 * concurrent requests still produce entries 1..n without gaps or forks.
 */
public interface AuditLog {
  /**
   * Seals {@code draft} (seq 0, no hashes) as the tenant's next entry: seq = last seq + 1,
   * previousHash = the last entry's hash ({@link AuditHash#GENESIS} for the first), hash computed.
   *
   * @return the entry as stored
   */
  AuditRecord append(AuditRecord draft);

  /** One page of entries that match the query, newest (highest seq) first. */
  Page<AuditRecord> page(AuditQuery query);

  /** Every entry of the tenant, in seq order (for the chain check). */
  List<AuditRecord> all(TenantId tenant);

  /** The seq the tenant's log says its last entry has (0 when empty): kept apart from the entries themselves. */
  long headSeq(TenantId tenant);
}
