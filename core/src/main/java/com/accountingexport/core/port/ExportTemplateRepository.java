package com.accountingexport.core.port;

import com.accountingexport.core.auth.TenantId;
import com.accountingexport.core.format.ExportTemplate;
import java.util.List;
import java.util.Optional;

/** A tenant's export templates. */
public interface ExportTemplateRepository {
  /** Every template of the tenant, by name. */
  List<ExportTemplate> list(TenantId tenant);

  Optional<ExportTemplate> find(TenantId tenant, String id);

  /**
   * Stores a new template (version 1) or a new version of one; false when {@code template.version() - 1}
   * is no longer the stored version (someone changed it meanwhile) or, for a new one, the id exists.
   */
  boolean save(TenantId tenant, ExportTemplate template);

  /** Removes it; false when it did not exist. */
  boolean delete(TenantId tenant, String id);
}
