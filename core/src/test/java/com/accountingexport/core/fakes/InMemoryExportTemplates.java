package com.accountingexport.core.fakes;

import com.accountingexport.core.auth.TenantId;
import com.accountingexport.core.format.ExportTemplate;
import com.accountingexport.core.port.ExportTemplateRepository;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The same conditions as DynamoDB's: a new id must be free, a change must revise the stored version. */
public final class InMemoryExportTemplates implements ExportTemplateRepository {
  private final Map<String, ExportTemplate> items = new ConcurrentHashMap<>();

  private static String key(TenantId tenant, String id) {
    return tenant.value() + "/" + id;
  }

  @Override
  public List<ExportTemplate> list(TenantId tenant) {
    return items.entrySet().stream().filter(e -> e.getKey().startsWith(tenant.value() + "/")).map(Map.Entry::getValue)
        .sorted(Comparator.comparing(ExportTemplate::name, String.CASE_INSENSITIVE_ORDER).thenComparing(ExportTemplate::id))
        .toList();
  }

  @Override
  public Optional<ExportTemplate> find(TenantId tenant, String id) {
    return Optional.ofNullable(items.get(key(tenant, id)));
  }

  @Override
  public synchronized boolean save(TenantId tenant, ExportTemplate template) {
    ExportTemplate current = items.get(key(tenant, template.id()));
    boolean ok = template.version() == 1 ? current == null : current != null && current.version() == template.version() - 1;
    if (ok) {
      items.put(key(tenant, template.id()), template);
    }
    return ok;
  }

  @Override
  public boolean delete(TenantId tenant, String id) {
    return items.remove(key(tenant, id)) != null;
  }
}
