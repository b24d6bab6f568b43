package com.accountingexport.core.export;

import com.accountingexport.core.auth.TenantId;
import com.accountingexport.core.port.ExportRepository;
import java.time.Clock;
import java.time.Instant;

/**
 * Finishes what a dead generation or an interrupted cancel left: GENERATING exports whose lease
 * expired become FAILED, and every FAILED or CANCELLED export gives its documents back. Run before
 * each generation of the tenant and by the workflow's {@code recover} step.
 */
public final class ExportRecovery {
  private final ExportRepository exports;
  private final Clock clock;

  public ExportRecovery(ExportRepository exports, Clock clock) {
    this.exports = exports;
    this.clock = clock;
  }

  /** @return how many exports were repaired */
  public int recover(TenantId tenant) {
    Instant now = clock.instant();
    int n = 0;
    for (Export e : exports.needingRecovery(tenant, now)) {
      if (e.status() == ExportStatus.GENERATING) {
        exports.markFailed(tenant, e.id(), "LEASE_EXPIRED: the generation stopped before finishing", now);
      }
      exports.release(tenant, e.id(), exports.heldDocuments(tenant, e.id()));
      exports.markReleased(tenant, e.id(), now);
      n++;
    }
    return n;
  }
}
