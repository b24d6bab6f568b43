package com.accountingexport.core.format;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Year;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Checks a FEC file against the rules of art. A47 A-1 LPF that a machine can check, independently of
 * {@link FecWriter}, as the tax administration's test tool would. Reads the file line by line (CRLF, LF
 * or CR), keeping in memory only the current EcritureNum, the last date of each journal and the
 * balance of each lettering code: memory does not grow with the number of lines.
 *
 * <p>Encoding: UTF-8 (a byte order mark is allowed) or ISO-8859-15, as {@link Options#encoding} says;
 * when it says nothing, the first line that is not plain ASCII decides: valid UTF-8 (or a byte order
 * mark) → UTF-8, else ISO-8859-15.
 *
 * <p>{@link #check} gives a {@link FecReport}: one {@link FecViolation} per finding, each with one of
 * these codes (the header is line 1; "column" is the FEC column the violation names, "-" = none):
 *
 * <table>
 * <caption>Violation codes</caption>
 * <tr><th>code</th><th>line / column</th><th>rule</th></tr>
 * <tr><td>{@code EMPTY_FILE}</td><td>1 / -</td><td>the file starts with the 18 column headers; it is empty</td></tr>
 * <tr><td>{@code ENCODING}</td><td>line / -</td><td>the file is in one encoding: a file read as UTF-8
 *     decodes as UTF-8 throughout, a file read as ISO-8859-15 has no UTF-8 byte order mark, and a
 *     detected encoding holds to the end (reported once per file; the line is then read as best it
 *     can be)</td></tr>
 * <tr><td>{@code HEADER_SEPARATOR}</td><td>1 / -</td><td>the header separates its columns with tabs or
 *     '|'; nothing else is read when it has neither</td></tr>
 * <tr><td>{@code HEADER_COLUMNS}</td><td>1 / -</td><td>the header has 18 columns</td></tr>
 * <tr><td>{@code HEADER_NAME}</td><td>1 / expected column</td><td>header column i is the i-th FEC
 *     column name, exactly (names and order)</td></tr>
 * <tr><td>{@code SEPARATOR}</td><td>line / -</td><td>a line uses the header's separator (one separator
 *     throughout)</td></tr>
 * <tr><td>{@code FIELD_COUNT}</td><td>line / -</td><td>a line has 18 fields (an empty line has none);
 *     the line is not checked further</td></tr>
 * <tr><td>{@code MANDATORY_FIELD}</td><td>line / column</td><td>JournalCode, JournalLib, EcritureNum,
 *     EcritureDate, CompteNum, CompteLib, PieceRef, PieceDate, EcritureLib, ValidDate, Debit and Credit
 *     are not empty</td></tr>
 * <tr><td>{@code INVALID_DATE}</td><td>line / column</td><td>EcritureDate, PieceDate, ValidDate and
 *     DateLet (when set) are real calendar dates AAAAMMJJ</td></tr>
 * <tr><td>{@code INVALID_AMOUNT}</td><td>line / Debit or Credit</td><td>digits, a comma and two decimals
 *     ({@code 1234,50}), no sign</td></tr>
 * <tr><td>{@code BOTH_SIDES}</td><td>line / -</td><td>a line has an amount on one side only</td></tr>
 * <tr><td>{@code ZERO_AMOUNTS}</td><td>line / -</td><td>Debit and Credit are not both zero</td></tr>
 * <tr><td>{@code INVALID_ACCOUNT}</td><td>line / CompteNum</td><td>CompteNum starts with the 3 digits of a
 *     PCG account</td></tr>
 * <tr><td>{@code AUX_PAIR}</td><td>line / the empty one</td><td>CompAuxNum and CompAuxLib are both set or
 *     both empty</td></tr>
 * <tr><td>{@code CURRENCY_PAIR}</td><td>line / the empty one</td><td>Montantdevise and Idevise are both set
 *     or both empty</td></tr>
 * <tr><td>{@code INVALID_CURRENCY_AMOUNT}</td><td>line / Montantdevise</td><td>an optional sign, digits,
 *     and decimals after a comma</td></tr>
 * <tr><td>{@code ECRITURE_NUM_FORMAT}</td><td>line / EcritureNum</td><td>EcritureNum is a whole number</td></tr>
 * <tr><td>{@code NUMBERING_START}</td><td>line / EcritureNum</td><td>numbering starts at 1</td></tr>
 * <tr><td>{@code NUMBERING_GAP}</td><td>line / EcritureNum</td><td>numbering is continuous: no number is
 *     skipped</td></tr>
 * <tr><td>{@code NUMBERING_ORDER}</td><td>line / EcritureNum</td><td>numbers increase and the lines of one
 *     EcritureNum are contiguous</td></tr>
 * <tr><td>{@code ENTRY_JOURNAL_DATE}</td><td>line / JournalCode or EcritureDate</td><td>all lines of an
 *     EcritureNum have its first line's journal and date (reported once per EcritureNum)</td></tr>
 * <tr><td>{@code CHRONOLOGY}</td><td>line / EcritureDate</td><td>the entries of a journal are in date
 *     order</td></tr>
 * <tr><td>{@code ENTRY_UNBALANCED}</td><td>first line of the EcritureNum / -</td><td>each EcritureNum
 *     balances (not checked when one of its amounts is unreadable)</td></tr>
 * <tr><td>{@code FILE_UNBALANCED}</td><td>0 / -</td><td>the file balances: total Debit = total Credit
 *     (not checked when an amount is unreadable; comes with the ENTRY_UNBALANCED that causes it)</td></tr>
 * <tr><td>{@code VALID_DATE_BEFORE_ECRITURE_DATE}</td><td>line / ValidDate</td><td>an entry is not
 *     validated before its date</td></tr>
 * <tr><td>{@code INVALID_CURRENCY}</td><td>line / Idevise</td><td>Idevise is a 3-letter ISO 4217 code
 *     ({@code USD})</td></tr>
 * <tr><td>{@code LETTERING_PAIR}</td><td>line / the empty one</td><td>EcritureLet and DateLet are both set
 *     or both empty</td></tr>
 * <tr><td>{@code DATE_LET_BEFORE_ECRITURE_DATE}</td><td>line / DateLet</td><td>a line is not lettered
 *     before its date</td></tr>
 * <tr><td>{@code LETTERING_UNBALANCED}</td><td>first line of the code / EcritureLet</td><td>the lines of one
 *     lettering code (EcritureLet, per CompteNum and CompAuxNum) balance to zero over the file; reported at
 *     the end (not checked when a line of the file could not be split, or for a code with an unreadable
 *     amount)</td></tr>
 * </table>
 *
 * <p>{@link #validate} gives the same findings as sentences, for the callers that only show them.
 */
public final class FecValidator {
  /** Problems listed before the validator stops reading. */
  public static final int DEFAULT_MAX_PROBLEMS = 1000;

  private static final String EMPTY_FILE = "EMPTY_FILE";
  private static final String ENCODING = "ENCODING";
  private static final String HEADER_SEPARATOR = "HEADER_SEPARATOR";
  private static final String HEADER_COLUMNS = "HEADER_COLUMNS";
  private static final String HEADER_NAME = "HEADER_NAME";
  private static final String SEPARATOR = "SEPARATOR";
  private static final String FIELD_COUNT = "FIELD_COUNT";
  private static final String MANDATORY_FIELD = "MANDATORY_FIELD";
  private static final String INVALID_DATE = "INVALID_DATE";
  private static final String INVALID_AMOUNT = "INVALID_AMOUNT";
  private static final String BOTH_SIDES = "BOTH_SIDES";
  private static final String ZERO_AMOUNTS = "ZERO_AMOUNTS";
  private static final String INVALID_ACCOUNT = "INVALID_ACCOUNT";
  private static final String AUX_PAIR = "AUX_PAIR";
  private static final String CURRENCY_PAIR = "CURRENCY_PAIR";
  private static final String INVALID_CURRENCY_AMOUNT = "INVALID_CURRENCY_AMOUNT";
  private static final String ECRITURE_NUM_FORMAT = "ECRITURE_NUM_FORMAT";
  private static final String NUMBERING_START = "NUMBERING_START";
  private static final String NUMBERING_GAP = "NUMBERING_GAP";
  private static final String NUMBERING_ORDER = "NUMBERING_ORDER";
  private static final String ENTRY_JOURNAL_DATE = "ENTRY_JOURNAL_DATE";
  private static final String CHRONOLOGY = "CHRONOLOGY";
  private static final String ENTRY_UNBALANCED = "ENTRY_UNBALANCED";
  private static final String FILE_UNBALANCED = "FILE_UNBALANCED";
  private static final String VALID_DATE_BEFORE_ECRITURE_DATE = "VALID_DATE_BEFORE_ECRITURE_DATE";
  private static final String INVALID_CURRENCY = "INVALID_CURRENCY";
  private static final String LETTERING_PAIR = "LETTERING_PAIR";
  private static final String DATE_LET_BEFORE_ECRITURE_DATE = "DATE_LET_BEFORE_ECRITURE_DATE";
  private static final String LETTERING_UNBALANCED = "LETTERING_UNBALANCED";

  /** Every code a {@link FecViolation} of this validator can carry, in the order of the class comment. */
  public static final List<String> CODES = List.of(EMPTY_FILE, ENCODING, HEADER_SEPARATOR, HEADER_COLUMNS,
      HEADER_NAME, SEPARATOR, FIELD_COUNT, MANDATORY_FIELD, INVALID_DATE, INVALID_AMOUNT, BOTH_SIDES, ZERO_AMOUNTS,
      INVALID_ACCOUNT, AUX_PAIR, CURRENCY_PAIR, INVALID_CURRENCY_AMOUNT, ECRITURE_NUM_FORMAT, NUMBERING_START,
      NUMBERING_GAP, NUMBERING_ORDER, ENTRY_JOURNAL_DATE, CHRONOLOGY, ENTRY_UNBALANCED, FILE_UNBALANCED,
      VALID_DATE_BEFORE_ECRITURE_DATE, INVALID_CURRENCY, LETTERING_PAIR, DATE_LET_BEFORE_ECRITURE_DATE,
      LETTERING_UNBALANCED);

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
  private static final int ECRITURE_LET = 13;
  private static final int DATE_LET = 14;
  private static final int VALID_DATE = 15;
  private static final int MONTANT_DEVISE = 16;
  private static final int IDEVISE = 17;
  private static final int[] MANDATORY = {JOURNAL_CODE, JOURNAL_LIB, ECRITURE_NUM, ECRITURE_DATE, COMPTE_NUM,
      COMPTE_LIB, PIECE_REF, PIECE_DATE, ECRITURE_LIB, VALID_DATE, DEBIT, CREDIT};

  private static final Pattern AMOUNT = Pattern.compile("^\\d+,\\d{2}$");
  private static final Pattern CURRENCY_AMOUNT = Pattern.compile("^-?\\d+(,\\d+)?$");
  private static final Pattern CURRENCY_CODE = Pattern.compile("^[A-Z]{3}$");
  private static final Set<String> ISO_4217 = Currency.getAvailableCurrencies().stream()
      .map(Currency::getCurrencyCode).collect(Collectors.toUnmodifiableSet());

  /** The FEC's other encoding (art. A47 A-1 LPF allows it besides UTF-8). */
  public static final Charset ISO_8859_15 = Charset.forName("ISO-8859-15");

  private FecValidator() {}

  /**
   * How to read the file.
   *
   * @param maxViolations the validator stops reading once it has found this many (at least 1)
   * @param encoding UTF-8 or {@link #ISO_8859_15}; null = detect it (see the class comment)
   */
  public record Options(int maxViolations, Charset encoding) {
    public static final int DEFAULT_MAX_VIOLATIONS = 1000;

    public Options {
      if (maxViolations < 1) {
        throw new IllegalArgumentException("maxViolations must be at least 1: " + maxViolations);
      }
      if (encoding != null && !encoding.equals(StandardCharsets.UTF_8) && !encoding.equals(ISO_8859_15)) {
        throw new IllegalArgumentException("A FEC is in UTF-8 or ISO-8859-15, not " + encoding.name());
      }
    }

    /** At most {@value #DEFAULT_MAX_VIOLATIONS} violations, encoding detected. */
    public static Options defaults() {
      return new Options(DEFAULT_MAX_VIOLATIONS, null);
    }

    public Options withMaxViolations(int max) {
      return new Options(max, encoding);
    }

    /** {@code encoding}: UTF-8, {@link #ISO_8859_15}, or null to detect it. */
    public Options withEncoding(Charset encoding) {
      return new Options(maxViolations, encoding);
    }
  }

  /** Checks the file with the {@link Options#defaults() default options}; does not close {@code in}. */
  public static FecReport check(InputStream in) {
    return check(in, Options.defaults());
  }

  /**
   * Checks the file, streaming: memory does not grow with the number of lines (only with the number
   * of journals and of lettering codes). Does not close {@code in}.
   *
   * @throws UncheckedIOException when {@code in} cannot be read
   */
  public static FecReport check(InputStream in, Options options) {
    Run run = new Run(options);
    run.read(in);
    return run.report();
  }

  /** The problems of the file (empty = valid), at most {@value #DEFAULT_MAX_PROBLEMS}. */
  public static List<String> validate(InputStream fec) {
    return validate(fec, DEFAULT_MAX_PROBLEMS);
  }

  /**
   * The problems of the file (empty = valid) as sentences starting with their line ({@code "Line 12: "};
   * {@code "File: "} for the file as a whole); stops reading after {@code maxProblems} and then adds a
   * last sentence that says where it stopped. The same findings as {@link #check}, encoding detected.
   */
  public static List<String> validate(InputStream fec, int maxProblems) {
    Run run = new Run(Options.defaults().withMaxViolations(Math.max(1, maxProblems)));
    run.read(fec);
    List<String> problems = new ArrayList<>(run.violations.size() + 1);
    for (FecViolation v : run.violations) {
      problems.add((v.line() == 0 ? "File: " : "Line " + v.line() + ": ") + v.message());
    }
    if (run.stoppedAt > 0) {
      problems.add("Stopped at line " + run.stoppedAt + " after " + run.max
          + " problems; the rest of the file was not checked.");
    }
    return problems;
  }

  private static final class Run {
    final int max;
    final Charset declared;
    final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    CharBuffer chars = CharBuffer.allocate(1024);
    Charset detected;
    long detectedOn;
    boolean encodingReported;
    final List<FecViolation> violations = new ArrayList<>();
    boolean truncated;
    long stoppedAt;
    final String[] f = new String[FIELDS];
    final Map<String, long[]> lastDateByJournal = new HashMap<>(); // {date, line}
    // Per lettering code, in the order of first use; the key is CompteNum, CompAuxNum and EcritureLet
    // joined by the file's separator, which no field holds: one String and one small object per code.
    final Map<String, Lettering> lettering = new LinkedHashMap<>();
    BigDecimal fileDebits = BigDecimal.ZERO;
    BigDecimal fileCredits = BigDecimal.ZERO;
    boolean amountsKnown = true; // every line split and every Debit and Credit read
    boolean linesSplit = true;
    char sep;
    String separator;
    long line;
    long dataLines;

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

    Run(Options options) {
      this.max = options.maxViolations();
      this.declared = options.encoding();
    }

    FecReport report() {
      Charset read = declared != null ? declared : detected != null ? detected : StandardCharsets.UTF_8;
      return new FecReport(violations.isEmpty(), dataLines, separator, read.name(), violations, truncated);
    }

    boolean full() {
      return violations.size() >= max;
    }

    void add(long at, String column, String code, String message) {
      if (full()) {
        truncated = true;
      } else {
        violations.add(new FecViolation(at, column, code, message));
      }
    }

    /** A violation on the current line. */
    void at(String column, String code, String message) {
      add(line, column, code, message);
    }

    void read(InputStream in) {
      try {
        read(new LineReader(in));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    void read(LineReader reader) throws IOException {
      line = 1;
      if (!reader.next()) {
        at(null, EMPTY_FILE, "A FEC starts with a header line of the 18 column names; the file is empty.");
        return;
      }
      byte[] b = reader.bytes;
      int off = 0;
      if (reader.length >= 3 && b[0] == (byte) 0xEF && b[1] == (byte) 0xBB && b[2] == (byte) 0xBF) {
        off = 3;
        if (ISO_8859_15.equals(declared)) {
          encoding("A FEC read as ISO-8859-15 has no UTF-8 byte order mark; this file starts with one.");
        } else if (declared == null) {
          detected = StandardCharsets.UTF_8;
          detectedOn = 1;
        }
      }
      if (!header(decode(b, off, reader.length - off))) {
        return;
      }
      while (reader.next()) {
        line++;
        if (full()) {
          truncated = true;
          stoppedAt = line;
          return;
        }
        row(decode(reader.bytes, 0, reader.length));
        dataLines++;
      }
      closeGroup();
      if (amountsKnown && fileDebits.compareTo(fileCredits) != 0) {
        add(0, null, FILE_UNBALANCED, "The file balances (total Debit = total Credit); its debits total "
            + comma(fileDebits) + " and its credits " + comma(fileCredits) + ".");
      }
      if (linesSplit) {
        String joint = Pattern.quote(String.valueOf(sep));
        lettering.forEach((key, l) -> {
          if (!l.unknown && l.cents != 0) {
            String[] k = key.split(joint, -1); // CompteNum, CompAuxNum, EcritureLet
            add(l.firstLine, HEADERS[ECRITURE_LET], LETTERING_UNBALANCED, "A lettering code balances to zero over "
                + "the file; EcritureLet " + k[2] + " of CompteNum " + k[0]
                + (k[1].isEmpty() ? "" : " and CompAuxNum " + k[1]) + " leaves a " + (l.cents > 0 ? "debit" : "credit")
                + " of " + comma(BigDecimal.valueOf(Math.abs(l.cents), 2)) + ".");
          }
        });
      }
    }

    /** The line as text in the file's encoding; reports (once) a line that breaks it. */
    String decode(byte[] b, int off, int len) {
      boolean ascii = true;
      for (int i = off, end = off + len; i < end; i++) {
        if (b[i] < 0) {
          ascii = false;
          break;
        }
      }
      if (ascii) {
        return new String(b, off, len, StandardCharsets.ISO_8859_1);
      }
      if (ISO_8859_15.equals(declared)) {
        return new String(b, off, len, ISO_8859_15);
      }
      int bad = utf8(b, off, len);
      if (declared != null) {
        if (bad < 0) {
          return chars.toString();
        }
        encoding("A FEC read as UTF-8 is valid UTF-8 throughout; this line is not (" + badByte(b, off, bad) + ").");
        return new String(b, off, len, StandardCharsets.UTF_8);
      }
      if (detected == null) {
        detected = bad < 0 ? StandardCharsets.UTF_8 : ISO_8859_15;
        detectedOn = line;
      }
      if (detected.equals(StandardCharsets.UTF_8)) {
        if (bad < 0) {
          return chars.toString();
        }
        encoding("A FEC is in one encoding; " + (detectedOn == 1 ? "the header" : "line " + detectedOn)
            + " is UTF-8 but this line is not (" + badByte(b, off, bad) + ").");
      } else if (bad < 0) {
        encoding("A FEC is in one encoding; " + (detectedOn == 1 ? "the header" : "line " + detectedOn)
            + " is ISO-8859-15 (it is not UTF-8) but this line reads as UTF-8.");
      }
      return new String(b, off, len, ISO_8859_15);
    }

    /** -1 when the bytes are UTF-8 (then decoded into {@link #chars}), else the index of the first bad byte. */
    int utf8(byte[] b, int off, int len) {
      if (chars.capacity() < len) {
        chars = CharBuffer.allocate(Math.max(len, 2 * chars.capacity()));
      }
      chars.clear();
      utf8.reset();
      ByteBuffer in = ByteBuffer.wrap(b, off, len);
      CoderResult result = utf8.decode(in, chars, true);
      if (result.isError()) {
        return in.position();
      }
      utf8.flush(chars);
      chars.flip();
      return -1;
    }

    void encoding(String message) {
      if (!encodingReported) {
        encodingReported = true;
        at(null, ENCODING, message);
      }
    }

    /** Decides the separator from the header; false when the rows cannot be read. */
    boolean header(String header) {
      int tabs = count(header, '\t');
      int pipes = count(header, '|');
      if (tabs == FIELDS - 1 || (tabs > 0 && pipes != FIELDS - 1)) {
        sep = '\t';
        separator = "tab";
      } else if (pipes > 0) {
        sep = '|';
        separator = "pipe";
      } else {
        at(null, HEADER_SEPARATOR, "The header separates the 18 FEC columns (" + String.join(", ", HEADERS)
            + ") with tabs or '|'; this header has neither, so no line was read.");
        return false;
      }
      int n = count(header, sep) + 1;
      if (n != FIELDS) {
        at(null, HEADER_COLUMNS, "The header has the 18 FEC columns (" + String.join(", ", HEADERS)
            + "); this one has " + n + ".");
        return true;
      }
      split(header);
      for (int i = 0; i < FIELDS; i++) {
        if (!HEADERS[i].equals(f[i])) {
          at(HEADERS[i], HEADER_NAME, "Header column " + (i + 1) + " is '" + HEADERS[i] + "'; this one is '"
              + f[i] + "'.");
        }
      }
      return true;
    }

    void row(String row) {
      int seps = count(row, sep);
      if (seps != FIELDS - 1) {
        char other = sep == '\t' ? '|' : '\t';
        if (row.isEmpty()) {
          at(null, FIELD_COUNT, "A line has 18 fields; this one is empty.");
        } else if (count(row, other) == FIELDS - 1) {
          at(null, SEPARATOR, "A FEC uses one separator throughout; this line uses " + name(other)
              + " where the header uses " + name(sep) + ".");
        } else {
          at(null, FIELD_COUNT, "A line has 18 fields; this one has " + (seps + 1) + ".");
        }
        groupAmountsKnown = false;
        amountsKnown = false;
        linesSplit = false;
        return;
      }
      split(row);
      boolean newEntry = !f[ECRITURE_NUM].equals(num);
      if (newEntry) {
        closeGroup();
      }
      for (int i : MANDATORY) {
        if (f[i].isEmpty()) {
          at(HEADERS[i], MANDATORY_FIELD, HEADERS[i] + " is mandatory; it is empty.");
        }
      }
      String account = f[COMPTE_NUM];
      if (!account.isEmpty() && !(account.length() >= 3 && digit(account.charAt(0)) && digit(account.charAt(1))
          && digit(account.charAt(2)))) {
        at(HEADERS[COMPTE_NUM], INVALID_ACCOUNT, "CompteNum starts with the 3 digits of its PCG account; '"
            + account + "' does not.");
      }
      int ecritureDate = date(ECRITURE_DATE);
      date(PIECE_DATE);
      int validDate = date(VALID_DATE);
      int dateLet = date(DATE_LET);
      BigDecimal debit = amount(DEBIT);
      BigDecimal credit = amount(CREDIT);
      if (debit != null && credit != null) {
        if (debit.signum() != 0 && credit.signum() != 0) {
          at(null, BOTH_SIDES, "A line has an amount on one side only; Debit " + f[DEBIT] + " and Credit "
              + f[CREDIT] + " are both non-zero.");
        } else if (debit.signum() == 0 && credit.signum() == 0) {
          at(null, ZERO_AMOUNTS, "A line has a non-zero Debit or Credit; both are zero.");
        }
      }
      if (ecritureDate >= 0 && validDate >= 0 && validDate < ecritureDate) {
        at(HEADERS[VALID_DATE], VALID_DATE_BEFORE_ECRITURE_DATE, "ValidDate is not before EcritureDate; ValidDate "
            + f[VALID_DATE] + " is before EcritureDate " + f[ECRITURE_DATE] + ".");
      }
      pair(COMP_AUX_NUM, COMP_AUX_LIB, AUX_PAIR);
      pair(MONTANT_DEVISE, IDEVISE, CURRENCY_PAIR);
      if (!f[MONTANT_DEVISE].isEmpty() && !CURRENCY_AMOUNT.matcher(f[MONTANT_DEVISE]).matches()) {
        at(HEADERS[MONTANT_DEVISE], INVALID_CURRENCY_AMOUNT, "Montantdevise is an amount with a comma decimal "
            + "separator (e.g. 1000,00); '" + f[MONTANT_DEVISE] + "' is not.");
      }
      String currency = f[IDEVISE];
      if (!currency.isEmpty() && !(CURRENCY_CODE.matcher(currency).matches() && ISO_4217.contains(currency))) {
        at(HEADERS[IDEVISE], INVALID_CURRENCY, "Idevise is a 3-letter ISO 4217 currency code (e.g. USD); '"
            + currency + "' is not.");
      }
      pair(ECRITURE_LET, DATE_LET, LETTERING_PAIR);
      if (ecritureDate >= 0 && dateLet >= 0 && dateLet < ecritureDate) {
        at(HEADERS[DATE_LET], DATE_LET_BEFORE_ECRITURE_DATE, "A line is not lettered before its date; DateLet "
            + f[DATE_LET] + " is before EcritureDate " + f[ECRITURE_DATE] + ".");
      }
      if (debit == null || credit == null) {
        amountsKnown = false;
      } else {
        fileDebits = fileDebits.add(debit);
        fileCredits = fileCredits.add(credit);
      }
      if (!f[ECRITURE_LET].isEmpty()) {
        String key = account + sep + f[COMP_AUX_NUM] + sep + f[ECRITURE_LET];
        Lettering l = lettering.get(key);
        if (l == null) {
          l = new Lettering(line);
          lettering.put(key, l);
        }
        l.add(debit, credit);
      }
      entry(newEntry, ecritureDate, debit, credit);
    }

    /** Groups rows by EcritureNum: contiguity, continuity, one journal and date, balance, chronology. */
    void entry(boolean newEntry, int ecritureDate, BigDecimal debit, BigDecimal credit) {
      String n = f[ECRITURE_NUM];
      if (newEntry) {
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
        at(groupJournal.equals(f[JOURNAL_CODE]) ? HEADERS[ECRITURE_DATE] : HEADERS[JOURNAL_CODE], ENTRY_JOURNAL_DATE,
            "An EcritureNum has one journal and one date; EcritureNum " + n + " started on line " + groupFirstLine
            + " in journal " + groupJournal + " on " + groupDate + " but continues in journal " + f[JOURNAL_CODE]
            + " on " + f[ECRITURE_DATE] + ".");
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
      String column = HEADERS[ECRITURE_NUM];
      long value = wholeNumber(n);
      if (value < 0) {
        at(column, ECRITURE_NUM_FORMAT, "EcritureNum is a whole number (entries are numbered 1, 2, 3...); '" + n
            + "' is not.");
        return;
      }
      long expected = lastNumber + 1;
      if (value > expected) {
        if (lastNumber == 0) {
          at(column, NUMBERING_START, "Numbering starts at EcritureNum 1; it starts at " + value + ".");
        } else {
          String missing = value == expected + 1 ? String.valueOf(expected) : expected + " to " + (value - 1);
          at(column, NUMBERING_GAP, "Numbering is continuous; EcritureNum " + value + " follows EcritureNum "
              + lastNumber + " (missing " + missing + ").");
        }
      } else if (value < expected) {
        at(column, NUMBERING_ORDER, "EcritureNum increases by one and the lines of one EcritureNum are contiguous; "
            + "EcritureNum " + value + " comes after EcritureNum " + lastNumber + ".");
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
        at(HEADERS[ECRITURE_DATE], CHRONOLOGY, "The entries of a journal are in date order; EcritureDate "
            + f[ECRITURE_DATE] + " in journal " + f[JOURNAL_CODE] + " goes back before " + last[0] + " (line "
            + last[1] + ").");
      } else {
        last[0] = ecritureDate;
        last[1] = line;
      }
    }

    void closeGroup() {
      if (num == null || !groupAmountsKnown || debits.compareTo(credits) == 0) {
        return;
      }
      String where = groupFirstLine == groupLastLine ? "on line " + groupFirstLine
          : "on lines " + groupFirstLine + " to " + groupLastLine;
      add(groupFirstLine, null, ENTRY_UNBALANCED, "An EcritureNum balances (total Debit = total Credit); EcritureNum "
          + num + " " + where + " has debits " + comma(debits) + " and credits " + comma(credits) + ".");
    }

    /** AAAAMMJJ as an int, or -1 when empty (mandatory ones reported elsewhere) or invalid (reported). */
    int date(int i) {
      String s = f[i];
      if (s.isEmpty()) {
        return -1;
      }
      int value = parseDate(s);
      if (value < 0) {
        at(HEADERS[i], INVALID_DATE, HEADERS[i] + " is a real date written AAAAMMJJ; '" + s + "' is not.");
      }
      return value;
    }

    /** The amount, or null when empty (reported as mandatory) or invalid (reported). */
    BigDecimal amount(int i) {
      String s = f[i];
      if (s.isEmpty()) {
        return null;
      }
      if (!AMOUNT.matcher(s).matches()) {
        at(HEADERS[i], INVALID_AMOUNT, HEADERS[i] + " is written with digits, a comma and two decimals "
            + "(e.g. 1234,50); '" + s + "' is not.");
        return null;
      }
      return new BigDecimal(s.replace(',', '.'));
    }

    void pair(int a, int b, String code) {
      boolean hasA = !f[a].isEmpty();
      boolean hasB = !f[b].isEmpty();
      if (hasA != hasB) {
        String set = hasA ? HEADERS[a] : HEADERS[b];
        String empty = hasA ? HEADERS[b] : HEADERS[a];
        at(empty, code, HEADERS[a] + " and " + HEADERS[b] + " are both set or both empty; " + set
            + " is set but " + empty + " is empty.");
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

  /** One lettering code: where it was first used and what it leaves, in cents (debit positive). */
  private static final class Lettering {
    final long firstLine;
    long cents;
    boolean unknown; // an amount was unreadable (or beyond 92 million billion euros): no verdict

    Lettering(long firstLine) {
      this.firstLine = firstLine;
    }

    /** Debit and Credit have two decimals (see AMOUNT), or are null when unreadable. */
    void add(BigDecimal debit, BigDecimal credit) {
      if (debit == null || credit == null) {
        unknown = true;
        return;
      }
      try {
        cents = Math.addExact(cents, Math.subtractExact(debit.unscaledValue().longValueExact(),
            credit.unscaledValue().longValueExact()));
      } catch (ArithmeticException e) {
        unknown = true;
      }
    }
  }

  /** Reads lines of bytes ending in CRLF, LF or CR (as {@link java.io.BufferedReader#readLine} does). */
  private static final class LineReader {
    private final InputStream in;
    private final byte[] buffer = new byte[1 << 16];
    private int pos;
    private int limit;
    private boolean skipLf;
    byte[] bytes = new byte[512];
    int length;

    LineReader(InputStream in) {
      this.in = in;
    }

    /** The next line into {@code bytes[0..length)}; false at the end of the stream. */
    boolean next() throws IOException {
      length = 0;
      while (true) {
        if (pos == limit) {
          int n = in.read(buffer, 0, buffer.length);
          if (n < 0) {
            pos = 0;
            limit = 0;
            return length > 0;
          }
          pos = 0;
          limit = n;
          continue;
        }
        byte c = buffer[pos++];
        if (skipLf) {
          skipLf = false;
          if (c == '\n') {
            continue;
          }
        }
        if (c == '\n') {
          return true;
        }
        if (c == '\r') {
          skipLf = true;
          return true;
        }
        if (length == bytes.length) {
          bytes = Arrays.copyOf(bytes, 2 * length);
        }
        bytes[length++] = c;
      }
    }
  }

  private static String badByte(byte[] b, int off, int bad) {
    return String.format("byte 0x%02X at byte %d of the line", b[bad] & 0xFF, bad - off + 1);
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

  private static String name(char separator) {
    return separator == '\t' ? "tab" : "'|'";
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
