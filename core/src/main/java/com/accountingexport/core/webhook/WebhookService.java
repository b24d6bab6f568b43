package com.accountingexport.core.webhook;

import com.accountingexport.core.auth.Caller;
import com.accountingexport.core.auth.Role;
import com.accountingexport.core.auth.TenantId;
import com.accountingexport.core.error.DomainException;
import com.accountingexport.core.error.Violation;
import com.accountingexport.core.export.Export;
import com.accountingexport.core.export.ExportEvents;
import com.accountingexport.core.port.IdGenerator;
import com.accountingexport.core.port.Page;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Signed webhooks: a tenant subscribes a URL to export events; each event makes one delivery per
 * subscription that wants it (a conditional put on a deterministic id, so that a redelivered workflow
 * step or a second publisher delivers nothing twice), whose retry loop (the deliver-webhook state
 * machine) calls {@link #attempt} until it answers DELIVERED or FAILED.
 *
 * <p>Retries: a network error, a timeout, 429 or 5xx tries again after {@code retryBase × 2^(n-1)}
 * as long as that is within {@code window} (24 h) of the first attempt; a 2xx is never sent again;
 * any other status (3xx, as redirects are never followed, and 4xx) and an address refused by the
 * {@link WebhookUrlPolicy} at the time of the attempt fail the delivery at once.
 */
public final class WebhookService implements ExportEvents {
  public static final List<String> EVENTS = List.of(READY, FAILED, CANCELLED, DOWNLOADED);
  public static final int MAX_PER_TENANT = 20;
  public static final String RETRY = "RETRY";
  private static final int RESPONSE_CHARS = 500;

  /**
   * @param retryBase WEBHOOK_RETRY_BASE_SECONDS: the first retry's wait (30 s in AWS, 1 s locally, 0 in tests)
   * @param window how long after its first attempt a delivery may still be retried
   */
  public record Options(Duration retryBase, Duration window) {
    public static Options defaults() {
      return new Options(Duration.ofSeconds(30), Duration.ofHours(24));
    }
  }

  /** What the retry loop does next: {@code RETRY} after {@code waitSeconds}, or stop (DELIVERED, FAILED). */
  public record Outcome(String status, long waitSeconds) {}

  private final WebhookRepository repository;
  private final WebhookUrlPolicy policy;
  private final WebhookSigner signer;
  private final WebhookDispatcher dispatcher;
  private final WebhookTransport transport;
  private final Clock clock;
  private final IdGenerator ids;
  private final Options options;

  public WebhookService(WebhookRepository repository, WebhookUrlPolicy policy, WebhookSigner signer,
      WebhookDispatcher dispatcher, WebhookTransport transport, Clock clock, IdGenerator ids, Options options) {
    this.repository = repository;
    this.policy = policy;
    this.signer = signer;
    this.dispatcher = dispatcher;
    this.transport = transport;
    this.clock = clock;
    this.ids = ids;
    this.options = options;
  }

  // ------------------------------------------------------------------ subscriptions

  /** A new subscription; the answer is the only one that carries its secret. */
  public Webhook subscribe(Caller caller, String url, List<String> events) {
    requireChanger(caller);
    List<String> wanted = events(events);
    policy.check(url);
    TenantId tenant = caller.tenant();
    if (repository.list(tenant).size() >= MAX_PER_TENANT) {
      throw DomainException.conflict("WEBHOOK_LIMIT_REACHED",
          "A company has at most " + MAX_PER_TENANT + " webhooks; delete one first");
    }
    Instant now = clock.instant();
    Webhook w = new Webhook(Webhook.ID_PREFIX + ids.newId().replace("-", ""), tenant, url, wanted, signer.newSecret(),
        now, caller.actor(), now);
    repository.save(w);
    return w;
  }

  public List<Webhook> list(Caller caller) {
    return repository.list(caller.tenant());
  }

  public Webhook get(Caller caller, String id) {
    return load(caller.tenant(), id);
  }

  public void delete(Caller caller, String id) {
    requireChanger(caller);
    load(caller.tenant(), id);
    if (!repository.delete(caller.tenant(), id)) {
      throw notFound(id);
    }
  }

  /** A new secret, answered once; the old one stops signing at once. */
  public Webhook rotateSecret(Caller caller, String id) {
    requireChanger(caller);
    Webhook rotated = load(caller.tenant(), id).withSecret(signer.newSecret(), clock.instant());
    repository.save(rotated);
    return rotated;
  }

  public Page<WebhookDelivery> deliveries(Caller caller, String id, String cursor, int limit) {
    load(caller.tenant(), id);
    return repository.deliveries(caller.tenant(), id, cursor, limit);
  }

  private Webhook load(TenantId tenant, String id) {
    if (id == null || !id.startsWith(Webhook.ID_PREFIX) || id.length() > 64) {
      throw notFound(id);
    }
    return repository.find(tenant, id).orElseThrow(() -> notFound(id));
  }

  private static DomainException notFound(String id) {
    return DomainException.notFound("WEBHOOK_NOT_FOUND", "No webhook " + id);
  }

  /** A simple defence until the rights matrix: only a company admin or a firm user changes webhooks. */
  private static void requireChanger(Caller caller) {
    if (caller.role() != Role.COMPANY_ADMIN && caller.role() != Role.FIRM_USER) {
      throw DomainException.forbidden("Only a company admin or a firm user may change webhooks");
    }
  }

  private static List<String> events(List<String> events) {
    if (events == null || events.isEmpty()) {
      throw DomainException.invalid(List.of(Violation.of("events", "REQUIRED", "must list at least one of " + EVENTS)));
    }
    Set<String> out = new LinkedHashSet<>();
    List<Violation> bad = new ArrayList<>();
    for (int i = 0; i < events.size(); i++) {
      String e = events.get(i);
      if (e == null || !EVENTS.contains(e)) {
        bad.add(Violation.of("events[" + i + "]", "INVALID_VALUE", "must be one of " + EVENTS));
      } else {
        out.add(e);
      }
    }
    if (!bad.isEmpty()) {
      throw DomainException.invalid(bad);
    }
    return List.copyOf(out);
  }

  // ------------------------------------------------------------------ events

  /**
   * One delivery per subscription of the tenant that wants {@code type}, made only if absent: the
   * same event (its id is the export's id and the type) is delivered once per subscription.
   */
  @Override
  public void publish(TenantId tenant, Export export, String type) {
    if (!EVENTS.contains(type)) {
      return;
    }
    List<Webhook> wanting = repository.list(tenant).stream().filter(w -> w.wants(type)).toList();
    if (wanting.isEmpty()) {
      return;
    }
    String eventId = ExportEvents.eventId(export.id(), type);
    Instant now = clock.instant();
    String body = WebhookPayload.of(eventId, type, now, tenant, export);
    for (Webhook w : wanting) {
      String id = deliveryId(w.id(), eventId);
      boolean created = false;
      try {
        created = repository.createDelivery(new WebhookDelivery(id, tenant, w.id(), eventId, type, body,
            WebhookDelivery.Status.PENDING, now, List.of(), now));
        if (created) {
          dispatcher.dispatch(tenant, w.id(), id);
        }
      } catch (RuntimeException e) {
        System.err.println("[webhooks] delivery " + id + " of " + eventId + " to " + w.id() + " was not started: " + e);
        if (created) {
          // its retry loop never started: FAILED and saying why, rather than PENDING with nobody to send it
          try {
            abandon(tenant, w.id(), id, "its retry loop could not be started: " + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : ": " + e.getMessage()));
          } catch (RuntimeException again) {
            System.err.println("[webhooks] delivery " + id + " stays PENDING: " + again);
          }
        }
      }
    }
  }

  /** {@code dlv_} + the first 40 hex digits of SHA-256(webhookId + "|" + eventId): the same pair, the same delivery. */
  public static String deliveryId(String webhookId, String eventId) {
    try {
      byte[] h = MessageDigest.getInstance("SHA-256").digest((webhookId + "|" + eventId).getBytes(StandardCharsets.UTF_8));
      return "dlv_" + HexFormat.of().formatHex(h).substring(0, 40);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  // ------------------------------------------------------------------ delivery

  /**
   * One attempt of a delivery, recorded on it; a delivery already DELIVERED or FAILED is not sent
   * again (a retried task). The URL is checked again first: an address refused now fails at once.
   */
  public Outcome attempt(TenantId tenant, String webhookId, String deliveryId) {
    WebhookDelivery d = repository.findDelivery(tenant, webhookId, deliveryId).orElse(null);
    if (d == null) {
      return new Outcome(WebhookDelivery.Status.FAILED.name(), 0);
    }
    if (d.status() != WebhookDelivery.Status.PENDING) {
      return new Outcome(d.status().name(), 0);
    }
    int n = d.attempts().size() + 1;
    Instant at = clock.instant();
    long t0 = System.nanoTime();
    Webhook w = repository.find(tenant, webhookId).orElse(null);
    if (w == null) {
      return finish(d, new WebhookDelivery.Attempt(n, at, null, "the webhook was deleted", 0, null),
          WebhookDelivery.Status.FAILED);
    }
    URI url;
    try {
      url = policy.check(w.url());
    } catch (DomainException refused) {
      WebhookDelivery.Attempt a = new WebhookDelivery.Attempt(n, at, null, refused.code() + ": " + refused.getMessage(),
          millis(t0), null);
      return WebhookUrlPolicy.URL_NOT_RESOLVABLE.equals(refused.code()) ? retryOrFail(d, a, at)
          : finish(d, a, WebhookDelivery.Status.FAILED);
    }
    WebhookTransport.Answer answer;
    try {
      answer = transport.send(url, WebhookSigner.headers(d.eventId(), w.secret(), at.getEpochSecond(), d.body()), d.body());
    } catch (IOException | RuntimeException e) {
      String why = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
      return retryOrFail(d, new WebhookDelivery.Attempt(n, at, null, cut(why), millis(t0), null), at);
    }
    WebhookDelivery.Attempt a = new WebhookDelivery.Attempt(n, at, answer.status(), null, millis(t0), cut(answer.body()));
    int s = answer.status();
    if (s >= 200 && s < 300) {
      return finish(d, a, WebhookDelivery.Status.DELIVERED);
    }
    if (s == 429 || s >= 500) {
      return retryOrFail(d, a, at);
    }
    return finish(d, a, WebhookDelivery.Status.FAILED);
  }

  /**
   * The retry loop itself broke (its task kept failing: our own storage or function unavailable past
   * the state machine's retries): a delivery still PENDING becomes FAILED with the reason as its last
   * row, so that none stays PENDING for ever. Nothing is sent; a finished delivery is left as it is.
   */
  public Outcome abandon(TenantId tenant, String webhookId, String deliveryId, String reason) {
    WebhookDelivery d = repository.findDelivery(tenant, webhookId, deliveryId).orElse(null);
    if (d == null || d.status() != WebhookDelivery.Status.PENDING) {
      return new Outcome(d == null ? WebhookDelivery.Status.FAILED.name() : d.status().name(), 0);
    }
    WebhookDelivery.Attempt row = new WebhookDelivery.Attempt(d.attempts().size() + 1, clock.instant(), null,
        cut("abandoned, not sent: the delivery step kept failing (" + reason + ")"), 0, null);
    return finish(d, row, WebhookDelivery.Status.FAILED);
  }

  private Outcome retryOrFail(WebhookDelivery d, WebhookDelivery.Attempt a, Instant at) {
    long baseSeconds = Math.max(0, options.retryBase().toSeconds());
    long wait = baseSeconds << Math.min(a.n() - 1, 20);
    Instant next = at.plusSeconds(wait);
    Instant first = d.firstAttemptAt() == null ? at : d.firstAttemptAt();
    if (Duration.between(first, next).compareTo(options.window()) > 0) {
      return finish(d, a, WebhookDelivery.Status.FAILED);
    }
    repository.saveDelivery(d.after(a, WebhookDelivery.Status.PENDING, next));
    return new Outcome(RETRY, wait);
  }

  private Outcome finish(WebhookDelivery d, WebhookDelivery.Attempt a, WebhookDelivery.Status status) {
    repository.saveDelivery(d.after(a, status, null));
    return new Outcome(status.name(), 0);
  }

  private static long millis(long t0) {
    return (System.nanoTime() - t0) / 1_000_000;
  }

  private static String cut(String s) {
    return s == null || s.length() <= RESPONSE_CHARS ? s : s.substring(0, RESPONSE_CHARS);
  }
}
