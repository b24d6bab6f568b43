package com.accountingexport.adapters.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.accountingexport.core.auth.TenantId;
import com.accountingexport.core.export.Export;
import com.accountingexport.core.export.ExportFile;
import com.accountingexport.core.export.ExportStatus;
import com.accountingexport.core.export.SkippedDocument;
import com.accountingexport.core.period.Period;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class ExportItemMapperTest {
  private static final TenantId TENANT = new TenantId("acme");

  static Export full() {
    return new Export("exp-1", "EXP-2026-00042", ExportStatus.CANCELLED,
        new Period(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 3, 31)), List.of("VT", "BQ"), "fec", "zip", true,
        12, 48, new BigDecimal("1234.50"), new BigDecimal("-0.10"),
        Instant.parse("2026-04-01T08:00:00Z"), "alice@example.fr",
        Instant.parse("2026-04-01T09:00:00.123Z"), "bob@example.fr",
        Instant.parse("2026-04-02T10:00:00Z"), "carol@example.fr",
        List.of(new ExportFile("journal", "fec", "tenants/acme/exports/exp-1/journal.fec.txt", 2048, "ab".repeat(32)),
            new ExportFile("accounts", "csv", "tenants/acme/exports/exp-1/accounts.csv", 0, "cd".repeat(32))),
        List.of(new SkippedDocument("D9", "claimed by a concurrent export")),
        Instant.parse("2026-04-01T08:05:00Z"), "STORAGE: disk full", 7, "0".repeat(64), "f".repeat(64),
        Instant.parse("2026-04-02T10:00:01Z"));
  }

  @Test
  void toExport_shouldGiveBackEveryField_whenItemWasWrittenByToItem() {
    // given
    Export e = full();

    // when
    Map<String, AttributeValue> item = ExportItemMapper.toItem(TENANT, e, true);

    // then
    assertEquals(e, ExportItemMapper.toExport(item));
    assertEquals("T#acme#EXP#exp-1", item.get("PK").s());
    assertEquals("EXP", item.get("SK").s());
    assertEquals("T#acme#EXPORTS", item.get("GSI1PK").s());
    assertEquals("2026-04-01T08:00:00.000000000Z#exp-1", item.get("GSI1SK").s());
    assertEquals("T#acme#OPEN", item.get("GSI2PK").s());
    assertEquals("exp-1", item.get("GSI2SK").s());
    assertEquals("1234.50", item.get("debit").s());
    assertEquals("-0.10", item.get("credit").s());
    assertEquals("2048", item.get("files").l().get(0).m().get("bytes").n());
    assertEquals(List.of("journal|fec", "accounts|csv"), item.get("fileKeys").ss());
  }

  @Test
  void toItem_shouldLeaveOutNullsAndTheRecoveryIndex_whenExportIsNotOpen() {
    // given: no files, no optional field
    Export e = new Export("exp-2", "X1", ExportStatus.READY,
        new Period(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 1, 31)), List.of(), "csv", "none", false, 0, 0,
        new BigDecimal("0.00"), new BigDecimal("0.00"), Instant.parse("2026-02-01T00:00:00Z"), null, null, null, null,
        null, List.of(), List.of(), null, null, 0, null, null, null);

    // when
    Map<String, AttributeValue> item = ExportItemMapper.toItem(TENANT, e, false);

    // then
    assertEquals(e, ExportItemMapper.toExport(item));
    assertFalse(item.containsKey("GSI2PK"));
    assertFalse(item.containsKey("fileKeys"));
    assertFalse(item.containsKey("createdBy"));
    assertTrue(item.get("files").l().isEmpty());
  }

  @Test
  void historySk_shouldSortAsTime_whenFractionsDiffer() {
    // given: Instant.toString would put "…:00Z" after "…:00.5Z"
    List<Instant> times = List.of(Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-01-01T00:00:00.5Z"),
        Instant.parse("2026-01-01T00:00:01Z"), Instant.parse("2026-01-01T00:00:01.000001Z"));

    // when
    List<String> keys = new ArrayList<>(times.stream().map(t -> ExportItemMapper.historySk(t, "x")).toList());
    List<String> sorted = new ArrayList<>(keys);
    sorted.sort(null);

    // then
    assertEquals(keys, sorted);
    times.forEach(t -> assertEquals(t, ExportItemMapper.historySkInstant(ExportItemMapper.historySk(t, "id"))));
  }
}
