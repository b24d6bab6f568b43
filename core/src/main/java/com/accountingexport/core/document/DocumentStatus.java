package com.accountingexport.core.document;

import java.util.Arrays;
import java.util.Optional;

public enum DocumentStatus {
  DRAFT("draft"),
  PENDING_VALIDATION("pending_validation"),
  VALIDATION_REFUSED("validation_refused"),
  VALIDATED("validated");

  private final String wire;

  DocumentStatus(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }

  public static Optional<DocumentStatus> fromWire(String wire) {
    return Arrays.stream(values()).filter(s -> s.wire.equals(wire)).findFirst();
  }
}
