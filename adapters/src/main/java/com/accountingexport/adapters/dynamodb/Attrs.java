package com.accountingexport.adapters.dynamodb;

import com.accountingexport.core.money.Money;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Small helpers for the hand-written item mappers: writers skip nulls (absent attribute = null),
 * readers answer null for an absent attribute. Amounts are strings, never DynamoDB numbers, so that
 * {@code "10.50"} keeps its scale.
 */
final class Attrs {
  private Attrs() {}

  static AttributeValue s(String value) {
    return AttributeValue.builder().s(value).build();
  }

  static AttributeValue n(long value) {
    return AttributeValue.builder().n(Long.toString(value)).build();
  }

  static AttributeValue bool(boolean value) {
    return AttributeValue.builder().bool(value).build();
  }

  static AttributeValue m(Map<String, AttributeValue> value) {
    return AttributeValue.builder().m(value).build();
  }

  static AttributeValue l(List<AttributeValue> value) {
    return AttributeValue.builder().l(value).build();
  }

  static void putS(Map<String, AttributeValue> item, String name, String value) {
    if (value != null) {
      item.put(name, s(value));
    }
  }

  static void putMoney(Map<String, AttributeValue> item, String name, BigDecimal value) {
    if (value != null) {
      item.put(name, s(Money.format(value)));
    }
  }

  /** A decimal that is not money (a rate): its exact plain form, scale kept. */
  static void putDecimal(Map<String, AttributeValue> item, String name, BigDecimal value) {
    if (value != null) {
      item.put(name, s(value.toPlainString()));
    }
  }

  static void putDate(Map<String, AttributeValue> item, String name, LocalDate value) {
    if (value != null) {
      item.put(name, s(value.toString()));
    }
  }

  static void putInstant(Map<String, AttributeValue> item, String name, Instant value) {
    if (value != null) {
      item.put(name, s(value.toString()));
    }
  }

  static void putMap(Map<String, AttributeValue> item, String name, Map<String, AttributeValue> value) {
    if (value != null) {
      item.put(name, m(value));
    }
  }

  static void putStrings(Map<String, AttributeValue> item, String name, List<String> values) {
    if (values != null) {
      item.put(name, l(values.stream().map(Attrs::s).toList()));
    }
  }

  static String getS(Map<String, AttributeValue> item, String name) {
    AttributeValue v = item.get(name);
    return v == null ? null : v.s();
  }

  static String getS(Map<String, AttributeValue> item, String name, String fallback) {
    String v = getS(item, name);
    return v == null ? fallback : v;
  }

  static BigDecimal getDecimal(Map<String, AttributeValue> item, String name) {
    String v = getS(item, name);
    return v == null ? null : new BigDecimal(v);
  }

  static LocalDate getDate(Map<String, AttributeValue> item, String name) {
    String v = getS(item, name);
    return v == null ? null : LocalDate.parse(v);
  }

  static Instant getInstant(Map<String, AttributeValue> item, String name) {
    String v = getS(item, name);
    return v == null ? null : Instant.parse(v);
  }

  static boolean getBool(Map<String, AttributeValue> item, String name, boolean fallback) {
    AttributeValue v = item.get(name);
    return v == null || v.bool() == null ? fallback : v.bool();
  }

  static Long getLong(Map<String, AttributeValue> item, String name) {
    AttributeValue v = item.get(name);
    return v == null || v.n() == null ? null : Long.parseLong(v.n());
  }

  static Map<String, AttributeValue> getMap(Map<String, AttributeValue> item, String name) {
    AttributeValue v = item.get(name);
    return v == null || !v.hasM() ? null : v.m();
  }

  static List<AttributeValue> getList(Map<String, AttributeValue> item, String name) {
    AttributeValue v = item.get(name);
    return v == null || !v.hasL() ? null : v.l();
  }

  static List<String> getStrings(Map<String, AttributeValue> item, String name) {
    List<AttributeValue> values = getList(item, name);
    return values == null ? null : values.stream().map(AttributeValue::s).toList();
  }
}
