package com.accountingexport.core.auth;

import java.util.Objects;
import java.util.Optional;

/**
 * One right a route needs: a page at a level, written {@code exports:write} in messages, the README
 * and the tests, so that a 403 names exactly what the caller lacks.
 */
public record Permission(Screen page, Level level) {
  public Permission {
    Objects.requireNonNull(page, "page");
    Objects.requireNonNull(level, "level");
    if (level == Level.NONE) {
      throw new IllegalArgumentException("a permission needs read or write, not none");
    }
  }

  public static Permission read(Screen page) {
    return new Permission(page, Level.READ);
  }

  public static Permission write(Screen page) {
    return new Permission(page, Level.WRITE);
  }

  /** {@code exports:write}. */
  public String wire() {
    return page.wire() + ":" + level.wire();
  }

  /** The permission {@code exports:read} names, if it names one. */
  public static Optional<Permission> fromWire(String text) {
    if (text == null) {
      return Optional.empty();
    }
    int colon = text.indexOf(':');
    if (colon < 0) {
      return Optional.empty();
    }
    Optional<Screen> page = Screen.fromWire(text.substring(0, colon).strip());
    Optional<Level> level = Level.fromWire(text.substring(colon + 1).strip());
    if (page.isEmpty() || level.isEmpty() || level.get() == Level.NONE) {
      return Optional.empty();
    }
    return Optional.of(new Permission(page.get(), level.get()));
  }

  @Override
  public String toString() {
    return wire();
  }
}
