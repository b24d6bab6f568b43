package com.accountingexport.adapters.testing;

import com.accountingexport.adapters.Wiring;
import com.accountingexport.core.auth.Caller;
import com.accountingexport.core.auth.Role;
import com.accountingexport.core.auth.TenantId;
import com.accountingexport.core.fakes.TestDocuments;
import java.time.LocalDate;

/** Puts simple documents into a wiring's store through the real service. */
public final class Seed {
  public static final Caller ADMIN = new Caller(new TenantId("acme"), "user-1", Role.COMPANY_ADMIN, "admin@acme.test");

  private Seed() {}

  /** {@code n} validated invoices of 100.00 + 20.00 VAT dated 2026-03-01.., ids inv-1..inv-n. */
  public static void invoices(Wiring wiring, int n) {
    for (int i = 1; i <= n; i++) {
      wiring.documents().put(ADMIN, TestDocuments.invoice("inv-" + i, LocalDate.of(2026, 3, 1).plusDays(i % 28),
          "100.00", "20.00"));
    }
  }
}
