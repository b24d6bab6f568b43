package com.accountingexport.core.settings;

import java.util.Arrays;
import java.util.Optional;

/**
 * When VAT on services falls due (ACCOUNTING.md §2): on invoicing ("débits", the option) or when the
 * money is received ("encaissements", the legal default for services: 44574 until paid).
 */
public enum VatRegime {
  DEBITS("debits"),
  COLLECTIONS("collections");

  private final String wire;

  VatRegime(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }

  public static Optional<VatRegime> fromWire(String wire) {
    return Arrays.stream(values()).filter(r -> r.wire.equals(wire)).findFirst();
  }
}
