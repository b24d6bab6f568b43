package com.accountingexport.core.service;

import com.accountingexport.core.auth.Caller;
import com.accountingexport.core.document.Document;
import com.accountingexport.core.port.DocumentRepository;
import com.accountingexport.core.port.Page;
import java.time.Clock;
import java.util.List;

/** Stores what the platform pushes and shows each document with its export state and anomalies. */
public final class DocumentService {
  public static final int MAX_BATCH = 500;

  private final DocumentRepository documents;
  private final SettingsService settings;
  private final Clock clock;

  public DocumentService(DocumentRepository documents, SettingsService settings, Clock clock) {
    this.documents = documents;
    this.settings = settings;
    this.clock = clock;
  }

  /** Upserts one document: 422 when its invariants break, 409 DOCUMENT_FROZEN once exported. */
  public DocumentView put(Caller caller, Document document) {
    throw new UnsupportedOperationException("in progress");
  }

  /** Upserts up to 500 documents, one result each; one bad document does not stop the others. */
  public List<BatchResult> putAll(Caller caller, List<Document> batch) {
    throw new UnsupportedOperationException("in progress");
  }

  public DocumentView get(Caller caller, String documentId) {
    throw new UnsupportedOperationException("in progress");
  }

  public Page<DocumentView> list(Caller caller, DocumentQuery query) {
    throw new UnsupportedOperationException("in progress");
  }
}
