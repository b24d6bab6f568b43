package com.accountingexport.adapters.json;

import com.accountingexport.core.auth.Level;
import com.accountingexport.core.auth.Role;
import com.accountingexport.core.auth.Screen;
import com.accountingexport.core.booking.JournalKind;
import com.accountingexport.core.settings.AccountMapping;
import com.accountingexport.core.settings.AutoExport;
import com.accountingexport.core.settings.Invoicing;
import com.accountingexport.core.settings.Language;
import com.accountingexport.core.settings.TenantSettings;
import com.accountingexport.core.settings.VatRegime;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.DateTimeException;
import java.time.MonthDay;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The wire form of a tenant's settings. {@code PUT /settings} takes any subset of the fields and
 * keeps the current value of those it does not name.
 */
public final class SettingsJson {
  private static final Pattern JOURNAL_CODE = Pattern.compile("^[A-Z0-9]{1,8}$");
  private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
  private static final Pattern AUX_PREFIX = Pattern.compile("^[0-9A-Za-z]{0,10}$");
  private static final Pattern RATE = Pattern.compile("^\\d{1,2}\\.\\d{2}$");
  private static final Pattern SIREN = Pattern.compile("^\\d{9}$");
  private static final Pattern MONTH_DAY = Pattern.compile("^\\d{2}-\\d{2}$");
  /** {yyyy}, {yy}, {MM} and {seq} or {seq:N}: the sequence is mandatory so that numbers are unique. */
  private static final Pattern NUMBERING = Pattern.compile("^([A-Za-z0-9_./-]|\\{yyyy}|\\{yy}|\\{MM}|\\{seq(:[1-9])?})*$");

  private static final Map<JournalKind, String> JOURNAL_FIELDS = new EnumMap<>(Map.of(
      JournalKind.SALES, "sales", JournalKind.BANK, "bank", JournalKind.PURCHASES, "purchases",
      JournalKind.CASH, "cash", JournalKind.EXPENSES, "expenses", JournalKind.MISC, "misc"));
  private static final List<String> ACCOUNT_FIELDS = List.of("customer", "supplier", "employee", "revenueServices",
      "revenueGoods", "vatCollected", "vatCollectedPending", "vatDeductible", "vatDeductibleFixedAssets",
      "vatDeductiblePending", "customerDeposits", "bank", "cash", "expenses", "fxLoss", "fxGain");
  private static final List<String> PREFIX_FIELDS = List.of("customerAuxPrefix", "supplierAuxPrefix", "employeeAuxPrefix");
  private static final Set<String> FIELDS = Set.of("fiscalYearStart", "vatRegimeServices", "numberingPattern",
      "defaultFormat", "journalCodes", "accounts", "notificationEmails", "backgroundThreshold", "depositsAsPayments",
      "pageAccess", "siren", "locale", "autoExport", "notifyAbove", "company", "paymentTermsDays", "latePenaltyRate",
      "defaultPdf");
  private static final Set<String> PAGES =
      Arrays.stream(Screen.values()).map(Screen::wire).collect(java.util.stream.Collectors.toUnmodifiableSet());
  private static final Set<String> ROLES =
      Arrays.stream(Role.values()).map(Role::wire).collect(java.util.stream.Collectors.toUnmodifiableSet());
  private static final Pattern ROLE = Pattern.compile("^(firm_user|company_admin|company_user)$");
  private static final Set<String> AUTO_EXPORT_FIELDS = Set.of("enabled", "dayOfMonth", "journals", "format");

  private SettingsJson() {}

  /**
   * Applies the fields present in {@code n} on top of {@code current}; every violation is reported
   * at once (400). {@code formats} are the known export format ids.
   */
  public static TenantSettings merge(TenantSettings current, JsonNode n, Set<String> formats) {
    JsonReader r = new JsonReader();
    if (!n.isObject()) {
      r.fail(null, "INVALID_TYPE", "the settings must be a JSON object");
      r.throwIfInvalid();
    }
    r.onlyFields(n, "", FIELDS);
    MonthDay fy = current.fiscalYearStart();
    String fyText = r.text(n, "", "fiscalYearStart", false, 5);
    if (fyText != null) {
      fy = monthDay(fyText, r);
    }
    VatRegime regime = r.oneOf(n, "", "vatRegimeServices", false, VatRegime::fromWire,
        Arrays.stream(VatRegime.values()).map(VatRegime::wire).toList());
    String numbering = r.text(n, "", "numberingPattern", false, 64);
    if (numbering != null && (!NUMBERING.matcher(numbering).matches() || !numbering.contains("{seq"))) {
      r.fail("numberingPattern", "INVALID_FORMAT",
          "must contain {seq} or {seq:N} and otherwise only letters, digits, - _ . / and {yyyy} {yy} {MM}");
    }
    String format = r.text(n, "", "defaultFormat", false, 32);
    if (format != null && !formats.contains(format)) {
      r.fail("defaultFormat", "UNKNOWN_FORMAT", "must be one of " + formats.stream().sorted().toList());
    }
    Map<JournalKind, String> codes = new EnumMap<>(current.journalCodes());
    JsonNode jc = r.object(n, "", "journalCodes", false);
    if (jc != null) {
      r.onlyFields(jc, "journalCodes", Set.copyOf(JOURNAL_FIELDS.values()));
      JOURNAL_FIELDS.forEach((kind, field) -> {
        String code = r.matching(jc, "journalCodes", field, false, JOURNAL_CODE, "1-8 upper-case letters or digits");
        if (code != null) {
          codes.put(kind, code);
        }
      });
      if (Set.copyOf(codes.values()).size() != codes.size()) {
        r.fail("journalCodes", "DUPLICATE_JOURNAL_CODE", "each journal needs its own code");
      }
    }
    AccountMapping accounts = current.accounts();
    JsonNode acc = r.object(n, "", "accounts", false);
    if (acc != null) {
      accounts = accounts(accounts, acc, r);
    }
    List<String> emails = r.strings(n, "", "notificationEmails", 20, EMAIL, "an e-mail address");
    Integer threshold = r.integer(n, "", "backgroundThreshold", 1, 1_000_000);
    if (Boolean.TRUE.equals(r.bool(n, "", "depositsAsPayments"))) {
      // removed in 0.3.0: it left the deposits' VAT unbooked (issue #9); false is still accepted
      r.fail("depositsAsPayments", "SETTING_REMOVED", "deposits-as-payments is no longer offered: it left the"
          + " deposits' VAT unbooked. Deposit invoices are booked D 411 / C 4191 / C 4457x and deducted by the final"
          + " invoice (README, \"Deposits\"); send false or leave the field out");
    }
    Map<Screen, Map<Role, Level>> access = pageAccess(current, r.object(n, "", "pageAccess", false), r);
    String siren = current.siren();
    JsonNode sirenNode = n.get("siren");
    if (sirenNode != null) {
      siren = sirenNode.isNull() ? null : r.matching(n, "", "siren", false, SIREN, "9 digits (the company's SIREN)");
    }
    Language language = language(n, r);
    AutoExport autoExport = autoExport(current, n, codes, jc != null, formats, r);
    Integer notifyAbove = current.notifyAbove();
    JsonNode notifyNode = n.get("notifyAbove");
    if (notifyNode != null) {
      notifyAbove = notifyNode.isNull() ? null : r.integer(n, "", "notifyAbove", 0, 1_000_000);
    }
    Invoicing invoicing = InvoicingJson.merge(current.invoicing(), n, r);
    r.throwIfInvalid();
    return new TenantSettings(fy,
        regime != null ? regime : current.vatRegimeServices(),
        numbering != null ? numbering : current.numberingPattern(),
        format != null ? format : current.defaultFormat(),
        codes, accounts,
        emails != null ? emails : current.notificationEmails(),
        threshold != null ? threshold : current.backgroundThreshold(),
        access, siren,
        language != null ? language : current.language(),
        autoExport, notifyAbove, invoicing);
  }

  /**
   * {@code autoExport}: its fields are merged onto the current ones (or the defaults: disabled, day 1,
   * every journal, the tenant's format); JSON null turns it off and forgets it. The journals must be
   * the tenant's codes, checked against the codes this same request leaves in place.
   */
  private static AutoExport autoExport(TenantSettings current, JsonNode n, Map<JournalKind, String> codes,
      boolean codesChanged, Set<String> formats, JsonReader r) {
    JsonNode node = n.get("autoExport");
    if (node != null && node.isNull()) {
      return null;
    }
    AutoExport base = current.autoExportOrDisabled();
    if (node == null) {
      if (codesChanged && current.autoExport() != null) {
        unknownJournals(base.journals(), codes, r, " (journalCodes changes it: send autoExport.journals too)");
      }
      return current.autoExport();
    }
    if (!node.isObject()) {
      r.fail("autoExport", "INVALID_TYPE", "must be an object such as {\"enabled\": true, \"dayOfMonth\": 5}, or null");
      return current.autoExport();
    }
    r.onlyFields(node, "autoExport", AUTO_EXPORT_FIELDS);
    Boolean enabled = r.bool(node, "autoExport", "enabled");
    Integer day = r.integer(node, "autoExport", "dayOfMonth", 1, AutoExport.LAST_DAY);
    List<String> journals = base.journals();
    List<String> asked = r.strings(node, "autoExport", "journals", JournalKind.values().length, JOURNAL_CODE,
        "a journal code of this tenant " + Set.copyOf(codes.values()).stream().sorted().toList());
    boolean wellFormed = asked == null || asked.size() == node.get("journals").size(); // else already refused
    if (asked != null && wellFormed) {
      journals = asked;
      for (int i = 0; i < asked.size(); i++) {
        if (asked.indexOf(asked.get(i)) < i) {
          r.fail("autoExport.journals[" + i + "]", "DUPLICATE_JOURNAL", "names " + asked.get(i) + " twice");
        }
      }
    }
    if (wellFormed && (asked != null || codesChanged)) {
      unknownJournals(journals, codes, r, "");
    }
    String format = base.format();
    JsonNode f = node.get("format");
    if (f != null) {
      if (f.isNull()) {
        format = null;
      } else if (!f.isTextual() || !formats.contains(f.textValue())) {
        r.fail("autoExport.format", "UNKNOWN_FORMAT",
            "must be one of " + formats.stream().sorted().toList() + ", or null for the tenant's defaultFormat");
      } else {
        format = f.textValue();
      }
    }
    return new AutoExport(enabled != null ? enabled : base.enabled(), day != null ? day : base.dayOfMonth(), journals,
        format);
  }

  private static void unknownJournals(List<String> journals, Map<JournalKind, String> codes, JsonReader r, String hint) {
    for (int i = 0; i < journals.size(); i++) {
      if (!codes.containsValue(journals.get(i))) {
        r.fail("autoExport.journals[" + i + "]", "UNKNOWN_JOURNAL", "'" + journals.get(i)
            + "' is not one of this tenant's journals " + codes.values().stream().sorted().toList() + hint);
      }
    }
  }

  /**
   * {@code pageAccess}: per page, the level of each role ({@code {"exports": {"company_user": "read"}}});
   * only the page/role pairs given change. The old form, an array of the roles that see a page, still
   * works: listed roles get write, the others none. Lowering the company admin's {@code settings}
   * level is refused (ADMIN_LOCKOUT): a company must never lock itself out of its settings; the old
   * form, which could not name that level, leaves it as it is.
   */
  private static Map<Screen, Map<Role, Level>> pageAccess(TenantSettings current, JsonNode pa, JsonReader r) {
    Map<Screen, Map<Role, Level>> access = new EnumMap<>(Screen.class);
    current.pageAccess().forEach((page, levels) -> access.put(page, new EnumMap<>(levels)));
    if (pa == null) {
      return access;
    }
    r.onlyFields(pa, "pageAccess", PAGES);
    for (Screen page : Screen.values()) {
      JsonNode node = pa.get(page.wire());
      String path = "pageAccess." + page.wire();
      if (node == null) {
        continue;
      }
      if (node.isArray()) {
        List<String> roles = r.strings(pa, "pageAccess", page.wire(), Role.values().length, ROLE,
            "one of " + ROLES.stream().sorted().toList());
        if (roles != null) {
          Set<Role> listed = EnumSet.noneOf(Role.class);
          roles.stream().map(Role::fromWire).flatMap(java.util.Optional::stream).forEach(listed::add);
          access.get(page).putAll(TenantSettings.fromRoles(Map.of(page, listed)).get(page));
          if (page == Screen.SETTINGS) {
            access.get(page).put(Role.COMPANY_ADMIN, Level.WRITE);
          }
        }
      } else if (node.isObject()) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
          var e = it.next();
          String field = path + "." + e.getKey();
          Role role = Role.fromWire(e.getKey()).orElse(null);
          Level level = e.getValue().isTextual() ? Level.fromWire(e.getValue().textValue()).orElse(null) : null;
          if (role == null) {
            r.fail(field, "UNKNOWN_ROLE", "is not a role; known: " + ROLES.stream().sorted().toList());
          } else if (level == null) {
            r.fail(field, "INVALID_VALUE", "must be one of none, read, write");
          } else if (page == Screen.SETTINGS && role == Role.COMPANY_ADMIN && level != Level.WRITE) {
            r.fail(field, "ADMIN_LOCKOUT", "a company admin always keeps settings write, so that the company can"
                + " never lock itself out of its settings");
          } else {
            access.get(page).put(role, level);
          }
        }
      } else {
        r.fail(path, "INVALID_TYPE", "must be an object of levels per role such as {\"company_user\": \"read\"}"
            + " (or, the old form, an array of roles)");
      }
    }
    return access;
  }

  /** {@code locale}: {@code fr} or {@code en}, nothing else (not even an empty string); null keeps the current one. */
  private static Language language(JsonNode n, JsonReader r) {
    List<String> allowed = Arrays.stream(Language.values()).map(Language::wire).toList();
    JsonNode node = n.get("locale");
    if (node != null && node.isTextual() && node.textValue().isEmpty()) {
      r.fail("locale", "INVALID_VALUE", "must be one of " + allowed + ", got \"\"");
      return null;
    }
    return r.oneOf(n, "", "locale", false, Language::fromWire, allowed);
  }

  private static MonthDay monthDay(String text, JsonReader r) {
    if (!MONTH_DAY.matcher(text).matches()) {
      r.fail("fiscalYearStart", "INVALID_FORMAT", "must be MM-DD, e.g. 01-01 or 07-01");
      return null;
    }
    try {
      MonthDay md = MonthDay.of(Integer.parseInt(text.substring(0, 2)), Integer.parseInt(text.substring(3)));
      if (md.getMonthValue() == 2 && md.getDayOfMonth() == 29) {
        r.fail("fiscalYearStart", "INVALID_FORMAT", "must not be 02-29 (it does not exist every year)");
        return null;
      }
      return md;
    } catch (DateTimeException e) {
      r.fail("fiscalYearStart", "INVALID_FORMAT", "is not a real day of the year: " + text);
      return null;
    }
  }

  private static AccountMapping accounts(AccountMapping a, JsonNode n, JsonReader r) {
    java.util.HashSet<String> allowed = new java.util.HashSet<>(ACCOUNT_FIELDS);
    allowed.addAll(PREFIX_FIELDS);
    allowed.add("vatCollectedByRate");
    r.onlyFields(n, "accounts", allowed);
    Map<String, String> v = new HashMap<>(current(a));
    for (String f : ACCOUNT_FIELDS) {
      String x = r.matching(n, "accounts", f, false, DocumentJson.ACCOUNT,
          "a PCG account number: three digits of the PCG (the class 1-8 first), then up to 17 digits or letters");
      if (x != null) {
        v.put(f, x);
      }
    }
    for (String f : PREFIX_FIELDS) {
      JsonNode node = n.get(f);
      if (node != null && !node.isNull()) {
        String x = r.matching(n, "accounts", f, false, AUX_PREFIX, "0-10 letters or digits");
        if (x != null || (node.isTextual() && node.textValue().isEmpty())) {
          v.put(f, x == null ? "" : x);
        }
      }
    }
    Map<String, String> byRate = new LinkedHashMap<>(a.vatCollectedByRate());
    JsonNode br = r.object(n, "accounts", "vatCollectedByRate", false);
    if (br != null) {
      byRate.clear();
      for (Iterator<Map.Entry<String, JsonNode>> it = br.fields(); it.hasNext(); ) {
        var e = it.next();
        String path = "accounts.vatCollectedByRate." + e.getKey();
        if (!RATE.matcher(e.getKey()).matches()) {
          r.fail(path, "INVALID_FORMAT", "the key must be a rate with two decimals such as 20.00");
        } else if (!e.getValue().isTextual() || !DocumentJson.ACCOUNT.matcher(e.getValue().textValue()).matches()) {
          r.fail(path, "INVALID_FORMAT", "must be a PCG account number");
        } else {
          byRate.put(e.getKey(), e.getValue().textValue());
        }
      }
    }
    return new AccountMapping(v.get("customer"), v.get("supplier"), v.get("employee"), v.get("revenueServices"),
        v.get("revenueGoods"), v.get("vatCollected"), byRate, v.get("vatCollectedPending"), v.get("vatDeductible"),
        v.get("vatDeductibleFixedAssets"), v.get("vatDeductiblePending"), v.get("customerDeposits"), v.get("bank"),
        v.get("cash"), v.get("expenses"), v.get("fxLoss"), v.get("fxGain"), v.get("customerAuxPrefix"),
        v.get("supplierAuxPrefix"), v.get("employeeAuxPrefix"));
  }

  private static Map<String, String> current(AccountMapping a) {
    Map<String, String> m = new HashMap<>();
    m.put("customer", a.customer());
    m.put("supplier", a.supplier());
    m.put("employee", a.employee());
    m.put("revenueServices", a.revenueServices());
    m.put("revenueGoods", a.revenueGoods());
    m.put("vatCollected", a.vatCollected());
    m.put("vatCollectedPending", a.vatCollectedPending());
    m.put("vatDeductible", a.vatDeductible());
    m.put("vatDeductibleFixedAssets", a.vatDeductibleFixedAssets());
    m.put("vatDeductiblePending", a.vatDeductiblePending());
    m.put("customerDeposits", a.customerDeposits());
    m.put("bank", a.bank());
    m.put("cash", a.cash());
    m.put("expenses", a.expenses());
    m.put("fxLoss", a.fxLoss());
    m.put("fxGain", a.fxGain());
    m.put("customerAuxPrefix", a.customerAuxPrefix());
    m.put("supplierAuxPrefix", a.supplierAuxPrefix());
    m.put("employeeAuxPrefix", a.employeeAuxPrefix());
    return m;
  }

  public static ObjectNode write(TenantSettings s) {
    ObjectNode o = Json.object();
    o.put("fiscalYearStart", String.format("%02d-%02d", s.fiscalYearStart().getMonthValue(), s.fiscalYearStart().getDayOfMonth()));
    o.put("vatRegimeServices", s.vatRegimeServices().wire());
    o.put("numberingPattern", s.numberingPattern());
    o.put("defaultFormat", s.defaultFormat());
    ObjectNode jc = o.putObject("journalCodes");
    JOURNAL_FIELDS.forEach((k, f) -> jc.put(f, s.journalCode(k)));
    ObjectNode acc = o.putObject("accounts");
    Map<String, String> cur = current(s.accounts());
    ACCOUNT_FIELDS.forEach(f -> acc.put(f, cur.get(f)));
    ObjectNode br = acc.putObject("vatCollectedByRate");
    new java.util.TreeMap<>(s.accounts().vatCollectedByRate()).forEach(br::put);
    PREFIX_FIELDS.forEach(f -> acc.put(f, cur.get(f)));
    ArrayNode emails = o.putArray("notificationEmails");
    s.notificationEmails().forEach(emails::add);
    o.put("backgroundThreshold", s.backgroundThreshold());
    o.put("siren", s.siren());
    o.put("locale", s.language().wire());
    if (s.notifyAbove() == null) {
      o.putNull("notifyAbove");
    } else {
      o.put("notifyAbove", s.notifyAbove());
    }
    AutoExport auto = s.autoExportOrDisabled();
    ObjectNode ae = o.putObject("autoExport");
    ae.put("enabled", auto.enabled());
    ae.put("dayOfMonth", auto.dayOfMonth());
    ArrayNode aj = ae.putArray("journals");
    auto.journals().forEach(aj::add);
    ae.put("format", auto.format());
    ObjectNode pa = o.putObject("pageAccess");
    for (Screen sc : Screen.values()) {
      ObjectNode levels = pa.putObject(sc.wire());
      for (Role role : Role.values()) {
        levels.put(role.wire(), s.level(sc, role).wire());
      }
    }
    InvoicingJson.write(s.invoicing(), o);
    return o;
  }
}
