package com.accountingexport.core.format;

import java.io.IOException;
import java.math.BigDecimal;

/**
 * Rows of a delimited file that a spreadsheet may open (Sage CSV, ACD, templates, their accounts files):
 * the separator goes between cells by itself, text cells go through the file's {@link Text}
 * (transliterated, control characters made spaces, counted), are neutralised against formula
 * injection ({@link TextSink#neutralised}) and then cut at their limit, the apostrophe counted in
 * it, so that a cell never exceeds what the importer accepts; quoted (RFC 4180) only when they hold
 * the separator or a double quote. Dates, numbers and amounts go through {@link #plain} and
 * {@link #amount}, never altered: {@code -12,50} stays a number. Not thread-safe: one per file.
 */
final class CsvRow {
  private final TextSink sink;
  private final Text text;
  private final char separator;
  private final char decimalMark;
  private final boolean quoteAll;
  private boolean first = true;

  CsvRow(TextSink sink, Text text, char separator, char decimalMark) {
    this(sink, text, separator, decimalMark, false);
  }

  /** @param quoteAll every text cell between double quotes (a template's {@code quoting: all}) */
  CsvRow(TextSink sink, Text text, char separator, char decimalMark, boolean quoteAll) {
    this.sink = sink;
    this.text = text;
    this.separator = separator;
    this.decimalMark = decimalMark;
    this.quoteAll = quoteAll;
  }

  /** A text cell; null is an empty cell. */
  CsvRow text(String s) throws IOException {
    return text(s, Integer.MAX_VALUE);
  }

  /** A text cell of at most {@code max} characters, the neutralising apostrophe included (a cut is counted). */
  CsvRow text(String s, int max) throws IOException {
    next();
    if (s != null) {
      String v = text.fit(TextSink.neutralised(text.clean(s)), max);
      if (quoteAll) {
        sink.appendQuoted(v);
      } else {
        sink.appendDelimited(v, separator, false);
      }
    }
    return this;
  }

  /** A cell written as is: a date, a number or a code the writer built itself; null is an empty cell. */
  CsvRow plain(String s) throws IOException {
    next();
    sink.append(s);
    return this;
  }

  /** An amount with two decimals and the file's decimal mark, no thousands separator; null is {@code 0,00}. */
  CsvRow amount(BigDecimal a) throws IOException {
    next();
    sink.appendAmount(a, decimalMark);
    return this;
  }

  /** An amount in a foreign currency, with its own decimals (at least two). */
  CsvRow currencyAmount(BigDecimal a) throws IOException {
    next();
    sink.appendCurrencyAmount(a, decimalMark);
    return this;
  }

  /** Ends the row with CRLF; the next cell starts a new one. */
  void end() throws IOException {
    sink.crlf();
    first = true;
  }

  private void next() throws IOException {
    if (first) {
      first = false;
    } else {
      sink.append(separator);
    }
  }
}
