package com.accountingexport.core.audit;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Which requests the audit log records, and under which action name: every change (documents,
 * exports, cancellations, settings, templates, webhooks) and every download of a file. Reads of
 * JSON (lists, a document, a report shown on screen, a preview, a FEC check) are not recorded: they
 * change nothing and hand out no file.
 */
public final class AuditActions {
  public static final String DOCUMENTS_WRITTEN = "documents.written";
  public static final String EXPORT_GENERATED = "export.generated";
  public static final String EXPORT_CANCELLED = "export.cancelled";
  public static final String FILE_DOWNLOADED = "file.downloaded";
  public static final String SETTINGS_CHANGED = "settings.changed";
  public static final String TEMPLATE_CHANGED = "template.changed";
  public static final String WEBHOOK_CHANGED = "webhook.changed";

  /** Every action name, for {@code GET /audit?action=}. */
  public static final List<String> ALL = List.of(DOCUMENTS_WRITTEN, EXPORT_GENERATED, EXPORT_CANCELLED, FILE_DOWNLOADED,
      SETTINGS_CHANGED, TEMPLATE_CHANGED, WEBHOOK_CHANGED);

  /** The {@code ?format=} values that turn a report or a list into a file. */
  private static final Set<String> FILE_FORMATS = Set.of("csv", "xlsx", "pdf");

  private static final Map<String, String> ALWAYS = Map.ofEntries(
      Map.entry("PUT /documents/{documentId}", DOCUMENTS_WRITTEN),
      Map.entry("POST /documents/batch", DOCUMENTS_WRITTEN),
      Map.entry("PUT /documents/{documentId}/pdf", DOCUMENTS_WRITTEN),
      Map.entry("POST /exports", EXPORT_GENERATED),
      Map.entry("POST /exports/{exportId}/cancel", EXPORT_CANCELLED),
      Map.entry("GET /exports/{exportId}/files/{kind}", FILE_DOWNLOADED),
      Map.entry("GET /fiscal-years/{year}/fec", FILE_DOWNLOADED),
      Map.entry("GET /documents/{documentId}/pdf", FILE_DOWNLOADED),
      Map.entry("PUT /settings", SETTINGS_CHANGED),
      Map.entry("POST /export-templates", TEMPLATE_CHANGED),
      Map.entry("PUT /export-templates/{templateId}", TEMPLATE_CHANGED),
      Map.entry("DELETE /export-templates/{templateId}", TEMPLATE_CHANGED),
      Map.entry("POST /webhooks", WEBHOOK_CHANGED),
      Map.entry("DELETE /webhooks/{webhookId}", WEBHOOK_CHANGED),
      Map.entry("POST /webhooks/{webhookId}/rotate-secret", WEBHOOK_CHANGED));

  /** Routes that answer JSON unless {@code ?format=} asks for a file. */
  private static final Set<String> FILE_WHEN_FORMAT = Set.of("GET /reports/{report}", "GET /lists/{list}");

  /** The name under which a route's created resource id is recorded (the path parameter it will have). */
  private static final Map<String, String> CREATED_ID = Map.of(
      "POST /exports", "exportId",
      "POST /export-templates", "templateId",
      "POST /webhooks", "webhookId");

  private AuditActions() {}

  /**
   * The action of a request on {@code routeKey} ({@code "POST /exports"}), reading its query
   * parameters through {@code query} (null when absent); empty when the request is not recorded.
   */
  public static Optional<String> of(String routeKey, Function<String, String> query) {
    String action = ALWAYS.get(routeKey);
    if (action != null) {
      return Optional.of(action);
    }
    if (FILE_WHEN_FORMAT.contains(routeKey)) {
      String format = query.apply("format");
      if (format != null && FILE_FORMATS.contains(format)) {
        return Optional.of(FILE_DOWNLOADED);
      }
    }
    return Optional.empty();
  }

  /** The key of the created resource's id in an entry's ids: {@code exportId} for {@code POST /exports}, else {@code id}. */
  public static String createdIdName(String routeKey) {
    return CREATED_ID.getOrDefault(routeKey, "id");
  }
}
