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
  /**
   * How many PDF batches run side by side: the {@code PDF_CONCURRENCY} environment variable (1 to
   * 40), else 8.
   */
  public static final int PDF_CONCURRENCY = pdfConcurrency(System.getenv("PDF_CONCURRENCY"));

  static int pdfConcurrency(String configured) {
    try {
      int n = configured == null ? 8 : Integer.parseInt(configured.trim());
      return Math.max(1, Math.min(40, n));
    } catch (NumberFormatException e) {
      return 8;
    }
  }

  /** The state machine's input: every key present (a JSONPath to a missing key fails a state), null when unknown. */
  public Map<String, Object> toInput() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("tenant", tenant.value());
    m.put("exportId", exportId);
    m.put("requester", requester);
    m.put("lock", lock);
    // the Map state of the invoice PDFs runs at most this many batches side by side (MaxConcurrencyPath)
    m.put("pdfConcurrency", PDF_CONCURRENCY);
    return m;
  }
}
