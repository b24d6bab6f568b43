package com.accountingexport.core.format;

import com.accountingexport.core.booking.EntryLine;
import com.accountingexport.core.booking.JournalEntry;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random balanced ledgers whose texts are hostile to every file format: accents, €, Œ, separators
 * of every format ({@code ; , | tab}), quotes, line breaks, formula starts ({@code =cmd}), emoji,
 * 60-character labels. Entries arrive sorted by journal then date, as the service gives them.
 * Shared by the round-trip property tests of every format.
 */
final class HostileLedger {
  static final List<String> NAMES = List.of(
      "Müller GmbH", "Société Générale d'Électricité", "Œuvres & Cie", "Dupont; Durand", "A|B Conseil",
      "Tab\there", "Line\nbreak", "CR\rreturn", "\"Quoted\" SARL", "=cmd|' /C calc'!A0", "+33 Services",
      "-12,50", "@SUM(A1)", "Café ‘l’Étoile’ – €uro", "ŁÓDŹ Sp. z o.o.", "日本株式会社", "emoji 😀 shop",
      "x".repeat(60), "Éléonore Œdipe-Ærø Ÿves", "Comma, Inc.", "   spaced   ", "Zoë & Chloé");
  static final List<String> JOURNALS = List.of("AC", "BQ", "OD", "VT");

  private HostileLedger() {}

  static String name(Random r) {
    return NAMES.get(r.nextInt(NAMES.size()));
  }

  /** {@code count} entries of 2 to 6 lines, amounts 0.01 to 999,999.99, some lines in USD. */
  static List<JournalEntry> entries(Random r, int count) {
    List<JournalEntry> out = new ArrayList<>();
    int perJournal = Math.max(1, count / JOURNALS.size());
    int n = 0;
    for (String journal : JOURNALS) {
      LocalDate date = LocalDate.of(2026, 1, 1).plusDays(r.nextInt(20));
      int here = journal.equals(JOURNALS.get(JOURNALS.size() - 1)) ? count - n : Math.min(perJournal, count - n);
      for (int i = 0; i < here; i++) {
        date = date.plusDays(r.nextInt(3));
        n++;
        out.add(entry(r, journal, date, n));
      }
    }
    return out;
  }

  static JournalEntry entry(Random r, String journal, LocalDate date, int n) {
    String party = name(r);
    String label = r.nextInt(4) == 0 ? name(r) + " " + name(r) : "Facture " + n + " - " + party;
    int debits = 1 + r.nextInt(3);
    int credits = 1 + r.nextInt(3);
    List<EntryLine> lines = new ArrayList<>();
    BigDecimal total = BigDecimal.ZERO;
    boolean usd = r.nextInt(8) == 0;
    for (int i = 0; i < debits; i++) {
      BigDecimal a = BigDecimal.valueOf(1 + r.nextInt(99_999_999), 2);
      total = total.add(a);
      lines.add(line(r, "6" + (10000 + r.nextInt(89999)), i == 0 ? party : null, i == 0 ? "401F" + r.nextInt(999) : null,
          a, BigDecimal.ZERO.setScale(2), usd));
    }
    BigDecimal left = total;
    for (int i = 0; i < credits; i++) {
      BigDecimal a = i == credits - 1 ? left : left.divide(BigDecimal.valueOf(2 + r.nextInt(3)), 2, java.math.RoundingMode.DOWN);
      if (a.signum() == 0) {
        a = left;
        i = credits - 1;
      }
      left = left.subtract(a);
      lines.add(line(r, "7" + (10000 + r.nextInt(89999)), null, null, BigDecimal.ZERO.setScale(2), a, usd));
    }
    String piece = r.nextInt(10) == 0 ? name(r) : "P-" + n;
    LocalDate pieceDate = r.nextBoolean() ? date : date.minusDays(r.nextInt(5));
    return new JournalEntry(journal, "Journal " + name(r), date, piece, pieceDate, label, "doc-" + n, lines);
  }

  private static EntryLine line(Random r, String account, String auxLabel, String aux, BigDecimal debit,
      BigDecimal credit, boolean usd) {
    BigDecimal amount = debit.signum() != 0 ? debit : credit;
    return new EntryLine(account, "Compte " + name(r), aux, aux == null ? null : auxLabel,
        r.nextInt(3) == 0 ? null : name(r), debit, credit,
        usd ? amount.multiply(new BigDecimal("1.08")).setScale(2, java.math.RoundingMode.HALF_UP) : null,
        usd ? "USD" : null);
  }

  /** Sub-accounts with hostile names. */
  static List<AccountRecord> accounts(Random r, int count) {
    List<AccountRecord> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      boolean supplier = r.nextBoolean();
      out.add(new AccountRecord((supplier ? "401F" : "411C") + String.format("%04d", i),
          supplier ? AccountRecord.SUPPLIER : AccountRecord.CUSTOMER, supplier ? "401000" : "411000", name(r),
          r.nextBoolean() ? "12345678900012" : null, r.nextBoolean() ? "FR12123456789" : null,
          r.nextBoolean() ? name(r) : null, "750" + String.format("%02d", r.nextInt(20)), name(r), "FR",
          r.nextBoolean() ? "a" + i + "@example.com" : null));
    }
    return out;
  }
}
