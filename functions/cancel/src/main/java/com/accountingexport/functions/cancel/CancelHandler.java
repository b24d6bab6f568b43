package com.accountingexport.functions.cancel;

import com.accountingexport.adapters.Priming;
import com.accountingexport.adapters.Wiring;
import com.accountingexport.adapters.http.Http;
import com.accountingexport.adapters.http.HttpErrors;
import com.accountingexport.adapters.http.Response;
import com.accountingexport.adapters.json.ExportJson;
import com.accountingexport.core.export.ExportService;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

/** {@code POST /exports/{exportId}/cancel}: its documents become exportable again; files stay for the audit trail. */
public final class CancelHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
  private final ExportService exports;
  private final Http http;

  public CancelHandler() {
    this(Wiring.fromEnvironment());
  }

  public CancelHandler(Wiring wiring) {
    this.exports = wiring.exports();
    this.http = wiring.http();
    Priming.register(wiring);
  }

  @Override
  public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
    return http.serve(event, context, req -> switch (req.route()) {
      case "POST /exports/{exportId}/cancel" ->
          Response.ok(ExportJson.write(exports.cancel(req.caller(), req.pathParam("exportId"))));
      default -> HttpErrors.routeNotFound(req.route());
    });
  }
}
