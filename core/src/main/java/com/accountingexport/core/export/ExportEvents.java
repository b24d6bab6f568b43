package com.accountingexport.core.export;

import com.accountingexport.core.auth.TenantId;

/**
 * What happened to an export, told to whoever listens (the tenant's webhooks). Called where an export
 * becomes READY, FAILED, CANCELLED or DOWNLOADED; an implementation may be called again for the same
 * export and type (a retried workflow step), so it must deliver once per event id ({@link #eventId}).
 * Publishing never fails the export operation: the callers catch and log (see {@link #safely}).
 */
@FunctionalInterface
public interface ExportEvents {
  String READY = "export.ready";
  String FAILED = "export.failed";
  String CANCELLED = "export.cancelled";
  String DOWNLOADED = "export.downloaded";

  /** Nobody listens. */
  ExportEvents NONE = (tenant, export, type) -> { };

  void publish(TenantId tenant, Export export, String type);

  /** The same event always has the same id, so that a redelivered step publishes nothing new. */
  static String eventId(String exportId, String type) {
    return "evt_" + exportId + "_" + type;
  }

  /** Publishes and swallows any failure (logged): an export is never failed by its listeners. */
  static void safely(ExportEvents events, TenantId tenant, Export export, String type) {
    if (events == null || export == null) {
      return;
    }
    try {
      events.publish(tenant, export, type);
    } catch (RuntimeException e) {
      System.err.println("[webhooks] could not publish " + type + " for export " + export.id() + ": " + e);
    }
  }
}
