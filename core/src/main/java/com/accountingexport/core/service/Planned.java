package com.accountingexport.core.service;

import com.accountingexport.core.booking.JournalEntry;
import com.accountingexport.core.document.StoredDocument;

/** A document that goes into an export, with its entry. */
public record Planned(StoredDocument document, JournalEntry entry) {}
