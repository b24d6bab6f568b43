package com.accountingexport.core.report;

import com.accountingexport.core.booking.Bookkeeper;
import com.accountingexport.core.booking.EntryLine;
import com.accountingexport.core.booking.JournalEntry;
import com.accountingexport.core.document.Counterparty;
import com.accountingexport.core.document.Document;
import com.accountingexport.core.document.DocumentType;
import com.accountingexport.core.money.Money;
import com.accountingexport.core.settings.TenantSettings;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * {@code customer-balances}: what each customer owes at a date (seed 003 "soldes clients"), from
 * the journal entries themselves, so that it always equals the customers' sub-account balances of
 * the journals: per auxiliary account on the customers' collective (the lines whose account starts
 * with the first three digits of {@code AccountMapping.customer()}, 411, and that carry an auxiliary
 * account), debit − credit of the entries dated up to {@code at}; positive = the customer owes,
 * negative = the firm owes it (an overpayment, an unused credit note). Every sub-account with a line
 * is listed, a settled one at 0.00.
 *
 * <p>The journals know a customer by its sub-account only. Its {@code counterpartyId} comes from
 * the documents: {@link #counterparty(TenantSettings, Counterparty)} (or the raw
 * {@link #counterparty(String, String, String)}) tells which customer books on which sub-account;
 * a sub-account no document named has a null id. It is never guessed from the account: a derived
 * sub-account (prefix + id) is hashed when the id has other characters than capitals and digits,
 * and a customer's own {@code accountNumber} owes nothing to its id. The name is the document's,
 * else the entries' auxiliary label.
 *
 * <p>Aggregates as entries stream by (one running balance per sub-account, never the lines); feed
 * it every entry up to {@code at} (those after are ignored), from the first one the balances should
 * include (the journals carry no opening entries of their own). Not thread-safe.
 */
public final class CustomerBalances {
  public static final String ID = "customer-balances";

  public static final List<ReportColumn> COLUMNS = List.of(
      ReportColumn.text("counterpartyId"), ReportColumn.text("name"), ReportColumn.text("account"),
      ReportColumn.money("balance"));

  private record Party(String id, String name) {}

  private static final class Balance {
    String label;
    BigDecimal amount = Money.ZERO;
  }

  private final String customerRoot;
  private final LocalDate at;
  private final Map<String, Balance> balances = new TreeMap<>();
  private final Map<String, Party> parties = new HashMap<>();

  /**
   * @param customerCollective the customers' general account (411000): its first three digits tell
   *     a customer line
   * @param at the date of the balances: entries dated after it are left out
   */
  public CustomerBalances(String customerCollective, LocalDate at) {
    this.customerRoot = Objects.requireNonNull(customerCollective, "customerCollective").substring(0, 3);
    this.at = Objects.requireNonNull(at, "at");
  }

  /** For the tenant's accounts: {@code settings.accounts().customer()}. */
  public CustomerBalances(TenantSettings settings, LocalDate at) {
    this(settings.accounts().customer(), at);
  }

  /** Customer {@code id}, named {@code name}, books on sub-account {@code account}. The first one known wins. */
  public void counterparty(String account, String id, String name) {
    if (account != null && !account.isBlank()) {
      parties.putIfAbsent(account, new Party(id, name));
    }
  }

  /**
   * The customer of a sales document, on the sub-account the journals book it on
   * ({@link Bookkeeper#customerAuxiliaryAccount}, the same rule the entries follow).
   */
  public void counterparty(TenantSettings settings, Counterparty party) {
    if (party == null) {
      return;
    }
    counterparty(Bookkeeper.customerAuxiliaryAccount(settings, party), party.id(), party.name());
  }

  /** The customer of a document, when it is a sales-side one (purchases and expense reports name no customer). */
  public void counterparty(TenantSettings settings, Document d) {
    if (d.type().isPurchaseSide() || d.type() == DocumentType.EXPENSE_REPORT) {
      return;
    }
    counterparty(settings, d.counterparty());
  }

  /** An entry: its customer lines count when it is dated on or before {@code at}. */
  public void add(JournalEntry e) {
    if (e.date() == null || e.date().isAfter(at)) {
      return;
    }
    for (EntryLine l : e.lines()) {
      if (l.auxAccount() == null || l.auxAccount().isBlank() || l.account() == null
          || !l.account().startsWith(customerRoot)) {
        continue;
      }
      Balance b = balances.computeIfAbsent(l.auxAccount(), k -> new Balance());
      if (b.label == null || b.label.isBlank()) {
        b.label = l.auxLabel();
      }
      b.amount = b.amount.add(orZero(l.debit())).subtract(orZero(l.credit()));
    }
  }

  /** The balance of every sub-account, in account order, and their total. */
  public ReportTable table(LocalDate from, LocalDate to) {
    List<List<Object>> out = new ArrayList<>();
    BigDecimal total = Money.ZERO;
    for (Map.Entry<String, Balance> e : balances.entrySet()) {
      Party p = parties.get(e.getKey());
      String name = p != null && p.name() != null && !p.name().isBlank() ? p.name() : e.getValue().label;
      List<Object> row = new ArrayList<>();
      row.add(p == null ? null : p.id());
      row.add(name);
      row.add(e.getKey());
      row.add(e.getValue().amount);
      out.add(row);
      total = total.add(e.getValue().amount);
    }
    List<Object> totals = new ArrayList<>();
    totals.add(null);
    totals.add(null);
    totals.add(null);
    totals.add(total);
    return new ReportTable(ID, from, to, COLUMNS, out, totals);
  }

  /** The date of the balances. */
  public LocalDate at() {
    return at;
  }

  private static BigDecimal orZero(BigDecimal v) {
    return v == null ? BigDecimal.ZERO : v;
  }
}
