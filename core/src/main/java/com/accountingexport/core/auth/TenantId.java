package com.accountingexport.core.auth;

import java.util.regex.Pattern;

/** A tenant id from the token's {@code tenant} claim; every storage key starts with it. */
public record TenantId(String value) {
  private static final Pattern VALID = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$");

  public TenantId {
    if (value == null || !VALID.matcher(value).matches()) {
      throw new IllegalArgumentException("tenant id must be 1-64 letters, digits, '.', '_' or '-'");
    }
  }

  public static boolean isValid(String value) {
    return value != null && VALID.matcher(value).matches();
  }

  @Override
  public String toString() {
    return value;
  }
}
