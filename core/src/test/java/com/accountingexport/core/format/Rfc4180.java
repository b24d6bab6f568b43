package com.accountingexport.core.format;

import java.util.ArrayList;
import java.util.List;

/** A strict little RFC 4180 reader for tests: records end with CRLF, quotes doubled inside quoted fields. */
final class Rfc4180 {
  private Rfc4180() {}

  static List<List<String>> parse(String text) {
    List<List<String>> records = new ArrayList<>();
    List<String> record = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    int i = 0;
    int n = text.length();
    while (i < n) {
      char c = text.charAt(i);
      if (c == '"' && field.length() == 0) {
        i++;
        while (true) {
          if (i >= n) {
            throw new IllegalArgumentException("unterminated quoted field");
          }
          char q = text.charAt(i++);
          if (q == '"') {
            if (i < n && text.charAt(i) == '"') {
              field.append('"');
              i++;
            } else {
              break;
            }
          } else {
            field.append(q);
          }
        }
        if (i < n && text.charAt(i) != ',' && text.charAt(i) != '\r') {
          throw new IllegalArgumentException("text after a closing quote at " + i);
        }
      } else if (c == ',') {
        record.add(field.toString());
        field.setLength(0);
        i++;
      } else if (c == '\r') {
        if (i + 1 >= n || text.charAt(i + 1) != '\n') {
          throw new IllegalArgumentException("bare CR at " + i);
        }
        record.add(field.toString());
        field.setLength(0);
        records.add(record);
        record = new ArrayList<>();
        i += 2;
      } else if (c == '\n' || c == '"') {
        throw new IllegalArgumentException("unquoted " + (c == '"' ? "quote" : "LF") + " at " + i);
      } else {
        field.append(c);
        i++;
      }
    }
    if (field.length() > 0 || !record.isEmpty()) {
      throw new IllegalArgumentException("last record does not end with CRLF");
    }
    return records;
  }
}
