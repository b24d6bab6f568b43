package com.accountingexport.core.auth;

import java.util.Arrays;
import java.util.Optional;

/** The {@code role} claim of a token. */
public enum Role {
  FIRM_USER("firm_user"),
  COMPANY_ADMIN("company_admin"),
  COMPANY_USER("company_user");

  private final String wire;

  Role(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }

  public static Optional<Role> fromWire(String wire) {
    return Arrays.stream(values()).filter(r -> r.wire.equals(wire)).findFirst();
  }
}
