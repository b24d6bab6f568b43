package com.accountingexport.core.service;

import com.accountingexport.core.auth.Caller;
import com.accountingexport.core.auth.Screen;
import com.accountingexport.core.error.DomainException;
import com.accountingexport.core.settings.TenantSettings;

/** Per-role access to the product's screens, as each tenant sets it (seed 004). */
public final class Access {
  private Access() {}

  public static void require(Caller caller, TenantSettings settings, Screen screen) {
    if (!settings.canSee(screen, caller.role())) {
      throw DomainException.forbidden("Role " + caller.role().wire() + " has no access to " + screen.wire()
          + " in this company; an admin can allow it in the settings (pageAccess)");
    }
  }
}
