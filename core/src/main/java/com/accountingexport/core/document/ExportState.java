package com.accountingexport.core.document;

/** Where a document stands for the export screens (shared/API.md {@code exportState}). */
public enum ExportState {
  EXPORTABLE("exportable"),
  EXPORTED("exported"),
  BLOCKED("blocked");

  private final String wire;

  ExportState(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }
}
