package com.accountingexport.core.port;

import com.accountingexport.core.auth.TenantId;
import com.accountingexport.core.document.Document;
import com.accountingexport.core.document.StoredDocument;
import com.accountingexport.core.period.Period;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/** Documents of one tenant at a time: no method can reach another tenant's items. */
public interface DocumentRepository {

  /**
   * Creates or replaces a document, unless an active export holds it.
   *
   * @throws com.accountingexport.core.error.DomainException 409 DOCUMENT_FROZEN when it is exported
   */
  StoredDocument upsert(TenantId tenant, Document document, Instant now);

  Optional<StoredDocument> find(TenantId tenant, String documentId);

  /**
   * The settlements (payments, refunds, supplier payments) that name {@code documentId} in their
   * {@code relatedDocumentId} or {@code relatedDocumentIds}, in no particular order: the other
   * payments of an invoice, which share its pending VAT (ACCOUNTING.md §5).
   */
  List<StoredDocument> settlementsOf(TenantId tenant, String documentId);

  /** The documents found among {@code ids}, keyed by id (missing ids are absent). */
  Map<String, StoredDocument> findAll(TenantId tenant, Collection<String> ids);

  /**
   * The documents booked within {@code period} (their accounting date: {@link Document#bookingDate()}),
   * ordered by that date then id, keeping those that pass
   * {@code filter}, at most {@code limit} of them, from {@code cursor} (null = start).
   *
   * @throws com.accountingexport.core.error.DomainException 400 INVALID_CURSOR for a cursor that
   *     was not made by this method for this tenant
   */
  Page<StoredDocument> list(TenantId tenant, Period period, Predicate<StoredDocument> filter, String cursor, int limit);

  /** Every document of the period passing {@code filter}, in order (for previews and exports). */
  default List<StoredDocument> listAll(TenantId tenant, Period period, Predicate<StoredDocument> filter) {
    List<StoredDocument> all = new java.util.ArrayList<>();
    String cursor = null;
    do {
      Page<StoredDocument> page = list(tenant, period, filter, cursor, 1000);
      all.addAll(page.items());
      cursor = page.nextCursor();
    } while (cursor != null);
    return all;
  }
}
