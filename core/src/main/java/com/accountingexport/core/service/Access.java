package com.accountingexport.core.service;

import com.accountingexport.core.auth.Caller;
import com.accountingexport.core.auth.Level;
import com.accountingexport.core.auth.Permission;
import com.accountingexport.core.auth.Screen;
import com.accountingexport.core.error.DomainException;
import com.accountingexport.core.error.Violation;
import com.accountingexport.core.settings.TenantSettings;
import java.util.List;

/**
 * Per-role access to the product's pages, as each tenant sets it (seed 004). The route guard checks
 * {@link com.accountingexport.core.auth.Rights} with it before any route runs; services check it
 * again (defence in depth), with the same message, so that a caller always learns which permission
 * it lacks and who can grant it.
 */
public final class Access {
  private Access() {}

  /** At least read access to {@code screen}. */
  public static void require(Caller caller, TenantSettings settings, Screen screen) {
    require(caller, settings, Permission.read(screen));
  }

  /** 403 FORBIDDEN naming the permission when the caller's role has less than {@code needed}. */
  public static void require(Caller caller, TenantSettings settings, Permission needed) {
    Level has = settings.level(needed.page(), caller.role());
    if (has.atLeast(needed.level())) {
      return;
    }
    String role = caller.role().wire();
    String message = "Role " + role + " needs " + needed.wire() + " in company " + caller.tenant() + "; it has "
        + has.wire() + ". An admin can change pageAccess in the settings";
    String field = "pageAccess." + needed.page().wire() + "." + role;
    String code = needed.level() == Level.WRITE ? "WRITE_REQUIRED" : "READ_REQUIRED";
    throw DomainException.forbidden(message, List.of(Violation.of(field, code, message)));
  }
}
