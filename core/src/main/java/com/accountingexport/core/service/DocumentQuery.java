package com.accountingexport.core.service;

import com.accountingexport.core.document.DocumentType;
import com.accountingexport.core.document.ExportState;
import java.time.LocalDate;

/**
 * {@code GET /documents} filters. Null means "any"; from/to default to the current fiscal year;
 * {@code journal} is a journal code of the tenant (VT, BQ...).
 */
public record DocumentQuery(
    LocalDate from, LocalDate to, String journal, ExportState state, DocumentType type,
    String counterparty, String cursor, int limit) {}
