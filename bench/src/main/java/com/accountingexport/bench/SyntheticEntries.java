package com.accountingexport.bench;

import com.accountingexport.core.booking.EntryLine;
import com.accountingexport.core.booking.JournalEntry;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Deterministic balanced 4-line entries: entry {@code i} is always the same. The first half are
 * sales (VT: customer debit, two revenue lines and VAT credited), the second half purchases (AC:
 * two expense lines and VAT debited, supplier credited); dates rise through 2026 within each
 * journal, as an export sorts them. One entry in 25 is in USD (FEC Montantdevise/Idevise).
 */
public final class SyntheticEntries {
  public static final int LINES_PER_ENTRY = 4;

  private static final LocalDate START = LocalDate.of(2026, 1, 1);
  private static final LocalDate[] DAYS = new LocalDate[400];
  private static final String[] PARTIES = {"Boulangerie Dupont", "Société Générale d'Équipement", "Müller GmbH",
      "Café de la Gare", "SARL Les Ateliers Réunis", "Hôtel du Lac", "Garage Martin & Fils", "Librairie L'Écume"};
  private static final BigDecimal ZERO = BigDecimal.ZERO.setScale(2);
  private static final BigDecimal USD_RATE = new BigDecimal("1.08");

  static {
    for (int d = 0; d < DAYS.length; d++) {
      DAYS[d] = START.plusDays(d);
    }
  }

  private SyntheticEntries() {}

  /** Entry {@code i} of a run of {@code total} entries. */
  public static JournalEntry entry(int i, int total) {
    boolean sale = i < total / 2;
    int k = sale ? i : i - total / 2;
    int perJournal = Math.max(1, sale ? total / 2 : total - total / 2);
    LocalDate date = DAYS[(int) ((long) k * 364 / perJournal)];
    LocalDate pieceDate = DAYS[Math.max(0, (int) ((long) k * 364 / perJournal) - k % 5)];
    String journal = sale ? "VT" : "AC";
    String piece = journal + "-2026-" + pad(k + 1);
    int p = (int) (mix(i) % PARTIES.length);
    String party = PARTIES[p];
    long ht1 = 100 + mix(i * 31L + 1) % 500_000;
    long ht2 = 100 + mix(i * 31L + 2) % 200_000;
    long vat = (ht1 + ht2) * 20 / 100;
    long ttc = ht1 + ht2 + vat;
    boolean usd = i % 25 == 0;
    String aux = (sale ? "C" : "F") + (1000 + p);
    List<EntryLine> lines = new ArrayList<>(LINES_PER_ENTRY);
    if (sale) {
      lines.add(line("411000", "Clients", aux, party, null, ttc, true, usd));
      lines.add(line("706000", "Prestations de services", null, null, null, ht1, false, usd));
      lines.add(line("707000", "Ventes de marchandises", null, null, null, ht2, false, usd));
      lines.add(line("445710", "TVA collectée", null, null, "TVA collectée 20 %", vat, false, usd));
    } else {
      lines.add(line("604000", "Achats de prestations", null, null, null, ht1, true, usd));
      lines.add(line("606100", "Fournitures non stockables", null, null, null, ht2, true, usd));
      lines.add(line("445660", "TVA déductible sur ABS", null, null, "TVA déductible 20 %", vat, true, usd));
      lines.add(line("401000", "Fournisseurs", aux, party, null, ttc, false, usd));
    }
    return new JournalEntry(journal, sale ? "Journal des ventes" : "Journal des achats", date, piece, pieceDate,
        (sale ? "Facture " : "Facture fournisseur ") + piece + " " + party, "doc-" + i, lines);
  }

  /** {@code total} entries, each built when asked for. */
  public static Iterator<JournalEntry> lazy(int total) {
    return new Iterator<>() {
      private int next;

      @Override
      public boolean hasNext() {
        return next < total;
      }

      @Override
      public JournalEntry next() {
        if (next >= total) {
          throw new NoSuchElementException();
        }
        return entry(next++, total);
      }
    };
  }

  /** {@code total} entries, all in memory (for throughput runs that must not time generation). */
  public static List<JournalEntry> materialise(int total) {
    List<JournalEntry> all = new ArrayList<>(total);
    for (int i = 0; i < total; i++) {
      all.add(entry(i, total));
    }
    return all;
  }

  private static EntryLine line(String account, String label, String aux, String auxLabel, String lineLabel,
      long cents, boolean debit, boolean usd) {
    BigDecimal amount = BigDecimal.valueOf(cents, 2);
    return new EntryLine(account, label, aux, auxLabel, lineLabel, debit ? amount : ZERO, debit ? ZERO : amount,
        usd ? amount.multiply(USD_RATE).setScale(2, RoundingMode.HALF_UP) : null, usd ? "USD" : null);
  }

  private static String pad(int n) {
    String s = Integer.toString(n);
    return "000000".substring(Math.min(6, s.length())) + s;
  }

  /** A cheap deterministic scramble (SplitMix64 finaliser), non-negative. */
  private static long mix(long x) {
    long z = x + 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return (z ^ (z >>> 31)) >>> 1;
  }
}
