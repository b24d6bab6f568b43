package com.accountingexport.functions.documents;

import com.accountingexport.adapters.Priming;
import com.accountingexport.adapters.Wiring;
import com.accountingexport.adapters.http.Http;
import com.accountingexport.adapters.http.HttpErrors;
import com.accountingexport.adapters.http.Request;
import com.accountingexport.adapters.http.Response;
import com.accountingexport.adapters.json.DocumentJson;
import com.accountingexport.adapters.json.ExportJson;
import com.accountingexport.adapters.json.Json;
import com.accountingexport.adapters.json.JsonReader;
import com.accountingexport.adapters.json.PageJson;
import com.accountingexport.core.document.Document;
import com.accountingexport.core.document.DocumentType;
import com.accountingexport.core.document.ExportState;
import com.accountingexport.core.error.DomainException;
import com.accountingexport.core.error.ErrorKind;
import com.accountingexport.core.error.Violation;
import com.accountingexport.core.export.Download;
import com.accountingexport.core.export.RecordHash;
import com.accountingexport.core.port.Page;
import com.accountingexport.core.service.BatchResult;
import com.accountingexport.core.service.DocumentQuery;
import com.accountingexport.core.service.DocumentService;
import com.accountingexport.core.service.DocumentView;
import com.accountingexport.pdf.DocumentPdfs;
import com.accountingexport.pdf.PdfBundlesProvider;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The documents the platform pushes: PUT, batch, GET one, list with export state and anomalies. */
public final class DocumentsHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
  private static final Set<String> LIST_PARAMS = Set.of("from", "to", "journal", "state", "type", "counterparty", "limit", "cursor");

  private final DocumentService documents;
  private final com.accountingexport.core.port.IdempotencyStore idempotency;
  private final java.time.Clock clock;
  private final DocumentPdfs pdfs;
  private final Http http;

  public DocumentsHandler() {
    this(Wiring.fromEnvironment());
  }

  public DocumentsHandler(Wiring wiring) {
    this.documents = wiring.documents();
    this.idempotency = wiring.idempotency();
    this.clock = wiring.clock();
    this.pdfs = new DocumentPdfs(wiring.documentRepository(), wiring.settings(), wiring.fileStore(),
        wiring.config().downloadUrlTtl(), PdfBundlesProvider.MAX_BYTES);
    this.http = wiring.http();
    Priming.register(wiring);
  }

  @Override
  public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
    return http.serve(event, context, req -> switch (req.route()) {
      case "PUT /documents/{documentId}" -> put(req);
      case "POST /documents/batch" -> idempotentBatch(req);
      case "GET /documents/{documentId}" -> Response.ok(DocumentJson.write(documents.get(req.caller(), req.pathParam("documentId"))));
      case "GET /documents" -> list(req);
      case "PUT /documents/{documentId}/pdf" -> uploadPdf(req);
      case "GET /documents/{documentId}/pdf" -> downloadPdf(req);
      default -> HttpErrors.routeNotFound(req.route());
    });
  }

  /** {@code PUT /documents/{id}/pdf}: a presigned PUT link for the platform's own PDF of the document. */
  private Response uploadPdf(Request req) {
    var caller = req.caller();
    req.onlyQuery(Set.of());
    DocumentPdfs.UploadLink link = pdfs.uploadLink(caller, req.pathParam("documentId"));
    ObjectNode body = Json.object().put("url", link.url()).put("expiresAt", link.expiresAt().toString())
        .put("maxBytes", link.maxBytes()).put("method", "PUT");
    body.putObject("headers").put("Content-Type", link.contentType());
    return Response.ok(body);
  }

  /** {@code GET /documents/{id}/pdf?redirect=}: its uploaded PDF (once checked), else one rendered from it. */
  private Response downloadPdf(Request req) {
    var caller = req.caller();
    req.onlyQuery(Set.of("redirect"));
    boolean redirect = req.queryFlag("redirect");
    Download d = pdfs.download(caller, req.pathParam("documentId"));
    return redirect ? Response.redirect(d.url()) : Response.ok(ExportJson.write(d));
  }

  private Response put(Request req) {
    var caller = req.caller();
    String id = req.pathParam("documentId");
    JsonReader r = new JsonReader();
    if (!DocumentJson.ID.matcher(id).matches()) {
      r.fail("documentId", "INVALID_FORMAT", "must be 1-128 letters, digits or . _ : @ -");
    }
    Document d = DocumentJson.read(req.json(), "", id, r);
    r.throwIfInvalid();
    DocumentService.Upserted u = documents.put(caller, d);
    ObjectNode body = DocumentJson.write(u.view());
    return u.created() ? Response.created(body) : Response.ok(body);
  }

  /** How long an Idempotency-Key's answer is kept. */
  static final java.time.Duration KEY_KEPT = java.time.Duration.ofHours(24);

  /**
   * {@code POST /documents/batch} with an {@code Idempotency-Key}: the first request runs and its
   * answer is kept 24 h; the same key with the same body (key order aside) gets that answer again
   * without writing anything; with another body, 409 {@code IDEMPOTENCY_KEY_REUSED}; while the first
   * one runs, 409 {@code IDEMPOTENCY_IN_PROGRESS}. A request that fails forgets its key.
   */
  private Response idempotentBatch(Request req) {
    String key = req.header("Idempotency-Key");
    if (key == null) {
      return batch(req);
    }
    var caller = req.caller();
    if (key.isBlank() || key.length() > 255) {
      throw DomainException.invalid(List.of(Violation.of("Idempotency-Key", "INVALID_FORMAT", "must be 1 to 255 characters")));
    }
    String keyHash = RecordHash.sha256(key.getBytes(StandardCharsets.UTF_8));
    String requestHash = RecordHash.sha256(Json.write(Json.canonical(req.json())).getBytes(StandardCharsets.UTF_8));
    var earlier = idempotency.claim(caller.tenant(), keyHash, requestHash, clock.instant().plus(KEY_KEPT));
    if (earlier.isPresent()) {
      if (!earlier.get().requestHash().equals(requestHash)) {
        throw DomainException.conflict("IDEMPOTENCY_KEY_REUSED",
            "This Idempotency-Key was used with another request body; use a new key for a new batch");
      }
      if (earlier.get().answer() == null) {
        throw DomainException.conflict("IDEMPOTENCY_IN_PROGRESS", "The first request with this Idempotency-Key is still being processed");
      }
      return Response.ok(Json.parse(gunzip(earlier.get().answer())));
    }
    try {
      Response answer = batch(req);
      idempotency.complete(caller.tenant(), keyHash, gzip(Json.write(answer.body())));
      return answer;
    } catch (RuntimeException e) {
      idempotency.forget(caller.tenant(), keyHash);
      throw e;
    }
  }

  private static byte[] gzip(String text) {
    var bytes = new java.io.ByteArrayOutputStream();
    try (var z = new java.util.zip.GZIPOutputStream(bytes)) {
      z.write(text.getBytes(StandardCharsets.UTF_8));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static String gunzip(byte[] data) {
    try (var z = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(data))) {
      return new String(z.readAllBytes(), StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private Response batch(Request req) {
    var caller = req.caller();
    JsonNode root = req.json();
    JsonReader shape = new JsonReader();
    if (!root.isObject()) {
      shape.fail(null, "INVALID_TYPE", "the body must be {\"documents\": [...]}");
      shape.throwIfInvalid();
    }
    shape.onlyFields(root, "", Set.of("documents"));
    JsonNode docs = shape.array(root, "", "documents", true);
    shape.throwIfInvalid();
    if (docs.size() > DocumentService.MAX_BATCH) {
      throw new DomainException(ErrorKind.TOO_LARGE, "BATCH_TOO_LARGE",
          "A batch holds at most " + DocumentService.MAX_BATCH + " documents, got " + docs.size());
    }
    if (docs.isEmpty()) {
      throw DomainException.invalid(List.of(Violation.of("documents", "REQUIRED", "must hold at least one document")));
    }
    // Shape first, per document: a malformed one is reported at its index, the others still go in.
    List<Document> valid = new ArrayList<>();
    List<Integer> validIndex = new ArrayList<>();
    ObjectNode[] results = new ObjectNode[docs.size()];
    java.util.Map<String, Integer> seen = new java.util.HashMap<>();
    for (int i = 0; i < docs.size(); i++) {
      JsonReader r = new JsonReader();
      Document d = DocumentJson.read(docs.get(i), "documents[" + i + "]", null, r);
      if (d != null && seen.containsKey(d.id())) {
        r.fail("documents[" + i + "].id", "DUPLICATE_ID", "also used by documents[" + seen.get(d.id()) + "] in this batch");
      }
      if (r.ok() && d != null) {
        seen.put(d.id(), i);
        valid.add(d);
        validIndex.add(i);
      } else {
        JsonNode idNode = docs.get(i).get("id");
        results[i] = failed(i, idNode != null && idNode.isTextual() ? idNode.textValue() : null,
            DomainException.invalid(r.violations()));
      }
    }
    List<BatchResult> stored = documents.putAll(caller, valid);
    for (BatchResult b : stored) {
      int i = validIndex.get(b.index());
      if (b.ok()) {
        ObjectNode o = Json.object().put("index", i).put("id", b.documentId()).put("status", b.created() ? 201 : 200);
        o.set("document", DocumentJson.write(b.stored()));
        results[i] = o;
      } else {
        results[i] = failed(i, b.documentId(), b.error());
      }
    }
    ObjectNode body = Json.object();
    ArrayNode arr = body.putArray("results");
    int ok = 0;
    for (ObjectNode o : results) {
      arr.add(o);
      if (o.get("status").intValue() < 300) {
        ok++;
      }
    }
    body.put("stored", ok);
    body.put("failed", results.length - ok);
    return Response.ok(body);
  }

  private static ObjectNode failed(int index, String id, DomainException e) {
    ObjectNode o = Json.object().put("index", index).put("id", id).put("status", e.kind().status());
    o.set("error", HttpErrors.errorObject(e));
    return o;
  }

  private Response list(Request req) {
    var caller = req.caller();
    req.onlyQuery(LIST_PARAMS);
    JsonReader r = new JsonReader();
    var from = req.queryDate("from");
    var to = req.queryDate("to");
    ExportState state = null;
    String s = req.query("state");
    if (s != null && !s.equals("all")) {
      state = java.util.Arrays.stream(ExportState.values()).filter(x -> x.wire().equals(s)).findFirst().orElse(null);
      if (state == null) {
        r.fail("state", "INVALID_VALUE", "must be one of [exportable, exported, blocked, all], got \"" + s + "\"");
      }
    }
    DocumentType type = null;
    String t = req.query("type");
    if (t != null) {
      type = DocumentType.fromWire(t).orElse(null);
      if (type == null) {
        r.fail("type", "INVALID_VALUE", "must be one of " + DocumentJson.TYPES + ", got \"" + t + "\"");
      }
    }
    int limit = req.limit();
    r.throwIfInvalid();
    Page<DocumentView> page = documents.list(caller, new DocumentQuery(from, to, req.query("journal"), state, type,
        req.query("counterparty"), req.query("cursor"), limit));
    return Response.ok(PageJson.write(page, DocumentJson::write));
  }
}
