package com.accountingexport.functions.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.accountingexport.core.booking.JournalKind;
import com.accountingexport.adapters.Config;
import com.accountingexport.adapters.Wiring;
import com.accountingexport.adapters.json.Json;
import com.accountingexport.adapters.testing.InMemoryWiring;
import com.accountingexport.core.auth.Caller;
import com.accountingexport.core.auth.Role;
import com.accountingexport.core.auth.TenantId;
import com.accountingexport.core.error.DomainException;
import com.accountingexport.core.export.Export;
import com.accountingexport.core.fakes.InMemoryDocumentRepository;
import com.accountingexport.core.fakes.InMemoryExportRepository;
import com.accountingexport.core.fakes.InMemoryFileStore;
import com.accountingexport.core.fakes.InMemorySettingsRepository;
import com.accountingexport.core.fakes.TestDocuments;
import com.accountingexport.core.port.ExportRepository;
import com.accountingexport.core.period.Period;
import com.accountingexport.core.settings.AutoExport;
import com.accountingexport.core.settings.TenantSettings;
import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The events handler over in-memory ports (every export generated in-process). */
class EventsHandlerTest {
  static final TenantId ACME = new TenantId("acme");
  static final TenantId BETA = new TenantId("beta");
  static final TenantId GAMMA = new TenantId("gamma");

  final Wiring wiring = InMemoryWiring.create();
  final EventsHandler handler = new EventsHandler(wiring);

  // ------------------------------------------------------------------ PeriodClosed

  @Test
  void periodClosed_deliveredTwice_shouldMakeOneExport_andReplayItTheSecondTime() {
    // given
    invoices(ACME, LocalDate.of(2026, 3, 1), 3);

    // when
    Map<String, Object> first = handler.handleRequest(sample("period-closed.json"), null);
    Map<String, Object> second = handler.handleRequest(sample("period-closed-redelivered.json"), null);

    // then
    assertEquals("ready", first.get("status"), first.toString());
    assertEquals("replayed", second.get("status"), second.toString());
    assertEquals(first.get("exportId"), second.get("exportId"));
    assertEquals(first.get("number"), second.get("number"));
    List<Export> exports = exports(ACME);
    assertEquals(1, exports.size());
    Export e = exports.get(0);
    assertEquals(EventsHandler.PERIOD_CLOSE_ACTOR, e.createdBy());
    assertEquals(new Period(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 31)), e.period());
    assertEquals(3, e.documentCount());
    assertEquals("fec", e.format());
    var audit = wiring.auditLog().all(ACME);
    assertEquals(1, audit.size(), "one entry for the export, none for its replay: " + audit);
    assertEquals(EventsHandler.PERIOD_CLOSE_ACTOR, audit.get(0).actor().sub());
    assertEquals(EventsHandler.SYSTEM_ROLE, audit.get(0).actor().role());
    assertEquals("EVENT PeriodClosed", audit.get(0).route());
    assertEquals(com.accountingexport.core.audit.AuditActions.EXPORT_GENERATED, audit.get(0).action());
    assertEquals(Map.of("exportId", e.id()), audit.get(0).ids());
  }

  @Test
  void periodClosed_twoDifferentEventsForTheSamePeriod_shouldMakeOneExport() {
    // given: the second one has another id, its journals in another order and no format (the default, fec)
    invoices(ACME, LocalDate.of(2026, 3, 1), 2);
    Map<String, Object> other = sample("period-closed.json");
    other.put("id", "another-event");
    detail(other).put("journals", List.of("BQ", "VT", "VT"));
    detail(other).remove("format");

    // when
    Map<String, Object> first = handler.handleRequest(sample("period-closed.json"), null);
    Map<String, Object> second = handler.handleRequest(other, null);

    // then
    assertEquals("ready", first.get("status"));
    assertEquals("replayed", second.get("status"), second.toString());
    assertEquals(first.get("exportId"), second.get("exportId"));
    assertEquals(1, exports(ACME).size());
  }

  @Test
  void periodClosed_withoutJournalsOrFormat_shouldExportEveryJournal_andSayNothingToExportForAnEmptyPeriod() {
    // given
    invoices(ACME, LocalDate.of(2026, 3, 1), 2);
    Map<String, Object> all = sample("period-closed.json");
    detail(all).remove("journals");
    detail(all).remove("format");
    Map<String, Object> empty = sample("period-closed.json");
    detail(empty).put("from", "2026-01-01");
    detail(empty).put("to", "2026-01-31");

    // when
    Map<String, Object> exported = handler.handleRequest(all, null);
    Map<String, Object> nothing = handler.handleRequest(empty, null);

    // then
    assertEquals("ready", exported.get("status"));
    assertEquals(JournalKind.values().length, exports(ACME).get(0).journals().size(), "every journal of the tenant");
    assertEquals("nothing-to-export", nothing.get("status"), nothing.toString());
    assertEquals(1, exports(ACME).size());
  }

  @Test
  void periodClosed_namingATemplateOfTheTenant_exportsInIt_anUnknownOneIsRejected() {
    // given
    invoices(ACME, LocalDate.of(2026, 3, 1), 2);
    Caller admin = new Caller(ACME, "u", Role.COMPANY_ADMIN, "a@acme.test");
    var columns = java.util.stream.Stream.of("EcritureDate", "JournalCode", "EcritureNum", "CompteNum", "EcritureLib",
        "Debit", "Credit").map(f -> new com.accountingexport.core.format.ExportTemplate.Column(f, null)).toList();
    var template = wiring.templates().create(admin, new com.accountingexport.core.format.ExportTemplate("new",
        "Cabinet", null, columns, ';', ',', "dd/MM/yyyy", "utf-8", "minimal", true, 0, null, null));
    Map<String, Object> withTemplate = sample("period-closed.json");
    detail(withTemplate).put("format", template.id());
    Map<String, Object> unknown = sample("period-closed.json");
    unknown.put("id", "another-event");
    detail(unknown).put("format", "tpl-nope");
    detail(unknown).put("from", "2026-04-01");
    detail(unknown).put("to", "2026-04-30");

    // when
    Map<String, Object> exported = handler.handleRequest(withTemplate, null);
    Map<String, Object> rejected = handler.handleRequest(unknown, null);

    // then
    assertEquals("ready", exported.get("status"), exported.toString());
    assertEquals(template.id(), exports(ACME).get(0).format());
    assertEquals("rejected", rejected.get("status"), rejected.toString());
    assertTrue(String.valueOf(rejected.get("reason")).contains("tpl-nope"), rejected.toString());
    assertEquals(1, exports(ACME).size());
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{\"from\": \"2026-03-01\", \"to\": \"2026-03-31\"}",
      "{\"tenant\": \"bad tenant!\", \"from\": \"2026-03-01\", \"to\": \"2026-03-31\"}",
      "{\"tenant\": \"acme\", \"from\": \"2026-03-31\", \"to\": \"2026-03-01\"}",
      "{\"tenant\": \"acme\", \"from\": \"2026-02-30\", \"to\": \"2026-03-31\"}",
      "{\"tenant\": \"acme\", \"from\": \"03/01/2026\", \"to\": \"2026-03-31\"}",
      "{\"tenant\": \"acme\", \"from\": \"2026-03-01\", \"to\": \"2026-03-31\", \"journals\": \"VT\"}",
      "{\"tenant\": \"acme\", \"from\": \"2026-03-01\", \"to\": \"2026-03-31\", \"journals\": [\"VT\", 1]}",
      "{\"tenant\": \"acme\", \"from\": \"2026-03-01\", \"to\": \"2026-03-31\", \"journals\": [\"ZZ\"]}",
      "{\"tenant\": \"acme\", \"from\": \"2026-03-01\", \"to\": \"2026-03-31\", \"format\": \"pdf\"}",
      "{\"tenant\": \"acme\", \"from\": \"2026-03-01\", \"to\": \"2026-03-31\", \"journal\": [\"VT\"]}",
      "{\"tenant\": \"acme\", \"from\": \"2026-01-01\", \"to\": \"2030-12-31\"}",
      "\"not an object\"",
      "[]"})
  void periodClosed_malformed_shouldBeRejectedWithoutThrowing_andCreateNothing(String detailJson) {
    // given
    invoices(ACME, LocalDate.of(2026, 3, 1), 2);
    Map<String, Object> event = sample("period-closed.json");
    event.put("detail", Json.MAPPER.convertValue(Json.parse(detailJson), Object.class));

    // when
    Map<String, Object> answer = handler.handleRequest(event, null);

    // then
    assertEquals("rejected", answer.get("status"), answer.toString());
    assertTrue(String.valueOf(answer.get("reason")).length() > 10, answer.toString());
    assertEquals(List.of(), exports(ACME));
  }

  @Test
  void unknownEventsAndAnEmptyOne_shouldBeRejected() {
    Map<String, Object> other = sample("period-closed.json");
    other.put("detail-type", "PeriodOpened");
    Map<String, Object> spoofed = sample("scheduled-daily.json");
    spoofed.put("source", "accounting-export");

    assertEquals("rejected", handler.handleRequest(other, null).get("status"));
    assertEquals("rejected", handler.handleRequest(spoofed, null).get("status"));
    assertEquals("rejected", handler.handleRequest(new HashMap<>(), null).get("status"));
    assertEquals("rejected", handler.handleRequest(null, null).get("status"));
  }

  @Test
  void periodClosed_whileTheSamePeriodIsBeingGenerated_shouldThrowSoThatLambdaRetries_andTheRetryExports() {
    // given: another generation of the same period and journals holds the lock
    AtomicBoolean busy = new AtomicBoolean(true);
    InMemoryDocumentRepository documents = new InMemoryDocumentRepository();
    ExportRepository real = new InMemoryExportRepository(documents);
    ExportRepository locked = (ExportRepository) Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {ExportRepository.class}, (proxy, method, args) -> {
          if (method.getName().equals("tryLock") && busy.get()) {
            return false;
          }
          try {
            return method.invoke(real, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
    AtomicLong seq = new AtomicLong();
    Wiring w = new Wiring(null, Config.from(Map.of()), Clock.fixed(InMemoryWiring.NOW, ZoneOffset.UTC),
        () -> "id-" + seq.incrementAndGet(), documents, new InMemorySettingsRepository(), locked, new InMemoryFileStore());
    Caller admin = new Caller(ACME, "u", Role.COMPANY_ADMIN, "a@acme.test");
    w.documents().put(admin, TestDocuments.invoice("inv-1", LocalDate.of(2026, 3, 2), "100.00", "20.00"));
    EventsHandler h = new EventsHandler(w);

    // when / then: thrown (EventBridge's asynchronous invocation is retried), nothing created
    DomainException e = assertThrows(DomainException.class, () -> h.handleRequest(sample("period-closed.json"), null));
    assertEquals("EXPORT_IN_PROGRESS", e.code());
    assertEquals(List.of(), real.list(ACME, x -> true, null, 100).items());

    // and the retry, once the lock is free, exports (the failed attempt forgot its key)
    busy.set(false);
    assertEquals("ready", h.handleRequest(sample("period-closed.json"), null).get("status"));
    assertEquals(1, real.list(ACME, x -> true, null, 100).items().size());
  }

  // ------------------------------------------------------------------ the monthly schedule

  @Test
  void schedule_runTwiceOnTheMatchingDay_shouldExportThePreviousMonthOncePerTenant() {
    // given: acme and beta on the 15th, gamma on the 16th, each with May documents
    for (TenantId t : List.of(ACME, BETA, GAMMA)) {
      invoices(t, LocalDate.of(2026, 5, 2), 2);
    }
    autoExport(ACME, new AutoExport(true, 15, List.of(), null));
    autoExport(BETA, new AutoExport(true, 15, List.of("VT"), "csv"));
    autoExport(GAMMA, new AutoExport(true, 16, List.of(), null));
    Map<String, Object> event = scheduledAt("2026-06-15T03:00:00Z");

    // when
    Map<String, Object> first = handler.handleRequest(event, null);
    Map<String, Object> second = handler.handleRequest(scheduledAt("2026-06-15T03:05:00Z"), null);

    // then
    assertEquals("done", first.get("status"));
    assertEquals("2026-05", first.get("month"));
    assertEquals(Map.of("acme", "ready", "beta", "ready"), statuses(first));
    assertEquals(Map.of("acme", "replayed", "beta", "replayed"), statuses(second));
    for (TenantId t : List.of(ACME, BETA)) {
      List<Export> exports = exports(t);
      assertEquals(1, exports.size(), t + ": one export");
      assertEquals(new Period(LocalDate.of(2026, 5, 1), LocalDate.of(2026, 5, 31)), exports.get(0).period());
      assertEquals(EventsHandler.AUTO_EXPORT_ACTOR, exports.get(0).createdBy());
    }
    assertEquals(List.of("VT"), exports(BETA).get(0).journals());
    assertEquals("csv", exports(BETA).get(0).format());
    assertEquals("fec", exports(ACME).get(0).format(), "no format: the tenant's default");
    assertEquals(List.of(), exports(GAMMA));
  }

  @Test
  void schedule_onAnotherDay_shouldExportNothing() {
    // given
    invoices(ACME, LocalDate.of(2026, 5, 2), 2);
    autoExport(ACME, new AutoExport(true, 15, List.of(), null));
    autoExport(BETA, new AutoExport(false, 14, List.of(), null));

    // when
    Map<String, Object> answer = handler.handleRequest(scheduledAt("2026-06-14T03:00:00Z"), null);

    // then
    assertEquals("done", answer.get("status"));
    assertEquals(List.of(), answer.get("tenants"));
    assertEquals(List.of(), exports(ACME));
  }

  @Test
  void schedule_dayOfMonth31_shouldRunOnThe30thOfJune_butNotOnThe30thOfJuly() {
    // given
    invoices(ACME, LocalDate.of(2026, 5, 2), 2);
    invoices(ACME, LocalDate.of(2026, 6, 2), 2);
    autoExport(ACME, new AutoExport(true, 31, List.of(), null));

    // when
    Map<String, Object> june30 = handler.handleRequest(sample("scheduled-daily.json"), null);
    Map<String, Object> july30 = handler.handleRequest(scheduledAt("2026-07-30T03:00:00Z"), null);

    // then
    assertEquals("2026-06-30", june30.get("date"));
    assertEquals(Map.of("acme", "ready"), statuses(june30));
    assertEquals(Map.of(), statuses(july30));
    assertEquals(new Period(LocalDate.of(2026, 5, 1), LocalDate.of(2026, 5, 31)), exports(ACME).get(0).period());
    assertEquals(1, exports(ACME).size());
  }

  @Test
  void schedule_withNothingInTheMonth_shouldSaySo_andATenantThatCannotBeExportedShouldNotStopTheOthers() {
    // given: acme has nothing in May; beta's journals no longer exist
    invoices(BETA, LocalDate.of(2026, 5, 2), 1);
    invoices(GAMMA, LocalDate.of(2026, 5, 2), 1);
    autoExport(ACME, new AutoExport(true, 15, List.of(), null));
    autoExport(BETA, new AutoExport(true, 15, List.of("XX"), null));
    autoExport(GAMMA, new AutoExport(true, 15, List.of(), null));

    // when
    Map<String, Object> answer = handler.handleRequest(scheduledAt("2026-06-15T03:00:00Z"), null);

    // then
    assertEquals(Map.of("acme", "nothing-to-export", "beta", "rejected", "gamma", "ready"), statuses(answer));
    assertEquals(1, exports(GAMMA).size());
  }

  @Test
  void schedule_outOfTime_shouldDeferTheRest_andThrowSoThatTheRetryExportsThem() {
    // given
    invoices(ACME, LocalDate.of(2026, 5, 2), 1);
    autoExport(ACME, new AutoExport(true, 15, List.of(), null));

    // when / then
    EventsHandler.RetryLaterException e = assertThrows(EventsHandler.RetryLaterException.class,
        () -> handler.handleRequest(scheduledAt("2026-06-15T03:00:00Z"), contextWithMillisLeft(10_000)));
    assertTrue(e.getMessage().contains("acme"), e.getMessage());
    assertEquals(List.of(), exports(ACME));
    // the retry, with time
    assertEquals(Map.of("acme", "ready"),
        statuses(handler.handleRequest(scheduledAt("2026-06-15T03:00:00Z"), contextWithMillisLeft(800_000))));
  }

  // ------------------------------------------------------------------ helpers

  void invoices(TenantId tenant, LocalDate first, int n) {
    Caller admin = new Caller(tenant, "u-" + tenant.value(), Role.COMPANY_ADMIN, "admin@" + tenant.value() + ".test");
    for (int i = 0; i < n; i++) {
      String id = "inv-" + first + "-" + i;
      wiring.documents().put(admin, TestDocuments.invoice(id, first.plusDays(i), "100.00", "20.00"));
    }
  }

  void autoExport(TenantId tenant, AutoExport auto) {
    TenantSettings s = wiring.settings().get(tenant).withAutoExport(auto);
    wiring.settings().put(new Caller(tenant, "u", Role.COMPANY_ADMIN, "a@b.test"), s);
  }

  List<Export> exports(TenantId tenant) {
    return wiring.exportRepository().list(tenant, e -> true, null, 1000).items();
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> statuses(Map<String, Object> answer) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Object o : (List<Object>) answer.get("tenants")) {
      Map<String, Object> t = (Map<String, Object>) o;
      out.put((String) t.get("tenant"), t.get("status"));
    }
    return out;
  }

  static Map<String, Object> scheduledAt(String time) {
    Map<String, Object> e = sample("scheduled-daily.json");
    e.put("time", time);
    return e;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> detail(Map<String, Object> event) {
    return (Map<String, Object>) event.get("detail");
  }

  /** A sample of events/eventbridge as Lambda's serializer gives it to a Map handler (mutable). */
  static Map<String, Object> sample(String name) {
    try (InputStream in = EventsHandlerTest.class.getResourceAsStream("/events/eventbridge/" + name)) {
      assertNotNull(in, name);
      return Json.MAPPER.readValue(in, new TypeReference<LinkedHashMap<String, Object>>() {});
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static Context contextWithMillisLeft(int millis) {
    return new Context() {
      public String getAwsRequestId() {
        return "req";
      }

      public String getLogGroupName() {
        return "/aws/lambda/events";
      }

      public String getLogStreamName() {
        return "stream";
      }

      public String getFunctionName() {
        return "EventsFunction";
      }

      public String getFunctionVersion() {
        return "1";
      }

      public String getInvokedFunctionArn() {
        return "arn:aws:lambda:eu-west-3:123456789012:function:EventsFunction:live";
      }

      public CognitoIdentity getIdentity() {
        return null;
      }

      public ClientContext getClientContext() {
        return null;
      }

      public int getRemainingTimeInMillis() {
        return millis;
      }

      public int getMemoryLimitInMB() {
        return 2048;
      }

      public LambdaLogger getLogger() {
        return null;
      }
    };
  }
}
