package com.accountingexport.core.format;

import com.accountingexport.core.booking.EntryLine;
import com.accountingexport.core.booking.JournalEntry;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * A small fixed ledger every format renders for {@code GET /formats} samples and the README: a sale
 * with VAT to a customer whose name has accents, a payment, and a purchase from a supplier with a
 * "€" and an "Œ" in its name, so that a sample shows how each format encodes them.
 */
public final class SampleLedger {
  private SampleLedger() {}

  public static ExportContext context() {
    return new ExportContext("EXP-2026-00012", LocalDate.of(2026, 4, 1), "123456789", LocalDate.of(2026, 3, 31));
  }

  public static List<JournalEntry> entries() {
    return List.of(
        entry("VT", "Journal des ventes", LocalDate.of(2026, 3, 2), "F-2026-042", "F-2026-042 - Formations Dupont SARL",
            line("411000", "Clients", "411C0042", "Formations Dupont SARL", "F-2026-042 - Formations Dupont SARL", "360.00", null),
            line("706000", "Prestations de services", null, null, "F-2026-042 - Formation Excel avancé", null, "300.00"),
            line("445710", "TVA collectée", null, null, "F-2026-042 - TVA 20 %", null, "60.00")),
        entry("BQ", "Journal de banque", LocalDate.of(2026, 3, 20), "R-2026-090", "R-2026-090 - Formations Dupont SARL",
            line("512000", "Banque", null, null, "R-2026-090 - Formations Dupont SARL", "360.00", null),
            line("411000", "Clients", "411C0042", "Formations Dupont SARL", "R-2026-090 - Formations Dupont SARL", null, "360.00")),
        entry("AC", "Journal des achats", LocalDate.of(2026, 3, 25), "FF-778", "FF-778 - Œuvres & Cie (loyer 1 200 €)",
            line("613200", "Locations immobilières", null, null, "FF-778 - Œuvres & Cie (loyer 1 200 €)", "1000.00", null),
            line("445660", "TVA déductible", null, null, "FF-778 - TVA 20 %", "200.00", null),
            line("401000", "Fournisseurs", "401F0007", "Œuvres & Cie", "FF-778 - Œuvres & Cie (loyer 1 200 €)", null, "1200.00")));
  }

  /** The sub-accounts of {@link #entries()}. */
  public static List<AccountRecord> accounts() {
    return List.of(
        new AccountRecord("411C0042", AccountRecord.CUSTOMER, "411000", "Formations Dupont SARL", "12345678900012",
            "FR12123456789", "12 rue des Lilas", "69003", "Lyon", "FR", "compta@dupont.fr"),
        new AccountRecord("401F0007", AccountRecord.SUPPLIER, "401000", "Œuvres & Cie", null, null,
            "3 allée Émile Zola", "75011", "Paris", "FR", null));
  }

  private static JournalEntry entry(String journal, String journalLabel, LocalDate date, String piece, String label,
      EntryLine... lines) {
    return new JournalEntry(journal, journalLabel, date, piece, date, label, "doc-" + piece, List.of(lines));
  }

  private static EntryLine line(String account, String accountLabel, String aux, String auxLabel, String label,
      String debit, String credit) {
    return new EntryLine(account, accountLabel, aux, auxLabel, label,
        debit == null ? new BigDecimal("0.00") : new BigDecimal(debit),
        credit == null ? new BigDecimal("0.00") : new BigDecimal(credit), null, null);
  }
}
