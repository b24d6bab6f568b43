package com.accountingexport.core.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.accountingexport.core.booking.Anomaly;
import com.accountingexport.core.booking.AnomalyCode;
import com.accountingexport.core.document.Document;
import com.accountingexport.core.document.StoredDocument;
import com.accountingexport.core.fakes.TestDocuments;
import com.accountingexport.core.period.Period;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class EligibilityTest {
  private static final Period NOVEMBER = new Period(LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 30));
  private static final LocalDate TODAY = LocalDate.of(2026, 12, 5);

  private static StoredDocument validated(Instant at) {
    Document d = TestDocuments.invoice("v1", LocalDate.of(2026, 11, 28), "100.00", "20.00");
    d = new Document(d.id(), d.type(), d.number(), d.date(), d.status(), d.currency(), d.exchangeRate(), d.counterparty(),
        d.lines(), d.totals(), d.relatedDocumentId(), d.depositDocumentIds(), d.payment(), d.engagementNumber(),
        d.purchaseOrderNumber(), d.accountingPeriodEnd(), List.of(), null, at);
    return new StoredDocument(d, null, Instant.parse("2026-11-28T08:00:00Z"), Instant.parse("2026-11-28T08:00:00Z"), 1);
  }

  private static List<String> codes(StoredDocument d) {
    return Eligibility.check(d, NOVEMBER, false, false, TODAY).stream().map(Anomaly::code).toList();
  }

  @Test
  void aDocumentValidatedAfterTheEndOfTheExport_waitsWithItsOwnCode() {
    List<Anomaly> anomalies = Eligibility.check(validated(Instant.parse("2026-12-02T09:30:00Z")), NOVEMBER, false, false, TODAY);

    assertEquals(List.of(AnomalyCode.VALIDATED_AFTER_EXPORT.name()), anomalies.stream().map(Anomaly::code).toList());
    assertTrue(anomalies.get(0).message().contains("2026-12-02"), anomalies.get(0).message());
  }

  @Test
  void aDocumentValidatedOnOrBeforeTheLastDay_isEligible() {
    assertEquals(List.of(), codes(validated(Instant.parse("2026-11-30T23:59:59Z"))));
    assertEquals(List.of(), codes(validated(null)));
  }
}
