package com.accountingexport.core.export;

import com.accountingexport.core.settings.TenantSettings;
import java.time.Instant;
import java.util.List;

/**
 * Tells the requester and the tenant's notification addresses that an export is READY or FAILED.
 * Never throws: a mail that cannot be sent is reported in the {@link Notice}, never fails an export.
 */
@FunctionalInterface
public interface ExportNotifier {
  String READY = "READY";
  String FAILED = "FAILED";

  /** When no mailer is configured: nothing is sent, and the notice says so. */
  ExportNotifier NONE = (export, outcome, requester, settings) ->
      new Notice(outcome, List.of(), false, 0, "no mailer is configured", Instant.now());

  Notice notify(Export export, String outcome, String requester, TenantSettings settings);
}
