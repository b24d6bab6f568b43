package com.accountingexport.core.settings;

import java.util.Arrays;
import java.util.Optional;

/** The language of what the service writes for people (notification e-mails): setting {@code locale}. */
public enum Language {
  FR("fr"),
  EN("en");

  private final String wire;

  Language(String wire) {
    this.wire = wire;
  }

  /** The setting's value: {@code fr} or {@code en}. */
  public String wire() {
    return wire;
  }

  public static Optional<Language> fromWire(String wire) {
    return Arrays.stream(values()).filter(l -> l.wire.equals(wire)).findFirst();
  }
}
