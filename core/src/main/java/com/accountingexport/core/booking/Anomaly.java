package com.accountingexport.core.booking;

/** Why a document will not export: a stable code and a sentence a user can act on. */
public record Anomaly(String code, String message) {
  public static Anomaly of(AnomalyCode code, String message) {
    return new Anomaly(code.name(), message);
  }
}
