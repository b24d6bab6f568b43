package com.accountingexport.core.format;

import java.util.Set;

/** Temporary stub until the formats land. */
public final class ExportFormats {
  private ExportFormats() {}

  public static Set<String> ids() {
    return Set.of("fec", "fec-pipe", "csv", "centralised-csv");
  }

  public static ExportWriter byId(String id) {
    throw new UnsupportedOperationException();
  }
}
