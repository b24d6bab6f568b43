package com.accountingexport.adapters.http;

import static com.accountingexport.adapters.testing.TestEvents.route;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.accountingexport.adapters.MemoryAuditLog;
import com.accountingexport.adapters.json.Json;
import com.accountingexport.core.audit.AuditLog;
import com.accountingexport.core.audit.AuditQuery;
import com.accountingexport.core.audit.AuditRecord;
import com.accountingexport.core.auth.TenantId;
import com.accountingexport.core.error.DomainException;
import com.accountingexport.core.port.Page;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The recorder around routes: what one request leaves in the log of the company it acted on. */
class AuditTrailTest {
  static final Instant NOW = Instant.parse("2026-06-15T10:00:00Z");
  private final MemoryAuditLog log = new MemoryAuditLog();
  private final Http http = new Http(List.of(new AuditTrail(log, Clock.fixed(NOW, ZoneOffset.UTC))));

  private List<AuditRecord> entries(String tenant) {
    return log.all(new TenantId(tenant));
  }

  @Test
  void after_shouldRecordACreatedExport_withItsIdStatusAndActor() {
    http.serve(route("POST /exports").build(), null, req -> Response.accepted(Json.object().put("id", "exp-9")));
    List<AuditRecord> all = entries("acme");
    assertEquals(1, all.size());
    AuditRecord r = all.get(0);
    assertEquals(1, r.seq());
    assertEquals(NOW, r.at());
    assertEquals(new AuditRecord.Actor("user-1", "admin@acme.test", "company_admin", null), r.actor());
    assertEquals("export.generated", r.action());
    assertEquals("POST /exports", r.route());
    assertEquals(Map.of("exportId", "exp-9"), r.ids());
    assertEquals(202, r.status());
    assertEquals("OK", r.outcome());
  }

  @Test
  void after_shouldNotRepeatThePathsId_whenAPutCreatesTheResource() {
    http.serve(route("PUT /documents/{documentId}").path("documentId", "inv-1").build(), null,
        req -> Response.created(Json.object().put("id", "inv-1")));
    assertEquals(Map.of("documentId", "inv-1"), entries("acme").get(0).ids());
  }

  @Test
  void after_shouldRecordARefusalWithItsErrorCode_andCountABatch() {
    http.serve(route("POST /documents/batch").role("company_user").body("{\"documents\": [{}, {}, {}]}").build(), null,
        req -> {
          throw DomainException.forbidden("no");
        });
    AuditRecord r = entries("acme").get(0);
    assertEquals(403, r.status());
    assertEquals("FORBIDDEN", r.outcome());
    assertEquals(Map.of("documents", "3"), r.ids());
    assertEquals("company_user", r.actor().role());
  }

  @Test
  void after_shouldRecordAFirmUserOnTheCompanyItPicked_withItsFirm() {
    http.serve(route("POST /exports/{exportId}/cancel").path("exportId", "e-1").role("firm_user").tenant("cabinet")
        .claim("tenants", "[acme beta]").header("X-Tenant", "beta").build(), null, req -> Response.ok(Json.object()));
    assertEquals(List.of(), entries("cabinet"));
    AuditRecord r = entries("beta").get(0);
    assertEquals("cabinet", r.actor().firm());
    assertEquals("firm_user", r.actor().role());
    assertEquals(Map.of("exportId", "e-1"), r.ids());
  }

  @Test
  void after_shouldSkipReads_andRequestsWithoutAValidCaller() {
    http.serve(route("GET /exports").build(), null, req -> Response.ok(Json.object()));
    http.serve(route("GET /reports/{report}").path("report", "vat-summary").build(), null, req -> Response.ok(Json.object()));
    http.serve(route("PUT /settings").noToken().build(), null, req -> Response.ok(Json.object()));
    http.serve(route("PUT /settings").role("firm_user").header("X-Tenant", "elsewhere").build(), null,
        req -> Response.ok(Json.object()));
    assertEquals(List.of(), entries("acme"));

    http.serve(route("GET /reports/{report}").path("report", "vat-summary").query("format", "xlsx").build(), null,
        req -> Response.ok(Json.object()));
    assertEquals("file.downloaded", entries("acme").get(0).action());
  }

  @Test
  void after_shouldNeverChangeTheAnswer_whenTheLogFails() {
    AuditLog broken = new AuditLog() {
      @Override
      public AuditRecord append(AuditRecord draft) {
        throw new IllegalStateException("storage down");
      }

      @Override
      public Page<AuditRecord> page(AuditQuery query) {
        throw new UnsupportedOperationException();
      }

      @Override
      public List<AuditRecord> all(TenantId tenant) {
        throw new UnsupportedOperationException();
      }

      @Override
      public long headSeq(TenantId tenant) {
        throw new UnsupportedOperationException();
      }
    };
    var answer = new Http(List.of(new AuditTrail(broken, Clock.systemUTC())))
        .serve(route("PUT /settings").build(), null, req -> Response.ok(Json.object().put("saved", true)));
    assertEquals(200, answer.getStatusCode());
    assertTrue(answer.getBody().contains("saved"));
  }
}
