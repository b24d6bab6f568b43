package com.accountingexport.core.format;

import java.util.Objects;

/**
 * One sub-account of the accounts file, as every format reads it.
 *
 * @param account the auxiliary account ({@code 411C0042})
 * @param type {@link #CUSTOMER} or {@link #SUPPLIER}
 * @param collectiveAccount the general account it belongs to ({@code 411000}), or null when unknown
 * @param street billing address lines 1 and 2 joined by ", ", or null
 */
public record AccountRecord(String account, String type, String collectiveAccount, String name, String siret,
    String vatNumber, String street, String postalCode, String city, String countryCode, String email) {
  public static final String CUSTOMER = "customer";
  public static final String SUPPLIER = "supplier";

  public AccountRecord {
    Objects.requireNonNull(account, "account");
    if (!CUSTOMER.equals(type) && !SUPPLIER.equals(type)) {
      throw new IllegalArgumentException("type must be customer or supplier: " + type);
    }
  }

  public boolean supplier() {
    return SUPPLIER.equals(type);
  }

  /** The name, else the account (a record always has a label). */
  public String label() {
    return name == null || name.isBlank() ? account : name;
  }
}
