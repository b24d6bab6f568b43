package com.accountingexport.core.service;

import java.time.LocalDate;
import java.util.List;

/**
 * Which documents a preview or an export takes (shared/API.md {@code POST /exports/preview}).
 *
 * @param from null = start of the current fiscal year
 * @param to null = end of the current fiscal year
 * @param journals journal codes of the tenant; empty = every journal
 * @param documentIds an explicit selection; empty = every exportable document of the period
 * @param onlyValid leave out documents pending validation or refused (seed 001)
 * @param reexport take documents already exported in the period too (seed 002)
 */
public record Selection(
    LocalDate from, LocalDate to, List<String> journals, List<String> documentIds, boolean onlyValid, boolean reexport) {
  public static final int MAX_DOCUMENT_IDS = 10_000;

  public Selection {
    journals = journals == null ? List.of() : List.copyOf(journals);
    documentIds = documentIds == null ? List.of() : List.copyOf(documentIds);
  }

  public boolean isExplicit() {
    return !documentIds.isEmpty();
  }
}
