package com.accountingexport.functions.downloads;

import com.accountingexport.adapters.Priming;
import com.accountingexport.adapters.Wiring;
import com.accountingexport.adapters.http.Http;
import com.accountingexport.adapters.http.HttpErrors;
import com.accountingexport.adapters.http.Request;
import com.accountingexport.adapters.http.Response;
import com.accountingexport.adapters.json.ExportJson;
import com.accountingexport.core.export.Download;
import com.accountingexport.core.export.ExportService;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.Set;

/**
 * {@code GET /exports/{exportId}/files/{kind}?format=&redirect=}: a presigned link to the file in
 * the asked format (rendered from the frozen entries the first time), or a 303 to it.
 */
public final class DownloadsHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
  private final ExportService exports;
  private final Http http;

  public DownloadsHandler() {
    this(Wiring.fromEnvironment());
  }

  public DownloadsHandler(Wiring wiring) {
    this.exports = wiring.exports();
    this.http = wiring.http();
    Priming.register(wiring);
  }

  @Override
  public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
    return http.serve(event, context, req -> switch (req.route()) {
      case "GET /exports/{exportId}/files/{kind}" -> download(req);
      default -> HttpErrors.routeNotFound(req.route());
    });
  }

  private Response download(Request req) {
    var caller = req.caller();
    req.onlyQuery(Set.of("format", "redirect"));
    boolean redirect = req.queryFlag("redirect");
    Download d = exports.download(caller, req.pathParam("exportId"), req.pathParam("kind"), req.query("format"));
    return redirect ? Response.redirect(d.url()) : Response.ok(ExportJson.write(d));
  }
}
