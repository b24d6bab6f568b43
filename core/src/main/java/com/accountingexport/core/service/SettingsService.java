package com.accountingexport.core.service;

import com.accountingexport.core.auth.Caller;
import com.accountingexport.core.auth.Role;
import com.accountingexport.core.auth.TenantId;
import com.accountingexport.core.error.DomainException;
import com.accountingexport.core.port.SettingsRepository;
import com.accountingexport.core.settings.TenantSettings;
import java.util.List;

/** Reads and changes a tenant's settings; a tenant that never saved any runs on the defaults. */
public final class SettingsService {
  private final SettingsRepository repository;

  public SettingsService(SettingsRepository repository) {
    this.repository = repository;
  }

  public TenantSettings get(TenantId tenant) {
    return repository.find(tenant).orElseGet(TenantSettings::defaults);
  }

  public TenantSettings get(Caller caller) {
    return get(caller.tenant());
  }

  /** The tenants whose monthly export is enabled on {@code dayOfMonth} (an index: read each one's settings again). */
  public List<TenantId> autoExportTenants(int dayOfMonth) {
    return repository.autoExportTenants(dayOfMonth);
  }

  /** Saves new settings; only company admins and firm users may. */
  public TenantSettings put(Caller caller, TenantSettings settings) {
    requireAdmin(caller);
    repository.save(caller.tenant(), settings);
    return settings;
  }

  /** Checked before a request body is even read: a company user learns nothing from validation errors. */
  public void requireAdmin(Caller caller) {
    if (caller.role() != Role.COMPANY_ADMIN && caller.role() != Role.FIRM_USER) {
      throw DomainException.forbidden("Only a company admin or a firm user may change the settings");
    }
  }
}
