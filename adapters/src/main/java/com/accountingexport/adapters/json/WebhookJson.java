package com.accountingexport.adapters.json;

import com.accountingexport.core.error.DomainException;
import com.accountingexport.core.error.Violation;
import com.accountingexport.core.webhook.Webhook;
import com.accountingexport.core.webhook.WebhookDelivery;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** {@code /webhooks} bodies: the secret is written only by {@link #withSecret} (creation and rotation). */
public final class WebhookJson {
  private static final Set<String> FIELDS = Set.of("url", "events");

  private WebhookJson() {}

  /** The body of {@code POST /webhooks}. */
  public record Subscription(String url, List<String> events) {}

  public static Subscription read(JsonNode body) {
    List<Violation> bad = new ArrayList<>();
    if (!body.isObject()) {
      throw DomainException.invalid(List.of(Violation.of(null, "INVALID_TYPE", "the body must be a JSON object")));
    }
    body.fieldNames().forEachRemaining(f -> {
      if (!FIELDS.contains(f)) {
        bad.add(Violation.of(f, "UNKNOWN_FIELD", "is not a field of a webhook; known: [events, url]"));
      }
    });
    JsonNode url = body.get("url");
    if (url == null || !url.isTextual()) {
      bad.add(Violation.of("url", "REQUIRED", "must be the receiver's URL as a string"));
    }
    JsonNode events = body.get("events");
    List<String> list = new ArrayList<>();
    if (events == null || !events.isArray()) {
      bad.add(Violation.of("events", "REQUIRED", "must be an array of event types"));
    } else {
      for (int i = 0; i < events.size(); i++) {
        JsonNode e = events.get(i);
        if (!e.isTextual()) {
          bad.add(Violation.of("events[" + i + "]", "INVALID_TYPE", "must be a string"));
        } else {
          list.add(e.asText());
        }
      }
    }
    if (!bad.isEmpty()) {
      throw DomainException.invalid(bad);
    }
    return new Subscription(url.asText(), list);
  }

  public static ObjectNode write(Webhook w) {
    ObjectNode o = Json.object();
    o.put("id", w.id());
    o.put("url", w.url());
    ArrayNode events = o.putArray("events");
    w.events().forEach(events::add);
    o.put("createdAt", text(w.createdAt()));
    o.put("createdBy", w.createdBy());
    o.put("secretRotatedAt", text(w.secretRotatedAt()));
    return o;
  }

  /** The only answers that carry the secret: it is shown once. */
  public static ObjectNode withSecret(Webhook w) {
    return write(w).put("secret", w.secret());
  }

  public static ObjectNode delivery(WebhookDelivery d) {
    ObjectNode o = Json.object();
    o.put("id", d.id());
    o.put("eventId", d.eventId());
    o.put("type", d.type());
    o.put("status", d.status().name());
    o.put("createdAt", text(d.createdAt()));
    o.put("nextAttemptAt", text(d.nextAttemptAt()));
    ArrayNode attempts = o.putArray("attempts");
    for (WebhookDelivery.Attempt a : d.attempts()) {
      ObjectNode x = attempts.addObject();
      x.put("n", a.n());
      x.put("at", text(a.at()));
      x.put("status", a.status());
      x.put("error", a.error());
      x.put("durationMs", a.durationMs());
      x.put("response", a.response());
    }
    return o;
  }

  private static String text(Instant i) {
    return i == null ? null : i.toString();
  }
}
