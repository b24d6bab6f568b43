package com.accountingexport.core.settings;

import com.accountingexport.core.auth.Screen;
import com.accountingexport.core.auth.Role;
import com.accountingexport.core.booking.JournalKind;
import java.time.MonthDay;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One tenant's settings. A tenant seen for the first time works at once on {@link #defaults()}.
 *
 * @param numberingPattern export numbers, e.g. {@code EXP-{yyyy}-{seq:5}}
 * @param defaultFormat journal file format id used when a request names none ({@code fec})
 * @param backgroundThreshold exports with more documents than this run as a background workflow
 * @param depositsAsPayments Dolibarr-style option: deposit invoices are not booked, their payment
 *     credits 4191 (ACCOUNTING.md §3)
 * @param siren the company's SIREN (9 digits), which names its FEC files; null when not given
 */
public record TenantSettings(
    MonthDay fiscalYearStart,
    VatRegime vatRegimeServices,
    String numberingPattern,
    String defaultFormat,
    Map<JournalKind, String> journalCodes,
    AccountMapping accounts,
    List<String> notificationEmails,
    int backgroundThreshold,
    boolean depositsAsPayments,
    Map<Screen, Set<Role>> pageAccess,
    String siren) {

  public static final String DEFAULT_NUMBERING = "EXP-{yyyy}-{seq:5}";

  public TenantSettings {
    EnumMap<JournalKind, String> codes = new EnumMap<>(JournalKind.class);
    for (JournalKind k : JournalKind.values()) {
      codes.put(k, k.defaultCode());
    }
    if (journalCodes != null) {
      codes.putAll(journalCodes);
    }
    journalCodes = Map.copyOf(codes);
    EnumMap<Screen, Set<Role>> access = new EnumMap<>(Screen.class);
    access.putAll(defaultPageAccess());
    if (pageAccess != null) {
      pageAccess.forEach((p, roles) -> access.put(p, Set.copyOf(roles)));
    }
    pageAccess = Map.copyOf(access);
    notificationEmails = notificationEmails == null ? List.of() : List.copyOf(notificationEmails);
  }

  /** Settings without a SIREN. */
  public TenantSettings(MonthDay fiscalYearStart, VatRegime vatRegimeServices, String numberingPattern,
      String defaultFormat, Map<JournalKind, String> journalCodes, AccountMapping accounts, List<String> notificationEmails,
      int backgroundThreshold, boolean depositsAsPayments, Map<Screen, Set<Role>> pageAccess) {
    this(fiscalYearStart, vatRegimeServices, numberingPattern, defaultFormat, journalCodes, accounts, notificationEmails,
        backgroundThreshold, depositsAsPayments, pageAccess, null);
  }

  public static TenantSettings defaults() {
    return new TenantSettings(
        MonthDay.of(1, 1), VatRegime.DEBITS, DEFAULT_NUMBERING, "fec",
        null, AccountMapping.defaults(), List.of(), 1000, false, null, null);
  }

  /** Firm users and company admins see every page; plain company users see none until allowed. */
  public static Map<Screen, Set<Role>> defaultPageAccess() {
    Map<Screen, Set<Role>> m = new EnumMap<>(Screen.class);
    for (Screen p : Screen.values()) {
      m.put(p, EnumSet.of(Role.FIRM_USER, Role.COMPANY_ADMIN));
    }
    return m;
  }

  public String journalCode(JournalKind kind) {
    return journalCodes.get(kind);
  }

  /** The journal kind a code names in this tenant, if any. */
  public java.util.Optional<JournalKind> journalOf(String code) {
    return journalCodes.entrySet().stream().filter(e -> e.getValue().equals(code)).map(Map.Entry::getKey).findFirst();
  }

  public boolean canSee(Screen page, Role role) {
    return pageAccess.getOrDefault(page, Set.of()).contains(role);
  }
}
