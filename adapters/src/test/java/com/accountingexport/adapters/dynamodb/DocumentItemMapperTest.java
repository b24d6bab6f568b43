package com.accountingexport.adapters.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.accountingexport.core.auth.TenantId;
import com.accountingexport.core.document.Document;
import com.accountingexport.core.document.ExportRef;
import com.accountingexport.core.document.StoredDocument;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class DocumentItemMapperTest {
  private static final TenantId TENANT = new TenantId("acme");
  private static final Instant CREATED = Instant.parse("2026-02-14T09:30:00Z");
  private static final Instant UPDATED = Instant.parse("2026-02-15T10:00:00.123Z");

  @Test
  void toItem_shouldWriteKeysAndStringAmounts_whenDocumentIsFull() {
    // given
    StoredDocument stored = new StoredDocument(Fixtures.fullDocument("D/1#x"), new ExportRef("e1", "EXP-2026-00001"),
        CREATED, UPDATED, 3);

    // when
    Map<String, AttributeValue> item = DocumentItemMapper.toItem(TENANT, stored);

    // then
    assertEquals("T#acme#DOC#D/1#x", item.get("PK").s());
    assertEquals("DOC", item.get("SK").s());
    assertEquals("T#acme#DOCMONTH#2026-02", item.get("GSI1PK").s());
    assertEquals("2026-02-14#D/1#x", item.get("GSI1SK").s());
    assertEquals("2026-02-14", item.get("docDate").s());
    assertEquals("invoice", item.get("type").s());
    assertEquals("C-42", item.get("counterpartyId").s());
    assertEquals("1404.28", item.get("totals").m().get("gross").s());
    assertEquals("-50.00", item.get("lines").l().get(2).m().get("netAmount").s());
    assertEquals("5.5", item.get("lines").l().get(1).m().get("vatRate").s());
    assertEquals(Boolean.TRUE, item.get("counterparty").m().get("chorus").bool());
    assertEquals("1.0856", item.get("exchangeRate").s());
    assertEquals("e1", item.get("exportId").s());
    assertEquals("EXP-2026-00001", item.get("exportNumber").s());
    assertEquals("3", item.get("version").n());
    assertEquals("2026-02-15T10:00:00.123Z", item.get("updatedAt").s());
  }

  @Test
  void toStoredDocument_shouldGiveBackWhatWasWritten_whenDocumentIsFull() {
    // given
    StoredDocument stored = new StoredDocument(Fixtures.fullDocument("D1"), new ExportRef("e1", "EXP-1"), CREATED, UPDATED, 7);

    // when
    StoredDocument back = DocumentItemMapper.toStoredDocument(DocumentItemMapper.toItem(TENANT, stored));

    // then
    assertEquals(stored, back);
  }

  @Test
  void toItem_shouldOmitNulls_whenOptionalFieldsAreAbsent() {
    // given
    Document minimal = Fixtures.minimalDocument("P1", LocalDate.of(2026, 1, 3));

    // when
    Map<String, AttributeValue> item = DocumentItemMapper.toItem(TENANT, new StoredDocument(minimal, null, CREATED, CREATED, 1));

    // then
    for (String absent : List.of("number", "exchangeRate", "counterparty", "counterpartyId", "relatedDocumentId",
        "payment", "engagementNumber", "purchaseOrderNumber", "accountingPeriodEnd", "exportId", "exportNumber")) {
      assertFalse(item.containsKey(absent), absent + " should be absent");
    }
    assertEquals("EUR", item.get("currency").s());
    StoredDocument back = DocumentItemMapper.toStoredDocument(item);
    assertEquals(minimal, back.document());
    assertNull(back.export());
  }
}
