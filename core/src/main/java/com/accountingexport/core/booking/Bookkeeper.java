package com.accountingexport.core.booking;

import com.accountingexport.core.document.Document;
import com.accountingexport.core.settings.TenantSettings;
import java.util.List;

/** Temporary stub until the booking engine lands. */
public final class Bookkeeper {
  public Bookkeeper(TenantSettings settings) {}

  public static String auxiliaryAccount(TenantSettings settings, com.accountingexport.core.document.Counterparty c) {
    return c.accountNumber() != null ? c.accountNumber() : settings.accounts().customerAuxPrefix() + c.id();
  }

  public BookingResult book(Document document, DocumentLookup related) {
    return BookingResult.blocked(List.of(Anomaly.of(AnomalyCode.UNBALANCED, "booking engine not merged yet")));
  }
}
