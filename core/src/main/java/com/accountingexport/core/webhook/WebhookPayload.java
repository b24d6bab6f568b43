package com.accountingexport.core.webhook;

import com.accountingexport.core.auth.TenantId;
import com.accountingexport.core.export.Export;
import com.accountingexport.core.export.ExportFile;
import com.accountingexport.core.export.ExportService;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The JSON body of an event, written here (core has no JSON library) once per event: the event's id,
 * type, time and tenant, the export's summary and the API routes of its files. Never a presigned
 * URL: a link in a receiver's logs would hand the files to whoever reads them; the receiver fetches
 * them with its own token.
 */
public final class WebhookPayload {
  private WebhookPayload() {}

  public static String of(String eventId, String type, Instant createdAt, TenantId tenant, Export e) {
    StringBuilder b = new StringBuilder(512);
    b.append('{');
    field(b, "id", eventId).append(',');
    field(b, "type", type).append(',');
    field(b, "createdAt", createdAt.toString()).append(',');
    field(b, "tenant", tenant.value()).append(',');
    b.append("\"data\":{\"export\":{");
    field(b, "id", e.id()).append(',');
    field(b, "number", e.number()).append(',');
    field(b, "status", e.status().name()).append(',');
    field(b, "from", e.period().from().toString()).append(',');
    field(b, "to", e.period().to().toString()).append(',');
    b.append("\"journals\":");
    strings(b, e.journals()).append(',');
    field(b, "format", e.format()).append(',');
    b.append("\"reexport\":").append(e.reexport()).append(',');
    b.append("\"documentCount\":").append(e.documentCount()).append(',');
    b.append("\"entryCount\":").append(e.entryCount()).append(',');
    b.append("\"totals\":{");
    number(b, "debit", e.debit()).append(',');
    number(b, "credit", e.credit()).append("},");
    field(b, "createdAt", text(e.createdAt())).append(',');
    field(b, "createdBy", e.createdBy()).append(',');
    field(b, "downloadedAt", text(e.downloadedAt())).append(',');
    field(b, "downloadedBy", e.downloadedBy()).append(',');
    field(b, "cancelledAt", text(e.cancelledAt())).append(',');
    field(b, "cancelledBy", e.cancelledBy()).append(',');
    field(b, "failure", e.failure()).append(',');
    field(b, "recordHash", e.recordHash());
    b.append("},\"files\":");
    strings(b, fileRoutes(e)).append("}}");
    return b.toString();
  }

  /** {@code /exports/{id}/files/{kind}} for each kind of file the export has (READY or DOWNLOADED). */
  public static List<String> fileRoutes(Export e) {
    Set<String> routes = new LinkedHashSet<>();
    for (ExportFile f : e.files()) {
      if (ExportService.FILE_KINDS.contains(f.kind())) {
        routes.add("/exports/" + e.id() + "/files/" + f.kind());
      }
    }
    return List.copyOf(routes);
  }

  private static String text(Instant i) {
    return i == null ? null : i.toString();
  }

  private static StringBuilder field(StringBuilder b, String name, String value) {
    quote(b, name).append(':');
    return value == null ? b.append("null") : quote(b, value);
  }

  private static StringBuilder number(StringBuilder b, String name, BigDecimal value) {
    quote(b, name).append(':');
    return b.append(value == null ? "null" : value.toPlainString());
  }

  private static StringBuilder strings(StringBuilder b, List<String> values) {
    b.append('[');
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        b.append(',');
      }
      quote(b, values.get(i));
    }
    return b.append(']');
  }

  static StringBuilder quote(StringBuilder b, String s) {
    b.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20 || c == '\u2028' || c == '\u2029') {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"');
  }
}
