package com.accountingexport.adapters.http;

import static com.accountingexport.adapters.testing.TestEvents.route;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.accountingexport.core.auth.Level;
import com.accountingexport.core.auth.Role;
import com.accountingexport.core.auth.Screen;
import com.accountingexport.core.auth.TenantId;
import com.accountingexport.core.error.DomainException;
import com.accountingexport.core.error.ErrorKind;
import com.accountingexport.core.fakes.InMemorySettingsRepository;
import com.accountingexport.core.service.SettingsService;
import com.accountingexport.core.settings.TenantSettings;
import org.junit.jupiter.api.Test;

/** The guard alone: the matrix's permissions against the tenant's levels, before any route runs. */
class RightsGuardTest {
  private final InMemorySettingsRepository repository = new InMemorySettingsRepository();
  private final RightsGuard guard = new RightsGuard(new SettingsService(repository));

  private static Request request(com.accountingexport.adapters.testing.TestEvents.Builder b) {
    return new Request(b.build());
  }

  @Test
  void aRouteTheMatrixDoesNotKnow_passesWithoutEvenReadingTheToken() {
    assertDoesNotThrow(() -> guard.before(request(route("GET /no/such/route").noToken())));
  }

  @Test
  void aKnownRoute_withoutToken_is401() {
    DomainException e = assertThrows(DomainException.class, () -> guard.before(request(route("GET /exports").noToken())));
    assertEquals(ErrorKind.UNAUTHENTICATED, e.kind());
  }

  @Test
  void aRouteThatNeedsNothing_passesForEveryRole() {
    assertDoesNotThrow(() -> guard.before(request(route("GET /tenants").role("company_user"))));
  }

  @Test
  void theParameterDecides_andEveryPermissionOfTheRouteMustHold() {
    repository.save(new TenantId("acme"), TenantSettings.defaults()
        .withLevel(Screen.EXPORTS, Role.COMPANY_USER, Level.READ));
    String files = "GET /exports/{exportId}/files/{kind}";

    assertDoesNotThrow(() -> guard.before(request(route(files).path("exportId", "e1").path("kind", "journal")
        .role("company_user"))));
    DomainException e = assertThrows(DomainException.class, () -> guard.before(request(route(files)
        .path("exportId", "e1").path("kind", "vat-summary").role("company_user"))));

    assertEquals(ErrorKind.FORBIDDEN, e.kind());
    assertEquals("pageAccess.vatSummary.company_user", e.details().get(0).field());
    assertEquals("READ_REQUIRED", e.details().get(0).code());
  }
}
