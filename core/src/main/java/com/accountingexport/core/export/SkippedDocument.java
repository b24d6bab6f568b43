package com.accountingexport.core.export;

/** A selected document this export did not take, and why (e.g. a concurrent export claimed it first). */
public record SkippedDocument(String documentId, String reason) {}
