package com.accountingexport.core.auth;

import java.util.Arrays;
import java.util.Optional;

/**
 * The pages whose access a tenant sets per role and level (seed 004); {@code settings} covers the
 * tenant's configuration itself (settings, templates, webhooks, the audit log).
 */
public enum Screen {
  EXPORTS("exports"),
  VAT_SUMMARY("vatSummary"),
  CHART_OF_ACCOUNTS("chartOfAccounts"),
  SETTINGS("settings");

  private final String wire;

  Screen(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }

  public static Optional<Screen> fromWire(String wire) {
    return Arrays.stream(values()).filter(p -> p.wire.equals(wire)).findFirst();
  }
}
