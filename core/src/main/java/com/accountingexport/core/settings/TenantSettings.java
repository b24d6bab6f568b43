package com.accountingexport.core.settings;

import com.accountingexport.core.auth.Level;
import com.accountingexport.core.auth.Role;
import com.accountingexport.core.auth.Screen;
import com.accountingexport.core.booking.JournalKind;
import java.time.MonthDay;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

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
 * @param pageAccess per page, the level of each role (seed 004): every page and role is present, pages
 *     and roles not given take {@link #defaultPageAccess()}; a company admin always keeps
 *     {@code settings: write}, so that a company can never lock itself out of its own settings
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
    Map<Screen, Map<Role, Level>> pageAccess,
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
    pageAccess = completePageAccess(pageAccess);
    notificationEmails = notificationEmails == null ? List.of() : List.copyOf(notificationEmails);
    language = language == null ? Language.FR : language;
    autoExport = AutoExport.DISABLED.equals(autoExport) ? null : autoExport;
    invoicing = invoicing == null ? Invoicing.defaults() : invoicing;
  }

  /** Settings with the default invoicing (the record as it was before {@code invoicing}). */
  public TenantSettings(MonthDay fiscalYearStart, VatRegime vatRegimeServices, String numberingPattern,
      String defaultFormat, Map<JournalKind, String> journalCodes, AccountMapping accounts, List<String> notificationEmails,
      int backgroundThreshold, Map<Screen, Map<Role, Level>> pageAccess, String siren, Language language, AutoExport autoExport,
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
      int backgroundThreshold, Map<Screen, Map<Role, Level>> pageAccess, String siren,
      Language language, AutoExport autoExport) {
    this(fiscalYearStart, vatRegimeServices, numberingPattern, defaultFormat, journalCodes, accounts, notificationEmails,
        backgroundThreshold, pageAccess, siren, language, autoExport, null);
  }

  /** Settings without a monthly export (the record as it was before {@code autoExport}). */
  public TenantSettings(MonthDay fiscalYearStart, VatRegime vatRegimeServices, String numberingPattern,
      String defaultFormat, Map<JournalKind, String> journalCodes, AccountMapping accounts, List<String> notificationEmails,
      int backgroundThreshold, Map<Screen, Map<Role, Level>> pageAccess, String siren,
      Language language) {
    this(fiscalYearStart, vatRegimeServices, numberingPattern, defaultFormat, journalCodes, accounts, notificationEmails,
        backgroundThreshold, pageAccess, siren, language, null);
  }

  /** Settings in French (the record as it was before {@code language}). */
  public TenantSettings(MonthDay fiscalYearStart, VatRegime vatRegimeServices, String numberingPattern,
      String defaultFormat, Map<JournalKind, String> journalCodes, AccountMapping accounts, List<String> notificationEmails,
      int backgroundThreshold, Map<Screen, Map<Role, Level>> pageAccess, String siren) {
    this(fiscalYearStart, vatRegimeServices, numberingPattern, defaultFormat, journalCodes, accounts, notificationEmails,
        backgroundThreshold, pageAccess, siren, Language.FR, null);
  }

  /** Settings without a SIREN, in French. */
  public TenantSettings(MonthDay fiscalYearStart, VatRegime vatRegimeServices, String numberingPattern,
      String defaultFormat, Map<JournalKind, String> journalCodes, AccountMapping accounts, List<String> notificationEmails,
      int backgroundThreshold, Map<Screen, Map<Role, Level>> pageAccess) {
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

  /**
   * Firm users and company admins may change every page; plain company users see none until an admin
   * allows them (seed 004).
   */
  public static Map<Screen, Map<Role, Level>> defaultPageAccess() {
    Map<Screen, Map<Role, Level>> m = new EnumMap<>(Screen.class);
    for (Screen p : Screen.values()) {
      Map<Role, Level> levels = new EnumMap<>(Role.class);
      levels.put(Role.FIRM_USER, Level.WRITE);
      levels.put(Role.COMPANY_ADMIN, Level.WRITE);
      levels.put(Role.COMPANY_USER, Level.NONE);
      m.put(p, levels);
    }
    return m;
  }

  /**
   * The level maps of the old form, where a page listed the roles that see it: a listed role gets
   * WRITE (it could do everything on the page), an unlisted one NONE. Only the pages given are in
   * the result (the others keep their level when merged).
   */
  public static Map<Screen, Map<Role, Level>> fromRoles(Map<Screen, ? extends Collection<Role>> rolesPerPage) {
    Map<Screen, Map<Role, Level>> m = new EnumMap<>(Screen.class);
    rolesPerPage.forEach((page, roles) -> {
      Map<Role, Level> levels = new EnumMap<>(Role.class);
      for (Role r : Role.values()) {
        levels.put(r, roles.contains(r) ? Level.WRITE : Level.NONE);
      }
      m.put(page, levels);
    });
    return m;
  }

  /** The defaults, overlaid with the page/role pairs {@code given} names, and the admin's settings lock. */
  private static Map<Screen, Map<Role, Level>> completePageAccess(Map<Screen, Map<Role, Level>> given) {
    Map<Screen, Map<Role, Level>> all = defaultPageAccess();
    if (given != null) {
      given.forEach((page, levels) -> {
        if (levels != null) {
          levels.forEach((role, level) -> all.get(page).put(role, level == null ? Level.NONE : level));
        }
      });
    }
    all.get(Screen.SETTINGS).put(Role.COMPANY_ADMIN, Level.WRITE);
    Map<Screen, Map<Role, Level>> frozen = new EnumMap<>(Screen.class);
    all.forEach((page, levels) -> frozen.put(page, java.util.Collections.unmodifiableMap(new EnumMap<>(levels))));
    return java.util.Collections.unmodifiableMap(frozen);
  }

  /** The same settings with other page access (page/role pairs not named keep their default). */
  public TenantSettings withPageAccess(Map<Screen, Map<Role, Level>> value) {
    return new TenantSettings(fiscalYearStart, vatRegimeServices, numberingPattern, defaultFormat, journalCodes, accounts,
        notificationEmails, backgroundThreshold, value, siren, language, autoExport, notifyAbove, invoicing);
  }

  /** The same settings where {@code role} has {@code level} on {@code page}, the rest unchanged. */
  public TenantSettings withLevel(Screen page, Role role, Level level) {
    Map<Screen, Map<Role, Level>> m = new EnumMap<>(Screen.class);
    pageAccess.forEach((p, levels) -> m.put(p, new EnumMap<>(levels)));
    m.get(page).put(role, level);
    return withPageAccess(m);
  }

  public String journalCode(JournalKind kind) {
    return journalCodes.get(kind);
  }

  /** The journal kind a code names in this tenant, if any. */
  public java.util.Optional<JournalKind> journalOf(String code) {
    return journalCodes.entrySet().stream().filter(e -> e.getValue().equals(code)).map(Map.Entry::getKey).findFirst();
  }

  /** What {@code role} may do on {@code page} in this tenant. */
  public Level level(Screen page, Role role) {
    return pageAccess.get(page).get(role);
  }

  /** Whether {@code role} may at least read {@code page}. */
  public boolean canSee(Screen page, Role role) {
    return level(page, role).atLeast(Level.READ);
  }
}
