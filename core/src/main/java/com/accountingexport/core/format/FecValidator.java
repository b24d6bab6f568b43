package com.accountingexport.core.format;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Year;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Checks a FEC file against the rules of art. A47 A-1 LPF that a machine can check, independently of
 * {@link FecWriter}: header, separator, 18 fields, dates, amounts, mandatory fields, balance and
 * continuity of each EcritureNum, chronology per journal, paired columns. Reads the file as UTF-8,
 * line by line, keeping only the current EcritureNum and the last date of each journal in memory.
 * Each problem is one sentence that starts with the line number (the header is line 1).
 */
public final class FecValidator {
  /** Problems listed before the validator stops reading. */
  public static final int DEFAULT_MAX_PROBLEMS = 1000;

  private static final String[] HEADERS = {
      "JournalCode", "JournalLib", "EcritureNum", "EcritureDate", "CompteNum", "CompteLib",
      "CompAuxNum", "CompAuxLib", "PieceRef", "PieceDate", "EcritureLib", "Debit", "Credit",
      "EcritureLet", "DateLet", "ValidDate", "Montantdevise", "Idevise"};
  private static final int FIELDS = 18;
  private static final int JOURNAL_CODE = 0;
  private static final int JOURNAL_LIB = 1;
  private static final int ECRITURE_NUM = 2;
  private static final int ECRITURE_DATE = 3;
  private static final int COMPTE_NUM = 4;
  private static final int COMPTE_LIB = 5;
  private static final int COMP_AUX_NUM = 6;
  private static final int COMP_AUX_LIB = 7;
  private static final int PIECE_REF = 8;
  private static final int PIECE_DATE = 9;
  private static final int ECRITURE_LIB = 10;
  private static final int DEBIT = 11;
  private static final int CREDIT = 12;
  private static final int DATE_LET = 14;
  private static final int VALID_DATE = 15;
  private static final int MONTANT_DEVISE = 16;
  private static final int IDEVISE = 17;
  private static final int[] REQUIRED = {JOURNAL_CODE, JOURNAL_LIB, ECRITURE_NUM, COMPTE_NUM, COMPTE_LIB,
      PIECE_REF, ECRITURE_LIB};

  private static final Pattern AMOUNT = Pattern.compile("^\\d+,\\d{2}$");
  private static final Pattern CURRENCY_AMOUNT = Pattern.compile("^-?\\d+(,\\d+)?$");

  private FecValidator() {}

  /** The problems of the file (empty = valid), at most {@value #DEFAULT_MAX_PROBLEMS}. */
  public static List<String> validate(InputStream fec) {
    return validate(fec, DEFAULT_MAX_PROBLEMS);
  }

  /** The problems of the file (empty = valid); stops reading after {@code maxProblems}. */
  public static List<String> validate(InputStream fec, int maxProblems) {
    try {
      BufferedReader reader = new BufferedReader(new InputStreamReader(fec, StandardCharsets.UTF_8), 1 << 16);
      return new Run(maxProblems).check(reader);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static final class Run {
    final int max;
    final List<String> problems = new ArrayList<>();
    final String[] f = new String[FIELDS];
    final Map<String, long[]> lastDateByJournal = new HashMap<>(); // {date, line}
    char sep;
    String sepName;
    long line;

    // The EcritureNum being read.
    String num;
    long groupFirstLine;
    long groupLastLine;
    String groupJournal;
    String groupDate;
    boolean groupReported;
    boolean groupAmountsKnown;
    BigDecimal debits;
    BigDecimal credits;
    long lastNumber;

    Run(int max) {
      this.max = Math.max(1, max);
    }

    boolean full() {
      return problems.size() >= max;
    }

    void problem(String s) {
      if (!full()) {
        problems.add(s);
      }
    }

    void at(String s) {
      problem("Line " + line + ": " + s);
    }

    List<String> check(BufferedReader reader) throws IOException {
      String header = reader.readLine();
      line = 1;
      if (header == null) {
        problem("Line 1: the file is empty; it must start with the 18 FEC column headers.");
        return problems;
      }
      if (!header.isEmpty() && header.charAt(0) == '\uFEFF') {
        header = header.substring(1);
      }
      if (!checkHeader(header)) {
        return problems;
      }
      String row;
      while ((row = reader.readLine()) != null) {
        line++;
        if (full()) {
          problems.add("Stopped at line " + line + " after " + max + " problems; the rest of the file was not checked.");
          return problems;
        }
        row(row);
      }
      closeGroup();
      return problems;
    }

    /** Decides the separator from the header; false when the rows cannot be read. */
    boolean checkHeader(String header) {
      int tabs = count(header, '\t');
      int pipes = count(header, '|');
      if (tabs == FIELDS - 1 || (tabs > 0 && pipes != FIELDS - 1)) {
        sep = '\t';
        sepName = "tab";
      } else if (pipes > 0) {
        sep = '|';
        sepName = "'|'";
      } else {
        at("the header has neither tab nor '|' separators; expected the 18 FEC columns "
            + String.join(", ", HEADERS) + ".");
        return false;
      }
      int n = count(header, sep) + 1;
      if (n != FIELDS) {
        at("the header has " + n + " columns instead of 18; expected " + String.join(", ", HEADERS) + ".");
        return true;
      }
      split(header);
      for (int i = 0; i < FIELDS; i++) {
        if (!HEADERS[i].equals(f[i])) {
          at("header column " + (i + 1) + " is '" + f[i] + "', expected '" + HEADERS[i] + "'.");
        }
      }
      return true;
    }

    void row(String row) {
      int seps = count(row, sep);
      if (seps != FIELDS - 1) {
        char other = sep == '\t' ? '|' : '\t';
        if (row.isEmpty()) {
          at("the line is empty; expected 18 fields.");
        } else if (count(row, other) == FIELDS - 1) {
          at("the fields are separated by " + (other == '\t' ? "tab" : "'|'") + " but the header uses "
              + sepName + "; use one separator throughout.");
        } else {
          at((seps + 1) + " fields instead of 18.");
        }
        groupAmountsKnown = false;
        return;
      }
      split(row);
      for (int i : REQUIRED) {
        if (f[i].isEmpty()) {
          at(HEADERS[i] + " is empty.");
        }
      }
      String account = f[COMPTE_NUM];
      if (!account.isEmpty() && !(account.length() >= 3 && digit(account.charAt(0)) && digit(account.charAt(1))
          && digit(account.charAt(2)))) {
        at("CompteNum '" + account + "' must start with the 3 digits of its PCG account.");
      }
      int ecritureDate = date(ECRITURE_DATE, true);
      date(PIECE_DATE, true);
      date(VALID_DATE, true);
      date(DATE_LET, false);
      BigDecimal debit = amount(DEBIT);
      BigDecimal credit = amount(CREDIT);
      if (debit != null && credit != null) {
        if (debit.signum() != 0 && credit.signum() != 0) {
          at("Debit " + f[DEBIT] + " and Credit " + f[CREDIT] + " are both non-zero; a line has one side only.");
        } else if (debit.signum() == 0 && credit.signum() == 0) {
          at("Debit and Credit are both zero.");
        }
      }
      pair(COMP_AUX_NUM, COMP_AUX_LIB);
      pair(MONTANT_DEVISE, IDEVISE);
      if (!f[MONTANT_DEVISE].isEmpty() && !CURRENCY_AMOUNT.matcher(f[MONTANT_DEVISE]).matches()) {
        at("Montantdevise '" + f[MONTANT_DEVISE] + "' is not an amount with a comma decimal separator.");
      }
      entry(ecritureDate, debit, credit);
    }

    /** Groups rows by EcritureNum: contiguity, continuity, one journal and date, balance, chronology. */
    void entry(int ecritureDate, BigDecimal debit, BigDecimal credit) {
      String n = f[ECRITURE_NUM];
      if (!n.equals(num)) {
        closeGroup();
        num = n;
        groupFirstLine = line;
        groupJournal = f[JOURNAL_CODE];
        groupDate = f[ECRITURE_DATE];
        groupReported = false;
        groupAmountsKnown = true;
        debits = BigDecimal.ZERO;
        credits = BigDecimal.ZERO;
        numbering(n);
        chronology(ecritureDate);
      } else if (!groupReported && (!groupJournal.equals(f[JOURNAL_CODE]) || !groupDate.equals(f[ECRITURE_DATE]))) {
        groupReported = true;
        at("EcritureNum " + n + " started on line " + groupFirstLine + " in journal " + groupJournal + " on "
            + groupDate + " but continues in journal " + f[JOURNAL_CODE] + " on " + f[ECRITURE_DATE]
            + "; one entry has one journal and one date.");
      }
      groupLastLine = line;
      if (debit == null || credit == null) {
        groupAmountsKnown = false;
      } else if (groupAmountsKnown) {
        debits = debits.add(debit);
        credits = credits.add(credit);
      }
    }

    void numbering(String n) {
      if (n.isEmpty()) {
        return;
      }
      long value = wholeNumber(n);
      if (value < 0) {
        at("EcritureNum '" + n + "' is not a whole number; entries are numbered 1, 2, 3...");
        return;
      }
      long expected = lastNumber + 1;
      if (value > expected) {
        if (lastNumber == 0) {
          at("numbering starts at EcritureNum " + value + "; it must start at 1.");
        } else {
          String missing = value == expected + 1 ? String.valueOf(expected) : expected + " to " + (value - 1);
          at("EcritureNum " + value + " follows EcritureNum " + lastNumber
              + "; numbering must be continuous (missing " + missing + ").");
        }
      } else if (value < expected) {
        at("EcritureNum " + value + " comes after EcritureNum " + lastNumber
            + "; numbers must increase by one and the rows of one EcritureNum must be contiguous.");
      }
      lastNumber = Math.max(lastNumber, value);
    }

    void chronology(int ecritureDate) {
      if (ecritureDate < 0 || f[JOURNAL_CODE].isEmpty()) {
        return;
      }
      long[] last = lastDateByJournal.get(f[JOURNAL_CODE]);
      if (last == null) {
        lastDateByJournal.put(f[JOURNAL_CODE], new long[] {ecritureDate, line});
      } else if (ecritureDate < last[0]) {
        at("EcritureDate " + f[ECRITURE_DATE] + " goes back before " + last[0] + " (line " + last[1]
            + ") in journal " + f[JOURNAL_CODE] + "; entries of a journal must be in date order.");
      } else {
        last[0] = ecritureDate;
        last[1] = line;
      }
    }

    void closeGroup() {
      if (num == null || !groupAmountsKnown || debits.compareTo(credits) == 0) {
        return;
      }
      String where = groupFirstLine == groupLastLine ? "Line " + groupFirstLine
          : "Lines " + groupFirstLine + " to " + groupLastLine;
      problem(where + ": EcritureNum " + num + " is not balanced: debits " + comma(debits) + ", credits "
          + comma(credits) + ".");
    }

    /** AAAAMMJJ as an int, or -1 (reported) when invalid; -1 unreported when optional and empty. */
    int date(int i, boolean required) {
      String s = f[i];
      if (s.isEmpty()) {
        if (required) {
          at(HEADERS[i] + " is empty; expected a date AAAAMMJJ.");
        }
        return -1;
      }
      int value = parseDate(s);
      if (value < 0) {
        at(HEADERS[i] + " '" + s + "' is not a valid date AAAAMMJJ.");
      }
      return value;
    }

    BigDecimal amount(int i) {
      String s = f[i];
      if (!AMOUNT.matcher(s).matches()) {
        at(HEADERS[i] + " '" + s + "' is not an amount written with digits, a comma and two decimals (e.g. 1234,50).");
        return null;
      }
      return new BigDecimal(s.replace(',', '.'));
    }

    void pair(int a, int b) {
      boolean hasA = !f[a].isEmpty();
      boolean hasB = !f[b].isEmpty();
      if (hasA != hasB) {
        at((hasA ? HEADERS[a] : HEADERS[b]) + " is set but " + (hasA ? HEADERS[b] : HEADERS[a])
            + " is empty; fill both or neither.");
      }
    }

    void split(String s) {
      int start = 0;
      for (int i = 0; i < FIELDS - 1; i++) {
        int end = s.indexOf(sep, start);
        f[i] = s.substring(start, end);
        start = end + 1;
      }
      f[FIELDS - 1] = s.substring(start);
    }
  }

  static int parseDate(String s) {
    if (s.length() != 8) {
      return -1;
    }
    for (int i = 0; i < 8; i++) {
      if (!digit(s.charAt(i))) {
        return -1;
      }
    }
    int value = Integer.parseInt(s);
    int y = value / 10000;
    int m = value / 100 % 100;
    int d = value % 100;
    if (y < 1 || m < 1 || m > 12 || d < 1) {
      return -1;
    }
    int days = m == 2 ? (Year.isLeap(y) ? 29 : 28) : (m == 4 || m == 6 || m == 9 || m == 11) ? 30 : 31;
    return d <= days ? value : -1;
  }

  private static long wholeNumber(String s) {
    if (s.length() > 18) {
      return -1;
    }
    for (int i = 0; i < s.length(); i++) {
      if (!digit(s.charAt(i))) {
        return -1;
      }
    }
    return Long.parseLong(s);
  }

  private static boolean digit(char c) {
    return c >= '0' && c <= '9';
  }

  private static int count(String s, char c) {
    int n = 0;
    for (int i = s.indexOf(c); i >= 0; i = s.indexOf(c, i + 1)) {
      n++;
    }
    return n;
  }

  private static String comma(BigDecimal v) {
    return v.toPlainString().replace('.', ',');
  }
}
