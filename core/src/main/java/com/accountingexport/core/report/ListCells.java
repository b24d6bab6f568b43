package com.accountingexport.core.report;

import com.accountingexport.core.document.Counterparty;
import com.accountingexport.core.document.Document;
import com.accountingexport.core.document.ExportState;
import com.accountingexport.core.document.StoredDocument;
import com.accountingexport.core.money.Money;
import com.accountingexport.core.service.DocumentView;
import java.math.BigDecimal;
import java.math.RoundingMode;

/** What the management lists share: amounts in EUR, a document's party and export cells. */
final class ListCells {
  private ListCells() {}

  /**
   * An amount of {@code d}'s currency in EUR, half-up to the cent (exchangeRate = units of currency
   * per 1 EUR, as the journals convert): lists of several currencies add up in EUR only.
   */
  static BigDecimal eur(Document d, BigDecimal amount) {
    return eur(d.currency(), d.exchangeRate(), amount);
  }

  /** The same for an amount in {@code currency} at {@code exchangeRate} (ignored for EUR or when missing). */
  static BigDecimal eur(String currency, BigDecimal exchangeRate, BigDecimal amount) {
    BigDecimal a = amount == null ? BigDecimal.ZERO : amount;
    if ("EUR".equals(currency) || exchangeRate == null || exchangeRate.signum() <= 0) {
      return Money.round(a);
    }
    return a.divide(exchangeRate, Money.SCALE, RoundingMode.HALF_UP);
  }

  static String partyId(Document d) {
    Counterparty c = d.counterparty();
    return c == null ? null : c.id();
  }

  static String partyName(Document d) {
    Counterparty c = d.counterparty();
    return c == null ? null : c.name();
  }

  /**
   * The state the documents API shows ({@link DocumentView#exportState()}, worked out by
   * DocumentService); a view without one is exported when an export holds it, else unknown (null).
   */
  static String state(DocumentView view) {
    ExportState s = view.exportState();
    if (s == null && view.stored().isExported()) {
      s = ExportState.EXPORTED;
    }
    return s == null ? null : s.wire();
  }

  static String exportNumber(StoredDocument stored) {
    return stored.export() == null ? null : stored.export().exportNumber();
  }
}
