package com.accountingexport.core.document;

import java.time.Instant;

/**
 * A document as stored: what the platform sent, plus the export that holds it (null when none) and
 * bookkeeping timestamps. {@code version} grows by one on every write (optimistic concurrency).
 */
public record StoredDocument(
    Document document, ExportRef export, Instant createdAt, Instant updatedAt, long version) {

  public String id() {
    return document.id();
  }

  public boolean isExported() {
    return export != null;
  }
}
