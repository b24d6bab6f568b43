package com.accountingexport.functions.downloads;

import com.accountingexport.adapters.Priming;
import com.accountingexport.adapters.Wiring;
import com.accountingexport.adapters.http.Http;
import com.accountingexport.adapters.http.HttpErrors;
import com.accountingexport.adapters.http.Request;
import com.accountingexport.adapters.http.Response;
import com.accountingexport.adapters.json.ExportJson;
import com.accountingexport.adapters.json.FecJson;
import com.accountingexport.adapters.json.ReportJson;
import com.accountingexport.core.error.DomainException;
import com.accountingexport.core.error.Violation;
import com.accountingexport.core.export.Download;
import com.accountingexport.core.export.ExportService;
import com.accountingexport.core.export.FiscalYearFec;
import com.accountingexport.core.format.FecValidator;
import com.accountingexport.core.format.TableFiles;
import com.accountingexport.core.report.ReportService;
import com.accountingexport.core.report.ReportTable;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.io.ByteArrayInputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The FEC and export files:
 * <ul>
 *   <li>{@code GET /exports/{exportId}/files/{kind}?format=&redirect=}: a presigned link to the file
 *       in the asked format (rendered from the frozen entries the first time), or a 303 to it;
 *   <li>{@code GET /fiscal-years/{year}/fec?separator=&encoding=&redirect=}: the fiscal-year FEC;
 *   <li>{@code POST /fec/validate?encoding=}: every violation of the FEC sent as the body;
 *   <li>{@code GET /reports/{report}} and {@code GET /lists/{list}}: reports and management lists,
 *       JSON or a CSV/XLSX file.
 * </ul>
 */
public final class DownloadsHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
  private final ExportService exports;
  private final FiscalYearFec fiscalYearFec;
  private final ReportService reports;
  private final Http http;

  public DownloadsHandler() {
    this(Wiring.fromEnvironment());
  }

  public DownloadsHandler(Wiring wiring) {
    this.exports = wiring.exports();
    this.fiscalYearFec = wiring.fiscalYearFec();
    this.reports = wiring.reports();
    this.http = wiring.http();
    Priming.register(wiring);
  }

  @Override
  public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
    return http.serve(event, context, req -> switch (req.route()) {
      case "GET /exports/{exportId}/files/{kind}" -> download(req);
      case "GET /fiscal-years/{year}/fec" -> fiscalYear(req);
      case "POST /fec/validate" -> validate(req);
      case "GET /reports/{report}" -> table(req, true);
      case "GET /lists/{list}" -> table(req, false);
      default -> HttpErrors.routeNotFound(req.route());
    });
  }

  private Response download(Request req) {
    var caller = req.caller();
    req.onlyQuery(Set.of("format", "redirect"));
    boolean redirect = req.queryFlag("redirect");
    String kind = req.pathParam("kind");
    String exportId = req.pathParam("exportId");
    Download d;
    if (kind.equals(ReportService.ALL)) {
      if (req.query("format") != null && !req.query("format").equals("zip")) {
        throw DomainException.invalid(List.of(Violation.of("format", "UNKNOWN_FORMAT", "the all file exists as zip only")));
      }
      d = reports.everything(caller, exportId);
    } else if (ReportService.EXPORT_REPORTS.contains(kind)) {
      d = reports.exportFile(caller, exportId, kind, req.query("format"));
    } else {
      d = exports.download(caller, exportId, kind, req.query("format"));
    }
    return redirect ? Response.redirect(d.url()) : Response.ok(ExportJson.write(d));
  }

  /**
   * A report or list: JSON (paged) by default, else a CSV or XLSX file behind a presigned link (or a
   * 303 to it with {@code redirect=true}).
   */
  private Response table(Request req, boolean report) {
    var caller = req.caller();
    req.onlyQuery(Set.of("from", "to", "at", "level", "format", "limit", "cursor", "redirect"));
    ReportService.Query q = new ReportService.Query(req.queryDate("from"), req.queryDate("to"), req.queryDate("at"),
        req.query("level"));
    String format = req.query("format") == null ? "json" : req.query("format");
    TableFiles.Format file = format.equals("json") ? null : TableFiles.Format.fromWire(format).orElseThrow(() ->
        DomainException.invalid(List.of(Violation.of("format", "INVALID_VALUE", "must be json, csv, xlsx or pdf"))));
    int limit = req.limit();
    boolean redirect = req.queryFlag("redirect");
    if (file != null && !report) {
      Download d = reports.listFile(caller, req.pathParam("list"), q, file);
      return redirect ? Response.redirect(d.url()) : Response.ok(ExportJson.write(d));
    }
    ReportTable t = report ? reports.report(caller, req.pathParam("report"), q) : reports.list(caller, req.pathParam("list"), q);
    if (file == null) {
      return Response.ok(ReportJson.write(t, limit, req.query("cursor")));
    }
    Download d = reports.file(caller.tenant(), t, file);
    return redirect ? Response.redirect(d.url()) : Response.ok(ExportJson.write(d));
  }

  private Response fiscalYear(Request req) {
    var caller = req.caller();
    req.onlyQuery(Set.of("separator", "encoding", "redirect"));
    boolean redirect = req.queryFlag("redirect");
    Download d = fiscalYearFec.build(caller, req.pathParam("year"), req.query("separator"), req.query("encoding"));
    return redirect ? Response.redirect(d.url()) : Response.ok(ExportJson.write(d));
  }

  /** Any role may check a file: it reads nothing of the tenant's. */
  private Response validate(Request req) {
    req.caller();
    req.onlyQuery(Set.of("encoding"));
    Charset encoding = encoding(req.query("encoding"));
    byte[] body = req.bodyBytes();
    if (body == null || body.length == 0) {
      throw DomainException.invalid(List.of(Violation.of("body", "REQUIRED",
          "send the FEC file as the request body (text/plain, or application/octet-stream for ISO-8859-15)")));
    }
    FecValidator.Options options = FecValidator.Options.defaults().withEncoding(encoding);
    return Response.ok(FecJson.write(FecValidator.check(new ByteArrayInputStream(body), options)));
  }

  private static Charset encoding(String name) {
    if (name == null) {
      return null; // detected: UTF-8 when the bytes are UTF-8, else ISO-8859-15
    }
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "utf-8" -> StandardCharsets.UTF_8;
      case "iso-8859-15" -> FecValidator.ISO_8859_15;
      default -> throw DomainException.invalid(List.of(Violation.of("encoding", "INVALID_VALUE",
          "must be utf-8 or iso-8859-15 (or left out to detect it)")));
    };
  }
}
