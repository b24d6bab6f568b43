package com.accountingexport.adapters.dynamodb;

import static com.accountingexport.adapters.dynamodb.TableDefinition.PK;
import static com.accountingexport.adapters.dynamodb.TableDefinition.SK;

import com.accountingexport.core.audit.AuditCursor;
import com.accountingexport.core.audit.AuditRecord;
import com.accountingexport.core.auth.TenantId;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The audit log's items, all in the tenant's partition {@code T#<tenant>#AUDIT}: the head
 * ({@code SK HEAD}: {@code seq}, {@code hash} of the last entry) and one item per entry
 * ({@code SK REC#<seq zero-padded to 12>}, so that the sort key orders entries by seq). An entry keeps
 * its day ({@code yyyy-MM-dd}, UTC) apart for the {@code from}/{@code to} filter.
 */
final class AuditItemMapper {
  static final String HEAD_SK = "HEAD";
  static final String REC_PREFIX = "REC#";
  static final String SEQ = "seq";
  static final String HASH = "hash";
  static final String TENANT = "tenant";
  static final String AT = "at";
  static final String DAY = "day";
  static final String SUB = "sub";
  static final String EMAIL = "email";
  static final String ROLE = "role";
  static final String FIRM = "firm";
  static final String ACTION = "action";
  static final String ROUTE = "route";
  static final String IDS = "ids";
  static final String STATUS = "status";
  static final String OUTCOME = "outcome";
  static final String PREVIOUS_HASH = "previousHash";

  private AuditItemMapper() {}

  static String pk(TenantId tenant) {
    return "T#" + tenant.value() + "#AUDIT";
  }

  static String recordSk(long seq) {
    return REC_PREFIX + String.format("%012d", seq);
  }

  static Map<String, AttributeValue> headKey(TenantId tenant) {
    return Map.of(PK, Attrs.s(pk(tenant)), SK, Attrs.s(HEAD_SK));
  }

  static Map<String, AttributeValue> recordKey(TenantId tenant, long seq) {
    return Map.of(PK, Attrs.s(pk(tenant)), SK, Attrs.s(recordSk(seq)));
  }

  static Map<String, AttributeValue> item(AuditRecord r) {
    Map<String, AttributeValue> item = new HashMap<>(recordKey(r.tenant(), r.seq()));
    item.put(TENANT, Attrs.s(r.tenant().value()));
    item.put(SEQ, Attrs.n(r.seq()));
    Attrs.putInstant(item, AT, r.at());
    Attrs.putDate(item, DAY, AuditCursor.day(r.at()));
    Attrs.putS(item, SUB, r.actor().sub());
    Attrs.putS(item, EMAIL, r.actor().email());
    Attrs.putS(item, ROLE, r.actor().role());
    Attrs.putS(item, FIRM, r.actor().firm());
    Attrs.putS(item, ACTION, r.action());
    Attrs.putS(item, ROUTE, r.route());
    Map<String, AttributeValue> ids = new HashMap<>();
    r.ids().forEach((k, v) -> ids.put(k, Attrs.s(v)));
    item.put(IDS, Attrs.m(ids));
    item.put(STATUS, Attrs.n(r.status()));
    Attrs.putS(item, OUTCOME, r.outcome());
    Attrs.putS(item, PREVIOUS_HASH, r.previousHash());
    Attrs.putS(item, HASH, r.hash());
    return item;
  }

  /**
   * The entry an item holds. An item whose attributes were removed behind the service's back still
   * reads (empty text, epoch, status 0 in their place), so that the chain check names it altered
   * instead of failing.
   */
  static AuditRecord record(Map<String, AttributeValue> item) {
    Map<String, String> ids = new TreeMap<>();
    Map<String, AttributeValue> stored = Attrs.getMap(item, IDS);
    if (stored != null) {
      stored.forEach((k, v) -> ids.put(k, v.s() == null ? "" : v.s()));
    }
    Long status = Attrs.getLong(item, STATUS);
    Long seq = Attrs.getLong(item, SEQ);
    String tenant = Attrs.getS(item, TENANT);
    String pk = Attrs.getS(item, PK);
    if (!TenantId.isValid(tenant)) {
      tenant = pk.substring(2, pk.length() - "#AUDIT".length());
    }
    String sk = Attrs.getS(item, SK);
    Instant at;
    try {
      at = Attrs.getInstant(item, AT);
    } catch (java.time.DateTimeException e) {
      at = null;
    }
    return new AuditRecord(new TenantId(tenant),
        seq != null ? seq : Long.parseLong(sk.substring(REC_PREFIX.length())),
        at == null ? Instant.EPOCH : at,
        new AuditRecord.Actor(Attrs.getS(item, SUB, ""), Attrs.getS(item, EMAIL), Attrs.getS(item, ROLE, ""),
            Attrs.getS(item, FIRM)),
        Attrs.getS(item, ACTION, ""), Attrs.getS(item, ROUTE, ""), ids, status == null ? 0 : status.intValue(),
        Attrs.getS(item, OUTCOME, ""), Attrs.getS(item, PREVIOUS_HASH), Attrs.getS(item, HASH));
  }
}
