package com.accountingexport.core.service;

import com.accountingexport.core.auth.Caller;
import com.accountingexport.core.auth.Permission;
import com.accountingexport.core.auth.Screen;
import com.accountingexport.core.auth.TenantId;
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

  /** {@code GET /settings}: the settings, for the roles with {@code settings:read}. */
  public TenantSettings view(Caller caller) {
    TenantSettings s = get(caller);
    Access.require(caller, s, Permission.read(Screen.SETTINGS));
    return s;
  }

  /** Saves new settings; only the roles with {@code settings:write} may (company admins always do). */
  public TenantSettings put(Caller caller, TenantSettings settings) {
    requireWrite(caller);
    repository.save(caller.tenant(), settings);
    return settings;
  }

  /**
   * {@code settings:write}, the permission matrix's rule for changing the configuration (settings,
   * templates). Checked before a request body is even read: a caller without it learns nothing from
   * validation errors.
   */
  public void requireWrite(Caller caller) {
    Access.require(caller, get(caller), Permission.write(Screen.SETTINGS));
  }
}
