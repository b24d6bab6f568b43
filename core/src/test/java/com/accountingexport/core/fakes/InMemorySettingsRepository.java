package com.accountingexport.core.fakes;

import com.accountingexport.core.auth.TenantId;
import com.accountingexport.core.port.SettingsRepository;
import com.accountingexport.core.settings.AutoExport;
import com.accountingexport.core.settings.TenantSettings;
import java.util.Comparator;
import java.util.List;
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

  /** Like the DynamoDB index: enabled ones of that day, ordered by tenant id. */
  @Override
  public List<TenantId> autoExportTenants(int dayOfMonth) {
    return items.entrySet().stream()
        .filter(e -> {
          AutoExport a = e.getValue().autoExportOrDisabled();
          return a.enabled() && a.dayOfMonth() == dayOfMonth;
        })
        .map(Map.Entry::getKey)
        .sorted(Comparator.comparing(TenantId::value))
        .toList();
  }
}
