package com.accountingexport.core.fakes;

import com.accountingexport.core.auth.TenantId;
import com.accountingexport.core.document.Document;
import com.accountingexport.core.document.ExportRef;
import com.accountingexport.core.document.StoredDocument;
import com.accountingexport.core.error.DomainException;
import com.accountingexport.core.error.ErrorKind;
import com.accountingexport.core.period.Period;
import com.accountingexport.core.port.DocumentRepository;
import com.accountingexport.core.port.Page;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/** The document port in memory, for pure tests of services and handlers. */
public final class InMemoryDocumentRepository implements DocumentRepository {
  private final Map<String, StoredDocument> items = new ConcurrentHashMap<>();

  private static String key(TenantId t, String id) {
    return t.value() + "\u0000" + id;
  }

  @Override
  public synchronized StoredDocument upsert(TenantId tenant, Document document, Instant now) {
    StoredDocument old = items.get(key(tenant, document.id()));
    if (old != null && old.isExported()) {
      throw DomainException.conflict("DOCUMENT_FROZEN",
          "Document " + document.id() + " is in export " + old.export().exportNumber() + " and can no longer change");
    }
    StoredDocument stored = new StoredDocument(document, null,
        old == null ? now : old.createdAt(), now, old == null ? 1 : old.version() + 1);
    items.put(key(tenant, document.id()), stored);
    return stored;
  }

  /** Test helper: marks a document as held by an export. */
  public void markExported(TenantId tenant, String id, ExportRef ref) {
    items.computeIfPresent(key(tenant, id), (k, d) -> new StoredDocument(d.document(), ref, d.createdAt(), d.updatedAt(), d.version()));
  }

  /** Test helper: the ids of the documents an export holds. */
  public List<String> heldBy(TenantId tenant, String exportId) {
    return items.entrySet().stream().filter(e -> e.getKey().startsWith(tenant.value() + "\u0000"))
        .map(Map.Entry::getValue).filter(d -> d.isExported() && d.export().exportId().equals(exportId))
        .map(StoredDocument::id).sorted().toList();
  }

  @Override
  public Optional<StoredDocument> find(TenantId tenant, String documentId) {
    return Optional.ofNullable(items.get(key(tenant, documentId)));
  }

  @Override
  public List<StoredDocument> settlementsOf(TenantId tenant, String documentId) {
    return items.entrySet().stream().filter(e -> e.getKey().startsWith(tenant.value() + "\u0000"))
        .map(Map.Entry::getValue)
        .filter(d -> d.document().type().isSettlement()
            && d.document().allocations().stream().anyMatch(a -> documentId.equals(a.documentId())))
        .toList();
  }

  @Override
  public Map<String, StoredDocument> findAll(TenantId tenant, Collection<String> ids) {
    Map<String, StoredDocument> out = new LinkedHashMap<>();
    for (String id : ids) {
      find(tenant, id).ifPresent(d -> out.put(id, d));
    }
    return out;
  }

  @Override
  public Page<StoredDocument> list(TenantId tenant, Period period, Predicate<StoredDocument> filter, String cursor, int limit) {
    String after = decode(tenant, cursor);
    List<StoredDocument> sorted = items.entrySet().stream()
        .filter(e -> e.getKey().startsWith(tenant.value() + "\u0000"))
        .map(Map.Entry::getValue)
        .filter(d -> period.contains(d.document().bookingDate()))
        .sorted(Comparator.comparing(InMemoryDocumentRepository::sortKey))
        .toList();
    List<StoredDocument> page = new ArrayList<>();
    String last = null;
    boolean more = false;
    for (StoredDocument d : sorted) {
      if (after != null && sortKey(d).compareTo(after) <= 0) {
        continue;
      }
      if (!filter.test(d)) {
        continue;
      }
      if (page.size() == limit) {
        more = true;
        break;
      }
      page.add(d);
      last = sortKey(d);
    }
    return new Page<>(page, more ? encode(tenant, last) : null);
  }

  private static String sortKey(StoredDocument d) {
    return d.document().bookingDate() + "#" + d.id();
  }

  private static String encode(TenantId tenant, String last) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString((tenant.value() + "|" + last).getBytes(StandardCharsets.UTF_8));
  }

  private static String decode(TenantId tenant, String cursor) {
    if (cursor == null) {
      return null;
    }
    try {
      String s = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      if (!s.startsWith(tenant.value() + "|")) {
        throw new IllegalArgumentException();
      }
      return s.substring(tenant.value().length() + 1);
    } catch (IllegalArgumentException e) {
      throw new DomainException(ErrorKind.INVALID, "INVALID_CURSOR", "The cursor is not one this list gave out");
    }
  }
}
