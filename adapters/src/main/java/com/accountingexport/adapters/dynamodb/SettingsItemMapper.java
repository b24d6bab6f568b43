package com.accountingexport.adapters.dynamodb;

import static com.accountingexport.adapters.dynamodb.Attrs.getBool;
import static com.accountingexport.adapters.dynamodb.Attrs.getDecimal;
import static com.accountingexport.adapters.dynamodb.Attrs.getLong;
import static com.accountingexport.adapters.dynamodb.Attrs.getMap;
import static com.accountingexport.adapters.dynamodb.Attrs.getS;
import static com.accountingexport.adapters.dynamodb.Attrs.getStrings;
import static com.accountingexport.adapters.dynamodb.Attrs.putMap;
import static com.accountingexport.adapters.dynamodb.Attrs.putMoney;
import static com.accountingexport.adapters.dynamodb.Attrs.putS;
import static com.accountingexport.adapters.dynamodb.Attrs.putStrings;

import com.accountingexport.core.auth.Level;
import com.accountingexport.core.auth.Role;
import com.accountingexport.core.auth.Screen;
import com.accountingexport.core.auth.TenantId;
import com.accountingexport.core.booking.JournalKind;
import com.accountingexport.core.settings.AccountMapping;
import com.accountingexport.core.settings.AutoExport;
import com.accountingexport.core.settings.Company;
import com.accountingexport.core.settings.Invoicing;
import com.accountingexport.core.settings.Language;
import com.accountingexport.core.settings.PdfBundle;
import com.accountingexport.core.settings.TenantSettings;
import com.accountingexport.core.settings.VatRegime;
import java.time.MonthDay;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A tenant's settings item, by hand: {@code PK = T#<tenant>#SETTINGS}, {@code SK = SETTINGS}.
 *
 * <p>{@code fiscalYearStart} is {@code "MM-dd"}; enums are stored by wire name ({@code vatRegimeServices},
 * roles, screens) and journal kinds by their lower-case name ({@code sales}); {@code journalCodes} and
 * {@code accounts.vatCollectedByRate} are maps; {@code pageAccess} maps a screen to a map of role to
 * level ({@code {exports: {company_user: "read", ...}}}); items written before levels existed map a
 * screen to the list of the roles that saw it, read as write for them and none for the others;
 * {@code backgroundThreshold} is a number, {@code locale} the
 * language's wire name ({@code fr}, {@code en}; an item without it reads as {@code fr}). A field missing from an
 * older item reads as its default, so adding a setting needs no migration.
 *
 * <p>{@code autoExport} is a map {@code {enabled: BOOL, dayOfMonth: N, journals: L, format?: S}} (absent =
 * disabled). While it is enabled the item also carries {@code GSI1PK = AUTOEXPORT#DAY#<dd>} and
 * {@code GSI1SK = T#<tenant>}, so that the daily schedule finds the tenants of a day with one Query
 * instead of a Scan. That partition is the table's only one not prefixed by a tenant: it lists tenants,
 * on purpose, and holds nothing but their settings items; it is sparse (a save without an enabled
 * {@code autoExport} rewrites the item without the two attributes) and only the schedule reads it.
 */
public final class SettingsItemMapper {
  public static final String SK_SETTINGS = "SETTINGS";

  public static final String FISCAL_YEAR_START = "fiscalYearStart";
  public static final String VAT_REGIME_SERVICES = "vatRegimeServices";
  public static final String NUMBERING_PATTERN = "numberingPattern";
  /** A map: {@code company} (a map, its address a map, its logo base64), {@code paymentTermsDays}, {@code latePenaltyRate}, {@code defaultPdf}. */
  public static final String INVOICING = "invoicing";
  public static final String DEFAULT_FORMAT = "defaultFormat";
  public static final String JOURNAL_CODES = "journalCodes";
  public static final String ACCOUNTS = "accounts";
  public static final String NOTIFICATION_EMAILS = "notificationEmails";
  public static final String BACKGROUND_THRESHOLD = "backgroundThreshold";
  public static final String SIREN = "siren";
  public static final String PAGE_ACCESS = "pageAccess";
  public static final String LOCALE = "locale";
  /** Number, absent when synchronous exports send no mail. */
  public static final String NOTIFY_ABOVE = "notifyAbove";
  public static final String AUTO_EXPORT = "autoExport";
  /** GSI1 partition of the tenants whose monthly export runs on a day: {@code AUTOEXPORT#DAY#07}. */
  public static final String AUTO_EXPORT_DAY_PREFIX = "AUTOEXPORT#DAY#";

  private SettingsItemMapper() {}

  public static String pk(TenantId tenant) {
    return "T#" + tenant.value() + "#SETTINGS";
  }

  public static Map<String, AttributeValue> key(TenantId tenant) {
    return Map.of(TableDefinition.PK, Attrs.s(pk(tenant)), TableDefinition.SK, Attrs.s(SK_SETTINGS));
  }

  /** {@code AUTOEXPORT#DAY#<dd>}: the GSI1 partition of the tenants whose monthly export runs on {@code dayOfMonth}. */
  public static String autoExportPartition(int dayOfMonth) {
    return AUTO_EXPORT_DAY_PREFIX + String.format(Locale.ROOT, "%02d", dayOfMonth);
  }

  /** {@code T#<tenant>}: the GSI1 sort key of a settings item in an {@link #autoExportPartition} partition. */
  public static String autoExportSortKey(TenantId tenant) {
    return "T#" + tenant.value();
  }

  /** The tenant named by a GSI1 sort key written by {@link #autoExportSortKey}. */
  public static TenantId tenantOfAutoExportSortKey(String sortKey) {
    if (sortKey == null || !sortKey.startsWith("T#")) {
      throw new IllegalStateException("not an autoExport index sort key: " + sortKey);
    }
    return new TenantId(sortKey.substring(2));
  }

  public static Map<String, AttributeValue> toItem(TenantId tenant, TenantSettings s) {
    Map<String, AttributeValue> item = new HashMap<>(key(tenant));
    if (s.fiscalYearStart() != null) {
      putS(item, FISCAL_YEAR_START, String.format(Locale.ROOT, "%02d-%02d",
          s.fiscalYearStart().getMonthValue(), s.fiscalYearStart().getDayOfMonth()));
    }
    if (s.vatRegimeServices() != null) {
      putS(item, VAT_REGIME_SERVICES, s.vatRegimeServices().wire());
    }
    putS(item, NUMBERING_PATTERN, s.numberingPattern());
    putS(item, DEFAULT_FORMAT, s.defaultFormat());
    Map<String, AttributeValue> codes = new HashMap<>();
    s.journalCodes().forEach((kind, code) -> putS(codes, journalKey(kind), code));
    item.put(JOURNAL_CODES, Attrs.m(codes));
    if (s.accounts() != null) {
      item.put(ACCOUNTS, Attrs.m(accounts(s.accounts())));
    }
    putStrings(item, NOTIFICATION_EMAILS, s.notificationEmails());
    item.put(BACKGROUND_THRESHOLD, Attrs.n(s.backgroundThreshold()));
    putS(item, SIREN, s.siren());
    Map<String, AttributeValue> access = new HashMap<>();
    s.pageAccess().forEach((screen, levels) -> {
      Map<String, AttributeValue> byRole = new HashMap<>();
      levels.forEach((role, level) -> putS(byRole, role.wire(), level.wire()));
      access.put(screen.wire(), Attrs.m(byRole));
    });
    item.put(PAGE_ACCESS, Attrs.m(access));
    putS(item, LOCALE, s.language().wire());
    if (s.notifyAbove() != null) {
      item.put(NOTIFY_ABOVE, Attrs.n(s.notifyAbove()));
    }
    item.put(INVOICING, Attrs.m(invoicing(s.invoicing())));
    AutoExport auto = s.autoExport();
    if (auto != null) {
      Map<String, AttributeValue> a = new HashMap<>();
      a.put("enabled", Attrs.bool(auto.enabled()));
      a.put("dayOfMonth", Attrs.n(auto.dayOfMonth()));
      putStrings(a, "journals", auto.journals());
      putS(a, "format", auto.format());
      item.put(AUTO_EXPORT, Attrs.m(a));
      if (auto.enabled()) {
        item.put(TableDefinition.GSI1PK, Attrs.s(autoExportPartition(auto.dayOfMonth())));
        item.put(TableDefinition.GSI1SK, Attrs.s(autoExportSortKey(tenant)));
      }
    }
    return item;
  }

  public static TenantSettings toSettings(Map<String, AttributeValue> item) {
    TenantSettings defaults = TenantSettings.defaults();
    String fiscalYearStart = getS(item, FISCAL_YEAR_START);
    String regime = getS(item, VAT_REGIME_SERVICES);
    Long threshold = getLong(item, BACKGROUND_THRESHOLD);
    Map<String, AttributeValue> accounts = getMap(item, ACCOUNTS);
    String locale = getS(item, LOCALE);
    Long notifyAbove = getLong(item, NOTIFY_ABOVE);
    return new TenantSettings(
        fiscalYearStart == null ? defaults.fiscalYearStart() : MonthDay.parse("--" + fiscalYearStart),
        regime == null ? defaults.vatRegimeServices()
            : VatRegime.fromWire(regime).orElseThrow(() -> unknown(VAT_REGIME_SERVICES, regime)),
        getS(item, NUMBERING_PATTERN, defaults.numberingPattern()),
        getS(item, DEFAULT_FORMAT, defaults.defaultFormat()),
        journalCodes(getMap(item, JOURNAL_CODES)),
        accounts == null ? defaults.accounts() : toAccounts(accounts),
        getStrings(item, NOTIFICATION_EMAILS),
        threshold == null ? defaults.backgroundThreshold() : Math.toIntExact(threshold),
        pageAccess(getMap(item, PAGE_ACCESS)),
        getS(item, SIREN),
        locale == null ? defaults.language()
            : Language.fromWire(locale).orElseThrow(() -> unknown(LOCALE, locale)),
        autoExport(getMap(item, AUTO_EXPORT)),
        notifyAbove == null ? null : Math.toIntExact(notifyAbove),
        toInvoicing(getMap(item, INVOICING)));
  }

  private static Map<String, AttributeValue> invoicing(Invoicing i) {
    Map<String, AttributeValue> m = new HashMap<>();
    Company c = i.company();
    if (c != null) {
      Map<String, AttributeValue> cm = new HashMap<>();
      putS(cm, "name", c.name());
      putS(cm, "legalForm", c.legalForm());
      if (c.shareCapital() != null) {
        putMoney(cm, "shareCapital", c.shareCapital());
      }
      if (c.address() != null) {
        putMap(cm, "address", DocumentItemMapper.address(c.address()));
      }
      putS(cm, "siren", c.siren());
      putS(cm, "siret", c.siret());
      putS(cm, "rcs", c.rcs());
      putS(cm, "vatNumber", c.vatNumber());
      putS(cm, "logo", c.logo());
      m.put("company", Attrs.m(cm));
    }
    m.put("paymentTermsDays", Attrs.n(i.paymentTermsDays()));
    putS(m, "latePenaltyRate", i.latePenaltyRate());
    putS(m, "defaultPdf", i.defaultPdf().wire());
    return m;
  }

  private static Invoicing toInvoicing(Map<String, AttributeValue> m) {
    if (m == null) {
      return Invoicing.defaults();
    }
    Map<String, AttributeValue> cm = getMap(m, "company");
    Company company = null;
    if (cm != null) {
      Map<String, AttributeValue> address = getMap(cm, "address");
      company = new Company(getS(cm, "name"), getS(cm, "legalForm"), getDecimal(cm, "shareCapital"),
          address == null ? null : DocumentItemMapper.toAddress(address), getS(cm, "siren"), getS(cm, "siret"),
          getS(cm, "rcs"), getS(cm, "vatNumber"), getS(cm, "logo"));
    }
    Long terms = getLong(m, "paymentTermsDays");
    String pdf = getS(m, "defaultPdf");
    return new Invoicing(company, terms == null ? Invoicing.DEFAULT_PAYMENT_TERMS_DAYS : Math.toIntExact(terms),
        getS(m, "latePenaltyRate"),
        pdf == null ? PdfBundle.NONE : PdfBundle.fromWire(pdf).orElseThrow(() -> unknown(INVOICING + ".defaultPdf", pdf)));
  }

  private static AutoExport autoExport(Map<String, AttributeValue> stored) {
    if (stored == null) {
      return null;
    }
    Long day = getLong(stored, "dayOfMonth");
    if (day != null && (day < 1 || day > AutoExport.LAST_DAY)) {
      throw unknown(AUTO_EXPORT + ".dayOfMonth", day.toString());
    }
    List<String> journals = getStrings(stored, "journals");
    return new AutoExport(getBool(stored, "enabled", false), day == null ? AutoExport.DEFAULT_DAY : Math.toIntExact(day),
        journals == null ? List.of() : journals, getS(stored, "format"));
  }

  private static String journalKey(JournalKind kind) {
    return kind.name().toLowerCase(Locale.ROOT);
  }

  private static Map<JournalKind, String> journalCodes(Map<String, AttributeValue> stored) {
    if (stored == null) {
      return null; // TenantSettings fills in the default codes
    }
    Map<JournalKind, String> codes = new EnumMap<>(JournalKind.class);
    stored.forEach((name, code) -> {
      JournalKind kind;
      try {
        kind = JournalKind.valueOf(name.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw unknown(JOURNAL_CODES, name);
      }
      codes.put(kind, code.s());
    });
    return codes;
  }

  private static Map<Screen, Map<Role, Level>> pageAccess(Map<String, AttributeValue> stored) {
    if (stored == null) {
      return null; // TenantSettings fills in the default access
    }
    Map<Screen, Map<Role, Level>> access = new EnumMap<>(Screen.class);
    stored.forEach((name, value) -> {
      Screen screen = Screen.fromWire(name).orElseThrow(() -> unknown(PAGE_ACCESS, name));
      if (value.hasM()) {
        Map<Role, Level> levels = new EnumMap<>(Role.class);
        value.m().forEach((role, level) -> levels.put(
            Role.fromWire(role).orElseThrow(() -> unknown(PAGE_ACCESS + "." + name, role)),
            Level.fromWire(level.s()).orElseThrow(() -> unknown(PAGE_ACCESS + "." + name + "." + role, level.s()))));
        access.put(screen, levels);
      } else {
        // the old shape: the roles that saw the screen
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (AttributeValue role : value.hasL() ? value.l() : List.<AttributeValue>of()) {
          roles.add(Role.fromWire(role.s()).orElseThrow(() -> unknown(PAGE_ACCESS + "." + name, role.s())));
        }
        access.putAll(TenantSettings.fromRoles(Map.of(screen, roles)));
      }
    });
    return access;
  }

  private static Map<String, AttributeValue> accounts(AccountMapping a) {
    Map<String, AttributeValue> m = new HashMap<>();
    putS(m, "customer", a.customer());
    putS(m, "supplier", a.supplier());
    putS(m, "employee", a.employee());
    putS(m, "revenueServices", a.revenueServices());
    putS(m, "revenueGoods", a.revenueGoods());
    putS(m, "vatCollected", a.vatCollected());
    Map<String, AttributeValue> byRate = new HashMap<>();
    a.vatCollectedByRate().forEach((rate, account) -> putS(byRate, rate, account));
    m.put("vatCollectedByRate", Attrs.m(byRate));
    putS(m, "vatCollectedPending", a.vatCollectedPending());
    putS(m, "vatDeductible", a.vatDeductible());
    putS(m, "vatDeductibleFixedAssets", a.vatDeductibleFixedAssets());
    putS(m, "vatDeductiblePending", a.vatDeductiblePending());
    putS(m, "customerDeposits", a.customerDeposits());
    putS(m, "bank", a.bank());
    putS(m, "cash", a.cash());
    putS(m, "expenses", a.expenses());
    putS(m, "fxLoss", a.fxLoss());
    putS(m, "fxGain", a.fxGain());
    putS(m, "customerAuxPrefix", a.customerAuxPrefix());
    putS(m, "supplierAuxPrefix", a.supplierAuxPrefix());
    putS(m, "employeeAuxPrefix", a.employeeAuxPrefix());
    return m;
  }

  private static AccountMapping toAccounts(Map<String, AttributeValue> m) {
    AccountMapping d = AccountMapping.defaults();
    Map<String, AttributeValue> storedByRate = getMap(m, "vatCollectedByRate");
    Map<String, String> byRate = new HashMap<>();
    if (storedByRate != null) {
      storedByRate.forEach((rate, account) -> byRate.put(rate, account.s()));
    }
    return new AccountMapping(
        getS(m, "customer", d.customer()),
        getS(m, "supplier", d.supplier()),
        getS(m, "employee", d.employee()),
        getS(m, "revenueServices", d.revenueServices()),
        getS(m, "revenueGoods", d.revenueGoods()),
        getS(m, "vatCollected", d.vatCollected()),
        byRate,
        getS(m, "vatCollectedPending", d.vatCollectedPending()),
        getS(m, "vatDeductible", d.vatDeductible()),
        getS(m, "vatDeductibleFixedAssets", d.vatDeductibleFixedAssets()),
        getS(m, "vatDeductiblePending", d.vatDeductiblePending()),
        getS(m, "customerDeposits", d.customerDeposits()),
        getS(m, "bank", d.bank()),
        getS(m, "cash", d.cash()),
        getS(m, "expenses", d.expenses()),
        getS(m, "fxLoss", d.fxLoss()),
        getS(m, "fxGain", d.fxGain()),
        getS(m, "customerAuxPrefix", d.customerAuxPrefix()),
        getS(m, "supplierAuxPrefix", d.supplierAuxPrefix()),
        getS(m, "employeeAuxPrefix", d.employeeAuxPrefix()));
  }

  private static IllegalStateException unknown(String attribute, String value) {
    return new IllegalStateException("stored settings have an unknown " + attribute + ": " + value);
  }
}
