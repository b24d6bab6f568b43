package com.accountingexport.core.port;

import com.accountingexport.core.auth.TenantId;
import com.accountingexport.core.settings.TenantSettings;
import java.util.Optional;

public interface SettingsRepository {
  /** The stored settings, empty for a tenant that never saved any (it then runs on defaults). */
  Optional<TenantSettings> find(TenantId tenant);

  void save(TenantId tenant, TenantSettings settings);
}
