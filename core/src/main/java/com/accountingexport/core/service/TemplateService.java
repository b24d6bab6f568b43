package com.accountingexport.core.service;

import com.accountingexport.core.auth.Caller;
import com.accountingexport.core.auth.Screen;
import com.accountingexport.core.error.DomainException;
import com.accountingexport.core.format.ExportTemplate;
import com.accountingexport.core.port.ExportTemplateRepository;
import com.accountingexport.core.port.IdGenerator;
import com.accountingexport.core.settings.TenantSettings;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * {@code /export-templates}: a tenant's own column layouts. Reading needs {@code exports:read};
 * creating, changing and deleting needs {@code settings:write}, like the settings. A template that
 * is the tenant's default format (or its automatic export's) cannot be deleted.
 */
public final class TemplateService {
  private final ExportTemplateRepository templates;
  private final SettingsService settings;
  private final IdGenerator ids;
  private final Clock clock;

  public TemplateService(ExportTemplateRepository templates, SettingsService settings, IdGenerator ids, Clock clock) {
    this.templates = templates;
    this.settings = settings;
    this.ids = ids;
    this.clock = clock;
  }

  /** {@code settings:write}, checked before a request body is read, as for the settings. */
  public void requireWrite(Caller caller) {
    settings.requireWrite(caller);
  }

  public List<ExportTemplate> list(Caller caller) {
    Access.require(caller, settings.get(caller.tenant()), Screen.EXPORTS);
    return templates.list(caller.tenant());
  }

  public ExportTemplate get(Caller caller, String id) {
    Access.require(caller, settings.get(caller.tenant()), Screen.EXPORTS);
    return load(caller, id);
  }

  /** Stores {@code content} (its id, version and dates are ignored) as a new template. */
  public ExportTemplate create(Caller caller, ExportTemplate content) {
    settings.requireWrite(caller);
    requireValid(content);
    if (templates.list(caller.tenant()).size() >= ExportTemplate.MAX_TEMPLATES) {
      throw DomainException.conflict("TOO_MANY_TEMPLATES",
          "A tenant keeps at most " + ExportTemplate.MAX_TEMPLATES + " export templates; delete one first");
    }
    Instant now = clock.instant();
    String raw = ids.newId().replaceAll("[^A-Za-z0-9]", "").toLowerCase(Locale.ROOT);
    String id = ExportTemplate.ID_PREFIX + raw.substring(0, Math.min(12, raw.length()));
    ExportTemplate created = new ExportTemplate(id, content.name().strip(), content.description(), content.columns(),
        content.separator(), content.decimalMark(), content.datePattern(), content.encoding(), content.quoting(),
        content.header(), 1, now, now);
    if (!templates.save(caller.tenant(), created)) {
      throw DomainException.conflict("TEMPLATE_CHANGED", "Template id " + id + " is taken; try again");
    }
    return created;
  }

  /** Replaces the template's content; its version goes up by one, so files are rendered again in the new layout. */
  public ExportTemplate update(Caller caller, String id, ExportTemplate content) {
    settings.requireWrite(caller);
    ExportTemplate current = load(caller, id);
    requireValid(content);
    ExportTemplate revised = current.revised(content, clock.instant());
    if (!templates.save(caller.tenant(), revised)) {
      throw DomainException.conflict("TEMPLATE_CHANGED", "Template " + id + " was changed meanwhile; read it again");
    }
    return revised;
  }

  public void delete(Caller caller, String id) {
    settings.requireWrite(caller);
    ExportTemplate current = load(caller, id);
    TenantSettings s = settings.get(caller.tenant());
    boolean auto = s.autoExport() != null && id.equals(s.autoExport().format());
    if (id.equals(s.defaultFormat()) || auto) {
      throw DomainException.conflict("TEMPLATE_IN_USE", "Template \"" + current.name() + "\" is the "
          + (auto ? "automatic export's format" : "default format") + " in the settings; choose another one first");
    }
    if (!templates.delete(caller.tenant(), id)) {
      throw notFound(id);
    }
  }

  private ExportTemplate load(Caller caller, String id) {
    return templates.find(caller.tenant(), id).orElseThrow(() -> notFound(id));
  }

  private static DomainException notFound(String id) {
    return DomainException.notFound("TEMPLATE_NOT_FOUND", "No export template " + id);
  }

  private static void requireValid(ExportTemplate content) {
    var problems = content.problems();
    if (!problems.isEmpty()) {
      throw DomainException.invalid(problems);
    }
  }
}
