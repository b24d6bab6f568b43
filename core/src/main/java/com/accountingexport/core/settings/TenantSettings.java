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
 * @param siren the company's SIREN (9 digits), which names its FEC files; null when not given
 * @param language the language of the notification e-mails (setting {@code locale}); null reads as French
 * @param autoExport the monthly export (setting {@code autoExport}); null = disabled (a disabled one with
 *     every default value is stored as null)
 * @param notifyAbove exports generated in the request (below {@code backgroundThreshold}) with more
 *     documents than this also send the READY / FAILED mail; null = only background exports do
 * @param invoicing the seller and terms printed on rendered invoice PDFs, and the default bundles
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
    Map<Screen, Set<Role>> pageAccess,
    String siren,
    Language language,
    AutoExport autoExport,
    Integer notifyAbove,
    Invoicing invoicing) {

  public static final String DEFAULT_NUMBERING = "EXP-{yyyy}-{seq:5}";

  public TenantSettings {
    EnumMap<JournalKind, String> codes = new EnumMap<>(JournalKind.class);
    for (JournalKind k : JournalKind.values()) {
      codes.put(k, k.defaultCode());
    }
    if (journalCodes != null) {
      codes.putAll(journalCodes);
    }
    journalCodes = java.util.Collections.unmodifiableMap(codes); // in book order (VT, BQ, AC, CA, NDF, OD)
    EnumMap<Screen, Set<Role>> access = new EnumMap<>(Screen.class);
    access.putAll(defaultPageAccess());
    if (pageAccess != null) {
      pageAccess.forEach((p, roles) -> access.put(p, Set.copyOf(roles)));
    }
    pageAccess = Map.copyOf(access);
    notificationEmails = notificationEmails == null ? List.of() : List.copyOf(notificationEmails);
    language = language == null ? Language.FR : language;
    autoExport = AutoExport.DISABLED.equals(autoExport) ? null : autoExport;
    invoicing = invoicing == null ? Invoicing.defaults() : invoicing;
  }

  /** Settings with the default invoicing (the record as it was before {@code invoicing}). */
  public TenantSettings(MonthDay fiscalYearStart, VatRegime vatRegimeServices, String numberingPattern,
      String defaultFormat, Map<JournalKind, String> journalCodes, AccountMapping accounts, List<String> notificationEmails,
      int backgroundThreshold, Map<Screen, Set<Role>> pageAccess, String siren, Language language, AutoExport autoExport,
      Integer notifyAbove) {
    this(fiscalYearStart, vatRegimeServices, numberingPattern, defaultFormat, journalCodes, accounts, notificationEmails,
        backgroundThreshold, pageAccess, siren, language, autoExport, notifyAbove, null);
  }

  /** The same settings with other invoicing. */
  public TenantSettings withInvoicing(Invoicing value) {
    return new TenantSettings(fiscalYearStart, vatRegimeServices, numberingPattern, defaultFormat, journalCodes, accounts,
        notificationEmails, backgroundThreshold, pageAccess, siren, language, autoExport, notifyAbove, value);
  }

  /** The same settings with another default format (a built-in id or a template's). */
  public TenantSettings withDefaultFormat(String value) {
    return new TenantSettings(fiscalYearStart, vatRegimeServices, numberingPattern, value, journalCodes, accounts,
        notificationEmails, backgroundThreshold, pageAccess, siren, language, autoExport, notifyAbove, invoicing);
  }

  /** Settings whose synchronous exports send no mail (the record as it was before {@code notifyAbove}). */
  public TenantSettings(MonthDay fiscalYearStart, VatRegime vatRegimeServices, String numberingPattern,
      String defaultFormat, Map<JournalKind, String> journalCodes, AccountMapping accounts, List<String> notificationEmails,
      int backgroundThreshold, Map<Screen, Set<Role>> pageAccess, String siren,
      Language language, AutoExport autoExport) {
    this(fiscalYearStart, vatRegimeServices, numberingPattern, defaultFormat, journalCodes, accounts, notificationEmails,
        backgroundThreshold, pageAccess, siren, language, autoExport, null);
  }

  /** Settings without a monthly export (the record as it was before {@code autoExport}). */
  public TenantSettings(MonthDay fiscalYearStart, VatRegime vatRegimeServices, String numberingPattern,
      String defaultFormat, Map<JournalKind, String> journalCodes, AccountMapping accounts, List<String> notificationEmails,
      int backgroundThreshold, Map<Screen, Set<Role>> pageAccess, String siren,
      Language language) {
    this(fiscalYearStart, vatRegimeServices, numberingPattern, defaultFormat, journalCodes, accounts, notificationEmails,
        backgroundThreshold, pageAccess, siren, language, null);
  }

  /** Settings in French (the record as it was before {@code language}). */
  public TenantSettings(MonthDay fiscalYearStart, VatRegime vatRegimeServices, String numberingPattern,
      String defaultFormat, Map<JournalKind, String> journalCodes, AccountMapping accounts, List<String> notificationEmails,
      int backgroundThreshold, Map<Screen, Set<Role>> pageAccess, String siren) {
    this(fiscalYearStart, vatRegimeServices, numberingPattern, defaultFormat, journalCodes, accounts, notificationEmails,
        backgroundThreshold, pageAccess, siren, Language.FR, null);
  }

  /** Settings without a SIREN, in French. */
  public TenantSettings(MonthDay fiscalYearStart, VatRegime vatRegimeServices, String numberingPattern,
      String defaultFormat, Map<JournalKind, String> journalCodes, AccountMapping accounts, List<String> notificationEmails,
      int backgroundThreshold, Map<Screen, Set<Role>> pageAccess) {
    this(fiscalYearStart, vatRegimeServices, numberingPattern, defaultFormat, journalCodes, accounts, notificationEmails,
        backgroundThreshold, pageAccess, null, Language.FR, null);
  }

  public static TenantSettings defaults() {
    return new TenantSettings(
        MonthDay.of(1, 1), VatRegime.COLLECTIONS, DEFAULT_NUMBERING, "fec",
        null, AccountMapping.defaults(), List.of(), 1000, null, null, Language.FR, null, null, Invoicing.defaults());
  }

  /** The same settings with another monthly export (null = disabled). */
  public TenantSettings withAutoExport(AutoExport value) {
    return new TenantSettings(fiscalYearStart, vatRegimeServices, numberingPattern, defaultFormat, journalCodes, accounts,
        notificationEmails, backgroundThreshold, pageAccess, siren, language, value, notifyAbove, invoicing);
  }

  /** Whether an export of {@code documents} documents generated in the request mails its outcome. */
  public boolean notifiesSynchronousExportOf(long documents) {
    return notifyAbove != null && documents > notifyAbove;
  }

  /** {@link #autoExport()}, {@link AutoExport#DISABLED} when none is set. */
  public AutoExport autoExportOrDisabled() {
    return autoExport == null ? AutoExport.DISABLED : autoExport;
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
