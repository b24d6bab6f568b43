package com.accountingexport.core.notify;

/** What a notice announces about an export: its files are ready, or its generation failed. */
public enum Outcome {
  READY,
  FAILED
}
