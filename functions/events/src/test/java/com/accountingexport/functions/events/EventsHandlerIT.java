package com.accountingexport.functions.events;

import static com.accountingexport.functions.events.EventsHandlerTest.detail;
import static com.accountingexport.functions.events.EventsHandlerTest.sample;
import static com.accountingexport.functions.events.EventsHandlerTest.scheduledAt;
import static com.accountingexport.functions.events.EventsHandlerTest.statuses;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.accountingexport.adapters.AwsClients;
import com.accountingexport.adapters.Config;
import com.accountingexport.adapters.Wiring;
import com.accountingexport.adapters.testing.LocalDynamo;
import com.accountingexport.adapters.testing.LocalS3;
import com.accountingexport.core.auth.Caller;
import com.accountingexport.core.auth.Role;
import com.accountingexport.core.auth.TenantId;
import com.accountingexport.core.document.Document;
import com.accountingexport.core.export.Export;
import com.accountingexport.core.export.ExportStatus;
import com.accountingexport.core.fakes.TestDocuments;
import com.accountingexport.core.period.Period;
import com.accountingexport.core.settings.AutoExport;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The events handler on DynamoDB Local and S3Mock, through the same Wiring as Lambda: the period
 * close and the monthly schedule are idempotent, and the schedule finds its tenants through the
 * sparse GSI1 partition {@code AUTOEXPORT#DAY#<dd>} (no Scan).
 */
class EventsHandlerIT {
  static final TenantId ACME = new TenantId("acme");

  Wiring wiring;
  EventsHandler handler;

  @BeforeEach
  void setUp() {
    String table = LocalDynamo.get().newTable();
    String bucket = LocalS3.get().newBucket();
    AwsClients aws = new AwsClients(LocalDynamo.get().client(), LocalS3.get().s3(), LocalS3.get().presigner(), null);
    Config config = new Config(table, bucket, "exports@test", Duration.ofMinutes(15), "http://localhost", Duration.ofMinutes(5));
    wiring = new Wiring(aws, config, Clock.systemUTC(), () -> UUID.randomUUID().toString());
    handler = new EventsHandler(wiring);
  }

  @Test
  void periodClosed_deliveredTwice_andSentAgainDifferently_shouldMakeOneExport() throws Exception {
    // given
    invoices(ACME, LocalDate.of(2026, 3, 1), 4);
    Map<String, Object> other = sample("period-closed.json");
    other.put("id", "another-event");
    detail(other).put("journals", List.of("BQ", "VT"));
    detail(other).remove("format");

    // when
    Map<String, Object> first = handler.handleRequest(sample("period-closed.json"), null);
    Map<String, Object> redelivered = handler.handleRequest(sample("period-closed-redelivered.json"), null);
    Map<String, Object> again = handler.handleRequest(other, null);

    // then
    assertEquals("ready", first.get("status"), first.toString());
    assertEquals("replayed", redelivered.get("status"), redelivered.toString());
    assertEquals("replayed", again.get("status"), again.toString());
    assertEquals(first.get("exportId"), redelivered.get("exportId"));
    assertEquals(first.get("exportId"), again.get("exportId"));
    List<Export> exports = exports(ACME);
    assertEquals(1, exports.size());
    Export e = exports.get(0);
    assertEquals(ExportStatus.READY, e.status());
    assertEquals(4, e.documentCount());
    assertEquals(EventsHandler.PERIOD_CLOSE_ACTOR, e.createdBy());
    assertEquals(first.get("number"), e.number());
    var journal = e.files().stream().filter(f -> f.kind().equals("journal")).findFirst().orElseThrow();
    try (InputStream in = wiring.fileStore().open(journal.key())) {
      assertEquals(journal.bytes(), in.readAllBytes().length, "the journal file is in S3");
    }
  }

  @Test
  void periodClosed_malformed_shouldBeRejected_andCreateNothing() {
    // given
    invoices(ACME, LocalDate.of(2026, 3, 1), 2);
    Map<String, Object> event = sample("period-closed.json");
    detail(event).put("to", "2026-02-01");

    // when
    Map<String, Object> answer = handler.handleRequest(event, null);

    // then
    assertEquals("rejected", answer.get("status"));
    assertTrue(String.valueOf(answer.get("reason")).contains("detail.to"), answer.toString());
    assertEquals(List.of(), exports(ACME));
  }

  @Test
  void schedule_runTwiceOnTheMatchingDay_shouldMakeOneExportPerTenant_andNoneOnAnotherDay() {
    // given: three tenants on the 15th (one disabled), one on the 16th, each with May documents
    List<TenantId> onThe15th = List.of(new TenantId("t-a"), new TenantId("t-b"));
    TenantId disabled = new TenantId("t-off");
    TenantId on16th = new TenantId("t-16");
    for (TenantId t : List.of(onThe15th.get(0), onThe15th.get(1), disabled, on16th)) {
      invoices(t, LocalDate.of(2026, 5, 3), 3);
    }
    onThe15th.forEach(t -> autoExport(t, new AutoExport(true, 15, List.of(), null)));
    autoExport(disabled, new AutoExport(true, 15, List.of(), null));
    autoExport(disabled, new AutoExport(false, 15, List.of(), null)); // turned off again: leaves the index
    autoExport(on16th, new AutoExport(true, 16, List.of("VT"), "csv"));

    // when
    Map<String, Object> on14th = handler.handleRequest(scheduledAt("2026-06-14T03:00:00Z"), null);
    Map<String, Object> first = handler.handleRequest(scheduledAt("2026-06-15T03:00:00Z"), null);
    Map<String, Object> second = handler.handleRequest(scheduledAt("2026-06-15T03:00:00Z"), null);

    // then
    assertEquals(Map.of(), statuses(on14th));
    assertEquals(Map.of("t-a", "ready", "t-b", "ready"), statuses(first));
    assertEquals(Map.of("t-a", "replayed", "t-b", "replayed"), statuses(second));
    for (TenantId t : onThe15th) {
      List<Export> exports = exports(t);
      assertEquals(1, exports.size(), t + " has one export");
      assertEquals(new Period(LocalDate.of(2026, 5, 1), LocalDate.of(2026, 5, 31)), exports.get(0).period());
      assertEquals(3, exports.get(0).documentCount());
      assertEquals(EventsHandler.AUTO_EXPORT_ACTOR, exports.get(0).createdBy());
    }
    assertEquals(List.of(), exports(disabled));
    assertEquals(List.of(), exports(on16th));
    assertEquals(List.of(on16th), wiring.settings().autoExportTenants(16));
  }

  @Test
  void schedule_dayOfMonth31_shouldRunOnThe30thOfJune() {
    // given
    TenantId late = new TenantId("t-31");
    invoices(late, LocalDate.of(2026, 5, 29), 3); // 29, 30, 31 May
    autoExport(late, new AutoExport(true, 31, List.of(), null));

    // when
    Map<String, Object> june29 = handler.handleRequest(scheduledAt("2026-06-29T03:00:00Z"), null);
    Map<String, Object> june30 = handler.handleRequest(sample("scheduled-daily.json"), null);

    // then
    assertEquals(Map.of(), statuses(june29));
    assertEquals(Map.of("t-31", "ready"), statuses(june30));
    Export e = exports(late).get(0);
    assertEquals(new Period(LocalDate.of(2026, 5, 1), LocalDate.of(2026, 5, 31)), e.period());
    assertEquals(3, e.documentCount());
  }

  // ------------------------------------------------------------------ helpers

  void invoices(TenantId tenant, LocalDate first, int n) {
    Caller admin = new Caller(tenant, "u-" + tenant.value(), Role.COMPANY_ADMIN, "admin@" + tenant.value() + ".test");
    List<Document> docs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      docs.add(TestDocuments.invoice("inv-" + first + "-" + i, first.plusDays(i), "100.00", "20.00"));
    }
    wiring.documents().putAll(admin, docs);
  }

  void autoExport(TenantId tenant, AutoExport auto) {
    wiring.settings().put(new Caller(tenant, "u", Role.COMPANY_ADMIN, "a@b.test"),
        wiring.settings().get(tenant).withAutoExport(auto));
  }

  List<Export> exports(TenantId tenant) {
    return wiring.exportRepository().list(tenant, e -> true, null, 1000).items();
  }
}
