package com.accountingexport.core.document;

/** The active export that holds (and freezes) a document. */
public record ExportRef(String exportId, String exportNumber) {}
