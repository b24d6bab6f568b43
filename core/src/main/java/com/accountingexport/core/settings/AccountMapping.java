package com.accountingexport.core.settings;

import java.math.BigDecimal;
import java.util.Map;
import java.util.TreeMap;

/**
 * The tenant's chart-of-accounts choices, French PCG defaults padded to 6 digits.
 * {@code vatCollectedByRate} maps a rate ("20.00") to its own 44571x account when the firm keeps one
 * per rate; rates not listed use {@code vatCollected}. Auxiliary accounts of counterparties without
 * an {@code accountNumber} are the prefix followed by their id.
 */
public record AccountMapping(
    String customer,
    String supplier,
    String employee,
    String revenueServices,
    String revenueGoods,
    String vatCollected,
    Map<String, String> vatCollectedByRate,
    String vatCollectedPending,
    String vatDeductible,
    String vatDeductibleFixedAssets,
    String vatDeductiblePending,
    String customerDeposits,
    String bank,
    String cash,
    String expenses,
    String fxLoss,
    String fxGain,
    String customerAuxPrefix,
    String supplierAuxPrefix,
    String employeeAuxPrefix) {

  public AccountMapping {
    vatCollectedByRate = vatCollectedByRate == null ? Map.of() : Map.copyOf(new TreeMap<>(vatCollectedByRate));
  }

  public static AccountMapping defaults() {
    return new AccountMapping(
        "411000", "401000", "421000", "706000", "707000",
        "445710", Map.of(), "445740",
        "445660", "445620", "445640",
        "419100", "512000", "530000", "625600",
        "656000", "756000",
        "411", "401", "421");
  }

  /** The collected-VAT account for a rate, e.g. 20.00 → 445710 unless a per-rate account is set. */
  public String vatCollectedFor(BigDecimal rate) {
    if (rate != null) {
      String key = rate.setScale(2, java.math.RoundingMode.HALF_UP).toPlainString();
      String specific = vatCollectedByRate.get(key);
      if (specific != null) {
        return specific;
      }
    }
    return vatCollected;
  }
}
