package com.accountingexport.functions.settings;

import com.accountingexport.adapters.Priming;
import com.accountingexport.adapters.Wiring;
import com.accountingexport.adapters.http.Http;
import com.accountingexport.adapters.http.HttpErrors;
import com.accountingexport.adapters.http.Response;
import com.accountingexport.adapters.json.SettingsJson;
import com.accountingexport.core.format.ExportFormats;
import com.accountingexport.core.service.SettingsService;
import com.accountingexport.core.settings.TenantSettings;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

/** {@code GET /settings} for every role; {@code PUT /settings} (any subset of fields) for admins and firm users. */
public final class SettingsHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
  private final SettingsService settings;
  private final Http http;

  public SettingsHandler() {
    this(Wiring.fromEnvironment());
  }

  public SettingsHandler(Wiring wiring) {
    this.settings = wiring.settings();
    this.http = wiring.http();
    Priming.register(wiring);
  }

  @Override
  public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
    return http.serve(event, context, req -> switch (req.route()) {
      case "GET /settings" -> Response.ok(SettingsJson.write(settings.get(req.caller())));
      case "PUT /settings" -> {
        var caller = req.caller();
        settings.requireAdmin(caller);
        TenantSettings merged = SettingsJson.merge(settings.get(caller), req.json(), ExportFormats.ids());
        yield Response.ok(SettingsJson.write(settings.put(caller, merged)));
      }
      default -> HttpErrors.routeNotFound(req.route());
    });
  }
}
