package com.accountingexport.pdf;

import java.io.IOException;

/**
 * A document of a bundle could not be used: its PDF could not be read from its source, is too
 * large, or is not a readable PDF. Names the document, so that the export that fails says which
 * one. Failures of the output stream are never wrapped in this: they surface as they were thrown.
 */
public final class BundleException extends IOException {
  private final String documentId;

  public BundleException(String documentId, String problem, Throwable cause) {
    super("document " + documentId + ": " + problem + (cause == null || cause.getMessage() == null ? ""
        : " (" + cause.getMessage() + ")"), cause);
    this.documentId = documentId;
  }

  public BundleException(String documentId, String problem) {
    this(documentId, problem, null);
  }

  /** The document whose PDF could not be used. */
  public String documentId() {
    return documentId;
  }
}
