package com.accountingexport.core.service;

import com.accountingexport.core.error.DomainException;

/** One document's outcome in a batch: stored (with its view) or refused (with the error). */
public record BatchResult(int index, String documentId, DocumentView stored, DomainException error, boolean created) {
  public boolean ok() {
    return error == null;
  }
}
