package com.accountingexport.functions.events;

import com.accountingexport.adapters.Priming;
import com.accountingexport.adapters.Wiring;
import com.accountingexport.adapters.json.Json;
import com.accountingexport.adapters.json.JsonReader;
import com.accountingexport.core.auth.TenantId;
import com.accountingexport.core.error.DomainException;
import com.accountingexport.core.error.ErrorKind;
import com.accountingexport.core.error.Violation;
import com.accountingexport.core.export.ExportGenerator;
import com.accountingexport.core.export.ExportGenerator.GenerateRequest;
import com.accountingexport.core.export.ExportGenerator.Generated;
import com.accountingexport.core.format.FormatCatalog;
import com.accountingexport.core.service.Selection;
import com.accountingexport.core.service.SettingsService;
import com.accountingexport.core.settings.AutoExport;
import com.accountingexport.core.settings.TenantSettings;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The EventBridge events of the service, as AWS delivers them ({@code version, id, detail-type,
 * source, account, time, region, resources, detail}):
 *
 * <ul>
 *   <li>{@code source: "accounting-export", detail-type: "PeriodClosed"}, {@code detail: {tenant, from, to,
 *       format?, journals?}}: exports that period, as {@code POST /exports} would, authored
 *       {@value #PERIOD_CLOSE_ACTOR}. The Idempotency-Key is derived from tenant, period, journals and format,
 *       so a redelivered event, or a second event for the same period, makes one export (the second
 *       answer is the replay of the first, within the key's 24 hours).
 *   <li>{@code detail-type: "Scheduled Event"} ({@code source: "aws.scheduler"} or {@code "aws.events"}), once a
 *       day: every tenant whose {@code autoExport} is enabled on the UTC date of the event's {@code time}
 *       (a {@code dayOfMonth} beyond the month's last day runs on its last day) gets the previous calendar
 *       month exported, authored {@value #AUTO_EXPORT_ACTOR}, key {@code auto-export:<tenant>:<yyyy-MM>}.
 * </ul>
 *
 * <p>A malformed or unknown event is logged and answered {@code {"status": "rejected", "reason"}},
 * never thrown: EventBridge would deliver it again and again. What a retry can fix
 * ({@code EXPORT_IN_PROGRESS}, a dependency that is unavailable) is thrown, so that Lambda's
 * asynchronous retries run it again; the idempotency keys make those retries safe.
 */
public final class EventsHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
  public static final String SOURCE = "accounting-export";
  public static final String PERIOD_CLOSED = "PeriodClosed";
  public static final String SCHEDULED_EVENT = "Scheduled Event";
  public static final Set<String> SCHEDULE_SOURCES = Set.of("aws.scheduler", "aws.events");
  public static final String PERIOD_CLOSE_ACTOR = "system:period-close";
  public static final String AUTO_EXPORT_ACTOR = "system:auto-export";
  /** The schedule stops starting exports when less than this is left of the invocation, and asks for a retry. */
  static final long TIME_MARGIN_MILLIS = 90_000;

  private static final ObjectMapper MAPPER = Json.MAPPER;
  private static final Set<String> DETAIL_FIELDS = Set.of("tenant", "from", "to", "format", "journals");
  private static final Pattern JOURNAL_CODE = Pattern.compile("^[A-Z0-9]{1,8}$");
  private static final int MAX_JOURNALS = 20;
  private static final int MAX_REASON = 1000;

  private final ExportGenerator generator;
  private final SettingsService settings;
  private final FormatCatalog formats;
  private final Clock clock;
  private final com.accountingexport.core.audit.AuditLog audit;

  public EventsHandler() {
    this(Wiring.fromEnvironment());
  }

  public EventsHandler(Wiring wiring) {
    this.generator = wiring.generator();
    this.settings = wiring.settings();
    this.formats = wiring.formats();
    this.clock = wiring.clock();
    this.audit = wiring.auditLog();
    Priming.register(wiring);
  }

  @Override
  public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
    if (event == null) {
      return rejected(null, "the event is empty");
    }
    String source = text(event.get("source"));
    String detailType = text(event.get("detail-type"));
    if (SOURCE.equals(source) && PERIOD_CLOSED.equals(detailType)) {
      return periodClosed(event);
    }
    if (SCHEDULED_EVENT.equals(detailType) && SCHEDULE_SOURCES.contains(source)) {
      return schedule(event, context);
    }
    return rejected(event, "unknown event: source " + quoted(source) + ", detail-type " + quoted(detailType)
        + " (expected source \"accounting-export\" with detail-type \"PeriodClosed\", or a \"Scheduled Event\")");
  }

  // ------------------------------------------------------------------ PeriodClosed

  private Map<String, Object> periodClosed(Map<String, Object> event) {
    JsonNode detail = detail(event.get("detail"));
    if (detail == null || !detail.isObject()) {
      return rejected(event, "detail must be an object {\"tenant\", \"from\", \"to\", \"format\"?, \"journals\"?}");
    }
    JsonReader r = new JsonReader();
    r.onlyFields(detail, "detail", DETAIL_FIELDS);
    String tenant = r.text(detail, "detail", "tenant", true, 64);
    if (tenant != null && !TenantId.isValid(tenant)) {
      r.fail("detail.tenant", "INVALID_TENANT", "must be 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit");
    }
    LocalDate from = r.date(detail, "detail", "from", true);
    LocalDate to = r.date(detail, "detail", "to", true);
    if (from != null && to != null && from.isAfter(to)) {
      r.fail("detail.to", "INVALID_PERIOD", "must not be before detail.from (" + from + ")");
    }
    String format = r.text(detail, "detail", "format", false, 32);
    if (format != null && tenant != null && TenantId.isValid(tenant)
        && formats.find(new TenantId(tenant), format).isEmpty()) {
      r.fail("detail.format", "UNKNOWN_FORMAT", "'" + format + "' is not one of " + formats.ids(new TenantId(tenant)));
    }
    List<String> journals = r.strings(detail, "detail", "journals", MAX_JOURNALS, JOURNAL_CODE, "a journal code such as VT");
    if (!r.ok()) {
      return rejected(event, describe(r.violations()));
    }
    TenantId id = new TenantId(tenant);
    TenantSettings s = settings.get(id);
    List<String> asked = journals == null ? List.of() : List.copyOf(new LinkedHashSet<>(journals));
    String key = "period-close:" + tenant + ":" + from + ":" + to + ":" + journalsKey(s, asked) + ":"
        + (format != null ? format : s.defaultFormat());
    Selection selection = new Selection(from, to, asked, List.of(), true, false);
    Map<String, Object> answer = run(id, PERIOD_CLOSE_ACTOR, s, selection, format, key);
    log("period-close", answer);
    return answer;
  }

  /** The journals of the key: every code named, sorted; none named = every journal of the tenant. */
  private static String journalsKey(TenantSettings s, List<String> asked) {
    List<String> codes = asked.isEmpty() ? List.copyOf(s.journalCodes().values()) : asked;
    return codes.stream().sorted().collect(Collectors.joining(","));
  }

  // ------------------------------------------------------------------ the daily schedule

  private Map<String, Object> schedule(Map<String, Object> event, Context context) {
    Instant time;
    try {
      Object t = event.get("time");
      time = t == null ? clock.instant() : Instant.parse(t.toString());
    } catch (DateTimeParseException e) {
      return rejected(event, "time must be an ISO-8601 UTC timestamp such as 2026-07-01T03:00:00Z, got " + quoted(text(event.get("time"))));
    }
    LocalDate day = LocalDate.ofInstant(time, ZoneOffset.UTC);
    YearMonth month = AutoExport.monthExportedOn(day);
    Set<TenantId> candidates = new LinkedHashSet<>();
    for (int dayOfMonth : AutoExport.daysRunningOn(day)) {
      candidates.addAll(settings.autoExportTenants(dayOfMonth));
    }
    List<Map<String, Object>> tenants = new ArrayList<>();
    List<String> retry = new ArrayList<>();
    for (TenantId tenant : candidates) {
      if (context != null && context.getRemainingTimeInMillis() < TIME_MARGIN_MILLIS) {
        retry.add(tenant.value());
        tenants.add(outcome(tenant, "deferred", null, null, "the invocation ran out of time: the retry exports it"));
        continue;
      }
      TenantSettings s = settings.get(tenant);
      AutoExport auto = s.autoExportOrDisabled();
      if (!auto.runsOn(day)) { // the index lags a change the settings item already has
        tenants.add(outcome(tenant, "skipped", null, null, "autoExport is no longer enabled on " + day));
        continue;
      }
      String key = "auto-export:" + tenant.value() + ":" + month;
      Selection selection = new Selection(month.atDay(1), month.atEndOfMonth(), auto.journals(), List.of(), true, false);
      try {
        tenants.add(run(tenant, AUTO_EXPORT_ACTOR, s, selection, auto.format(), key));
      } catch (RuntimeException e) {
        retry.add(tenant.value());
        tenants.add(outcome(tenant, "retry", code(e), null, message(e)));
      }
    }
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("status", retry.isEmpty() ? "done" : "retry");
    answer.put("date", day.toString());
    answer.put("month", month.toString());
    answer.put("tenants", tenants);
    log("auto-export", answer);
    if (!retry.isEmpty()) {
      throw new RetryLaterException("the monthly export of " + retry.size() + " tenant(s) must run again "
          + retry + "; the others are done and will be replayed");
    }
    return answer;
  }

  // ------------------------------------------------------------------ one generation

  /**
   * Runs the generation and maps its outcome; throws what a retry can fix (EXPORT_IN_PROGRESS, the first
   * request of the same key still running, a dependency unavailable, any unexpected failure).
   */
  private Map<String, Object> run(TenantId tenant, String actor, TenantSettings s, Selection selection, String format,
      String key) {
    try {
      Generated g = generator.generate(tenant, actor, null, s, new GenerateRequest(selection, format, "none", key, key));
      String status = g.replayed() ? "replayed" : g.background() ? "started" : "ready";
      if (!g.replayed()) {
        record(tenant, actor, g.background() ? 202 : 201, com.accountingexport.core.audit.AuditRecord.OK,
            Map.of("exportId", g.export().id()));
      }
      return outcome(tenant, status, null, g, null);
    } catch (DomainException e) {
      if (e.code().equals("NOTHING_TO_EXPORT") || e.code().equals("NOTHING_LEFT_TO_EXPORT")) {
        return outcome(tenant, "nothing-to-export", e.code(), null, e.getMessage());
      }
      if (retryable(e)) {
        throw e;
      }
      record(tenant, actor, e.kind().status(), e.code(), Map.of());
      // the event (or the tenant's autoExport) asks for something that no retry will make possible
      return outcome(tenant, "rejected", e.code(), null, e.details().isEmpty() ? e.getMessage() : describe(e.details()));
    }
  }

  /**
   * An export this event generated (or refused for good) goes into the company's audit log like one
   * asked over HTTP, authored by the system actor, its route the event's kind. Never fails the event.
   */
  private void record(TenantId tenant, String actor, int status, String outcome, Map<String, String> ids) {
    String route = actor.equals(PERIOD_CLOSE_ACTOR) ? "EVENT PeriodClosed" : "SCHEDULE AutoExport";
    try {
      audit.append(com.accountingexport.core.audit.AuditRecord.draft(tenant, clock.instant(),
          new com.accountingexport.core.audit.AuditRecord.Actor(actor, null, SYSTEM_ROLE, null),
          com.accountingexport.core.audit.AuditActions.EXPORT_GENERATED, route, ids, status, outcome));
    } catch (RuntimeException e) {
      System.err.println(Json.write(Json.object().put("level", "ERROR").put("audit", "not recorded")
          .put("tenant", tenant.value()).put("route", route).put("error", e.getClass().getName())
          .put("message", String.valueOf(e.getMessage()))));
    }
  }

  /** The role of the audit entries of exports the system started (period close, monthly schedule). */
  public static final String SYSTEM_ROLE = "system";

  static boolean retryable(DomainException e) {
    return e.kind() == ErrorKind.UNAVAILABLE || e.kind() == ErrorKind.TOO_MANY_REQUESTS
        || e.code().equals("EXPORT_IN_PROGRESS") || e.code().equals("IDEMPOTENCY_IN_PROGRESS");
  }

  private static Map<String, Object> outcome(TenantId tenant, String status, String code, Generated g, String reason) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("status", status);
    out.put("tenant", tenant.value());
    if (g != null) {
      out.put("exportId", g.export().id());
      out.put("number", g.export().number());
      out.put("exportStatus", g.export().status().name());
    }
    if (code != null) {
      out.put("code", code);
    }
    if (reason != null) {
      out.put("reason", truncate(reason));
    }
    return out;
  }

  // ------------------------------------------------------------------ helpers

  /** The detail as EventBridge gives it (an object), or as a JSON text (the Scheduler's default is {@code "{}"}). */
  private static JsonNode detail(Object detail) {
    if (detail == null) {
      return null;
    }
    if (detail instanceof String text) {
      try {
        return Json.parse(text);
      } catch (RuntimeException notJson) {
        return null;
      }
    }
    return MAPPER.valueToTree(detail);
  }

  private static Map<String, Object> rejected(Map<String, Object> event, String reason) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("status", "rejected");
    out.put("reason", truncate(reason));
    Map<String, Object> logged = new LinkedHashMap<>(out);
    if (event != null) {
      logged.put("eventId", text(event.get("id")));
      logged.put("source", text(event.get("source")));
      logged.put("detailType", text(event.get("detail-type")));
    }
    System.err.println(line("WARN", "rejected", logged));
    return out;
  }

  private static void log(String what, Map<String, Object> answer) {
    System.out.println(line("INFO", what, answer));
  }

  /** One JSON log line: the outcome only, never more of the event than its id, source and type. */
  private static String line(String level, String what, Map<String, Object> fields) {
    Map<String, Object> l = new LinkedHashMap<>();
    l.put("level", level);
    l.put("event", what);
    l.putAll(fields);
    try {
      return MAPPER.writeValueAsString(l);
    } catch (Exception e) {
      return "{\"level\":\"" + level + "\",\"event\":\"" + what + "\"}";
    }
  }

  private static String describe(List<Violation> violations) {
    return violations.stream()
        .map(v -> (v.field() == null ? "" : v.field() + " ") + v.message() + " (" + v.code() + ")")
        .collect(Collectors.joining("; "));
  }

  private static String code(RuntimeException e) {
    return e instanceof DomainException d ? d.code() : e.getClass().getSimpleName();
  }

  private static String message(RuntimeException e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  private static String text(Object o) {
    return o == null ? null : o.toString();
  }

  private static String quoted(String s) {
    return s == null ? "(none)" : "\"" + s + "\"";
  }

  private static String truncate(String s) {
    return s.length() > MAX_REASON ? s.substring(0, MAX_REASON) : s;
  }

  /** Thrown after the whole schedule ran when some tenants must run again: Lambda's retry replays the others. */
  public static final class RetryLaterException extends RuntimeException {
    public RetryLaterException(String message) {
      super(message);
    }
  }
}
