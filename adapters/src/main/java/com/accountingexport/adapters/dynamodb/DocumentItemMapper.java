package com.accountingexport.adapters.dynamodb;

import static com.accountingexport.adapters.dynamodb.Attrs.getBool;
import static com.accountingexport.adapters.dynamodb.Attrs.getDate;
import static com.accountingexport.adapters.dynamodb.Attrs.getDecimal;
import static com.accountingexport.adapters.dynamodb.Attrs.getInstant;
import static com.accountingexport.adapters.dynamodb.Attrs.getList;
import static com.accountingexport.adapters.dynamodb.Attrs.getLong;
import static com.accountingexport.adapters.dynamodb.Attrs.getMap;
import static com.accountingexport.adapters.dynamodb.Attrs.getS;
import static com.accountingexport.adapters.dynamodb.Attrs.getStrings;
import static com.accountingexport.adapters.dynamodb.Attrs.putDate;
import static com.accountingexport.adapters.dynamodb.Attrs.putDecimal;
import static com.accountingexport.adapters.dynamodb.Attrs.putInstant;
import static com.accountingexport.adapters.dynamodb.Attrs.putMap;
import static com.accountingexport.adapters.dynamodb.Attrs.putMoney;
import static com.accountingexport.adapters.dynamodb.Attrs.putS;
import static com.accountingexport.adapters.dynamodb.Attrs.putStrings;

import com.accountingexport.core.auth.TenantId;
import com.accountingexport.core.document.Address;
import com.accountingexport.core.document.Allocation;
import com.accountingexport.core.document.Counterparty;
import com.accountingexport.core.document.Document;
import com.accountingexport.core.document.DocumentLine;
import com.accountingexport.core.document.DocumentStatus;
import com.accountingexport.core.document.DocumentType;
import com.accountingexport.core.document.ExportRef;
import com.accountingexport.core.document.LineKind;
import com.accountingexport.core.document.PaymentInfo;
import com.accountingexport.core.document.ServicePeriod;
import com.accountingexport.core.document.StoredDocument;
import com.accountingexport.core.document.Totals;
import com.accountingexport.core.settings.VatRegime;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A document item, by hand (no reflection): {@link StoredDocument} ⇄ {@code Map<String, AttributeValue>}.
 *
 * <p>Keys: {@code PK = T#<tenant>#DOC#<id>}, {@code SK = DOC}; by month on {@code GSI1}:
 * {@code GSI1PK = T#<tenant>#DOCMONTH#<yyyy-MM>}, {@code GSI1SK = <yyyy-MM-dd>#<id>}.
 *
 * <p>Body: the API's field names at the top level ({@code docDate} for the date), nested maps for
 * {@code counterparty} (with its addresses), {@code totals}, {@code payment}, a list of maps for
 * {@code lines}, {@code relatedDocumentIds}. Money is its wire string ({@link com.accountingexport.core.money.Money#format}),
 * rates their exact decimal string, dates ISO strings, booleans BOOL, enums their wire names; null
 * fields are left out. Bookkeeping: {@code exportId}/{@code exportNumber} (absent unless an active
 * export holds the document), {@code createdAt}/{@code updatedAt} (ISO instants), {@code version} (N).
 *
 * <p>Relation items: a settlement writes, in the partition of every document it names, an item
 * {@code SK = SETTLEDBY#<settlementId>} (attribute {@code settlementId}), in the same transaction
 * as the settlement itself; they carry no GSI attribute, so listings never see them.
 */
public final class DocumentItemMapper {
  /** The sort key of a document item. */
  public static final String SK_DOCUMENT = "DOC";

  public static final String ID = "id";
  public static final String TYPE = "type";
  public static final String NUMBER = "number";
  public static final String DOC_DATE = "docDate";
  public static final String STATUS = "status";
  public static final String CURRENCY = "currency";
  public static final String EXCHANGE_RATE = "exchangeRate";
  public static final String COUNTERPARTY = "counterparty";
  /** The counterparty's id again at the top level, for filters and future indexes. */
  public static final String COUNTERPARTY_ID = "counterpartyId";
  public static final String LINES = "lines";
  public static final String TOTALS = "totals";
  public static final String RELATED_DOCUMENT_ID = "relatedDocumentId";
  public static final String DEPOSIT_DOCUMENT_IDS = "depositDocumentIds";
  public static final String PAYMENT = "payment";
  public static final String ENGAGEMENT_NUMBER = "engagementNumber";
  public static final String PURCHASE_ORDER_NUMBER = "purchaseOrderNumber";
  public static final String ACCOUNTING_PERIOD_END = "accountingPeriodEnd";
  /** A list of maps {@code {documentId, amount}} (the amount left out when null). */
  public static final String RELATED_DOCUMENT_IDS = "relatedDocumentIds";
  public static final String VAT_REGIME = "vatRegime";
  public static final String VALIDATED_AT = "validatedAt";
  public static final String DUE_DATE = "dueDate";
  /** Sort key prefix of a relation item: {@code SETTLEDBY#<settlementId>} in the settled document's partition. */
  public static final String SK_SETTLED_BY = "SETTLEDBY#";
  /** The settlement's id on a relation item. */
  public static final String SETTLEMENT_ID = "settlementId";

  /** Set (with {@link #EXPORT_NUMBER}) by the export that claims the document; freezes it. */
  public static final String EXPORT_ID = "exportId";
  public static final String EXPORT_NUMBER = "exportNumber";
  public static final String CREATED_AT = "createdAt";
  public static final String UPDATED_AT = "updatedAt";
  public static final String VERSION = "version";

  private DocumentItemMapper() {}

  // ---- keys ----

  /** {@code T#<tenant>#DOC#<id>}. */
  public static String pk(TenantId tenant, String documentId) {
    return "T#" + tenant.value() + "#DOC#" + documentId;
  }

  /** The primary key of a document item. */
  public static Map<String, AttributeValue> key(TenantId tenant, String documentId) {
    return Map.of(
        TableDefinition.PK, Attrs.s(pk(tenant, documentId)),
        TableDefinition.SK, Attrs.s(SK_DOCUMENT));
  }

  /** {@code T#<tenant>#DOCMONTH#<yyyy-MM>}: the GSI1 partition of a tenant's documents of one month. */
  public static String monthPk(TenantId tenant, YearMonth month) {
    return "T#" + tenant.value() + "#DOCMONTH#" + month;
  }

  /** {@code <yyyy-MM-dd>#<id>}: orders a month's documents by date, then id. */
  public static String monthSk(LocalDate date, String documentId) {
    return date + "#" + documentId;
  }

  /** The full key (table and GSI1 attributes) of a document item, as a GSI1 query's start key. */
  public static Map<String, AttributeValue> indexKey(TenantId tenant, LocalDate date, String documentId) {
    return Map.of(
        TableDefinition.PK, Attrs.s(pk(tenant, documentId)),
        TableDefinition.SK, Attrs.s(SK_DOCUMENT),
        TableDefinition.GSI1PK, Attrs.s(monthPk(tenant, YearMonth.from(date))),
        TableDefinition.GSI1SK, Attrs.s(monthSk(date, documentId)));
  }

  // ---- StoredDocument ⇄ item ----

  /** The whole item: keys, document body, bookkeeping and, when exported, the export reference. */
  public static Map<String, AttributeValue> toItem(TenantId tenant, StoredDocument stored) {
    Document d = stored.document();
    Objects.requireNonNull(d.id(), "document id");
    Objects.requireNonNull(d.date(), "document date");
    // indexed by the accounting date (paidAt of a settlement): period selection follows the entries' dates
    Map<String, AttributeValue> item = new HashMap<>(indexKey(tenant, d.bookingDate(), d.id()));
    item.putAll(documentAttributes(d));
    if (stored.export() != null) {
      putS(item, EXPORT_ID, stored.export().exportId());
      putS(item, EXPORT_NUMBER, stored.export().exportNumber());
    }
    putInstant(item, CREATED_AT, stored.createdAt());
    putInstant(item, UPDATED_AT, stored.updatedAt());
    item.put(VERSION, Attrs.n(stored.version()));
    return item;
  }

  public static StoredDocument toStoredDocument(Map<String, AttributeValue> item) {
    Long version = getLong(item, VERSION);
    return new StoredDocument(toDocument(item), exportRef(item),
        getInstant(item, CREATED_AT), getInstant(item, UPDATED_AT), version == null ? 0 : version);
  }

  /** The export holding the document, or null: {@code exportId} present means frozen. */
  public static ExportRef exportRef(Map<String, AttributeValue> item) {
    String exportId = getS(item, EXPORT_ID);
    return exportId == null ? null : new ExportRef(exportId, getS(item, EXPORT_NUMBER));
  }

  /** The document's own fields (no keys, no bookkeeping). */
  public static Map<String, AttributeValue> documentAttributes(Document d) {
    Map<String, AttributeValue> item = new HashMap<>();
    putS(item, ID, d.id());
    if (d.type() != null) {
      putS(item, TYPE, d.type().wire());
    }
    putS(item, NUMBER, d.number());
    putDate(item, DOC_DATE, d.date());
    if (d.status() != null) {
      putS(item, STATUS, d.status().wire());
    }
    putS(item, CURRENCY, d.currency());
    putDecimal(item, EXCHANGE_RATE, d.exchangeRate());
    if (d.counterparty() != null) {
      putMap(item, COUNTERPARTY, counterparty(d.counterparty()));
      putS(item, COUNTERPARTY_ID, d.counterparty().id());
    }
    List<AttributeValue> lines = new ArrayList<>();
    for (DocumentLine line : d.lines()) {
      lines.add(Attrs.m(line(line)));
    }
    item.put(LINES, Attrs.l(lines));
    if (d.totals() != null) {
      putMap(item, TOTALS, totals(d.totals()));
    }
    putS(item, RELATED_DOCUMENT_ID, d.relatedDocumentId());
    putStrings(item, DEPOSIT_DOCUMENT_IDS, d.depositDocumentIds());
    if (d.payment() != null) {
      putMap(item, PAYMENT, payment(d.payment()));
    }
    putS(item, ENGAGEMENT_NUMBER, d.engagementNumber());
    putS(item, PURCHASE_ORDER_NUMBER, d.purchaseOrderNumber());
    putDate(item, ACCOUNTING_PERIOD_END, d.accountingPeriodEnd());
    if (!d.relatedDocumentIds().isEmpty()) {
      List<AttributeValue> allocations = new ArrayList<>();
      for (Allocation a : d.relatedDocumentIds()) {
        Map<String, AttributeValue> m = new HashMap<>();
        putS(m, "documentId", a.documentId());
        if (a.amount() != null) {
          putMoney(m, "amount", a.amount());
        }
        allocations.add(Attrs.m(m));
      }
      item.put(RELATED_DOCUMENT_IDS, Attrs.l(allocations));
    }
    if (d.vatRegime() != null) {
      putS(item, VAT_REGIME, d.vatRegime().wire());
    }
    putInstant(item, VALIDATED_AT, d.validatedAt());
    putDate(item, DUE_DATE, d.dueDate());
    return item;
  }

  /**
   * The relation item saying that settlement {@code settlementId} names {@code documentId}: it lives
   * in the named document's partition, so that one Query lists an invoice's payments.
   */
  public static Map<String, AttributeValue> settledByItem(TenantId tenant, String documentId, String settlementId) {
    Map<String, AttributeValue> item = new HashMap<>(settledByKey(tenant, documentId, settlementId));
    putS(item, SETTLEMENT_ID, settlementId);
    return item;
  }

  public static Map<String, AttributeValue> settledByKey(TenantId tenant, String documentId, String settlementId) {
    return Map.of(
        TableDefinition.PK, Attrs.s(pk(tenant, documentId)),
        TableDefinition.SK, Attrs.s(SK_SETTLED_BY + settlementId));
  }

  /** The documents a stored settlement names (its relation items), from its item. */
  public static List<String> settledIds(Map<String, AttributeValue> item) {
    if (item == null) {
      return List.of();
    }
    String type = getS(item, TYPE);
    if (type == null || DocumentType.fromWire(type).map(t -> !t.isSettlement()).orElse(true)) {
      return List.of();
    }
    List<String> ids = new ArrayList<>();
    String related = getS(item, RELATED_DOCUMENT_ID);
    List<AttributeValue> allocations = getList(item, RELATED_DOCUMENT_IDS);
    if (allocations != null && !allocations.isEmpty()) {
      for (AttributeValue a : allocations) {
        String id = getS(a.m(), "documentId");
        if (id != null && !ids.contains(id)) {
          ids.add(id);
        }
      }
    } else if (related != null) {
      ids.add(related);
    }
    return ids;
  }

  public static Document toDocument(Map<String, AttributeValue> item) {
    String type = getS(item, TYPE);
    String status = getS(item, STATUS);
    String vatRegime = getS(item, VAT_REGIME);
    Map<String, AttributeValue> counterparty = getMap(item, COUNTERPARTY);
    Map<String, AttributeValue> totals = getMap(item, TOTALS);
    Map<String, AttributeValue> payment = getMap(item, PAYMENT);
    List<DocumentLine> lines = new ArrayList<>();
    List<AttributeValue> storedLines = getList(item, LINES);
    if (storedLines != null) {
      for (AttributeValue line : storedLines) {
        lines.add(toLine(line.m()));
      }
    }
    return new Document(
        getS(item, ID),
        type == null ? null : DocumentType.fromWire(type).orElseThrow(() -> unknown(TYPE, type)),
        getS(item, NUMBER),
        getDate(item, DOC_DATE),
        status == null ? null : DocumentStatus.fromWire(status).orElseThrow(() -> unknown(STATUS, status)),
        getS(item, CURRENCY),
        getDecimal(item, EXCHANGE_RATE),
        counterparty == null ? null : toCounterparty(counterparty),
        lines,
        totals == null ? null : new Totals(getDecimal(totals, "net"), getDecimal(totals, "vat"), getDecimal(totals, "gross")),
        getS(item, RELATED_DOCUMENT_ID),
        getStrings(item, DEPOSIT_DOCUMENT_IDS),
        payment == null ? null : new PaymentInfo(getS(payment, "method"), getS(payment, "bankAccount"),
            getDate(payment, "paidAt"), getBool(payment, "external", false)),
        getS(item, ENGAGEMENT_NUMBER),
        getS(item, PURCHASE_ORDER_NUMBER),
        getDate(item, ACCOUNTING_PERIOD_END),
        allocations(getList(item, RELATED_DOCUMENT_IDS)),
        vatRegime == null ? null : VatRegime.fromWire(vatRegime).orElseThrow(() -> unknown(VAT_REGIME, vatRegime)),
        getInstant(item, VALIDATED_AT),
        getDate(item, DUE_DATE));
  }

  private static List<Allocation> allocations(List<AttributeValue> stored) {
    List<Allocation> out = new ArrayList<>();
    if (stored != null) {
      for (AttributeValue a : stored) {
        out.add(new Allocation(getS(a.m(), "documentId"), getDecimal(a.m(), "amount")));
      }
    }
    return out;
  }

  // ---- nested values ----

  private static Map<String, AttributeValue> counterparty(Counterparty c) {
    Map<String, AttributeValue> m = new HashMap<>();
    putS(m, "id", c.id());
    putS(m, "name", c.name());
    putS(m, "accountNumber", c.accountNumber());
    putS(m, "siret", c.siret());
    putS(m, "vatNumber", c.vatNumber());
    putS(m, "countryCode", c.countryCode());
    if (c.billingAddress() != null) {
      putMap(m, "billingAddress", address(c.billingAddress()));
    }
    if (c.deliveryAddress() != null) {
      putMap(m, "deliveryAddress", address(c.deliveryAddress()));
    }
    m.put("chorus", Attrs.bool(c.chorus()));
    putS(m, "email", c.email());
    return m;
  }

  private static Counterparty toCounterparty(Map<String, AttributeValue> m) {
    Map<String, AttributeValue> billing = getMap(m, "billingAddress");
    Map<String, AttributeValue> delivery = getMap(m, "deliveryAddress");
    return new Counterparty(getS(m, "id"), getS(m, "name"), getS(m, "accountNumber"), getS(m, "siret"),
        getS(m, "vatNumber"), getS(m, "countryCode"),
        billing == null ? null : toAddress(billing),
        delivery == null ? null : toAddress(delivery),
        getBool(m, "chorus", false), getS(m, "email"));
  }

  static Map<String, AttributeValue> address(Address a) {
    Map<String, AttributeValue> m = new HashMap<>();
    putS(m, "line1", a.line1());
    putS(m, "line2", a.line2());
    putS(m, "postalCode", a.postalCode());
    putS(m, "city", a.city());
    putS(m, "countryCode", a.countryCode());
    putS(m, "siret", a.siret());
    return m;
  }

  static Address toAddress(Map<String, AttributeValue> m) {
    return new Address(getS(m, "line1"), getS(m, "line2"), getS(m, "postalCode"), getS(m, "city"),
        getS(m, "countryCode"), getS(m, "siret"));
  }

  private static Map<String, AttributeValue> line(DocumentLine l) {
    Map<String, AttributeValue> m = new HashMap<>();
    putS(m, "label", l.label());
    if (l.kind() != null) {
      putS(m, "kind", l.kind().wire());
    }
    putMoney(m, "netAmount", l.netAmount());
    putDecimal(m, "vatRate", l.vatRate());
    putMoney(m, "vatAmount", l.vatAmount());
    putS(m, "accountNumber", l.accountNumber());
    if (l.servicePeriod() != null) {
      Map<String, AttributeValue> sp = new HashMap<>();
      putDate(sp, "from", l.servicePeriod().from());
      putDate(sp, "to", l.servicePeriod().to());
      putMap(m, "servicePeriod", sp);
    }
    return m;
  }

  private static DocumentLine toLine(Map<String, AttributeValue> m) {
    String kind = getS(m, "kind");
    Map<String, AttributeValue> sp = getMap(m, "servicePeriod");
    return new DocumentLine(
        getS(m, "label"),
        kind == null ? null : LineKind.fromWire(kind).orElseThrow(() -> unknown("lines[].kind", kind)),
        getDecimal(m, "netAmount"),
        getDecimal(m, "vatRate"),
        getDecimal(m, "vatAmount"),
        getS(m, "accountNumber"),
        sp == null ? null : new ServicePeriod(getDate(sp, "from"), getDate(sp, "to")));
  }

  private static Map<String, AttributeValue> totals(Totals t) {
    Map<String, AttributeValue> m = new HashMap<>();
    putMoney(m, "net", t.net());
    putMoney(m, "vat", t.vat());
    putMoney(m, "gross", t.gross());
    return m;
  }

  private static Map<String, AttributeValue> payment(PaymentInfo p) {
    Map<String, AttributeValue> m = new HashMap<>();
    putS(m, "method", p.method());
    putS(m, "bankAccount", p.bankAccount());
    putDate(m, "paidAt", p.paidAt());
    m.put("external", Attrs.bool(p.external()));
    return m;
  }

  private static IllegalStateException unknown(String attribute, String value) {
    return new IllegalStateException("stored document has an unknown " + attribute + ": " + value);
  }
}
