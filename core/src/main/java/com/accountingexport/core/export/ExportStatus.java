package com.accountingexport.core.export;

import java.util.Arrays;
import java.util.Optional;

/** An export's life: GENERATING → READY → DOWNLOADED, or CANCELLED, or FAILED. */
public enum ExportStatus {
  GENERATING,
  READY,
  DOWNLOADED,
  CANCELLED,
  FAILED;

  /** Its documents are held (frozen) by it. */
  public boolean holdsDocuments() {
    return this == GENERATING || this == READY || this == DOWNLOADED;
  }

  public static Optional<ExportStatus> parse(String s) {
    return Arrays.stream(values()).filter(v -> v.name().equals(s)).findFirst();
  }
}
