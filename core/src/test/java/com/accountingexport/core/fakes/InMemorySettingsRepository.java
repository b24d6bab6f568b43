package com.accountingexport.core.fakes;

import com.accountingexport.core.auth.TenantId;
import com.accountingexport.core.port.SettingsRepository;
import com.accountingexport.core.settings.TenantSettings;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

public final class InMemorySettingsRepository implements SettingsRepository {
  private final Map<TenantId, TenantSettings> items = new ConcurrentHashMap<>();

  @Override
  public Optional<TenantSettings> find(TenantId tenant) {
    return Optional.ofNullable(items.get(tenant));
  }

  @Override
  public void save(TenantId tenant, TenantSettings settings) {
    items.put(tenant, settings);
  }
}
