package com.accountingexport.adapters.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.accountingexport.core.auth.Caller;
import com.accountingexport.core.auth.Role;
import com.accountingexport.core.auth.TenantId;
import com.accountingexport.core.error.DomainException;
import com.accountingexport.core.error.ErrorKind;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The caller of a request: the token's claims, and the company a firm user picks with X-Tenant. */
class RequestCallerTest {
  private static Map<String, String> firm(String tenants) {
    return Map.of("sub", "u-1", "tenant", "cabinet", "role", "firm_user", "email", "f@cabinet.test", "tenants", tenants);
  }

  private static List<TenantId> ids(String... v) {
    return java.util.Arrays.stream(v).map(TenantId::new).toList();
  }

  @Test
  void tenantsClaim_isReadInEachFormItMayArriveIn() {
    assertEquals(ids("alpha", "beta"), Request.tenantsClaim("[alpha beta]"), "API Gateway's rendering of an array");
    assertEquals(ids("alpha", "beta"), Request.tenantsClaim("[\"alpha\",\"beta\"]"), "a JSON array text");
    assertEquals(ids("alpha", "beta"), Request.tenantsClaim("alpha, beta,alpha"), "comma-separated, repeated once");
    assertEquals(ids("alpha"), Request.tenantsClaim("[alpha ../x]"), "an id that is no tenant id is dropped");
    assertEquals(List.of(), Request.tenantsClaim(null));
    assertEquals(List.of(), Request.tenantsClaim("[]"));
  }

  @Test
  void firmUser_withoutHeader_actsOnItsOwnTenant() {
    Caller c = Request.callerFrom(firm("[alpha beta]"), null);
    assertEquals(new TenantId("cabinet"), c.tenant());
    assertEquals(new TenantId("cabinet"), c.firm());
    assertEquals(ids("cabinet", "alpha", "beta"), c.companies());
  }

  @Test
  void firmUser_picksACompanyItServes() {
    Caller c = Request.callerFrom(firm("[alpha beta]"), "beta");
    assertEquals(new TenantId("beta"), c.tenant());
    assertEquals(new TenantId("cabinet"), c.home());
    assertEquals(new TenantId("cabinet"), c.firm(), "the audit names the firm behind the request");
    assertEquals(Role.FIRM_USER, c.role());
    assertEquals(new TenantId("cabinet"), Request.callerFrom(firm("[alpha beta]"), "cabinet").tenant());
  }

  @Test
  void aCompanyOutsideTheToken_is404_asAnyOtherTenantsData() {
    for (String outside : new String[] {"gamma", "ALPHA", "../alpha", "alpha beta"}) {
      DomainException e = assertThrows(DomainException.class, () -> Request.callerFrom(firm("[alpha beta]"), outside), outside);
      assertEquals(ErrorKind.NOT_FOUND, e.kind(), outside);
      assertEquals("TENANT_NOT_FOUND", e.code(), outside);
    }
  }

  @Test
  void companyRoles_neverReachAnotherTenant_evenWithATenantsClaim() {
    Map<String, String> admin = Map.of("sub", "u-2", "tenant", "alpha", "role", "company_admin", "tenants", "[beta]");
    assertEquals(new TenantId("alpha"), Request.callerFrom(admin, "alpha").tenant());
    assertNull(Request.callerFrom(admin, null).firm());
    assertEquals(ids("alpha"), Request.callerFrom(admin, null).companies());
    DomainException e = assertThrows(DomainException.class, () -> Request.callerFrom(admin, "beta"));
    assertEquals("TENANT_NOT_FOUND", e.code());
  }
}
