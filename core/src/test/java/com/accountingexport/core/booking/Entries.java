package com.accountingexport.core.booking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.accountingexport.core.document.Document;
import com.accountingexport.core.settings.AccountMapping;
import com.accountingexport.core.settings.TenantSettings;
import com.accountingexport.core.settings.VatRegime;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Assertions and settings shared by the booking tests. */
final class Entries {
  private Entries() {}

  static TenantSettings settings(VatRegime regime, AccountMapping accounts) {
    TenantSettings d = TenantSettings.defaults();
    return new TenantSettings(d.fiscalYearStart(), regime, d.numberingPattern(), d.defaultFormat(), d.journalCodes(),
        accounts, d.notificationEmails(), d.backgroundThreshold(), d.pageAccess());
  }

  static TenantSettings debits() {
    return settings(VatRegime.DEBITS, AccountMapping.defaults());
  }

  static TenantSettings collections() {
    return settings(VatRegime.COLLECTIONS, AccountMapping.defaults());
  }

  /** A lookup over the given documents, by id. */
  static DocumentLookup lookup(Document... documents) {
    Map<String, Document> byId = new HashMap<>();
    for (Document d : documents) {
      byId.put(d.id(), d);
    }
    return id -> Optional.ofNullable(byId.get(id));
  }

  /** A lookup over the given documents that also answers which settlements name each document. */
  static DocumentLookup ledger(Document... documents) {
    Map<String, Document> byId = new HashMap<>();
    for (Document d : documents) {
      byId.put(d.id(), d);
    }
    return new DocumentLookup() {
      @Override
      public Optional<Document> find(String id) {
        return Optional.ofNullable(byId.get(id));
      }

      @Override
      public List<Document> settlementsOf(String id) {
        return byId.values().stream().filter(d -> d.type().isSettlement()
            && d.allocations().stream().anyMatch(a -> id.equals(a.documentId()))).toList();
      }
    };
  }

  /** The entry of a booked result, after checking it is well formed. */
  static JournalEntry booked(BookingResult result) {
    assertFalse(result.isBlocked(), () -> "expected a booked entry, got anomalies " + result.anomalies());
    JournalEntry entry = result.entry();
    assertNotNull(entry);
    assertWellFormed(entry);
    return entry;
  }

  static void assertBlocked(BookingResult result, AnomalyCode code) {
    assertTrue(result.isBlocked(), () -> "expected " + code + ", got an entry " + (result.entry() == null ? null : describe(result.entry())));
    assertNull(result.entry());
    assertTrue(result.anomalies().stream().anyMatch(a -> a.code().equals(code.name())),
        () -> "expected " + code + " among " + result.anomalies());
  }

  static Anomaly anomaly(BookingResult result, AnomalyCode code) {
    return result.anomalies().stream().filter(a -> a.code().equals(code.name())).findFirst()
        .orElseThrow(() -> new AssertionError("no " + code + " among " + result.anomalies()));
  }

  /**
   * The entry's lines equal {@code expected}, in any order. Each expected line reads
   * {@code "account [aux] D|C amount"}, e.g. {@code "411000 411C0042 D 480.00"}, {@code "707000 C 100.00"}.
   */
  static void assertLines(JournalEntry entry, String... expected) {
    List<String> want = Arrays.stream(expected).map(s -> s.trim().replaceAll(" +", " ")).sorted().toList();
    assertEquals(want, describe(entry), "lines of " + entry.pieceRef());
  }

  static List<String> describe(JournalEntry entry) {
    return entry.lines().stream().map(Entries::describe).sorted().toList();
  }

  static String describe(EntryLine l) {
    boolean debit = l.debit().signum() > 0;
    return l.account() + (l.auxAccount() == null ? "" : " " + l.auxAccount()) + (debit ? " D " : " C ")
        + (debit ? l.debit() : l.credit()).toPlainString();
  }

  static EntryLine line(JournalEntry entry, String account) {
    List<EntryLine> found = entry.lines().stream().filter(l -> l.account().equals(account)).toList();
    assertEquals(1, found.size(), () -> "one line on " + account + " in " + describe(entry));
    return found.get(0);
  }

  /** Balanced, one positive side per line at scale 2, no 0.00 line, aux both-or-neither, clean labels. */
  static void assertWellFormed(JournalEntry entry) {
    assertFalse(entry.lines().isEmpty(), "an entry has lines");
    assertTrue(entry.isBalanced(), () -> "unbalanced: " + describe(entry));
    assertClean(entry.label());
    for (EntryLine l : entry.lines()) {
      assertEquals(2, l.debit().scale(), () -> "debit scale of " + describe(l));
      assertEquals(2, l.credit().scale(), () -> "credit scale of " + describe(l));
      assertTrue(l.debit().signum() >= 0 && l.credit().signum() >= 0, () -> "negative amount: " + describe(l));
      assertTrue(l.debit().signum() > 0 ^ l.credit().signum() > 0, () -> "exactly one side must be positive: " + describe(l));
      assertEquals(l.auxAccount() == null, l.auxLabel() == null, () -> "aux fields both set or both null: " + describe(l));
      assertNotNull(l.accountLabel());
      assertFalse(l.accountLabel().isBlank());
      assertClean(l.label());
      assertEquals(l.currency() == null, l.currencyAmount() == null, () -> "currency fields together: " + describe(l));
      if (l.currencyAmount() != null) {
        assertTrue(l.currencyAmount().signum() >= 0, () -> "currency amount positive: " + describe(l));
        assertEquals(2, l.currencyAmount().scale());
      }
    }
  }

  static void assertClean(String label) {
    assertNotNull(label);
    assertFalse(label.isBlank(), "label never empty");
    assertFalse(label.matches("(?s).*[\\t|\\r\\n].*"), () -> "label has a tab, pipe or line break: " + label);
  }

  static BigDecimal amount(String s) {
    return new BigDecimal(s);
  }
}
