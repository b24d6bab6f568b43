package com.accountingexport.functions.documents;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.accountingexport.adapters.json.Json;
import com.accountingexport.adapters.testing.InMemoryWiring;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The sample events of events/api (also used by `sam local invoke`) through the handler. */
class DocumentEventsTest {
  private final DocumentsHandler handler = new DocumentsHandler(InMemoryWiring.create());

  static APIGatewayV2HTTPEvent event(String name) {
    return EventLoader.loadApiGatewayHttpEvent("events/api/" + name);
  }

  @ParameterizedTest
  @CsvSource({
      "put-document-invoice.json, 201, ",
      "put-document-bad-type.json, 400, VALIDATION_FAILED",
      "put-document-totals-mismatch.json, 422, DOCUMENT_INCONSISTENT",
      "no-body.json, 400, BODY_REQUIRED",
      "get-document.json, 404, DOCUMENT_NOT_FOUND",
      "list-documents-blocked.json, 200, ",
      "batch-documents.json, 200, "})
  void sampleEvent_shouldAnswerItsDocumentedStatus(String file, int status, String code) {
    APIGatewayV2HTTPResponse r = handler.handleRequest(event(file), null);
    assertEquals(status, r.getStatusCode(), r.getBody());
    if (code != null) {
      assertEquals(code, Json.parse(r.getBody()).get("error").get("code").asText());
    }
  }

  @Test
  void putThenGet_shouldFindTheDocumentOfTheSampleEvents() {
    assertEquals(201, handler.handleRequest(event("put-document-invoice.json"), null).getStatusCode());
    APIGatewayV2HTTPResponse r = handler.handleRequest(event("get-document.json"), null);
    assertEquals(200, r.getStatusCode(), r.getBody());
    assertEquals("exportable", Json.parse(r.getBody()).get("exportState").asText(), r.getBody());
  }
}
