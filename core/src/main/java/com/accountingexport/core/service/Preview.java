package com.accountingexport.core.service;

import com.accountingexport.core.booking.JournalEntry;
import com.accountingexport.core.money.Money;
import com.accountingexport.core.period.Period;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The journal entries an export would hold, per journal, with totals and the excluded documents. */
public record Preview(Period period, List<JournalPreview> journals, BigDecimal debit, BigDecimal credit,
    int documents, List<Excluded> excluded) {

  /** One journal's entries and totals. */
  public record JournalPreview(String code, String label, List<JournalEntry> entries, BigDecimal debit,
      BigDecimal credit, int documents) {}

  public static Preview of(Plan plan, Map<String, String> journalLabels) {
    Map<String, List<JournalEntry>> byJournal = new LinkedHashMap<>();
    plan.journals().forEach(code -> byJournal.put(code, new ArrayList<>()));
    plan.included().forEach(p -> byJournal.computeIfAbsent(p.entry().journalCode(), k -> new ArrayList<>()).add(p.entry()));
    List<JournalPreview> journals = new ArrayList<>();
    BigDecimal debit = Money.ZERO;
    BigDecimal credit = Money.ZERO;
    for (var e : byJournal.entrySet()) {
      BigDecimal d = Money.sum(e.getValue().stream().map(JournalEntry::totalDebit).toList());
      BigDecimal c = Money.sum(e.getValue().stream().map(JournalEntry::totalCredit).toList());
      journals.add(new JournalPreview(e.getKey(), journalLabels.getOrDefault(e.getKey(), e.getKey()),
          e.getValue(), d, c, e.getValue().size()));
      debit = debit.add(d);
      credit = credit.add(c);
    }
    return new Preview(plan.period(), journals, debit, credit, plan.included().size(), plan.excluded());
  }
}
