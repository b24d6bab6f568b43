package com.accountingexport.adapters.json;

import com.accountingexport.core.document.Address;
import com.accountingexport.core.money.Money;
import com.accountingexport.core.settings.Company;
import com.accountingexport.core.settings.Invoicing;
import com.accountingexport.core.settings.PdfBundle;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The invoicing settings on the wire: {@code company} (merged field by field; null clears it),
 * {@code paymentTermsDays}, {@code latePenaltyRate}, {@code defaultPdf}.
 */
final class InvoicingJson {
  static final Set<String> FIELDS = Set.of("company", "paymentTermsDays", "latePenaltyRate", "defaultPdf");
  private static final Set<String> COMPANY_FIELDS = Set.of("name", "legalForm", "shareCapital", "address", "siren",
      "siret", "rcs", "vatNumber", "logo");
  private static final Pattern SIREN = Pattern.compile("^\\d{9}$");
  private static final Pattern SIRET = Pattern.compile("^\\d{14}$");
  /** An intra-EU VAT number: the country's two letters then 2 to 13 letters or digits (FR12345678901). */
  private static final Pattern VAT_NUMBER = Pattern.compile("^[A-Z]{2}[0-9A-Z]{2,13}$");
  /** A logo of at most 256 KiB once decoded. */
  static final int MAX_LOGO_BYTES = 256 * 1024;
  static final List<String> BUNDLES = Arrays.stream(PdfBundle.values()).map(PdfBundle::wire).toList();

  private InvoicingJson() {}

  static Invoicing merge(Invoicing current, JsonNode n, JsonReader r) {
    Company company = current.company();
    JsonNode cn = n.get("company");
    if (cn != null) {
      if (cn.isNull()) {
        company = null;
      } else if (!cn.isObject()) {
        r.fail("company", "INVALID_TYPE", "must be an object {name, legalForm, shareCapital, address, siren, siret, rcs,"
            + " vatNumber, logo}, or null");
      } else {
        company = company(company, cn, r);
      }
    }
    Integer terms = r.integer(n, "", "paymentTermsDays", 0, 365);
    String penalty = current.latePenaltyRate();
    JsonNode pn = n.get("latePenaltyRate");
    if (pn != null) {
      penalty = pn.isNull() ? null : r.text(n, "", "latePenaltyRate", false, 200);
    }
    PdfBundle pdf = r.oneOf(n, "", "defaultPdf", false, PdfBundle::fromWire, BUNDLES);
    return new Invoicing(company, terms != null ? terms : current.paymentTermsDays(), penalty,
        pdf != null ? pdf : current.defaultPdf());
  }

  /** The fields present replace the current ones; JSON null clears one. */
  private static Company company(Company current, JsonNode n, JsonReader r) {
    Company c = current != null ? current : new Company(null, null, null, null, null, null, null, null, null);
    r.onlyFields(n, "company", COMPANY_FIELDS);
    String name = text(n, "name", c.name(), 200, r);
    String legalForm = text(n, "legalForm", c.legalForm(), 50, r);
    BigDecimal capital = c.shareCapital();
    if (n.has("shareCapital")) {
      capital = n.get("shareCapital").isNull() ? null : r.money(n, "company", "shareCapital", false);
      if (capital != null && capital.signum() < 0) {
        r.fail("company.shareCapital", "INVALID_AMOUNT", "must not be negative");
      }
    }
    Address address = c.address();
    if (n.has("address")) {
      JsonNode an = n.get("address");
      if (an.isNull()) {
        address = null;
      } else if (!an.isObject()) {
        r.fail("company.address", "INVALID_TYPE", "must be an address object {line1, line2, postalCode, city, countryCode}");
      } else {
        address = DocumentJson.address(an, "company.address", r);
      }
    }
    String siren = matching(n, "siren", c.siren(), SIREN, "9 digits", r);
    String siret = matching(n, "siret", c.siret(), SIRET, "14 digits", r);
    if (siren != null && siret != null && !siret.startsWith(siren)) {
      r.fail("company.siret", "INCONSISTENT", "a SIRET starts with its company's SIREN (" + siren + ")");
    }
    String rcs = text(n, "rcs", c.rcs(), 100, r);
    String vat = matching(n, "vatNumber", c.vatNumber(), VAT_NUMBER, "an intra-EU VAT number such as FR12345678901", r);
    String logo = c.logo();
    if (n.has("logo")) {
      logo = n.get("logo").isNull() ? null : r.text(n, "company", "logo", false, MAX_LOGO_BYTES * 2);
      if (logo != null && !isImage(logo)) {
        r.fail("company.logo", "INVALID_IMAGE", "must be a PNG or JPEG image of at most " + (MAX_LOGO_BYTES / 1024)
            + " KiB, base64-encoded");
      }
    }
    return new Company(name, legalForm, capital, address, siren, siret, rcs, vat, logo);
  }

  private static String text(JsonNode n, String field, String current, int max, JsonReader r) {
    if (!n.has(field)) {
      return current;
    }
    return n.get(field).isNull() ? null : r.text(n, "company", field, false, max);
  }

  private static String matching(JsonNode n, String field, String current, Pattern p, String what, JsonReader r) {
    if (!n.has(field)) {
      return current;
    }
    return n.get(field).isNull() ? null : r.matching(n, "company", field, false, p, what);
  }

  /** Base64 of a PNG (89 50 4E 47) or a JPEG (FF D8 FF) within the size limit. */
  static boolean isImage(String base64) {
    try {
      byte[] b = Base64.getMimeDecoder().decode(base64);
      boolean png = b.length > 8 && (b[0] & 0xff) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G';
      boolean jpeg = b.length > 3 && (b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0xD8 && (b[2] & 0xff) == 0xFF;
      return (png || jpeg) && b.length <= MAX_LOGO_BYTES;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  static void write(Invoicing i, ObjectNode o) {
    Company c = i.company();
    if (c == null) {
      o.putNull("company");
    } else {
      ObjectNode co = o.putObject("company");
      co.put("name", c.name());
      co.put("legalForm", c.legalForm());
      co.put("shareCapital", c.shareCapital() == null ? null : Money.format(c.shareCapital()));
      if (c.address() == null) {
        co.putNull("address");
      } else {
        co.set("address", DocumentJson.address(c.address()));
      }
      co.put("siren", c.siren());
      co.put("siret", c.siret());
      co.put("rcs", c.rcs());
      co.put("vatNumber", c.vatNumber());
      co.put("logo", c.logo());
    }
    o.put("paymentTermsDays", i.paymentTermsDays());
    o.put("latePenaltyRate", i.latePenaltyRate());
    o.put("defaultPdf", i.defaultPdf().wire());
  }
}
