package com.accountingexport.core.format;

import com.accountingexport.core.booking.EntryLine;
import com.accountingexport.core.booking.JournalEntry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;

/** Hand-built entries and a helper to run a writer into a string. */
final class Entries {
  static final ExportContext CONTEXT =
      new ExportContext("EXP-0042", LocalDate.of(2026, 11, 22), "123456789", LocalDate.of(2026, 12, 31));

  private Entries() {}

  static BigDecimal amount(String s) {
    return s == null ? BigDecimal.ZERO.setScale(2) : new BigDecimal(s);
  }

  static EntryLine debit(String account, String accountLabel, String label, String amount) {
    return new EntryLine(account, accountLabel, null, null, label, amount(amount), amount(null), null, null);
  }

  static EntryLine credit(String account, String accountLabel, String label, String amount) {
    return new EntryLine(account, accountLabel, null, null, label, amount(null), amount(amount), null, null);
  }

  static EntryLine withAux(EntryLine l, String aux, String auxLabel) {
    return new EntryLine(l.account(), l.accountLabel(), aux, auxLabel, l.label(), l.debit(), l.credit(),
        l.currencyAmount(), l.currency());
  }

  static EntryLine inCurrency(EntryLine l, String currencyAmount, String currency) {
    return new EntryLine(l.account(), l.accountLabel(), l.auxAccount(), l.auxLabel(), l.label(), l.debit(),
        l.credit(), new BigDecimal(currencyAmount), currency);
  }

  static JournalEntry entry(String journal, String journalLabel, LocalDate date, String piece, LocalDate pieceDate,
      String label, EntryLine... lines) {
    return new JournalEntry(journal, journalLabel, date, piece, pieceDate, label, "doc-" + piece, List.of(lines));
  }

  /** W3 shape: a 2-line sale, no VAT. */
  static JournalEntry sale() {
    return entry("VT", "Journal des ventes", LocalDate.of(2026, 3, 2), "F-50", LocalDate.of(2026, 3, 2),
        "F-50 – Müller GmbH",
        withAux(debit("411000", "Clients", null, "2000.00"), "411C0050", "Müller GmbH"),
        credit("706000", "Prestations de services", null, "2000.00"));
  }

  /** W2 shape: a payment with its VAT transfer, paid two days after the payment document's date. */
  static JournalEntry payment() {
    return entry("BQ", "Journal de banque", LocalDate.of(2026, 3, 20), "R-90", LocalDate.of(2026, 3, 18),
        "R-90 – Client Dupont",
        debit("512000", "Banque", null, "480.00"),
        withAux(credit("411000", "Clients", null, "480.00"), "411C0042", "Client Dupont"),
        debit("445740", "TVA collectée en attente", "TVA now due", "60.00"),
        credit("445710", "TVA collectée", "TVA now due", "60.00"));
  }

  /** W6 shape: a USD invoice, 1000.00 USD at 1.0800. */
  static JournalEntry usdSale() {
    return entry("VT", "Journal des ventes", LocalDate.of(2026, 3, 5), "F-61", LocalDate.of(2026, 3, 5),
        "F-61 – US Corp",
        inCurrency(withAux(debit("411000", "Clients", null, "925.93"), "411C0061", "US Corp"), "1000.00", "USD"),
        inCurrency(credit("706000", "Prestations de services", null, "925.93"), "1000.00", "USD"));
  }

  static String run(ExportWriter writer, List<JournalEntry> entries) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      writer.write(entries.iterator(), CONTEXT, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}
