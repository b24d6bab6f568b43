package com.accountingexport.core.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.accountingexport.core.booking.EntryLine;
import com.accountingexport.core.booking.JournalEntry;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

class EntryCodecTest {
  private static final BigDecimal ZERO = new BigDecimal("0.00");

  private static EntryLine line(String account, String aux, String debit, String credit) {
    return new EntryLine(account, "Label " + account, aux, aux == null ? null : "Client " + aux, null,
        debit == null ? ZERO : new BigDecimal(debit), credit == null ? ZERO : new BigDecimal(credit), null, null);
  }

  private static JournalEntry invoice() {
    return new JournalEntry("VT", "Journal des ventes", LocalDate.of(2026, 3, 2), "F-42", LocalDate.of(2026, 3, 2),
        "F-42 – Client", "inv-42", List.of(line("411000", "411C0042", "480.00", null), line("706000", null, null, "480.00")));
  }

  private static JournalEntry payment(List<String> links) {
    return new JournalEntry("BQ", "Journal de banque", LocalDate.of(2026, 3, 20), "R-90", LocalDate.of(2026, 3, 18),
        "R-90 – Client", "pay-90", List.of(line("512000", null, "480.00", null), line("411000", "411C0042", null, "480.00")),
        links);
  }

  private static byte[] write(List<JournalEntry> entries) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (EntryCodec.Out codec = new EntryCodec.Out(out)) {
      entries.forEach(codec::append);
    }
    return out.toByteArray();
  }

  private static List<JournalEntry> read(byte[] bytes) {
    List<JournalEntry> back = new ArrayList<>();
    EntryCodec.read(new ByteArrayInputStream(bytes)).forEachRemaining(back::add);
    return back;
  }

  @Test
  void read_shouldGiveBackTheLinks_whenEntriesWereWrittenWithThem() {
    // given: one entry without links, one with two, one with a link that needs escaping
    List<JournalEntry> entries = List.of(invoice(), payment(List.of("inv-42", "inv-43")),
        payment(List.of("odd\tid\\with\nbreaks")));

    // when
    byte[] bytes = write(entries);
    List<JournalEntry> back = read(bytes);

    // then
    assertEquals(entries, back);
    assertEquals(List.of(), back.get(0).links());
    assertEquals(List.of("inv-42", "inv-43"), back.get(1).links());
    assertTrue(new String(bytes, StandardCharsets.UTF_8).startsWith(EntryCodec.VERSION_LINE + "\n"));
  }

  @Test
  void read_shouldReadEntriesWithoutLinks_whenTheFileIsVersion1() {
    // given: a file frozen before entries had links, typed by hand (null = \0)
    String v1 = EntryCodec.VERSION_LINE_V1 + "\n"
        + "E\tBQ\tJournal de banque\t2026-03-20\tR-90\t2026-03-18\tR-90 – Client\tpay-90\t2\n"
        + "L\t512000\tBanque\t\0\t\0\t\0\t480.00\t0.00\t\0\t\0\n"
        + "L\t411000\tClients\t411C0042\tClient\t\0\t0.00\t480.00\t\0\t\0\n"
        + "E\tVT\tJournal des ventes\t2026-03-02\tF-42\t2026-03-02\tF-42 – Client\tinv-42\t0\n";

    // when
    List<JournalEntry> back = read(v1.getBytes(StandardCharsets.UTF_8));

    // then
    assertEquals(2, back.size());
    JournalEntry pay = back.get(0);
    assertEquals("pay-90", pay.documentId());
    assertEquals(List.of(), pay.links());
    assertEquals("411C0042", pay.lines().get(1).auxAccount());
    assertEquals(new BigDecimal("480.00"), pay.lines().get(1).credit());
    assertEquals(List.of(), back.get(1).links());
    assertTrue(back.get(1).lines().isEmpty());
  }

  @Test
  void read_shouldRefuseExtraFields_whenTheFileIsVersion1() {
    // given: a v1 file whose E line has a ninth field
    String v1 = EntryCodec.VERSION_LINE_V1 + "\n"
        + "E\tVT\tJournal des ventes\t2026-03-02\tF-42\t2026-03-02\tF-42\tinv-42\t0\tinv-41\n";

    // when / then
    assertThrows(IllegalStateException.class, () -> read(v1.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void read_shouldRefuse_whenTheVersionLineIsUnknown() {
    assertThrows(IllegalStateException.class,
        () -> read("#accounting-export entries v9\n".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void read_shouldRefuse_whenTheFileEndsInsideAnEntry() {
    // given: an entry announcing two lines, one written
    byte[] whole = write(List.of(payment(List.of("inv-42"))));
    String text = new String(whole, StandardCharsets.UTF_8);
    String cut = text.substring(0, text.lastIndexOf("L\t"));

    // when / then
    assertThrows(IllegalStateException.class, () -> read(cut.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void read_shouldStream_whenReadLazily() {
    Iterator<JournalEntry> it = EntryCodec.read(new ByteArrayInputStream(write(List.of(invoice()))));

    assertTrue(it.hasNext());
    assertEquals("inv-42", it.next().documentId());
    assertFalse(it.hasNext());
  }
}
