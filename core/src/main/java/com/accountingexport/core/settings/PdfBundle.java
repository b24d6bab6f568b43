package com.accountingexport.core.settings;

import java.util.Arrays;
import java.util.Optional;

/** Which invoice PDF bundles an export builds: {@code pdf} in {@code POST /exports}, settings {@code defaultPdf}. */
public enum PdfBundle {
  NONE("none"),
  /** One PDF per invoice, credit note and deposit invoice, in a ZIP. */
  ZIP("zip"),
  /** One PDF holding every document, a bookmark each. */
  MERGED("merged"),
  BOTH("both");

  private final String wire;

  PdfBundle(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }

  public boolean zip() {
    return this == ZIP || this == BOTH;
  }

  public boolean merged() {
    return this == MERGED || this == BOTH;
  }

  public static Optional<PdfBundle> fromWire(String wire) {
    return Arrays.stream(values()).filter(b -> b.wire.equals(wire)).findFirst();
  }
}
