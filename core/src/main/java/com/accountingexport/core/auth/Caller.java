package com.accountingexport.core.auth;

/** Who is calling, from the verified token's claims. */
public record Caller(TenantId tenant, String subject, Role role, String email) {
  /** The name written into audit fields (createdBy, downloadedBy...). */
  public String actor() {
    return email != null && !email.isBlank() ? email : subject;
  }
}
