package com.accountingexport.core.auth;

import java.util.List;

/**
 * Who is calling, from the verified token's claims.
 *
 * @param tenant the company this request acts on: the token's {@code tenant}, or for a firm user the
 *     company its {@code X-Tenant} header picked among those it serves
 * @param home the token's own {@code tenant} claim (for a firm user: its firm)
 * @param serves the companies a firm user may act on (its {@code tenants} claim plus its home), empty for
 *     company roles
 */
public record Caller(TenantId tenant, String subject, Role role, String email, TenantId home, List<TenantId> serves) {
  public Caller {
    home = home == null ? tenant : home;
    serves = serves == null ? List.of() : List.copyOf(serves);
  }

  /** A caller acting on its own token's tenant. */
  public Caller(TenantId tenant, String subject, Role role, String email) {
    this(tenant, subject, role, email, tenant, List.of());
  }

  /** The name written into audit fields (createdBy, downloadedBy...). */
  public String actor() {
    return email != null && !email.isBlank() ? email : subject;
  }

  /** The firm a firm user belongs to (its token's tenant), null for company users. */
  public TenantId firm() {
    return role == Role.FIRM_USER ? home : null;
  }

  /** The companies this caller may act on, its home first: itself only, unless a firm user. */
  public List<TenantId> companies() {
    if (role != Role.FIRM_USER) {
      return List.of(home);
    }
    java.util.LinkedHashSet<TenantId> all = new java.util.LinkedHashSet<>();
    all.add(home);
    all.addAll(serves);
    return List.copyOf(all);
  }

  /** The same caller acting on {@code company}, which must be one of {@link #companies()}. */
  public Caller actingOn(TenantId company) {
    if (!companies().contains(company)) {
      throw new IllegalArgumentException("not one of the caller's companies: " + company);
    }
    return new Caller(company, subject, role, email, home, serves);
  }
}
