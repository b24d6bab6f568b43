package com.accountingexport.pdf;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class FrenchFormatTest {
  private static String plain(String s) {
    return s.replace('\u00a0', ' ');
  }

  @Test
  void amountsAreGroupedWithACommaAndTheirCurrency() {
    assertEquals("1 234,50 €", plain(FrenchFormat.money(new BigDecimal("1234.50"), "EUR")));
    assertEquals("0,00 €", plain(FrenchFormat.money(new BigDecimal("0"), "EUR")));
    assertEquals("999,99 €", plain(FrenchFormat.money(new BigDecimal("999.99"), "EUR")));
    assertEquals("1 234 567,01 USD", plain(FrenchFormat.money(new BigDecimal("1234567.005"), "USD")));
    assertEquals("-50,00 €", plain(FrenchFormat.money(new BigDecimal("-50"), "EUR")));
    assertEquals("-1 000,00 €", plain(FrenchFormat.money(new BigDecimal("-1000.00"), "EUR")));
    // no-break spaces: an amount never wraps
    assertEquals("1\u00a0234,50\u00a0€", FrenchFormat.money(new BigDecimal("1234.50"), "EUR"));
  }

  @Test
  void ratesLoseTheirUselessZeros() {
    assertEquals("20 %", plain(FrenchFormat.rate(new BigDecimal("20.00"))));
    assertEquals("5,5 %", plain(FrenchFormat.rate(new BigDecimal("5.50"))));
    assertEquals("2,1 %", plain(FrenchFormat.rate(new BigDecimal("2.10"))));
    assertEquals("0 %", plain(FrenchFormat.rate(new BigDecimal("0.00"))));
    assertEquals("10 %", plain(FrenchFormat.rate(new BigDecimal("1E+1"))));
  }

  @Test
  void datesAreDayMonthYear() {
    assertEquals("02/03/2026", FrenchFormat.date(LocalDate.of(2026, 3, 2)));
    assertEquals("31/12/2026", FrenchFormat.date(LocalDate.of(2026, 12, 31)));
  }

  @Test
  void textKeepsWhatWindows1252PrintsAndStripsAccentsElse() {
    assertEquals("Société Générale – 1 000 € ’", FrenchFormat.printable("Société Générale – 1 000 € ’"));
    assertEquals("Ceský", FrenchFormat.printable("Český"));
    assertEquals("?ódz", FrenchFormat.printable("Łódź"));
    assertEquals("Škoda Müller", FrenchFormat.printable("Škoda Müller"));
    assertEquals("a\u00a0b c", FrenchFormat.printable("a\u202fb\tc"));
    assertEquals("", FrenchFormat.printable(null));
  }
}
