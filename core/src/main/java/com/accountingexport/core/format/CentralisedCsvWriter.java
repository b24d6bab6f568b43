package com.accountingexport.core.format;

import com.accountingexport.core.booking.EntryLine;
import com.accountingexport.core.booking.JournalEntry;
import com.accountingexport.core.money.Money;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Optional;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The journal centralised per day (ACCOUNTING §9): one entry per (journal, day), PieceRef like
 * {@code VT-20260314}, its lines grouped by (account, auxiliary account) with debits and credits
 * summed separately (two lines when both exist), sorted by account then auxiliary. Same columns as
 * {@link CsvJournalWriter}. Buffers one day of one journal at a time, so entries must arrive sorted
 * by journal then date; otherwise, or when a day does not balance, it throws
 * {@link IllegalArgumentException}. The currency columns of a grouped line are kept only when every
 * line summed into it carries the same foreign currency.
 */
public final class CentralisedCsvWriter implements ExportWriter {
  public static final String ID = "centralised-csv";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String description() {
    return "Journal centralised per day as CSV: one entry per journal and day, lines summed per account, "
        + "for software that imports centralised entries (not a FEC).";
  }

  @Override
  public String fileExtension() {
    return "csv";
  }

  @Override
  public String contentType() {
    return "text/csv; charset=UTF-8";
  }

  @Override
  public String separator() {
    return ",";
  }

  @Override
  public String datePattern() {
    return "yyyy-MM-dd";
  }

  @Override
  public Optional<AccountsFormat> accounts() {
    return Optional.of(new AccountsWriter());
  }

  @Override
  public TextChanges write(Iterator<JournalEntry> entries, ExportContext context, OutputStream out) throws IOException {
    TextSink sink = new TextSink(out);
    sink.append(CsvJournalWriter.HEADER);
    sink.crlf();
    Day day = null;
    Set<String> finishedJournals = new HashSet<>();
    long number = 0;
    while (entries.hasNext()) {
      JournalEntry e = entries.next();
      if (e.lines().isEmpty()) {
        continue;
      }
      if (day == null || !day.journal.equals(e.journalCode()) || !day.date.equals(e.date())) {
        if (day != null) {
          boolean sameJournal = day.journal.equals(e.journalCode());
          if (sameJournal && e.date().isBefore(day.date)) {
            throw new IllegalArgumentException("Entries must arrive sorted by journal then date: "
                + Fields.pieceRef(e) + " of " + e.date() + " in journal " + e.journalCode()
                + " comes after " + day.date);
          }
          day.write(sink, ++number);
          if (!sameJournal) {
            finishedJournals.add(day.journal);
          }
        }
        if (finishedJournals.contains(e.journalCode())) {
          throw new IllegalArgumentException("Entries must arrive sorted by journal then date: journal "
              + e.journalCode() + " appears again after other journals (" + Fields.pieceRef(e) + ")");
        }
        day = new Day(e.journalCode(), e.date());
      }
      day.add(e);
    }
    if (day != null) {
      day.write(sink, ++number);
    }
    sink.flush();
    return TextChanges.NONE;
  }

  /** The lines of one journal on one day, grouped by account then auxiliary account. */
  private static final class Day {
    final String journal;
    final LocalDate date;
    final Map<String, Group> groups = new TreeMap<>();

    Day(String journal, LocalDate date) {
      this.journal = journal;
      this.date = date;
    }

    void add(JournalEntry e) {
      for (EntryLine l : e.lines()) {
        String aux = Fields.auxAccount(l);
        String key = (l.account() == null ? "" : l.account()) + '\u0000' + (aux == null ? "" : aux);
        Group g = groups.get(key);
        if (g == null) {
          g = new Group(l.account(), aux);
          groups.put(key, g);
        }
        g.add(l);
      }
    }

    void write(TextSink sink, long number) throws IOException {
      String iso = date.toString();
      String piece = journal + "-" + Fields.compactDate(date);
      String label = "Centralisation " + journal + " " + iso;
      String num = Long.toString(number);
      BigDecimal debits = Money.ZERO;
      BigDecimal credits = Money.ZERO;
      for (Group g : groups.values()) {
        if (g.debit.signum() != 0) {
          CsvJournalWriter.writeRow(sink, iso, journal, piece, iso, label, g.line(true), num);
          debits = debits.add(g.debit);
        }
        if (g.credit.signum() != 0) {
          CsvJournalWriter.writeRow(sink, iso, journal, piece, iso, label, g.line(false), num);
          credits = credits.add(g.credit);
        }
      }
      if (debits.compareTo(credits) != 0) {
        throw new IllegalArgumentException("Journal " + journal + " on " + iso + " is not balanced: debit "
            + debits.toPlainString() + ", credit " + credits.toPlainString());
      }
    }
  }

  /** One (account, auxiliary) of one day: debits and credits apart. */
  private static final class Group {
    final String account;
    final String aux;
    String accountLabel;
    String auxLabel;
    BigDecimal debit = Money.ZERO;
    BigDecimal credit = Money.ZERO;
    final Side debitCurrency = new Side();
    final Side creditCurrency = new Side();

    Group(String account, String aux) {
      this.account = account;
      this.aux = aux;
    }

    void add(EntryLine l) {
      if (accountLabel == null && !Fields.isBlank(l.accountLabel())) {
        accountLabel = l.accountLabel();
      }
      if (auxLabel == null && aux != null && !Fields.isBlank(l.auxLabel())) {
        auxLabel = l.auxLabel();
      }
      if (l.debit() != null && l.debit().signum() != 0) {
        debit = debit.add(l.debit());
        debitCurrency.add(l);
      }
      if (l.credit() != null && l.credit().signum() != 0) {
        credit = credit.add(l.credit());
        creditCurrency.add(l);
      }
    }

    EntryLine line(boolean debitSide) {
      Side c = debitSide ? debitCurrency : creditCurrency;
      return new EntryLine(account, accountLabel, aux, auxLabel, null,
          debitSide ? debit : Money.ZERO, debitSide ? Money.ZERO : credit,
          c.amount(), c.currency());
    }
  }

  /** The foreign-currency sum of one side, meaningful only while every line shares one currency. */
  private static final class Side {
    String currency;
    BigDecimal amount;
    boolean mixed;
    boolean any;

    void add(EntryLine l) {
      boolean foreign = Fields.hasCurrency(l);
      if (!any) {
        any = true;
        if (foreign) {
          currency = l.currency();
          amount = l.currencyAmount();
        } else {
          mixed = true;
        }
      } else if (!mixed) {
        if (foreign && currency.equalsIgnoreCase(l.currency())) {
          amount = amount.add(l.currencyAmount());
        } else {
          mixed = true;
        }
      }
    }

    String currency() {
      return mixed ? null : currency;
    }

    BigDecimal amount() {
      return mixed ? null : amount;
    }
  }
}
