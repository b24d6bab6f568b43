package com.accountingexport.core.document;

import com.accountingexport.core.error.DomainException;
import com.accountingexport.core.error.Violation;
import com.accountingexport.core.money.Money;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The invariants a well-formed document must hold whatever the tenant's settings (422 when broken).
 * What only keeps a document from exporting (a missing account, a draft...) is an anomaly instead.
 */
public final class DocumentRules {
  /** Per-line VAT is rounded per line, totals per rate: each line may leave half a cent (ACCOUNTING.md §6). */
  public static final BigDecimal TOLERANCE_PER_LINE = new BigDecimal("0.005");

  private DocumentRules() {}

  /** Every broken invariant, with {@code prefix} before each field path (e.g. {@code documents[2].}). */
  public static List<Violation> check(Document d, String prefix) {
    List<Violation> out = new ArrayList<>();
    Totals t = d.totals();
    if (t != null && t.net().add(t.vat()).compareTo(t.gross()) != 0) {
      out.add(Violation.of(prefix + "totals.gross", "TOTALS_MISMATCH",
          "must equal net + vat (" + Money.format(t.net().add(t.vat())) + "), got " + Money.format(t.gross())));
    }
    if (t != null && !d.lines().isEmpty()) {
      BigDecimal tolerance = TOLERANCE_PER_LINE.multiply(BigDecimal.valueOf(d.lines().size()));
      BigDecimal net = Money.sum(d.lines().stream().map(DocumentLine::netAmount).toList());
      BigDecimal vat = Money.sum(d.lines().stream().map(DocumentLine::vatAmount).toList());
      if (net.subtract(t.net()).abs().compareTo(tolerance) > 0) {
        out.add(Violation.of(prefix + "totals.net", "TOTALS_MISMATCH",
            "must equal the sum of lines[].netAmount (" + Money.format(net) + "), got " + Money.format(t.net())));
      }
      if (vat.subtract(t.vat()).abs().compareTo(tolerance) > 0) {
        out.add(Violation.of(prefix + "totals.vat", "TOTALS_MISMATCH",
            "must equal the sum of lines[].vatAmount (" + Money.format(vat) + "), got " + Money.format(t.vat())));
      }
    }
    if (t != null && t.gross().signum() < 0) {
      out.add(Violation.of(prefix + "totals.gross", "NEGATIVE_TOTAL",
          "must not be negative: the document type says which side it books on (a credit note is positive)"));
    }
    if (!d.isEuro() && (d.exchangeRate() == null || d.exchangeRate().signum() <= 0)) {
      out.add(Violation.of(prefix + "exchangeRate", "EXCHANGE_RATE_REQUIRED",
          "is required and positive for a document in " + d.currency() + " (units of currency per 1 EUR)"));
    }
    for (int i = 0; i < d.lines().size(); i++) {
      ServicePeriod sp = d.lines().get(i).servicePeriod();
      if (sp != null && sp.from() != null && sp.to() != null && sp.from().isAfter(sp.to())) {
        out.add(Violation.of(prefix + "lines[" + i + "].servicePeriod", "INVALID_PERIOD", "from must not be after to"));
      }
    }
    if (d.relatedDocumentId() != null && d.relatedDocumentId().equals(d.id())) {
      out.add(Violation.of(prefix + "relatedDocumentId", "SELF_REFERENCE", "must not name the document itself"));
    }
    if (d.dueDate() != null && d.date() != null && d.dueDate().isBefore(d.date())) {
      out.add(Violation.of(prefix + "dueDate", "INVALID_PERIOD", "must not be before the document's date " + d.date()));
    }
    for (int i = 0; i < d.relatedDocumentIds().size(); i++) {
      if (d.id() != null && d.id().equals(d.relatedDocumentIds().get(i).documentId())) {
        out.add(Violation.of(prefix + "relatedDocumentIds[" + i + "].documentId", "SELF_REFERENCE",
            "must not name the document itself"));
      }
    }
    return out;
  }

  /** Throws 422 with every broken invariant, or returns the document. */
  public static Document require(Document d) {
    List<Violation> v = check(d, "");
    if (!v.isEmpty()) {
      throw DomainException.unprocessable("DOCUMENT_INCONSISTENT", "The document's amounts or references are inconsistent", v);
    }
    return d;
  }
}
