package com.accountingexport.core.audit;

import com.accountingexport.core.auth.Caller;
import com.accountingexport.core.auth.Role;
import com.accountingexport.core.auth.TenantId;
import com.accountingexport.core.error.DomainException;
import com.accountingexport.core.error.Violation;
import com.accountingexport.core.port.Page;
import java.time.LocalDate;
import java.util.List;

/**
 * Reading the audit log ({@code GET /audit}, admins and firm users only: it names every user of the
 * company and what they did) and re-checking its chain (the verify tool).
 */
public final class AuditService {
  private final AuditLog log;

  public AuditService(AuditLog log) {
    this.log = log;
  }

  /** The filters of {@code GET /audit}; the tenant comes from the caller. */
  public record Filter(LocalDate from, LocalDate to, String actor, String action, String cursor, int limit) {}

  /** 403 unless the caller is a company admin or a firm user. */
  public void requireReader(Caller caller) {
    if (caller.role() != Role.COMPANY_ADMIN && caller.role() != Role.FIRM_USER) {
      throw DomainException.forbidden("Only a company admin or a firm user may read the audit log");
    }
  }

  public Page<AuditRecord> list(Caller caller, Filter filter) {
    requireReader(caller);
    if (filter.action() != null && !AuditActions.ALL.contains(filter.action())) {
      throw DomainException.invalid(List.of(Violation.of("action", "INVALID_VALUE",
          "must be one of " + AuditActions.ALL + ", got \"" + filter.action() + "\"")));
    }
    if (filter.from() != null && filter.to() != null && filter.from().isAfter(filter.to())) {
      throw DomainException.unprocessable("INVALID_PERIOD", "The period's start is after its end",
          List.of(Violation.of("from", "INVALID_PERIOD", "must not be after to (" + filter.to() + ")")));
    }
    if (filter.cursor() != null) {
      AuditCursor.decode(caller.tenant(), filter.cursor()); // 400 before any read
    }
    return log.page(new AuditQuery(caller.tenant(), filter.from(), filter.to(), filter.actor(), filter.action(),
        filter.cursor(), filter.limit()));
  }

  /**
   * Re-checks the tenant's whole log (see {@link AuditChain}). The head is read first: entries
   * appended while the log is read (a seq past that head) are left for the next check.
   */
  public AuditVerification verify(TenantId tenant) {
    long head = log.headSeq(tenant);
    List<AuditRecord> upToHead = log.all(tenant).stream().filter(r -> r.seq() <= head).toList();
    return AuditChain.verify(upToHead, head);
  }
}
