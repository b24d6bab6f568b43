package com.accountingexport.core.port;

import com.accountingexport.core.auth.TenantId;
import com.accountingexport.core.settings.TenantSettings;
import java.util.List;
import java.util.Optional;

public interface SettingsRepository {
  /** The stored settings, empty for a tenant that never saved any (it then runs on defaults). */
  Optional<TenantSettings> find(TenantId tenant);

  void save(TenantId tenant, TenantSettings settings);

  /**
   * The tenants whose saved settings have {@code autoExport} enabled on {@code dayOfMonth} (1-31),
   * without scanning every tenant. The answer may lag a recent save by a moment (an index): callers
   * read each tenant's settings again before acting.
   */
  List<TenantId> autoExportTenants(int dayOfMonth);
}
