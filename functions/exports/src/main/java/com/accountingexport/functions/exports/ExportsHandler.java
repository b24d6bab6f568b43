package com.accountingexport.functions.exports;

import com.accountingexport.adapters.Priming;
import com.accountingexport.adapters.Wiring;
import com.accountingexport.adapters.http.Http;
import com.accountingexport.adapters.http.HttpErrors;
import com.accountingexport.adapters.http.Request;
import com.accountingexport.adapters.http.Response;
import com.accountingexport.adapters.json.ExportJson;
import com.accountingexport.adapters.json.Json;
import com.accountingexport.adapters.json.JsonReader;
import com.accountingexport.adapters.json.PageJson;
import com.accountingexport.adapters.json.PreviewJson;
import com.accountingexport.core.error.DomainException;
import com.accountingexport.core.error.Violation;
import com.accountingexport.core.export.Export;
import com.accountingexport.core.export.ExportGenerator;
import com.accountingexport.core.export.ExportService;
import com.accountingexport.core.export.ExportStatus;
import com.accountingexport.core.report.ReportService;
import com.accountingexport.core.export.RecordHash;
import com.accountingexport.core.port.Page;
import com.accountingexport.core.service.PreviewService;
import com.accountingexport.core.service.Selection;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/** Preview, generate, history, one export and its audit verification. */
public final class ExportsHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
  private static final Set<String> LIST_PARAMS = Set.of("from", "to", "status", "limit", "cursor");

  private final PreviewService preview;
  private final ExportService exports;
  private final ExportGenerator generator;
  private final ReportService reports;
  private final Http http;

  public ExportsHandler() {
    this(Wiring.fromEnvironment());
  }

  public ExportsHandler(Wiring wiring) {
    this.preview = wiring.preview();
    this.exports = wiring.exports();
    this.generator = wiring.generator();
    this.reports = wiring.reports();
    this.http = wiring.http();
    Priming.register(wiring);
  }

  @Override
  public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
    return http.serve(event, context, req -> switch (req.route()) {
      case "POST /exports/preview" -> preview(req);
      case "POST /exports" -> generate(req);
      case "GET /exports" -> list(req);
      case "GET /exports/{exportId}" -> Response.ok(ExportJson.write(exports.find(req.caller(), req.pathParam("exportId"))));
      case "GET /exports/{exportId}/verify" ->
          Response.ok(ExportJson.write(exports.verify(req.caller(), req.pathParam("exportId"))));
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

  private Response generate(Request req) {
    var caller = req.caller();
    JsonNode body = req.jsonOrEmpty();
    JsonReader r = new JsonReader();
    Selection selection = PreviewJson.selection(body, r, Set.of("format", "pdf", "bundle"));
    String format = r.text(body, "", "format", false, 32);
    String pdf = r.oneOf(body, "", "pdf", false, p -> ExportGenerator.PDF_MODES.contains(p)
        ? java.util.Optional.of(p) : java.util.Optional.empty(), ExportGenerator.PDF_MODES);
    boolean bundle = Boolean.TRUE.equals(r.bool(body, "", "bundle"));
    String key = req.header("Idempotency-Key");
    if (key != null && (key.isBlank() || key.length() > 255)) {
      r.fail("Idempotency-Key", "INVALID_FORMAT", "must be 1 to 255 characters");
    }
    r.throwIfInvalid();
    String requestHash = RecordHash.sha256(Json.write(Json.canonical(body)).getBytes(StandardCharsets.UTF_8));
    ExportGenerator.Generated g = generator.generate(caller,
        new ExportGenerator.GenerateRequest(selection, format, pdf, key, requestHash));
    var export = g.export();
    if (bundle && export.status() == ExportStatus.READY) {
      export = reports.bundle(caller, export.id()); // everything at once, built with the export (seed 003)
    }
    ObjectNode out = ExportJson.write(export);
    if (g.export().status() == ExportStatus.GENERATING) {
      return Response.accepted(out).withHeader("Location", "/exports/" + g.export().id());
    }
    return Response.created(out);
  }


  private Response list(Request req) {
    var caller = req.caller();
    req.onlyQuery(LIST_PARAMS);
    var from = req.queryDate("from");
    var to = req.queryDate("to");
    ExportStatus status = null;
    String s = req.query("status");
    if (s != null) {
      status = ExportStatus.parse(s).orElseThrow(() -> DomainException.invalid(List.of(Violation.of("status",
          "INVALID_VALUE", "must be one of " + Arrays.toString(ExportStatus.values()) + ", got \"" + s + "\""))));
    }
    int limit = req.limit();
    Page<Export> page = exports.list(caller, from, to, status, req.query("cursor"), limit);
    return Response.ok(PageJson.write(page, ExportJson::write));
  }
}
