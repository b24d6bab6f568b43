package com.accountingexport.core.service;

import com.accountingexport.core.auth.Caller;
import com.accountingexport.core.auth.Screen;
import com.accountingexport.core.auth.TenantId;
import com.accountingexport.core.settings.TenantSettings;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code GET /tenants}: the companies a caller may act on (a firm user: its firm and every company of
 * its {@code tenants} claim; anyone else: its own), each with what waits to be exported there. Each
 * company is read on its own, under its own settings: nothing of one company enters another's line.
 */
public final class CompanyService {
  private final SettingsService settings;
  private final DocumentService documents;

  public CompanyService(SettingsService settings, DocumentService documents) {
    this.settings = settings;
    this.documents = documents;
  }

  /**
   * One company: its id, its name (settings {@code company.name}, null when unset), whether the
   * request acts on it, and its pending documents — null when the caller's role may not read that
   * company's exports page there.
   */
  public record CompanySummary(TenantId tenant, String name, boolean current, DocumentService.PendingSummary pending) {}

  /** The companies from {@code offset}, at most {@code limit}, in the token's order (its home first). */
  public List<CompanySummary> list(Caller caller, int offset, int limit) {
    List<TenantId> all = caller.companies();
    List<CompanySummary> out = new ArrayList<>();
    for (int i = offset; i < all.size() && out.size() < limit; i++) {
      TenantId company = all.get(i);
      TenantSettings s = settings.get(company);
      String name = s.invoicing() == null || s.invoicing().company() == null ? null : s.invoicing().company().name();
      DocumentService.PendingSummary pending = s.canSee(Screen.EXPORTS, caller.role()) ? documents.pending(company, s) : null;
      out.add(new CompanySummary(company, name, company.equals(caller.tenant()), pending));
    }
    return out;
  }

  /** How many companies the caller may act on. */
  public int count(Caller caller) {
    return caller.companies().size();
  }
}
