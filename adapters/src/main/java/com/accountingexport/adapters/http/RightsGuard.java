package com.accountingexport.adapters.http;

import com.accountingexport.core.auth.Caller;
import com.accountingexport.core.auth.Permission;
import com.accountingexport.core.auth.Rights;
import com.accountingexport.core.service.Access;
import com.accountingexport.core.service.SettingsService;
import com.accountingexport.core.settings.TenantSettings;
import java.util.List;

/**
 * The permission matrix ({@link Rights}) applied before every route: a caller whose role lacks one
 * of the route's permissions in its company's {@code pageAccess} gets 403 FORBIDDEN naming it, before
 * the route reads its body or any data. Routes the matrix does not know pass (their handler answers
 * them, 404 for a route it does not serve).
 */
public final class RightsGuard implements RouteHooks {
  private final SettingsService settings;

  public RightsGuard(SettingsService settings) {
    this.settings = settings;
  }

  @Override
  public void before(Request request) {
    String route = request.route();
    if (!Rights.knows(route)) {
      return;
    }
    Caller caller = request.caller();
    List<Permission> needed = Rights.required(route, request.pathParams());
    if (needed.isEmpty()) {
      return;
    }
    TenantSettings s = settings.get(caller);
    for (Permission p : needed) {
      Access.require(caller, s, p);
    }
  }
}
