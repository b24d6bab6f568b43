package com.accountingexport.core.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.accountingexport.core.auth.Caller;
import com.accountingexport.core.auth.Role;
import com.accountingexport.core.auth.TenantId;
import com.accountingexport.core.error.DomainException;
import com.accountingexport.core.error.ErrorKind;
import com.accountingexport.core.fakes.InMemoryExportTemplates;
import com.accountingexport.core.fakes.InMemorySettingsRepository;
import com.accountingexport.core.format.ExportTemplate;
import com.accountingexport.core.format.FormatCatalog;
import com.accountingexport.core.format.TemplateWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TemplateServiceTest {
  private static final TenantId TENANT = new TenantId("acme");
  private static final Caller ADMIN = new Caller(TENANT, "u1", Role.COMPANY_ADMIN, "a@acme.test");
  private static final Caller USER = new Caller(TENANT, "u2", Role.COMPANY_USER, "u@acme.test");

  private final InMemoryExportTemplates repository = new InMemoryExportTemplates();
  private final InMemorySettingsRepository settingsRepository = new InMemorySettingsRepository();
  private final SettingsService settings = new SettingsService(settingsRepository);
  private final AtomicInteger seq = new AtomicInteger();
  private final TemplateService templates = new TemplateService(repository, settings,
      () -> "0000-abcd-" + seq.incrementAndGet(), Clock.fixed(Instant.parse("2026-11-30T09:00:00Z"), ZoneOffset.UTC));

  static ExportTemplate content(String name) {
    List<ExportTemplate.Column> columns = List.of("EcritureDate", "JournalCode", "EcritureNum", "CompteNum",
        "EcritureLib", "Debit", "Credit").stream().map(f -> new ExportTemplate.Column(f, null)).toList();
    return new ExportTemplate("ignored", name, null, columns, ';', ',', "dd/MM/yyyy", "utf-8", "minimal", true, 0, null, null);
  }

  @Test
  void create_givesATplIdAndVersion1_resolvableAsAFormat() {
    ExportTemplate t = templates.create(ADMIN, content("  Cabinet  "));

    assertTrue(t.id().matches("tpl-[a-z0-9]{1,12}"), t.id());
    assertEquals("Cabinet", t.name());
    assertEquals(1, t.version());
    assertTrue(new FormatCatalog(repository).resolve(TENANT, t.id()) instanceof TemplateWriter);
    assertEquals(List.of(t), templates.list(ADMIN));
  }

  @Test
  void aCompanyUser_cannotChange_andReadsOnlyWithTheExportsPage() {
    ExportTemplate t = templates.create(ADMIN, content("A"));
    assertEquals(ErrorKind.FORBIDDEN, assertThrows(DomainException.class, () -> templates.get(USER, t.id())).kind());
    var s = settings.get(TENANT);
    settingsRepository.save(TENANT, s.withLevel(com.accountingexport.core.auth.Screen.EXPORTS, Role.COMPANY_USER,
        com.accountingexport.core.auth.Level.WRITE));

    assertEquals(ErrorKind.FORBIDDEN, assertThrows(DomainException.class, () -> templates.create(USER, content("B"))).kind());
    assertEquals(ErrorKind.FORBIDDEN, assertThrows(DomainException.class, () -> templates.update(USER, t.id(), content("B"))).kind());
    assertEquals(ErrorKind.FORBIDDEN, assertThrows(DomainException.class, () -> templates.delete(USER, t.id())).kind());
    assertEquals(t, templates.get(USER, t.id()));
  }

  @Test
  void update_raisesTheVersion_keepsIdAndCreation() {
    ExportTemplate t = templates.create(ADMIN, content("A"));

    ExportTemplate u = templates.update(ADMIN, t.id(), content("B"));

    assertEquals(t.id(), u.id());
    assertEquals(2, u.version());
    assertEquals("B", u.name());
    assertEquals(t.createdAt(), u.createdAt());
  }

  @Test
  void invalidContent_is400WithEveryProblem() {
    ExportTemplate bad = new ExportTemplate("x", "", null, List.of(new ExportTemplate.Column("Debit", null)), ',', ',',
        "dd/MM/yyyy", "utf-8", "minimal", true, 0, null, null);

    DomainException x = assertThrows(DomainException.class, () -> templates.create(ADMIN, bad));

    assertEquals(ErrorKind.INVALID, x.kind());
    assertTrue(x.details().size() >= 6, x.details().toString());
  }

  @Test
  void theFiftyFirst_isRefused() {
    for (int i = 0; i < ExportTemplate.MAX_TEMPLATES; i++) {
      templates.create(ADMIN, content("T" + i));
    }
    assertEquals("TOO_MANY_TEMPLATES", assertThrows(DomainException.class, () -> templates.create(ADMIN, content("X"))).code());
  }

  @Test
  void delete_refusedWhileTheDefaultFormat_thenAllowed_thenNotFound() {
    ExportTemplate t = templates.create(ADMIN, content("A"));
    var s = settings.get(TENANT);
    settingsRepository.save(TENANT, s.withDefaultFormat(t.id()));

    assertEquals("TEMPLATE_IN_USE", assertThrows(DomainException.class, () -> templates.delete(ADMIN, t.id())).code());
    settingsRepository.save(TENANT, s);
    templates.delete(ADMIN, t.id());
    assertEquals("TEMPLATE_NOT_FOUND", assertThrows(DomainException.class, () -> templates.delete(ADMIN, t.id())).code());
  }
}
