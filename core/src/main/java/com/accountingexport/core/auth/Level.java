package com.accountingexport.core.auth;

import java.util.Arrays;
import java.util.Optional;

/**
 * How far a role may go on a page: nothing, look (GET routes, previews, downloads), or change
 * (writes, exports, cancellations, settings). Ordered, so that WRITE includes READ.
 */
public enum Level {
  NONE("none"),
  READ("read"),
  WRITE("write");

  private final String wire;

  Level(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }

  /** Whether this level is {@code needed} or more. */
  public boolean atLeast(Level needed) {
    return compareTo(needed) >= 0;
  }

  public static Optional<Level> fromWire(String wire) {
    return Arrays.stream(values()).filter(l -> l.wire.equals(wire)).findFirst();
  }
}
