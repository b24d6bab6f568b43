package com.accountingexport.functions.settings;

import com.accountingexport.adapters.Priming;
import com.accountingexport.adapters.Wiring;
import com.accountingexport.adapters.http.Http;
import com.accountingexport.adapters.http.HttpErrors;
import com.accountingexport.adapters.http.Response;
import com.accountingexport.adapters.http.Request;
import com.accountingexport.adapters.json.AuditJson;
import com.accountingexport.adapters.json.FormatJson;
import com.accountingexport.adapters.json.SettingsJson;
import com.accountingexport.adapters.json.TemplateJson;
import com.accountingexport.core.audit.AuditService;
import com.accountingexport.core.auth.Screen;
import com.accountingexport.core.format.ExportTemplate;
import com.accountingexport.core.format.FormatCatalog;
import com.accountingexport.core.service.Access;
import com.accountingexport.core.service.SettingsService;
import com.accountingexport.core.service.TemplateService;
import com.accountingexport.core.settings.TenantSettings;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.Set;

/**
 * The tenant's configuration: {@code GET /settings} ({@code settings:read}), {@code PUT /settings}
 * (any subset of fields, {@code settings:write}); {@code GET /formats}; the export templates
 * ({@code /export-templates}, changed with {@code settings:write}). The rights guard checks the
 * permission matrix before any of them runs; the services check again. The audit log
 * ({@code GET /audit}, admins and firm users).
 */
public final class SettingsHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
  private final SettingsService settings;
  private final FormatCatalog formats;
  private final TemplateService templates;
  private final AuditService audit;
  private final Http http;
  private final com.accountingexport.core.service.CompanyService companies;

  public SettingsHandler() {
    this(Wiring.fromEnvironment());
  }

  public SettingsHandler(Wiring wiring) {
    this.settings = wiring.settings();
    this.formats = wiring.formats();
    this.templates = wiring.templates();
    this.audit = wiring.audit();
    this.http = wiring.http();
    this.companies = wiring.companies();
    Priming.register(wiring);
  }

  @Override
  public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
    return http.serve(event, context, req -> switch (req.route()) {
      case "GET /settings" -> Response.ok(SettingsJson.write(settings.view(req.caller())));
      case "PUT /settings" -> {
        var caller = req.caller();
        settings.requireWrite(caller);
        TenantSettings merged = SettingsJson.merge(settings.get(caller), req.json(), formats.ids(caller.tenant()));
        yield Response.ok(SettingsJson.write(settings.put(caller, merged)));
      }
      case "GET /tenants" -> tenants(req);
      case "GET /formats" -> {
        var caller = req.caller();
        Access.require(caller, settings.get(caller), Screen.EXPORTS);
        yield Response.ok(FormatJson.write(formats.all(caller.tenant())));
      }
      case "GET /export-templates" -> Response.ok(TemplateJson.write(templates.list(req.caller())));
      case "POST /export-templates" -> {
        var caller = req.caller();
        templates.requireWrite(caller);
        ExportTemplate created = templates.create(caller, TemplateJson.read(req.json()));
        yield Response.created(TemplateJson.write(created)).withHeader("Location", "/export-templates/" + created.id());
      }
      case "GET /export-templates/{templateId}" ->
          Response.ok(TemplateJson.write(templates.get(req.caller(), req.pathParam("templateId"))));
      case "PUT /export-templates/{templateId}" -> {
        var caller = req.caller();
        templates.requireWrite(caller);
        yield Response.ok(TemplateJson.write(templates.update(caller, req.pathParam("templateId"),
            TemplateJson.read(req.json()))));
      }
      case "DELETE /export-templates/{templateId}" -> {
        templates.delete(req.caller(), req.pathParam("templateId"));
        yield Response.of(204, null);
      }
      case "GET /audit" -> audit(req);
      default -> HttpErrors.routeNotFound(req.route());
    });
  }

  /** The companies of the caller from the cursor's offset: {@code limit} of them, each read on its own. */
  private Response tenants(com.accountingexport.adapters.http.Request req) {
    var caller = req.caller();
    req.onlyQuery(java.util.Set.of("limit", "cursor"));
    int limit = req.limit();
    int offset = com.accountingexport.adapters.json.OffsetCursor.decode(req.query("cursor"), companies.count(caller));
    var items = companies.list(caller, offset, limit);
    int next = offset + items.size();
    var page = new com.accountingexport.core.port.Page<>(items, next < companies.count(caller) ? com.accountingexport.adapters.json.OffsetCursor.encode(next) : null);
    return Response.ok(com.accountingexport.adapters.json.PageJson.write(page, com.accountingexport.adapters.json.CompanyJson::write));
  }

  /** {@code GET /audit?from&to&actor&action&limit&cursor}: the rights first, then the parameters. */
  private Response audit(Request req) {
    var caller = req.caller();
    audit.requireReader(caller);
    req.onlyQuery(AUDIT_PARAMS);
    var filter = new AuditService.Filter(req.queryDate("from"), req.queryDate("to"), req.query("actor"),
        req.query("action"), req.query("cursor"), req.limit());
    return Response.ok(AuditJson.write(audit.list(caller, filter)));
  }

  private static final Set<String> AUDIT_PARAMS = Set.of("from", "to", "actor", "action", "limit", "cursor");
}
