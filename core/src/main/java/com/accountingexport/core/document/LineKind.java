package com.accountingexport.core.document;

import java.util.Arrays;
import java.util.Optional;

/** Goods or services: decides 707 vs 706 and, for services, the VAT regime (ACCOUNTING.md §2). */
public enum LineKind {
  GOODS("goods"),
  SERVICES("services");

  private final String wire;

  LineKind(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }

  public static Optional<LineKind> fromWire(String wire) {
    return Arrays.stream(values()).filter(k -> k.wire.equals(wire)).findFirst();
  }
}
