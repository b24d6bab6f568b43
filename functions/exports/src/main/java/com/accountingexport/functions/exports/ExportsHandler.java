package com.accountingexport.functions.exports;

import com.accountingexport.adapters.Wiring;
import com.accountingexport.adapters.http.Http;
import com.accountingexport.adapters.http.HttpErrors;
import com.accountingexport.adapters.http.Request;
import com.accountingexport.adapters.http.Response;
import com.accountingexport.adapters.json.JsonReader;
import com.accountingexport.adapters.json.PreviewJson;
import com.accountingexport.core.service.PreviewService;
import com.accountingexport.core.service.Selection;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.Set;

/** Preview, generate, history and verification of exports. */
public final class ExportsHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
  private final PreviewService preview;
  private final Http http;

  public ExportsHandler() {
    this(Wiring.fromEnvironment());
  }

  public ExportsHandler(Wiring wiring) {
    this.preview = wiring.preview();
    this.http = wiring.http();
  }

  @Override
  public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
    return http.serve(event, context, req -> switch (req.route()) {
      case "POST /exports/preview" -> preview(req);
      default -> HttpErrors.routeNotFound(req.route());
    });
  }

  private Response preview(Request req) {
    var caller = req.caller();
    JsonReader r = new JsonReader();
    Selection selection = PreviewJson.selection(req.jsonOrEmpty(), r, Set.of());
    r.throwIfInvalid();
    return Response.ok(PreviewJson.write(preview.preview(caller, selection)));
  }
}
