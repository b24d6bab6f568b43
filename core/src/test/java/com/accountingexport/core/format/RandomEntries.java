package com.accountingexport.core.format;

import com.accountingexport.core.booking.EntryLine;
import com.accountingexport.core.booking.JournalEntry;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Balanced random entries, sorted by journal then date, with hostile text. */
final class RandomEntries {
  private static final String[] JOURNALS = {"AC", "BQ", "CA", "NDF", "VT"};
  private static final String[] ACCOUNTS = {"401000", "411000", "445660", "445710", "512000", "530000", "606100",
      "625100", "706000", "707000"};
  private static final String[] TEXT = {"Facture", "Müller GmbH", "tab\there", "pipe|here", "line\r\nbreak",
      "quote \"x\"", "comma, here", "€ 20 % TVA", "emoji 🧾", "  spaces  ", "lf\nonly", "=SUM(A1)"};

  private RandomEntries() {}

  static List<JournalEntry> generate(long seed, int count) {
    Random r = new Random(seed);
    List<JournalEntry> out = new ArrayList<>(count);
    for (int j = 0; j < JOURNALS.length; j++) {
      int n = j == JOURNALS.length - 1 ? count - out.size() : count / JOURNALS.length;
      LocalDate date = LocalDate.of(2026, 1, 1);
      for (int i = 0; i < n; i++) {
        if (r.nextInt(3) == 0) {
          date = date.plusDays(r.nextInt(3));
        }
        out.add(entry(r, JOURNALS[j], date, JOURNALS[j] + "-" + (i + 1)));
      }
    }
    return out;
  }

  private static JournalEntry entry(Random r, String journal, LocalDate date, String piece) {
    int lines = 2 + r.nextInt(5);
    boolean usd = r.nextInt(10) == 0;
    List<EntryLine> list = new ArrayList<>();
    long net = 0;
    for (int k = 0; k < lines - 1; k++) {
      long cents = 1 + r.nextInt(2_000_000);
      boolean debit = k == 0 || r.nextBoolean();
      net += debit ? cents : -cents;
      list.add(line(r, debit, cents, usd));
    }
    if (net == 0) {
      EntryLine first = list.get(0);
      list.set(0, new EntryLine(first.account(), first.accountLabel(), first.auxAccount(), first.auxLabel(),
          first.label(), first.debit().add(new BigDecimal("0.01")), first.credit(), first.currencyAmount(),
          first.currency()));
      net = 1;
    }
    list.add(line(r, net < 0, Math.abs(net), usd));
    LocalDate pieceDate = date.minusDays(r.nextInt(5));
    return new JournalEntry(journal, "Journal " + journal, date, piece, pieceDate,
        piece + " " + TEXT[r.nextInt(TEXT.length)], "doc-" + piece, list);
  }

  private static EntryLine line(Random r, boolean debit, long cents, boolean usd) {
    BigDecimal amount = BigDecimal.valueOf(cents, 2);
    String account = ACCOUNTS[r.nextInt(ACCOUNTS.length)];
    boolean aux = account.startsWith("4") && r.nextInt(3) == 0;
    String auxAccount = aux ? account.substring(0, 3) + "C" + r.nextInt(50) : null;
    String auxLabel = aux && r.nextInt(4) > 0 ? TEXT[r.nextInt(TEXT.length)] : null;
    String label = r.nextBoolean() ? TEXT[r.nextInt(TEXT.length)] : null;
    BigDecimal zero = BigDecimal.ZERO.setScale(2);
    return new EntryLine(account, "Compte " + account + (r.nextInt(5) == 0 ? "\t|x" : ""), auxAccount, auxLabel,
        label, debit ? amount : zero, debit ? zero : amount,
        usd ? amount.multiply(new BigDecimal("1.08")).setScale(2, java.math.RoundingMode.HALF_UP) : null,
        usd ? "USD" : null);
  }
}
