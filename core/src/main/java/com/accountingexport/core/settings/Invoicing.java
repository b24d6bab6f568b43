package com.accountingexport.core.settings;

/**
 * What the tenant's invoice PDFs need besides the documents (settings {@code company},
 * {@code paymentTermsDays}, {@code latePenaltyRate}, {@code defaultPdf}).
 *
 * @param company the seller; null until the tenant gives it (rendered PDFs then wait with an anomaly)
 * @param paymentTermsDays a document without {@code dueDate} is due this many days after its date
 * @param latePenaltyRate the late-payment penalty rate as printed (C. com. L441-10); null = the legal
 *     default, three times the legal interest rate
 * @param defaultPdf the bundles an export builds when its request names none
 */
public record Invoicing(Company company, int paymentTermsDays, String latePenaltyRate, PdfBundle defaultPdf) {
  public static final int DEFAULT_PAYMENT_TERMS_DAYS = 30;
  /** C. com. L441-10 II: without a stipulated rate, three times the legal interest rate applies. */
  public static final String LEGAL_PENALTY_RATE = "trois fois le taux d'intérêt légal";

  public Invoicing {
    defaultPdf = defaultPdf == null ? PdfBundle.NONE : defaultPdf;
  }

  public static Invoicing defaults() {
    return new Invoicing(null, DEFAULT_PAYMENT_TERMS_DAYS, null, PdfBundle.NONE);
  }

  /** The penalty rate to print: the tenant's, else the legal default. */
  public String penaltyRateText() {
    return latePenaltyRate == null || latePenaltyRate.isBlank() ? LEGAL_PENALTY_RATE : latePenaltyRate;
  }
}
