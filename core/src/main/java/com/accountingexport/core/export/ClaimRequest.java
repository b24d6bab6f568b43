package com.accountingexport.core.export;

/**
 * One document to claim, at the version that was planned: a document written after its planning
 * (another version) is not claimed, so that no export freezes a booking older than what is stored.
 * {@link #ANY_VERSION} claims whatever version is there (tools and benchmarks).
 */
public record ClaimRequest(String documentId, long version) {
  public static final long ANY_VERSION = -1;

  public static ClaimRequest any(String documentId) {
    return new ClaimRequest(documentId, ANY_VERSION);
  }
}
