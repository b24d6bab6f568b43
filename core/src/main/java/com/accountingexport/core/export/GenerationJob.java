package com.accountingexport.core.export;

import com.accountingexport.core.auth.TenantId;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What every step of a generation needs to find its export, and all that travels between the
 * workflow's states: ids and names only (Step Functions payloads are limited to 256 KiB).
 *
 * @param requester the e-mail of who asked (notified with the tenant's addresses), or null
 * @param lock the generation lock held until the export is sealed or failed
 */
public record GenerationJob(TenantId tenant, String exportId, String requester, String lock) {

  /** The state machine's input: every key present (a JSONPath to a missing key fails a state), null when unknown. */
  public Map<String, String> toInput() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("tenant", tenant.value());
    m.put("exportId", exportId);
    m.put("requester", requester);
    m.put("lock", lock);
    return m;
  }
}
