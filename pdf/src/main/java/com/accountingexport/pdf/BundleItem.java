package com.accountingexport.pdf;

import java.util.Objects;

/**
 * One document of a bundle: an invoice, credit note or deposit invoice whose single PDF goes into
 * the ZIP ({@link ZipBundle}) and the merged PDF ({@link MergedPdfBundle}), in the order the items
 * are given (the journal's).
 *
 * @param documentId the document's id (never blank): names the document in errors and the manifest,
 *     and names its ZIP entry when it has no usable number
 * @param number its piece number ({@code F-2026-042}), may be null: names its ZIP entry
 * @param title the bookmark text in the merged PDF ({@code F-2026-042 - Durand SARL}); null or blank
 *     falls back to the number, then to the document id
 */
public record BundleItem(String documentId, String number, String title) {
  public BundleItem {
    Objects.requireNonNull(documentId, "documentId");
    if (documentId.isBlank()) {
      throw new IllegalArgumentException("a bundle item needs a document id");
    }
  }

  /** The bookmark text: the title, else the number, else the document id. */
  public String bookmark() {
    if (title != null && !title.isBlank()) {
      return title;
    }
    return number != null && !number.isBlank() ? number : documentId;
  }
}
