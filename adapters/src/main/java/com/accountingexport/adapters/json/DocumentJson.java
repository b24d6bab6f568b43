package com.accountingexport.adapters.json;

import com.accountingexport.core.booking.Anomaly;
import com.accountingexport.core.document.Address;
import com.accountingexport.core.document.Allocation;
import com.accountingexport.core.document.Counterparty;
import com.accountingexport.core.document.Document;
import com.accountingexport.core.document.DocumentLine;
import com.accountingexport.core.document.DocumentStatus;
import com.accountingexport.core.document.DocumentType;
import com.accountingexport.core.document.LineKind;
import com.accountingexport.core.document.PaymentInfo;
import com.accountingexport.core.document.ServicePeriod;
import com.accountingexport.core.document.StoredDocument;
import com.accountingexport.core.document.Totals;
import com.accountingexport.core.money.Money;
import com.accountingexport.core.service.DocumentView;
import com.accountingexport.core.settings.VatRegime;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** The wire form of a document (shared/API.md), both ways, with every shape rule at the boundary. */
public final class DocumentJson {
  /** Ids the platform chooses: letters, digits and . _ : @ -, at most 128, starting with a letter or digit. */
  public static final Pattern ID = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._:@-]{0,127}$");
  /**
   * A PCG account: its first three characters are digits of the plan comptable général (the class
   * 1-8 first), then digits or letters (sub-accounts), 3 to 20 characters in all.
   */
  public static final Pattern ACCOUNT = Pattern.compile("^[1-8][0-9]{2}[0-9A-Za-z]{0,17}$");
  public static final Pattern AUX_ACCOUNT = Pattern.compile("^[0-9A-Za-z]{1,20}$");
  private static final Pattern CURRENCY = Pattern.compile("^[A-Z]{3}$");
  private static final Pattern COUNTRY = Pattern.compile("^[A-Z]{2}$");
  private static final Pattern SIRET = Pattern.compile("^\\d{14}$");
  private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
  public static final int MAX_LINES = 1000;

  private static final Set<String> DOCUMENT_FIELDS = Set.of("id", "type", "number", "date", "status", "currency",
      "exchangeRate", "counterparty", "lines", "totals", "relatedDocumentId", "depositDocumentIds", "payment",
      "engagementNumber", "purchaseOrderNumber", "accountingPeriodEnd", "relatedDocumentIds", "vatRegime",
      "validatedAt", "dueDate",
      // read-only fields of a GET answer, accepted and ignored so that a client may send back what it read
      "exportState", "exportId", "exportNumber", "anomalies", "createdAt", "updatedAt", "version");
  private static final Set<String> COUNTERPARTY_FIELDS = Set.of("id", "name", "accountNumber", "siret", "vatNumber",
      "countryCode", "billingAddress", "deliveryAddress", "chorus", "email");
  private static final Set<String> ADDRESS_FIELDS = Set.of("line1", "line2", "postalCode", "city", "countryCode", "siret");
  private static final Set<String> LINE_FIELDS = Set.of("label", "kind", "netAmount", "vatRate", "vatAmount",
      "accountNumber", "servicePeriod");
  private static final Set<String> TOTALS_FIELDS = Set.of("net", "vat", "gross");
  private static final Set<String> PAYMENT_FIELDS = Set.of("method", "bankAccount", "paidAt", "external");
  private static final Set<String> PERIOD_FIELDS = Set.of("from", "to");
  private static final Set<String> ALLOCATION_FIELDS = Set.of("documentId", "amount");
  /** A settlement names at most this many documents (one DynamoDB transaction holds its relations). */
  public static final int MAX_ALLOCATIONS = 49;
  public static final List<String> VAT_REGIMES = Arrays.stream(VatRegime.values()).map(VatRegime::wire).toList();

  private DocumentJson() {}


  public static final List<String> TYPES = Arrays.stream(DocumentType.values()).map(DocumentType::wire).toList();
  public static final List<String> STATUSES = Arrays.stream(DocumentStatus.values()).map(DocumentStatus::wire).toList();
  public static final List<String> KINDS = Arrays.stream(LineKind.values()).map(LineKind::wire).toList();

  /**
   * Reads one document at {@code prefix} ("" or "documents[3]"), recording violations in {@code r}.
   * {@code pathId} is the id from the URL, if any: the body's id must then be absent or equal.
   * Returns null when the shape is broken (the violations say why).
   */
  public static Document read(JsonNode n, String prefix, String pathId, JsonReader r) {
    int before = r.violations().size();
    if (n == null || !n.isObject()) {
      r.fail(prefix.isEmpty() ? null : prefix, "INVALID_TYPE", "a document must be a JSON object");
      return null;
    }
    r.onlyFields(n, prefix, DOCUMENT_FIELDS);
    String id = r.matching(n, prefix, "id", pathId == null, ID, "1-128 letters, digits or . _ : @ -");
    if (pathId != null) {
      if (id != null && !id.equals(pathId)) {
        r.fail(p(prefix, "id"), "ID_MISMATCH", "must equal the id in the URL (" + pathId + ")");
      }
      id = pathId;
    }
    DocumentType type = r.oneOf(n, prefix, "type", true, DocumentType::fromWire, TYPES);
    String number = r.text(n, prefix, "number", false, 64);
    LocalDate date = r.date(n, prefix, "date", true);
    DocumentStatus status = r.oneOf(n, prefix, "status", true, DocumentStatus::fromWire, STATUSES);
    String currency = r.matching(n, prefix, "currency", false, CURRENCY, "an ISO 4217 code such as EUR");
    BigDecimal rate = r.decimal(n, prefix, "exchangeRate", false);
    if (rate != null && rate.signum() <= 0) {
      r.fail(p(prefix, "exchangeRate"), "INVALID_DECIMAL", "must be positive");
    }
    JsonNode cpNode = r.object(n, prefix, "counterparty", type != null && type != DocumentType.CASH_SALE);
    Counterparty counterparty = cpNode == null ? null : counterparty(cpNode, p(prefix, "counterparty"), r);

    boolean settlement = type != null && type.isSettlement();
    JsonNode linesNode = r.array(n, prefix, "lines", type != null && !settlement);
    List<DocumentLine> lines = new ArrayList<>();
    if (linesNode != null) {
      if (linesNode.isEmpty() && type != null && !settlement) {
        r.fail(p(prefix, "lines"), "REQUIRED", "must hold at least one line for a " + type.wire());
      }
      if (linesNode.size() > MAX_LINES) {
        r.fail(p(prefix, "lines"), "TOO_MANY", "must hold at most " + MAX_LINES + " lines");
      } else {
        for (int i = 0; i < linesNode.size(); i++) {
          DocumentLine line = line(linesNode.get(i), p(prefix, "lines") + "[" + i + "]", r);
          if (line != null) {
            lines.add(line);
          }
        }
      }
    }
    JsonNode totalsNode = r.object(n, prefix, "totals", true);
    Totals totals = null;
    if (totalsNode != null) {
      String tp = p(prefix, "totals");
      r.onlyFields(totalsNode, tp, TOTALS_FIELDS);
      BigDecimal net = r.money(totalsNode, tp, "net", true);
      BigDecimal vat = r.money(totalsNode, tp, "vat", true);
      BigDecimal gross = r.money(totalsNode, tp, "gross", true);
      if (net != null && vat != null && gross != null) {
        totals = new Totals(net, vat, gross);
      }
    }
    String related = r.matching(n, prefix, "relatedDocumentId", false, ID, "a document id");
    List<String> deposits = r.strings(n, prefix, "depositDocumentIds", 100, ID, "a document id");
    JsonNode payNode = r.object(n, prefix, "payment", false);
    PaymentInfo payment = payNode == null ? null : payment(payNode, p(prefix, "payment"), r);
    String engagement = r.text(n, prefix, "engagementNumber", false, 50);
    String po = r.text(n, prefix, "purchaseOrderNumber", false, 50);
    LocalDate periodEnd = r.date(n, prefix, "accountingPeriodEnd", false);
    List<Allocation> allocations = allocations(n, prefix, type, related, r);
    VatRegime vatRegime = r.oneOf(n, prefix, "vatRegime", false, VatRegime::fromWire, VAT_REGIMES);
    if (vatRegime != null && type != null && !type.isPurchaseSide()) {
      r.fail(p(prefix, "vatRegime"), "NOT_APPLICABLE", "is the supplier's VAT regime and only purchase invoices,"
          + " purchase credit notes and supplier payments carry it; sales follow settings.vatRegimeServices");
    }
    Instant validatedAt = instant(n, prefix, "validatedAt", r);
    LocalDate dueDate = r.date(n, prefix, "dueDate", false);

    if (r.violations().size() > before) {
      return null;
    }
    return new Document(id, type, number, date, status, currency == null ? "EUR" : currency, rate, counterparty,
        lines, totals, related, deposits, payment, engagement, po, periodEnd, allocations, vatRegime, validatedAt, dueDate);
  }

  /** {@code relatedDocumentIds}: settlements only, each {documentId, amount > 0}, each document once. */
  private static List<Allocation> allocations(JsonNode n, String prefix, DocumentType type, String related, JsonReader r) {
    JsonNode array = r.array(n, prefix, "relatedDocumentIds", false);
    if (array == null) {
      return List.of();
    }
    String path = p(prefix, "relatedDocumentIds");
    if (type != null && !type.isSettlement()) {
      r.fail(path, "NOT_APPLICABLE", "only payments, refunds and supplier payments settle several documents;"
          + " a " + type.wire() + " names its document in relatedDocumentId");
      return List.of();
    }
    if (array.size() > MAX_ALLOCATIONS) {
      r.fail(path, "TOO_MANY", "must hold at most " + MAX_ALLOCATIONS + " documents");
      return List.of();
    }
    if (related != null && !array.isEmpty()) {
      r.fail(path, "CONFLICT", "give relatedDocumentId or relatedDocumentIds, not both");
    }
    List<Allocation> out = new ArrayList<>();
    Set<String> seen = new java.util.HashSet<>();
    for (int i = 0; i < array.size(); i++) {
      String ip = path + "[" + i + "]";
      JsonNode a = array.get(i);
      if (a == null || !a.isObject()) {
        r.fail(ip, "INVALID_TYPE", "must be an object {\"documentId\", \"amount\"}");
        continue;
      }
      r.onlyFields(a, ip, ALLOCATION_FIELDS);
      String documentId = r.matching(a, ip, "documentId", true, ID, "a document id");
      BigDecimal amount = r.money(a, ip, "amount", true);
      if (amount != null && amount.signum() <= 0) {
        r.fail(ip + ".amount", "INVALID_AMOUNT", "must be positive: the amount this settlement pays on that document");
      }
      if (documentId != null && !seen.add(documentId)) {
        r.fail(ip + ".documentId", "DUPLICATE", "names " + documentId + " twice");
      }
      out.add(new Allocation(documentId, amount));
    }
    return out;
  }

  /** An ISO-8601 instant with its offset ({@code 2026-11-30T09:15:00Z}), or a date (that day, 00:00 UTC). */
  private static Instant instant(JsonNode n, String prefix, String field, JsonReader r) {
    String v = r.text(n, prefix, field, false, 40);
    if (v == null) {
      return null;
    }
    try {
      if (v.matches("^\\d{4}-\\d{2}-\\d{2}$")) {
        return LocalDate.parse(v).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
      }
      return java.time.OffsetDateTime.parse(v).toInstant();
    } catch (java.time.format.DateTimeParseException e) {
      r.fail(p(prefix, field), "INVALID_DATE", "must be an ISO-8601 date-time with its offset (2026-11-30T09:15:00Z)"
          + " or a date YYYY-MM-DD, got \"" + v + "\"");
      return null;
    }
  }

  private static String p(String prefix, String field) {
    return prefix.isEmpty() ? field : prefix + "." + field;
  }

  private static Counterparty counterparty(JsonNode n, String prefix, JsonReader r) {
    r.onlyFields(n, prefix, COUNTERPARTY_FIELDS);
    String id = r.matching(n, prefix, "id", true, ID, "1-128 letters, digits or . _ : @ -");
    String name = r.text(n, prefix, "name", true, 200);
    String account = r.matching(n, prefix, "accountNumber", false, AUX_ACCOUNT, "1-20 letters or digits");
    String siret = r.matching(n, prefix, "siret", false, SIRET, "14 digits");
    String vat = r.text(n, prefix, "vatNumber", false, 20);
    String country = r.matching(n, prefix, "countryCode", false, COUNTRY, "an ISO 3166 alpha-2 code such as FR");
    JsonNode b = r.object(n, prefix, "billingAddress", false);
    JsonNode d = r.object(n, prefix, "deliveryAddress", false);
    Boolean chorus = r.bool(n, prefix, "chorus");
    String email = r.matching(n, prefix, "email", false, EMAIL, "an e-mail address");
    return new Counterparty(id, name, account, siret, vat, country,
        b == null ? null : address(b, p(prefix, "billingAddress"), r),
        d == null ? null : address(d, p(prefix, "deliveryAddress"), r),
        Boolean.TRUE.equals(chorus), email);
  }

  static Address address(JsonNode n, String prefix, JsonReader r) {
    r.onlyFields(n, prefix, ADDRESS_FIELDS);
    return new Address(
        r.text(n, prefix, "line1", false, 200), r.text(n, prefix, "line2", false, 200),
        r.text(n, prefix, "postalCode", false, 20), r.text(n, prefix, "city", false, 100),
        r.matching(n, prefix, "countryCode", false, COUNTRY, "an ISO 3166 alpha-2 code such as FR"),
        r.matching(n, prefix, "siret", false, SIRET, "14 digits"));
  }

  private static DocumentLine line(JsonNode n, String prefix, JsonReader r) {
    if (n == null || !n.isObject()) {
      r.fail(prefix, "INVALID_TYPE", "a line must be a JSON object");
      return null;
    }
    r.onlyFields(n, prefix, LINE_FIELDS);
    String label = r.text(n, prefix, "label", false, 500);
    LineKind kind = r.oneOf(n, prefix, "kind", false, LineKind::fromWire, KINDS);
    BigDecimal net = r.money(n, prefix, "netAmount", true);
    BigDecimal rate = r.decimal(n, prefix, "vatRate", false);
    if (rate != null && rate.compareTo(new BigDecimal("100")) > 0) {
      r.fail(p(prefix, "vatRate"), "INVALID_DECIMAL", "is a percentage and must not exceed 100");
    }
    BigDecimal vat = r.money(n, prefix, "vatAmount", true);
    String account = r.matching(n, prefix, "accountNumber", false, ACCOUNT,
        "a PCG account number: three digits of the PCG (the class 1-8 first), then up to 17 digits or letters");
    JsonNode sp = r.object(n, prefix, "servicePeriod", false);
    ServicePeriod period = null;
    if (sp != null) {
      String pp = p(prefix, "servicePeriod");
      r.onlyFields(sp, pp, PERIOD_FIELDS);
      period = new ServicePeriod(r.date(sp, pp, "from", true), r.date(sp, pp, "to", true));
    }
    return new DocumentLine(label, kind == null ? LineKind.SERVICES : kind, net, rate, vat, account, period);
  }

  private static PaymentInfo payment(JsonNode n, String prefix, JsonReader r) {
    r.onlyFields(n, prefix, PAYMENT_FIELDS);
    String method = r.text(n, prefix, "method", false, 50);
    String bank = r.matching(n, prefix, "bankAccount", false, ACCOUNT, "a ledger account such as 512000");
    LocalDate paidAt = r.date(n, prefix, "paidAt", false);
    Boolean external = r.bool(n, prefix, "external");
    return new PaymentInfo(method, bank, paidAt, Boolean.TRUE.equals(external));
  }

  // ---------------------------------------------------------------- writing

  public static ObjectNode write(DocumentView view) {
    ObjectNode o = write(view.stored().document());
    StoredDocument s = view.stored();
    o.put("exportState", view.exportState().wire());
    o.put("exportId", s.export() == null ? null : s.export().exportId());
    o.put("exportNumber", s.export() == null ? null : s.export().exportNumber());
    o.set("anomalies", anomalies(view.anomalies()));
    o.put("createdAt", s.createdAt().toString());
    o.put("updatedAt", s.updatedAt().toString());
    o.put("version", s.version());
    return o;
  }

  public static ArrayNode anomalies(List<Anomaly> anomalies) {
    ArrayNode a = Json.array();
    for (Anomaly an : anomalies) {
      a.addObject().put("code", an.code()).put("message", an.message());
    }
    return a;
  }

  public static ObjectNode write(Document d) {
    ObjectNode o = Json.object();
    o.put("id", d.id());
    o.put("type", d.type().wire());
    putIf(o, "number", d.number());
    o.put("date", d.date().toString());
    o.put("status", d.status().wire());
    o.put("currency", d.currency());
    if (d.exchangeRate() != null) {
      o.put("exchangeRate", d.exchangeRate().toPlainString());
    }
    if (d.counterparty() != null) {
      Counterparty c = d.counterparty();
      ObjectNode co = o.putObject("counterparty");
      co.put("id", c.id());
      co.put("name", c.name());
      putIf(co, "accountNumber", c.accountNumber());
      putIf(co, "siret", c.siret());
      putIf(co, "vatNumber", c.vatNumber());
      putIf(co, "countryCode", c.countryCode());
      if (c.billingAddress() != null) {
        co.set("billingAddress", address(c.billingAddress()));
      }
      if (c.deliveryAddress() != null) {
        co.set("deliveryAddress", address(c.deliveryAddress()));
      }
      co.put("chorus", c.chorus());
      putIf(co, "email", c.email());
    }
    ArrayNode lines = o.putArray("lines");
    for (DocumentLine l : d.lines()) {
      ObjectNode lo = lines.addObject();
      putIf(lo, "label", l.label());
      lo.put("kind", l.kind().wire());
      lo.put("netAmount", Money.format(l.netAmount()));
      if (l.vatRate() != null) {
        lo.put("vatRate", l.vatRate().toPlainString());
      }
      lo.put("vatAmount", Money.format(l.vatAmount()));
      putIf(lo, "accountNumber", l.accountNumber());
      if (l.servicePeriod() != null) {
        lo.putObject("servicePeriod").put("from", l.servicePeriod().from().toString())
            .put("to", l.servicePeriod().to().toString());
      }
    }
    o.putObject("totals").put("net", Money.format(d.totals().net())).put("vat", Money.format(d.totals().vat()))
        .put("gross", Money.format(d.totals().gross()));
    putIf(o, "relatedDocumentId", d.relatedDocumentId());
    if (!d.depositDocumentIds().isEmpty()) {
      ArrayNode deps = o.putArray("depositDocumentIds");
      d.depositDocumentIds().forEach(deps::add);
    }
    if (d.payment() != null) {
      PaymentInfo p = d.payment();
      ObjectNode po = o.putObject("payment");
      putIf(po, "method", p.method());
      putIf(po, "bankAccount", p.bankAccount());
      if (p.paidAt() != null) {
        po.put("paidAt", p.paidAt().toString());
      }
      po.put("external", p.external());
    }
    putIf(o, "engagementNumber", d.engagementNumber());
    putIf(o, "purchaseOrderNumber", d.purchaseOrderNumber());
    if (d.accountingPeriodEnd() != null) {
      o.put("accountingPeriodEnd", d.accountingPeriodEnd().toString());
    }
    if (!d.relatedDocumentIds().isEmpty()) {
      ArrayNode allocations = o.putArray("relatedDocumentIds");
      for (Allocation a : d.relatedDocumentIds()) {
        ObjectNode ao = allocations.addObject();
        ao.put("documentId", a.documentId());
        if (a.amount() != null) {
          ao.put("amount", Money.format(a.amount()));
        }
      }
    }
    if (d.vatRegime() != null) {
      o.put("vatRegime", d.vatRegime().wire());
    }
    if (d.validatedAt() != null) {
      o.put("validatedAt", d.validatedAt().toString());
    }
    if (d.dueDate() != null) {
      o.put("dueDate", d.dueDate().toString());
    }
    return o;
  }

  static ObjectNode address(Address a) {
    ObjectNode o = Json.object();
    putIf(o, "line1", a.line1());
    putIf(o, "line2", a.line2());
    putIf(o, "postalCode", a.postalCode());
    putIf(o, "city", a.city());
    putIf(o, "countryCode", a.countryCode());
    putIf(o, "siret", a.siret());
    return o;
  }

  static void putIf(ObjectNode o, String field, String value) {
    if (value != null) {
      o.put(field, value);
    }
  }
}
