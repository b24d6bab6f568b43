package com.accountingexport.core.booking;

/** The journals the product books into; each tenant may rename their codes in its settings. */
public enum JournalKind {
  SALES("VT", "Journal des ventes"),
  BANK("BQ", "Journal de banque"),
  PURCHASES("AC", "Journal des achats"),
  CASH("CA", "Journal de caisse"),
  EXPENSES("NDF", "Notes de frais"),
  /** Miscellaneous operations: the VAT transfer of a settlement paid outside the platform. */
  MISC("OD", "Opérations diverses");

  private final String defaultCode;
  private final String defaultLabel;

  JournalKind(String defaultCode, String defaultLabel) {
    this.defaultCode = defaultCode;
    this.defaultLabel = defaultLabel;
  }

  public String defaultCode() {
    return defaultCode;
  }

  public String defaultLabel() {
    return defaultLabel;
  }
}
