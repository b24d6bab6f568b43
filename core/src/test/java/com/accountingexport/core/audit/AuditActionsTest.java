package com.accountingexport.core.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AuditActionsTest {
  @ParameterizedTest(name = "{0} ?format={1} → {2}")
  @CsvSource(nullValues = "-", value = {
      "PUT /documents/{documentId}, -, documents.written",
      "POST /documents/batch, -, documents.written",
      "PUT /documents/{documentId}/pdf, -, documents.written",
      "POST /exports, -, export.generated",
      "POST /exports/{exportId}/cancel, -, export.cancelled",
      "GET /exports/{exportId}/files/{kind}, -, file.downloaded",
      "GET /exports/{exportId}/files/{kind}, csv, file.downloaded",
      "GET /fiscal-years/{year}/fec, -, file.downloaded",
      "GET /documents/{documentId}/pdf, -, file.downloaded",
      "GET /reports/{report}, csv, file.downloaded",
      "GET /reports/{report}, xlsx, file.downloaded",
      "GET /lists/{list}, pdf, file.downloaded",
      "GET /reports/{report}, -, -",
      "GET /reports/{report}, json, -",
      "GET /lists/{list}, -, -",
      "PUT /settings, -, settings.changed",
      "POST /export-templates, -, template.changed",
      "PUT /export-templates/{templateId}, -, template.changed",
      "DELETE /export-templates/{templateId}, -, template.changed",
      "POST /webhooks, -, webhook.changed",
      "DELETE /webhooks/{webhookId}, -, webhook.changed",
      "POST /webhooks/{webhookId}/rotate-secret, -, webhook.changed",
      "GET /webhooks/{webhookId}, -, -",
      "GET /documents, -, -",
      "GET /documents/{documentId}, -, -",
      "POST /exports/preview, -, -",
      "GET /exports, -, -",
      "GET /exports/{exportId}, -, -",
      "GET /exports/{exportId}/verify, -, -",
      "POST /fec/validate, -, -",
      "GET /settings, -, -",
      "GET /formats, -, -",
      "GET /export-templates, -, -",
      "GET /audit, -, -",
      "'', -, -"})
  void of_shouldNameTheActionOfEveryChangeAndDownload_andNothingForReads(String route, String format, String expected) {
    assertEquals(Optional.ofNullable(expected), AuditActions.of(route, name -> name.equals("format") ? format : null));
  }

  @ParameterizedTest
  @CsvSource({"POST /exports, exportId", "POST /export-templates, templateId", "POST /webhooks, webhookId",
      "PUT /documents/{documentId}, id"})
  void createdIdName_shouldBeThePathParameterTheResourceWillHave(String route, String expected) {
    assertEquals(expected, AuditActions.createdIdName(route));
  }
}
