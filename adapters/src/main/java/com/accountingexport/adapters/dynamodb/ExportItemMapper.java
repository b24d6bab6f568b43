package com.accountingexport.adapters.dynamodb;

import static com.accountingexport.adapters.dynamodb.Attrs.getBool;
import static com.accountingexport.adapters.dynamodb.Attrs.getDate;
import static com.accountingexport.adapters.dynamodb.Attrs.getDecimal;
import static com.accountingexport.adapters.dynamodb.Attrs.getInstant;
import static com.accountingexport.adapters.dynamodb.Attrs.getList;
import static com.accountingexport.adapters.dynamodb.Attrs.getLong;
import static com.accountingexport.adapters.dynamodb.Attrs.getS;
import static com.accountingexport.adapters.dynamodb.Attrs.getStrings;
import static com.accountingexport.adapters.dynamodb.Attrs.putInstant;
import static com.accountingexport.adapters.dynamodb.Attrs.putMoney;
import static com.accountingexport.adapters.dynamodb.Attrs.putS;
import static com.accountingexport.adapters.dynamodb.Attrs.putStrings;

import com.accountingexport.core.auth.TenantId;
import com.accountingexport.core.export.Export;
import com.accountingexport.core.export.ExportFile;
import com.accountingexport.core.export.ExportStatus;
import com.accountingexport.core.export.Notice;
import com.accountingexport.core.export.Progress;
import com.accountingexport.core.export.SkippedDocument;
import com.accountingexport.core.format.ExportTemplate;
import com.accountingexport.core.format.TextChanges;
import com.accountingexport.core.period.Period;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The items of the export repository, by hand (no reflection): {@link Export} ⇄ item, and the keys
 * of the counter, chain head, lock and idempotency items. Every partition key starts with
 * {@code T#<tenant>#}.
 *
 * <table>
 *   <caption>Items</caption>
 *   <tr><th>item</th><th>PK</th><th>SK</th><th>indexes</th></tr>
 *   <tr><td>export</td><td>{@code T#<t>#EXP#<id>}</td><td>{@code EXP}</td><td>GSI1 {@code T#<t>#EXPORTS} /
 *     {@code <createdAt>#<id>} (history); GSI2 {@code T#<t>#OPEN} / {@code <id>} while it may need recovery</td></tr>
 *   <tr><td>counter</td><td>{@code T#<t>#SEQ#EXPORT#<scope>}</td><td>{@code SEQ}</td><td>-</td></tr>
 *   <tr><td>chain head</td><td>{@code T#<t>#CHAIN}</td><td>{@code CHAIN}</td><td>-</td></tr>
 *   <tr><td>lock</td><td>{@code T#<t>#LOCK#<name>}</td><td>{@code LOCK}</td><td>-</td></tr>
 *   <tr><td>idempotency</td><td>{@code T#<t>#IDEM#<keyHash>}</td><td>{@code IDEM}</td><td>-</td></tr>
 *   <tr><td>document (claimed)</td><td>{@code T#<t>#DOC#<id>}</td><td>{@code DOC}</td><td>GSI2
 *     {@code T#<t>#EXPDOC#<exportId>} / {@code <documentId>}</td></tr>
 * </table>
 *
 * <p>Export body: the record's field names at the top level, the period as {@code periodFrom} /
 * {@code periodTo} (ISO dates), {@code journals} a list of strings, {@code files} and
 * {@code skipped} lists of maps, money as its wire string ({@code "1234.50"}), instants ISO strings,
 * counts and {@code chainSeq} numbers, {@code reexport} BOOL; null fields are left out.
 * {@code fileKeys}, a string set of {@code kind|format}, lets {@code addFile} refuse a duplicate in
 * one conditional write (absent while there is no file).
 */
public final class ExportItemMapper {
  public static final String SK_EXPORT = "EXP";
  public static final String SK_COUNTER = "SEQ";
  public static final String SK_CHAIN = "CHAIN";
  public static final String SK_LOCK = "LOCK";
  public static final String SK_IDEMPOTENCY = "IDEM";

  public static final String ID = "id";
  public static final String NUMBER = "number";
  public static final String STATUS = "status";
  public static final String PERIOD_FROM = "periodFrom";
  public static final String PERIOD_TO = "periodTo";
  public static final String JOURNALS = "journals";
  public static final String FORMAT = "format";
  public static final String PDF = "pdf";
  public static final String REEXPORT = "reexport";
  public static final String DOCUMENT_COUNT = "documentCount";
  public static final String ENTRY_COUNT = "entryCount";
  public static final String DEBIT = "debit";
  public static final String CREDIT = "credit";
  public static final String CREATED_AT = "createdAt";
  public static final String CREATED_BY = "createdBy";
  public static final String DOWNLOADED_AT = "downloadedAt";
  public static final String DOWNLOADED_BY = "downloadedBy";
  public static final String CANCELLED_AT = "cancelledAt";
  public static final String CANCELLED_BY = "cancelledBy";
  public static final String FILES = "files";
  public static final String FILE_KEYS = "fileKeys";
  public static final String SKIPPED = "skipped";
  public static final String LEASE_UNTIL = "leaseUntil";
  public static final String FAILURE = "failure";
  public static final String CHAIN_SEQ = "chainSeq";
  public static final String PREVIOUS_HASH = "previousHash";
  public static final String RECORD_HASH = "recordHash";
  public static final String RELEASED_AT = "releasedAt";
  /** Map {phase, done, total}: how far a generation got. */
  public static final String PROGRESS = "progress";
  /** List of maps {outcome, recipients, sent, attempts, error, at}: the notification mails. */
  public static final String NOTICES = "notices";

  /** Counter item: the last number drawn (N). */
  public static final String SEQ = "seq";
  /** Chain head item: seq (N), hash, exportId. */
  public static final String HASH = "hash";
  public static final String EXPORT_ID = "exportId";
  /** Lock item: owner, expiresAt (epoch millis, N), ttl (epoch seconds, N). */
  public static final String OWNER = "owner";
  public static final String EXPIRES_AT = "expiresAt";
  /** Idempotency item: requestHash, exportId, ttl (epoch seconds, N). */
  public static final String REQUEST_HASH = "requestHash";

  /**
   * {@code createdAt} in the history sort key: ISO-8601 UTC with always nine fraction digits, so
   * that the text order is the time order ({@link Instant#toString} drops zero fractions, and
   * {@code "…:00Z"} would sort after {@code "…:00.5Z"}).
   */
  static final DateTimeFormatter SORTABLE_INSTANT =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);
  static final int SORTABLE_INSTANT_LENGTH = "2026-01-01T00:00:00.000000000Z".length();

  private ExportItemMapper() {}

  // ---- keys ----

  private static String tenantPrefix(TenantId tenant) {
    return "T#" + tenant.value() + "#";
  }

  /** {@code T#<tenant>#EXP#<id>}. */
  public static String pk(TenantId tenant, String exportId) {
    return tenantPrefix(tenant) + "EXP#" + exportId;
  }

  public static Map<String, AttributeValue> key(TenantId tenant, String exportId) {
    return key(pk(tenant, exportId), SK_EXPORT);
  }

  /** {@code T#<tenant>#EXPORTS}: the GSI1 partition of a tenant's export history. */
  public static String historyPk(TenantId tenant) {
    return tenantPrefix(tenant) + "EXPORTS";
  }

  /** {@code <createdAt, fixed width>#<id>}: newest first when read backwards. */
  public static String historySk(Instant createdAt, String exportId) {
    return SORTABLE_INSTANT.format(createdAt) + "#" + exportId;
  }

  /** The instant a history sort key starts with; DateTimeParseException when it is not one. */
  static Instant historySkInstant(String sortKey) {
    if (sortKey.length() < SORTABLE_INSTANT_LENGTH + 2 || sortKey.charAt(SORTABLE_INSTANT_LENGTH) != '#') {
      throw new DateTimeParseException("not a history sort key", sortKey, 0);
    }
    return Instant.from(SORTABLE_INSTANT.parse(sortKey.substring(0, SORTABLE_INSTANT_LENGTH)));
  }

  /** The full key (table and GSI1 attributes) of an export item, as a GSI1 query's start key. */
  public static Map<String, AttributeValue> historyIndexKey(TenantId tenant, String historySk, String exportId) {
    return Map.of(
        TableDefinition.PK, Attrs.s(pk(tenant, exportId)),
        TableDefinition.SK, Attrs.s(SK_EXPORT),
        TableDefinition.GSI1PK, Attrs.s(historyPk(tenant)),
        TableDefinition.GSI1SK, Attrs.s(historySk));
  }

  /** {@code T#<tenant>#OPEN}: the GSI2 partition of the exports that may need recovery. */
  public static String openPk(TenantId tenant) {
    return tenantPrefix(tenant) + "OPEN";
  }

  /** {@code T#<tenant>#EXPDOC#<exportId>}: the GSI2 partition of the documents an export holds. */
  public static String heldPk(TenantId tenant, String exportId) {
    return tenantPrefix(tenant) + "EXPDOC#" + exportId;
  }

  /** The counter of export numbers for one scope ({@code ALL} or a year). */
  public static Map<String, AttributeValue> counterKey(TenantId tenant, String scope) {
    return key(tenantPrefix(tenant) + "SEQ#EXPORT#" + scope, SK_COUNTER);
  }

  public static Map<String, AttributeValue> chainKey(TenantId tenant) {
    return key(tenantPrefix(tenant) + "CHAIN", SK_CHAIN);
  }

  public static Map<String, AttributeValue> lockKey(TenantId tenant, String name) {
    return key(tenantPrefix(tenant) + "LOCK#" + name, SK_LOCK);
  }

  public static Map<String, AttributeValue> idempotencyKey(TenantId tenant, String keyHash) {
    return key(tenantPrefix(tenant) + "IDEM#" + keyHash, SK_IDEMPOTENCY);
  }

  private static Map<String, AttributeValue> key(String pk, String sk) {
    return Map.of(TableDefinition.PK, Attrs.s(pk), TableDefinition.SK, Attrs.s(sk));
  }

  // ---- Export ⇄ item ----

  /**
   * The whole item of an export: keys, history index, every field, and the recovery index entry
   * when {@code open} (a new GENERATING export, a CANCELLED or FAILED one not yet released).
   */
  public static Map<String, AttributeValue> toItem(TenantId tenant, Export e, boolean open) {
    Objects.requireNonNull(e.id(), "export id");
    Objects.requireNonNull(e.createdAt(), "export createdAt");
    Map<String, AttributeValue> item = new HashMap<>(historyIndexKey(tenant, historySk(e.createdAt(), e.id()), e.id()));
    if (open) {
      item.put(TableDefinition.GSI2PK, Attrs.s(openPk(tenant)));
      item.put(TableDefinition.GSI2SK, Attrs.s(e.id()));
    }
    putS(item, ID, e.id());
    putS(item, NUMBER, e.number());
    putS(item, STATUS, e.status().name());
    if (e.period() != null) {
      putS(item, PERIOD_FROM, e.period().from().toString());
      putS(item, PERIOD_TO, e.period().to().toString());
    }
    putStrings(item, JOURNALS, e.journals());
    putS(item, FORMAT, e.format());
    putS(item, PDF, e.pdf());
    item.put(REEXPORT, Attrs.bool(e.reexport()));
    item.put(DOCUMENT_COUNT, Attrs.n(e.documentCount()));
    item.put(ENTRY_COUNT, Attrs.n(e.entryCount()));
    putMoney(item, DEBIT, e.debit());
    putMoney(item, CREDIT, e.credit());
    putInstant(item, CREATED_AT, e.createdAt());
    putS(item, CREATED_BY, e.createdBy());
    putInstant(item, DOWNLOADED_AT, e.downloadedAt());
    putS(item, DOWNLOADED_BY, e.downloadedBy());
    putInstant(item, CANCELLED_AT, e.cancelledAt());
    putS(item, CANCELLED_BY, e.cancelledBy());
    item.put(FILES, files(e.files()));
    if (!e.files().isEmpty()) {
      item.put(FILE_KEYS, fileKeys(e.files()));
    }
    item.put(SKIPPED, skipped(e.skipped()));
    putInstant(item, LEASE_UNTIL, e.leaseUntil());
    putS(item, FAILURE, e.failure());
    item.put(CHAIN_SEQ, Attrs.n(e.chainSeq()));
    putS(item, PREVIOUS_HASH, e.previousHash());
    putS(item, RECORD_HASH, e.recordHash());
    putInstant(item, RELEASED_AT, e.releasedAt());
    if (e.progress() != null) {
      item.put(PROGRESS, progress(e.progress()));
    }
    if (!e.notices().isEmpty()) {
      item.put(NOTICES, Attrs.l(e.notices().stream().map(ExportItemMapper::notice).toList()));
    }
    return item;
  }

  public static Export toExport(Map<String, AttributeValue> item) {
    String status = getS(item, STATUS);
    String from = getS(item, PERIOD_FROM);
    String to = getS(item, PERIOD_TO);
    List<String> journals = getStrings(item, JOURNALS);
    Long documentCount = getLong(item, DOCUMENT_COUNT);
    Long entryCount = getLong(item, ENTRY_COUNT);
    Long chainSeq = getLong(item, CHAIN_SEQ);
    return new Export(
        getS(item, ID),
        getS(item, NUMBER),
        ExportStatus.parse(status).orElseThrow(() -> unknown(STATUS, status)),
        from == null || to == null ? null : new Period(getDate(item, PERIOD_FROM), getDate(item, PERIOD_TO)),
        journals == null ? List.of() : journals,
        getS(item, FORMAT),
        getS(item, PDF),
        getBool(item, REEXPORT, false),
        documentCount == null ? 0 : Math.toIntExact(documentCount),
        entryCount == null ? 0 : Math.toIntExact(entryCount),
        getDecimal(item, DEBIT),
        getDecimal(item, CREDIT),
        getInstant(item, CREATED_AT),
        getS(item, CREATED_BY),
        getInstant(item, DOWNLOADED_AT),
        getS(item, DOWNLOADED_BY),
        getInstant(item, CANCELLED_AT),
        getS(item, CANCELLED_BY),
        toFiles(getList(item, FILES)),
        toSkipped(getList(item, SKIPPED)),
        getInstant(item, LEASE_UNTIL),
        getS(item, FAILURE),
        chainSeq == null ? 0 : chainSeq,
        getS(item, PREVIOUS_HASH),
        getS(item, RECORD_HASH),
        getInstant(item, RELEASED_AT),
        toProgress(item.get(PROGRESS)),
        toNotices(getList(item, NOTICES)));
  }

  static AttributeValue progress(Progress p) {
    Map<String, AttributeValue> m = new HashMap<>();
    putS(m, "phase", p.phase());
    m.put("done", Attrs.n(p.done()));
    m.put("total", Attrs.n(p.total()));
    return Attrs.m(m);
  }

  private static Progress toProgress(AttributeValue v) {
    if (v == null || !v.hasM()) {
      return null;
    }
    Long done = getLong(v.m(), "done");
    Long total = getLong(v.m(), "total");
    return new Progress(getS(v.m(), "phase"), done == null ? 0 : done, total == null ? 0 : total);
  }

  static AttributeValue notice(Notice n) {
    Map<String, AttributeValue> m = new HashMap<>();
    putS(m, "outcome", n.outcome());
    m.put("recipients", Attrs.l(n.recipients().stream().map(Attrs::s).toList()));
    m.put("sent", Attrs.bool(n.sent()));
    m.put("attempts", Attrs.n(n.attempts()));
    putS(m, "error", n.error());
    putInstant(m, "at", n.at());
    return Attrs.m(m);
  }

  private static List<Notice> toNotices(List<AttributeValue> values) {
    List<Notice> out = new ArrayList<>();
    if (values != null) {
      for (AttributeValue v : values) {
        Map<String, AttributeValue> m = v.m();
        List<String> to = new ArrayList<>();
        List<AttributeValue> recipients = getList(m, "recipients");
        if (recipients != null) {
          recipients.forEach(r -> to.add(r.s()));
        }
        Long attempts = getLong(m, "attempts");
        out.add(new Notice(getS(m, "outcome"), to, getBool(m, "sent", false), attempts == null ? 0 : Math.toIntExact(attempts),
            getS(m, "error"), getInstant(m, "at")));
      }
    }
    return out;
  }

  // ---- nested values ----

  /**
   * {@code kind|format}: what makes a file unique within an export; a template's files add their
   * object name ({@code journal-tpl-…-v2.csv}), since each version of the template is a file of its own.
   */
  public static String fileKey(ExportFile f) {
    String key = f.kind() + "|" + (f.format() == null ? "" : f.format());
    if (f.format() != null && f.format().startsWith(ExportTemplate.ID_PREFIX)) {
      key += "|" + f.key().substring(f.key().lastIndexOf('/') + 1);
    }
    return key;
  }

  /** The {@code fileKeys} string set of non-empty {@code files}. */
  static AttributeValue fileKeys(Collection<ExportFile> files) {
    Set<String> keys = new LinkedHashSet<>();
    files.forEach(f -> keys.add(fileKey(f)));
    return AttributeValue.builder().ss(keys).build();
  }

  static AttributeValue files(List<ExportFile> files) {
    List<AttributeValue> out = new ArrayList<>();
    for (ExportFile f : files) {
      out.add(file(f));
    }
    return Attrs.l(out);
  }

  static AttributeValue file(ExportFile f) {
    Map<String, AttributeValue> m = new HashMap<>();
    putS(m, "kind", f.kind());
    putS(m, "format", f.format());
    putS(m, "key", f.key());
    m.put("bytes", Attrs.n(f.bytes()));
    putS(m, "sha256", f.sha256());
    if (f.changes().any()) {
      m.put("transliterated", Attrs.n(f.changes().transliterated()));
      m.put("truncated", Attrs.n(f.changes().truncated()));
    }
    return Attrs.m(m);
  }

  static AttributeValue skipped(List<SkippedDocument> skipped) {
    List<AttributeValue> out = new ArrayList<>();
    for (SkippedDocument s : skipped) {
      Map<String, AttributeValue> m = new HashMap<>();
      putS(m, "documentId", s.documentId());
      putS(m, "reason", s.reason());
      out.add(Attrs.m(m));
    }
    return Attrs.l(out);
  }

  private static List<ExportFile> toFiles(List<AttributeValue> values) {
    List<ExportFile> files = new ArrayList<>();
    if (values != null) {
      for (AttributeValue v : values) {
        Map<String, AttributeValue> m = v.m();
        Long bytes = getLong(m, "bytes");
        Long transliterated = getLong(m, "transliterated");
        Long truncated = getLong(m, "truncated");
        files.add(new ExportFile(getS(m, "kind"), getS(m, "format"), getS(m, "key"), bytes == null ? 0 : bytes,
            getS(m, "sha256"), new TextChanges(transliterated == null ? 0 : transliterated,
                truncated == null ? 0 : truncated)));
      }
    }
    return files;
  }

  private static List<SkippedDocument> toSkipped(List<AttributeValue> values) {
    List<SkippedDocument> skipped = new ArrayList<>();
    if (values != null) {
      for (AttributeValue v : values) {
        skipped.add(new SkippedDocument(getS(v.m(), "documentId"), getS(v.m(), "reason")));
      }
    }
    return skipped;
  }

  private static IllegalStateException unknown(String attribute, String value) {
    return new IllegalStateException("stored export has an unknown " + attribute + ": " + value);
  }
}
