package com.accountingexport.core.format;

import static com.accountingexport.core.format.Entries.credit;
import static com.accountingexport.core.format.Entries.debit;
import static com.accountingexport.core.format.Entries.entry;
import static com.accountingexport.core.format.Entries.inCurrency;
import static com.accountingexport.core.format.Entries.withAux;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.accountingexport.core.booking.JournalEntry;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CentralisedCsvWriterTest {
  private static final LocalDate D14 = LocalDate.of(2026, 3, 14);
  private static final LocalDate D15 = LocalDate.of(2026, 3, 15);

  private static JournalEntry invoice(String piece, LocalDate date, String customer, String net, String vat, String gross) {
    return entry("VT", "Ventes", date, piece, date, piece,
        withAux(debit("411000", "Clients", null, gross), "411" + customer, "Client " + customer),
        credit("706000", "Prestations", null, net),
        credit("445710", "TVA collectée", null, vat));
  }

  private static List<JournalEntry> day() {
    JournalEntry payment = entry("BQ", "Banque", D14, "P-1", D14, "P-1",
        debit("512000", "Banque", null, "120.00"),
        withAux(credit("411000", "Clients", null, "120.00"), "411C1", "Client C1"));
    JournalEntry creditNote = entry("VT", "Ventes", D14, "AV-3", D14, "AV-3",
        debit("706000", "Prestations", null, "50.00"),
        debit("445710", "TVA collectée", null, "10.00"),
        withAux(credit("411000", "Clients", null, "60.00"), "411C1", "Client C1"));
    return List.of(payment,
        invoice("F-1", D14, "C1", "100.00", "20.00", "120.00"),
        invoice("F-2", D14, "C2", "200.00", "40.00", "240.00"),
        creditNote,
        invoice("F-4", D15, "C1", "50.00", "10.00", "60.00"));
  }

  @Test
  void write_shouldSumEachAccountPerJournalAndDay_debitsAndCreditsApart() {
    String csv = Entries.run(new CentralisedCsvWriter(), day());

    String bq = "2026-03-14,BQ,BQ-20260314,2026-03-14,Centralisation BQ 2026-03-14,";
    String vt14 = "2026-03-14,VT,VT-20260314,2026-03-14,Centralisation VT 2026-03-14,";
    String vt15 = "2026-03-15,VT,VT-20260315,2026-03-15,Centralisation VT 2026-03-15,";
    assertEquals(CsvJournalWriter.HEADER + "\r\n"
        + bq + "411000,Clients,411C1,Client C1,0.00,120.00,,,1\r\n"
        + bq + "512000,Banque,,,120.00,0.00,,,1\r\n"
        // 411C1: F-1 debit 120.00, AV-3 credit 60.00 -> two lines
        + vt14 + "411000,Clients,411C1,Client C1,120.00,0.00,,,2\r\n"
        + vt14 + "411000,Clients,411C1,Client C1,0.00,60.00,,,2\r\n"
        + vt14 + "411000,Clients,411C2,Client C2,240.00,0.00,,,2\r\n"
        // VAT: AV-3 debit 10.00; F-1 20.00 + F-2 40.00 credit
        + vt14 + "445710,TVA collectée,,,10.00,0.00,,,2\r\n"
        + vt14 + "445710,TVA collectée,,,0.00,60.00,,,2\r\n"
        // revenue: AV-3 debit 50.00; F-1 100.00 + F-2 200.00 credit
        + vt14 + "706000,Prestations,,,50.00,0.00,,,2\r\n"
        + vt14 + "706000,Prestations,,,0.00,300.00,,,2\r\n"
        + vt15 + "411000,Clients,411C1,Client C1,60.00,0.00,,,3\r\n"
        + vt15 + "445710,TVA collectée,,,0.00,10.00,,,3\r\n"
        + vt15 + "706000,Prestations,,,0.00,50.00,,,3\r\n", csv);
  }

  @Test
  void write_shouldBalanceEveryJournalDay_forRandomEntries() {
    List<JournalEntry> entries = RandomEntries.generate(99L, 1000);
    BigDecimal total = entries.stream().map(JournalEntry::totalDebit).reduce(BigDecimal.ZERO, BigDecimal::add);

    List<List<String>> records = Rfc4180.parse(Entries.run(new CentralisedCsvWriter(), entries));

    Map<String, BigDecimal[]> byPiece = new LinkedHashMap<>();
    for (List<String> r : records.subList(1, records.size())) {
      BigDecimal[] sums = byPiece.computeIfAbsent(r.get(2), k -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
      sums[0] = sums[0].add(new BigDecimal(r.get(9)));
      sums[1] = sums[1].add(new BigDecimal(r.get(10)));
      assertTrue(r.get(2).matches("(AC|BQ|CA|NDF|VT)-2026\\d{4}"), r.get(2));
    }
    BigDecimal debit = BigDecimal.ZERO;
    for (Map.Entry<String, BigDecimal[]> e : byPiece.entrySet()) {
      assertEquals(0, e.getValue()[0].compareTo(e.getValue()[1]), e.getKey());
      debit = debit.add(e.getValue()[0]);
    }
    long days = entries.stream().map(e -> e.journalCode() + e.date()).distinct().count();
    assertEquals(days, byPiece.size());
    // Debits and credits of one account are summed apart, never netted: the total is unchanged.
    assertEquals(total, debit);
  }

  @Test
  void write_shouldKeepTheCurrencySum_onlyWhenOneCurrency() {
    JournalEntry usd1 = entry("VT", "Ventes", D14, "F-1", D14, "F-1",
        inCurrency(debit("411000", "Clients", null, "92.59"), "100.00", "USD"),
        inCurrency(credit("706000", "Prestations", null, "92.59"), "100.00", "USD"));
    JournalEntry usd2 = entry("VT", "Ventes", D14, "F-2", D14, "F-2",
        inCurrency(debit("411000", "Clients", null, "46.30"), "50.00", "USD"),
        credit("706000", "Prestations", null, "46.30"));

    List<List<String>> rows = Rfc4180.parse(Entries.run(new CentralisedCsvWriter(), List.of(usd1, usd2)));

    assertEquals(List.of("138.89", "0.00", "USD", "150.00"), rows.get(1).subList(9, 13));
    assertEquals(List.of("0.00", "138.89", "", ""), rows.get(2).subList(9, 13));
  }

  @Test
  void write_shouldRefuse_whenAJournalComesBack() {
    List<JournalEntry> unsorted = List.of(
        invoice("F-1", D14, "C1", "100.00", "20.00", "120.00"),
        entry("BQ", "Banque", D14, "P-1", D14, "P-1", debit("512000", "Banque", null, "1.00"),
            credit("411000", "Clients", null, "1.00")),
        invoice("F-2", D15, "C1", "100.00", "20.00", "120.00"));

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Entries.run(new CentralisedCsvWriter(), unsorted));
    assertTrue(e.getMessage().contains("journal VT appears again"), e.getMessage());
  }

  @Test
  void write_shouldRefuse_whenDatesGoBackwardsInAJournal() {
    List<JournalEntry> unsorted = List.of(
        invoice("F-2", D15, "C1", "100.00", "20.00", "120.00"),
        invoice("F-1", D14, "C1", "100.00", "20.00", "120.00"));

    assertThrows(IllegalArgumentException.class, () -> Entries.run(new CentralisedCsvWriter(), unsorted));
  }
}
