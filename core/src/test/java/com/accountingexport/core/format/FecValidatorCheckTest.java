package com.accountingexport.core.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.accountingexport.core.booking.JournalEntry;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link FecValidator#check}: one file per violation code, each breaking one rule of a valid file. */
class FecValidatorCheckTest {
  private static final String HEADER = "JournalCode|JournalLib|EcritureNum|EcritureDate|CompteNum|CompteLib"
      + "|CompAuxNum|CompAuxLib|PieceRef|PieceDate|EcritureLib|Debit|Credit|EcritureLet|DateLet|ValidDate"
      + "|Montantdevise|Idevise";

  /** A valid file typed by hand (lines 2 to 7): a sale, a USD sale, and the sale's payment lettered AA. */
  private static final String[] ROWS = {
      "VT|Ventes|1|20260302|411000|Clients|411C0050|Müller GmbH|F-50|20260302|F-50 Müller|2000,00|0,00|AA|20260320|20261122||",
      "VT|Ventes|1|20260302|706000|Prestations|||F-50|20260302|F-50 Müller|0,00|2000,00|||20261122||",
      "VT|Ventes|2|20260305|411000|Clients|411C0061|US Corp|F-61|20260305|F-61 US Corp|925,93|0,00|||20261122|1000,00|USD",
      "VT|Ventes|2|20260305|706000|Prestations|||F-61|20260305|F-61 US Corp|0,00|925,93|||20261122|1000,00|USD",
      "BQ|Banque|3|20260320|512000|Banque|||R-90|20260318|R-90 Müller|2000,00|0,00|||20261122||",
      "BQ|Banque|3|20260320|411000|Clients|411C0050|Müller GmbH|R-90|20260318|R-90 Müller|0,00|2000,00|AA|20260320|20261122||"};

  private static final Charset ISO = Charset.forName("ISO-8859-15");
  private static final FecValidator.Options UTF8 =
      FecValidator.Options.defaults().withEncoding(StandardCharsets.UTF_8);
  private static final FecValidator.Options LATIN9 = FecValidator.Options.defaults().withEncoding(ISO);

  private static final int ECRITURE_NUM = 2;
  private static final int COMPTE_LIB = 5;
  private static final int ECRITURE_DATE = 3;
  private static final int COMPTE_NUM = 4;
  private static final int COMP_AUX_LIB = 7;
  private static final int PIECE_REF = 8;
  private static final int PIECE_DATE = 9;
  private static final int DEBIT = 11;
  private static final int CREDIT = 12;
  private static final int ECRITURE_LET = 13;
  private static final int DATE_LET = 14;
  private static final int VALID_DATE = 15;
  private static final int MONTANT_DEVISE = 16;
  private static final int IDEVISE = 17;

  /** Header and rows typed with '|', written with tabs and CRLF in {@code charset}. */
  private static byte[] file(Charset charset, String header, String... rows) {
    StringBuilder b = new StringBuilder(header.replace('|', '\t')).append("\r\n");
    for (String r : rows) {
      b.append(r.replace('|', '\t')).append("\r\n");
    }
    return b.toString().getBytes(charset);
  }

  private static byte[] file(String... rows) {
    return file(StandardCharsets.UTF_8, HEADER, rows);
  }

  private static FecReport check(byte[] file) {
    return FecValidator.check(new ByteArrayInputStream(file));
  }

  private static FecReport check(byte[] file, FecValidator.Options options) {
    return FecValidator.check(new ByteArrayInputStream(file), options);
  }

  /** The valid rows with field {@code column} of {@code line} (2..7) set to {@code value}. */
  private static String[] withField(String[] rows, int line, int column, String value) {
    String[] f = rows[line - 2].split("\\|", -1);
    f[column] = value;
    String[] out = rows.clone();
    out[line - 2] = String.join("|", f);
    return out;
  }

  private static String[] withField(int line, int column, String value) {
    return withField(ROWS, line, column, value);
  }

  private static String[] plus(String[] rows, String... more) {
    List<String> all = new ArrayList<>(Arrays.asList(rows));
    all.addAll(Arrays.asList(more));
    return all.toArray(String[]::new);
  }

  private static Set<String> codes(FecReport r) {
    return r.violations().stream().map(FecViolation::code).collect(Collectors.toCollection(TreeSet::new));
  }

  /** A file that breaks one rule: {@code codes} are the codes it must give, the first one at line/column. */
  record Case(String code, long line, String column, byte[] file, FecValidator.Options options, Set<String> codes) {
    Case(String code, long line, String column, byte[] file) {
      this(code, line, column, file, FecValidator.Options.defaults(), Set.of(code));
    }

    Case(String code, long line, String column, byte[] file, FecValidator.Options options) {
      this(code, line, column, file, options, Set.of(code));
    }

    @Override
    public String toString() {
      return code;
    }
  }

  static Stream<Case> oneRuleBroken() {
    String[] unnumbered = ROWS.clone();
    for (int line = 2; line <= 7; line++) {
      String n = unnumbered[line - 2].split("\\|", -1)[ECRITURE_NUM];
      unnumbered = withField(unnumbered, line, ECRITURE_NUM, String.valueOf(Integer.parseInt(n) + 1));
    }
    byte[] pipeLine = new String(file(ROWS), StandardCharsets.UTF_8)
        .replace(ROWS[1].replace('|', '\t'), ROWS[1]).getBytes(StandardCharsets.UTF_8);
    String[] line3With17Fields = ROWS.clone();
    line3With17Fields[1] = ROWS[1].substring(0, ROWS[1].lastIndexOf('|'));
    return Stream.of(
        new Case("EMPTY_FILE", 1, null, new byte[0]),
        // Müller in ISO-8859-15 on lines 2, 3, 6 and 7: reported once, on the first.
        new Case("ENCODING", 2, null, file(ISO, HEADER, ROWS), UTF8),
        new Case("HEADER_SEPARATOR", 1, null, file(StandardCharsets.UTF_8, HEADER.replace('|', ';'), ROWS)),
        new Case("HEADER_COLUMNS", 1, null, file(StandardCharsets.UTF_8, HEADER.replace("|Idevise", ""), ROWS)),
        new Case("HEADER_NAME", 1, "EcritureNum", file(StandardCharsets.UTF_8,
            HEADER.replace("EcritureNum", "Ecriturenum"), ROWS)),
        new Case("SEPARATOR", 3, null, pipeLine),
        new Case("FIELD_COUNT", 3, null, file(line3With17Fields)),
        new Case("MANDATORY_FIELD", 6, "PieceRef", file(withField(6, PIECE_REF, ""))),
        new Case("INVALID_DATE", 4, "PieceDate", file(withField(4, PIECE_DATE, "20260230"))),
        new Case("INVALID_AMOUNT", 6, "Debit", file(withField(6, DEBIT, "2000.00"))),
        new Case("BOTH_SIDES", 4, null, file(withField(withField(4, CREDIT, "1,00"), 5, DEBIT, "1,00"))),
        new Case("ZERO_AMOUNTS", 8, null, file(plus(ROWS,
            "BQ|Banque|3|20260320|627000|Frais bancaires|||R-90|20260318|R-90 Müller|0,00|0,00|||20261122||"))),
        new Case("INVALID_ACCOUNT", 5, "CompteNum", file(withField(5, COMPTE_NUM, "7A6000"))),
        new Case("AUX_PAIR", 4, "CompAuxLib", file(withField(4, COMP_AUX_LIB, ""))),
        new Case("CURRENCY_PAIR", 5, "Idevise", file(withField(5, IDEVISE, ""))),
        new Case("INVALID_CURRENCY_AMOUNT", 4, "Montantdevise", file(withField(4, MONTANT_DEVISE, "1000.00"))),
        new Case("ECRITURE_NUM_FORMAT", 6, "EcritureNum",
            file(withField(withField(6, ECRITURE_NUM, "BQ3"), 7, ECRITURE_NUM, "BQ3"))),
        new Case("NUMBERING_START", 2, "EcritureNum", file(unnumbered)),
        new Case("NUMBERING_GAP", 6, "EcritureNum",
            file(withField(withField(6, ECRITURE_NUM, "4"), 7, ECRITURE_NUM, "4"))),
        new Case("NUMBERING_ORDER", 8, "EcritureNum", file(plus(ROWS,
            "OD|Opérations diverses|1|20260321|471000|Attente|||OD-1|20260321|OD-1|10,00|0,00|||20261122||",
            "OD|Opérations diverses|1|20260321|512000|Banque|||OD-1|20260321|OD-1|0,00|10,00|||20261122||"))),
        new Case("ENTRY_JOURNAL_DATE", 5, "EcritureDate", file(withField(5, ECRITURE_DATE, "20260306"))),
        new Case("CHRONOLOGY", 4, "EcritureDate",
            file(withField(withField(4, ECRITURE_DATE, "20260301"), 5, ECRITURE_DATE, "20260301"))),
        // One entry 0,03 short and another 0,03 over: two unbalanced entries, a balanced file.
        new Case("ENTRY_UNBALANCED", 2, null, file(withField(withField(3, CREDIT, "2000,03"), 5, CREDIT, "925,90"))),
        // An unbalanced file always has an unbalanced entry: the two come together.
        new Case("FILE_UNBALANCED", 0, null, file(withField(5, CREDIT, "925,90")), FecValidator.Options.defaults(),
            Set.of("ENTRY_UNBALANCED", "FILE_UNBALANCED")),
        new Case("VALID_DATE_BEFORE_ECRITURE_DATE", 6, "ValidDate", file(withField(6, VALID_DATE, "20260319"))),
        new Case("INVALID_CURRENCY", 4, "Idevise", file(withField(4, IDEVISE, "US$"))),
        new Case("LETTERING_PAIR", 2, "DateLet", file(withField(2, DATE_LET, ""))),
        new Case("DATE_LET_BEFORE_ECRITURE_DATE", 7, "DateLet", file(withField(7, DATE_LET, "20260310"))),
        // The payment pays 1500,00 of the 2000,00 invoice, both lettered AA.
        new Case("LETTERING_UNBALANCED", 2, "EcritureLet",
            file(withField(withField(6, DEBIT, "1500,00"), 7, CREDIT, "1500,00"))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("oneRuleBroken")
  void check_shouldGiveExactlyTheBrokenRulesCode(Case c) {
    FecReport report = check(c.file(), c.options());

    assertEquals(c.codes(), codes(report), report.violations().toString());
    FecViolation first = report.violations().stream().filter(v -> v.code().equals(c.code())).findFirst().orElseThrow();
    assertEquals(c.line(), first.line(), first.toString());
    assertEquals(c.column(), first.column(), first.toString());
    assertFalse(report.valid());
    assertFalse(report.truncated());
    for (FecViolation v : report.violations()) {
      assertTrue(v.message().endsWith(".") && !v.message().startsWith("Line"), v.message());
      assertTrue(Character.isUpperCase(v.message().charAt(0)), v.message());
    }
  }

  @Test
  void oneRuleBroken_shouldCoverEveryCode() {
    Set<String> tested = oneRuleBroken().map(Case::code).collect(Collectors.toCollection(LinkedHashSet::new));

    assertEquals(new TreeSet<>(FecValidator.CODES), new TreeSet<>(tested));
    assertEquals(FecValidator.CODES.size(), new LinkedHashSet<>(FecValidator.CODES).size(), "codes are unique");
  }

  @Test
  void check_shouldAcceptTheHandWrittenFile() {
    FecReport report = check(file(ROWS));

    assertEquals(List.of(), report.violations());
    assertTrue(report.valid());
    assertEquals(6, report.lines());
    assertEquals("tab", report.separator());
    assertEquals("UTF-8", report.encoding());
    assertFalse(report.truncated());
  }

  @Test
  void check_shouldReadAPipeFileWithLfEndingsAndABom() {
    byte[] fec = ("\uFEFF" + HEADER + "\n" + String.join("\n", ROWS) + "\n").getBytes(StandardCharsets.UTF_8);

    FecReport report = check(fec);

    assertEquals(List.of(), report.violations());
    assertEquals("pipe", report.separator());
    assertEquals(6, report.lines());
  }

  @Test
  void check_shouldCountNoLineInAHeaderOnlyFile() {
    FecReport report = check(file());

    assertTrue(report.valid());
    assertEquals(0, report.lines());
  }

  @Test
  void check_shouldGiveNoSeparator_whenTheHeaderHasNone() {
    FecReport report = check(file(StandardCharsets.UTF_8, HEADER.replace('|', ';'), ROWS));

    assertNull(report.separator());
    assertEquals(0, report.lines());
  }

  @Test
  void check_shouldStopAtMaxViolations_andSayItIsTruncated() {
    List<String> rows = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      rows.add("bad");
    }

    FecReport report = check(file(rows.toArray(String[]::new)), FecValidator.Options.defaults().withMaxViolations(10));

    assertEquals(10, report.violations().size());
    assertTrue(report.truncated());
    assertFalse(report.valid());
    assertEquals(10, report.lines());
    assertEquals(11, report.violations().get(9).line());
  }

  @Test
  void check_shouldNotBeTruncated_whenTheLastLineGivesTheLastAllowedViolation() {
    FecReport report = check(file(withField(7, PIECE_REF, "")), FecValidator.Options.defaults().withMaxViolations(1));

    assertEquals(1, report.violations().size());
    assertFalse(report.truncated());
    assertEquals(6, report.lines());
  }

  @Test
  void check_shouldReportTheWholeFilesImbalance_onLine0() {
    FecReport report = check(file(withField(5, CREDIT, "925,90")));

    assertEquals(new FecViolation(0, null, "FILE_UNBALANCED", "The file balances (total Debit = total Credit); "
        + "its debits total 4925,93 and its credits 4925,90."), report.violations().get(1));
    assertEquals("File: The file balances (total Debit = total Credit); its debits total 4925,93 and its credits "
        + "4925,90.", FecValidator.validate(new ByteArrayInputStream(file(withField(5, CREDIT, "925,90")))).get(1));
  }

  @Test
  void check_shouldNotJudgeTheFilesBalance_whenAnAmountIsUnreadable() {
    FecReport report = check(file(withField(5, CREDIT, "925.90")));

    assertEquals(Set.of("INVALID_AMOUNT"), codes(report));
  }

  /** Lines 2 to 5 of the valid file: a sale to 411C0050 and one to 411C0061; lettering codes added below. */
  private static final String[] SALES = Arrays.copyOfRange(ROWS, 0, 4);
  private static final String PAYMENT_512 =
      "BQ|Banque|3|20260320|512000|Banque|||R-90|20260320|R-90|2000,00|0,00|||20261122||";
  private static final String PAYMENT_411 =
      "BQ|Banque|3|20260320|411000|Clients|411C0050|Müller GmbH|R-90|20260320|R-90|0,00|2000,00|AA|20260320|20261122||";

  @Test
  void lettering_shouldBeValid_whenTwoLinesAaOnOneAuxiliaryBalance() {
    FecReport report = check(file(plus(SALES, PAYMENT_512, PAYMENT_411)));

    assertTrue(report.valid(), report.violations().toString());
  }

  @Test
  void lettering_shouldReportTheCodeOnItsFirstLine_whenItDoesNotBalance() {
    String[] rows = plus(SALES, PAYMENT_512.replace("2000,00", "1999,99"), PAYMENT_411.replace("2000,00", "1999,99"));

    FecReport report = check(file(rows));

    assertEquals(List.of(new FecViolation(2, "EcritureLet", "LETTERING_UNBALANCED", "A lettering code balances to "
        + "zero over the file; EcritureLet AA of CompteNum 411000 and CompAuxNum 411C0050 leaves a debit of 0,01.")),
        report.violations());
  }

  @Test
  void lettering_shouldKeepCodesApart_byAuxiliaryAccount() {
    // AA on 411C0061 (line 4, 925,93 debit) is another code than AA on 411C0050: neither balances.
    String[] rows = plus(withField(withField(SALES, 4, ECRITURE_LET, "AA"), 4, DATE_LET, "20260320"),
        PAYMENT_512, PAYMENT_411);

    FecReport report = check(file(rows));

    assertEquals(List.of(new FecViolation(4, "EcritureLet", "LETTERING_UNBALANCED", "A lettering code balances to "
        + "zero over the file; EcritureLet AA of CompteNum 411000 and CompAuxNum 411C0061 leaves a debit of "
        + "925,93.")), report.violations());
  }

  @Test
  void lettering_shouldReportEcritureLetWithoutDateLet_andTheOtherWayRound() {
    FecReport noDate = check(file(plus(SALES, PAYMENT_512, PAYMENT_411.replace("|AA|20260320|", "|AA||"))));
    FecReport noCode = check(file(withField(ROWS, 3, DATE_LET, "20260320")));

    assertEquals(List.of(new FecViolation(7, "DateLet", "LETTERING_PAIR",
        "EcritureLet and DateLet are both set or both empty; EcritureLet is set but DateLet is empty.")),
        noDate.violations());
    assertEquals(List.of(new FecViolation(3, "EcritureLet", "LETTERING_PAIR",
        "EcritureLet and DateLet are both set or both empty; DateLet is set but EcritureLet is empty.")),
        noCode.violations());
  }

  @Test
  void lettering_shouldReportADateLetBeforeTheLinesDate() {
    FecReport report = check(file(withField(7, DATE_LET, "20260319")));

    assertEquals(List.of(new FecViolation(7, "DateLet", "DATE_LET_BEFORE_ECRITURE_DATE",
        "A line is not lettered before its date; DateLet 20260319 is before EcritureDate 20260320.")),
        report.violations());
  }

  @Test
  void check_shouldAcceptAValidDateOnTheEntrysDate() {
    assertTrue(check(file(withField(7, VALID_DATE, "20260320"))).valid());
    assertEquals(Set.of("VALID_DATE_BEFORE_ECRITURE_DATE"), codes(check(file(withField(7, VALID_DATE, "20260101")))));
  }

  @ParameterizedTest
  @ValueSource(strings = {"EUR", "USD", "CHF", "JPY"})
  void check_shouldAcceptIsoCurrencies(String code) {
    assertTrue(check(file(withField(withField(4, IDEVISE, code), 5, IDEVISE, code))).valid());
  }

  @ParameterizedTest
  @ValueSource(strings = {"usd", "US", "USDX", "ZZZ", "€"})
  void check_shouldRefuseWhatIsNotAnIsoCurrency(String code) {
    FecReport report = check(file(withField(withField(4, IDEVISE, code), 5, IDEVISE, code)));

    assertEquals(Set.of("INVALID_CURRENCY"), codes(report));
    assertEquals(2, report.violations().size());
  }

  @Test
  void check_shouldReportEveryUnbalancedEntryWithItsLines() {
    FecReport report = check(file(withField(withField(3, CREDIT, "2000,03"), 5, CREDIT, "925,90")));

    assertEquals(List.of(
        new FecViolation(2, null, "ENTRY_UNBALANCED", "An EcritureNum balances (total Debit = total Credit); "
            + "EcritureNum 1 on lines 2 to 3 has debits 2000,00 and credits 2000,03."),
        new FecViolation(4, null, "ENTRY_UNBALANCED", "An EcritureNum balances (total Debit = total Credit); "
            + "EcritureNum 2 on lines 4 to 5 has debits 925,93 and credits 925,90.")), report.violations());
  }

  @Test
  void options_shouldRefuseNoViolationAllowed() {
    assertThrows(IllegalArgumentException.class,
        () -> FecValidator.Options.defaults().withMaxViolations(0));
  }

  /** The valid file with é and € in labels, and one CompteNum that quotes them back in a violation. */
  private static String[] accentsAndEuro() {
    String[] rows = withField(3, COMPTE_LIB, "Prestations réalisées à 20 € près");
    return withField(rows, 5, COMPTE_NUM, "é€706");
  }

  private static void assertReadCorrectly(FecReport report, String encoding) {
    assertEquals(encoding, report.encoding());
    assertEquals(List.of(new FecViolation(5, "CompteNum", "INVALID_ACCOUNT",
        "CompteNum starts with the 3 digits of its PCG account; 'é€706' does not.")), report.violations());
  }

  @Test
  void check_shouldDetectIso8859_15_andReadÉAndEuro() {
    byte[] fec = file(ISO, HEADER, accentsAndEuro());
    assertEquals((byte) 0xA4, fec[new String(fec, ISO).indexOf('€')], "€ is 0xA4 in ISO-8859-15");

    assertReadCorrectly(check(fec), "ISO-8859-15");
    assertReadCorrectly(check(fec, LATIN9), "ISO-8859-15");
  }

  @Test
  void check_shouldDetectUtf8_andReadÉAndEuro() {
    byte[] fec = file(StandardCharsets.UTF_8, HEADER, accentsAndEuro());

    assertReadCorrectly(check(fec), "UTF-8");
    assertReadCorrectly(check(fec, UTF8), "UTF-8");
  }

  @Test
  void check_shouldAcceptAValidIsoFile() {
    FecReport report = check(file(ISO, HEADER, withField(3, COMPTE_LIB, "Prestations réalisées à 20 € près")));

    assertTrue(report.valid(), report.violations().toString());
    assertEquals("ISO-8859-15", report.encoding());
  }

  @Test
  void check_shouldCallAnAsciiFileUtf8() {
    assertEquals("UTF-8", check(file(withField(withField(2, 7, "Muller"), 7, 7, "Muller"))).encoding());
  }

  @Test
  void check_shouldReportAUtf8BomInAFileDeclaredIso() {
    byte[] utf8 = file(ROWS);
    byte[] withBom = new byte[utf8.length + 3];
    withBom[0] = (byte) 0xEF;
    withBom[1] = (byte) 0xBB;
    withBom[2] = (byte) 0xBF;
    System.arraycopy(utf8, 0, withBom, 3, utf8.length);

    FecReport report = check(withBom, LATIN9);

    assertEquals(List.of(new FecViolation(1, null, "ENCODING",
        "A FEC read as ISO-8859-15 has no UTF-8 byte order mark; this file starts with one.")), report.violations());
    assertTrue(check(withBom).valid(), "detected: a BOM means UTF-8");
    assertTrue(check(withBom, UTF8).valid());
  }

  /** Lines 1 to 5 of {@code rows}' file in {@code first}, lines 6 and 7 in {@code then}. */
  private static byte[] switchingAtLine6(String[] rows, Charset first, Charset then) {
    byte[] start = file(first, HEADER, Arrays.copyOfRange(rows, 0, 4));
    byte[] end = file(then, HEADER, Arrays.copyOfRange(rows, 4, 6));
    int header = HEADER.length() + 2;
    byte[] mixed = Arrays.copyOf(start, start.length + end.length - header);
    System.arraycopy(end, header, mixed, start.length, end.length - header);
    return mixed;
  }

  @Test
  void check_shouldReportAnIsoLineInAFileDetectedAsUtf8() {
    byte[] mixed = switchingAtLine6(ROWS, StandardCharsets.UTF_8, ISO);

    FecReport report = check(mixed);

    assertEquals(List.of(new FecViolation(6, null, "ENCODING", "A FEC is in one encoding; line 2 is UTF-8 but "
        + "this line is not (byte 0xFC at byte 58 of the line).")), report.violations());
    assertEquals("UTF-8", report.encoding());
  }

  @Test
  void check_shouldReportAUtf8LineInAFileDetectedAsIso() {
    String[] rows = withField(withField(6, COMPTE_LIB, "Banque (Zürich)"), 6, 10, "R-90");
    byte[] mixed = switchingAtLine6(rows, ISO, StandardCharsets.UTF_8); // line 7 has Müller in UTF-8 too

    FecReport report = check(mixed);

    assertEquals(List.of(new FecViolation(6, null, "ENCODING", "A FEC is in one encoding; line 2 is ISO-8859-15 "
        + "(it is not UTF-8) but this line reads as UTF-8.")), report.violations());
    assertTrue(check(mixed, LATIN9).valid(), "declared ISO-8859-15, any byte is a character");
  }

  @Test
  void check_shouldReadCrOnlyLineEndings() {
    byte[] fec = (HEADER + "\r" + String.join("\r", ROWS)).getBytes(StandardCharsets.UTF_8);

    FecReport report = check(fec);

    assertEquals(List.of(), report.violations());
    assertEquals(6, report.lines());
  }

  @Test
  void options_shouldRefuseAnotherEncoding() {
    assertThrows(IllegalArgumentException.class,
        () -> FecValidator.Options.defaults().withEncoding(StandardCharsets.ISO_8859_1));
  }

  @ParameterizedTest
  @ValueSource(strings = {"fec", "fec-pipe"})
  void check_shouldAcceptTheWritersOutput_for2000RandomEntries(String format) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    List<JournalEntry> entries = RandomEntries.generate(20261130L, 2000);
    ExportFormats.byId(format).write(entries.iterator(), Entries.CONTEXT, out);

    FecReport report = check(out.toByteArray());

    assertEquals(List.of(), report.violations());
    assertEquals(entries.stream().mapToLong(e -> e.lines().size()).sum(), report.lines());
    assertEquals(format.equals("fec") ? "tab" : "pipe", report.separator());
  }
}
