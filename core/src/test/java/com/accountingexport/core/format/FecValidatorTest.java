package com.accountingexport.core.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class FecValidatorTest {
  private static final String HEADER = "JournalCode|JournalLib|EcritureNum|EcritureDate|CompteNum|CompteLib"
      + "|CompAuxNum|CompAuxLib|PieceRef|PieceDate|EcritureLib|Debit|Credit|EcritureLet|DateLet|ValidDate"
      + "|Montantdevise|Idevise";

  /** A valid file, typed by hand; rows are lines 2 to 5. */
  private static final String[] ROWS = {
      "VT|Ventes|1|20260302|411000|Clients|411C0050|Müller GmbH|F-50|20260302|F-50 Müller|2000,00|0,00|||20261122||",
      "VT|Ventes|1|20260302|706000|Prestations|||F-50|20260302|F-50 Müller|0,00|2000,00|||20261122||",
      "VT|Ventes|2|20260305|411000|Clients|411C0061|US Corp|F-61|20260305|F-61 US Corp|925,93|0,00|||20261122|1000,00|USD",
      "VT|Ventes|2|20260305|706000|Prestations|||F-61|20260305|F-61 US Corp|0,00|925,93|||20261122|1000,00|USD"};

  /** Header + rows typed with '|', written with tabs, CRLF. */
  private static List<String> validate(String header, String... rows) {
    StringBuilder b = new StringBuilder(header.replace('|', '\t')).append("\r\n");
    for (String r : rows) {
      b.append(r.replace('|', '\t')).append("\r\n");
    }
    return FecValidator.validate(new ByteArrayInputStream(b.toString().getBytes(StandardCharsets.UTF_8)));
  }

  private static List<String> validate(String... rows) {
    return validate(HEADER, rows);
  }

  /** The valid rows with row {@code line} (2..5) replaced. */
  private static String[] with(int line, String row) {
    String[] rows = ROWS.clone();
    rows[line - 2] = row;
    return rows;
  }

  private static String[] withField(int line, int column, String value) {
    String[] f = ROWS[line - 2].split("\\|", -1);
    f[column] = value;
    return with(line, String.join("|", f));
  }

  private static void assertOneProblem(List<String> problems, String start, String... fragments) {
    assertEquals(1, problems.size(), problems.toString());
    String p = problems.get(0);
    assertTrue(p.startsWith(start), p);
    for (String f : fragments) {
      assertTrue(p.contains(f), p);
    }
  }

  @Test
  void validate_shouldAcceptAHandWrittenFile() {
    assertEquals(List.of(), validate(ROWS));
  }

  @Test
  void validate_shouldAcceptTheWritersOutput_inBothSeparators() {
    for (FecWriter writer : List.of(FecWriter.tab(), FecWriter.pipe())) {
      String fec = Entries.run(writer, List.of(Entries.payment(), Entries.sale(), Entries.usdSale()));

      assertEquals(List.of(), FecValidator.validate(new ByteArrayInputStream(fec.getBytes(StandardCharsets.UTF_8))));
    }
  }

  @Test
  void validate_shouldAcceptAPipeFileWithLfEndingsAndABom() {
    String fec = "\uFEFF" + HEADER + "\n" + String.join("\n", ROWS) + "\n";

    assertEquals(List.of(), FecValidator.validate(new ByteArrayInputStream(fec.getBytes(StandardCharsets.UTF_8))));
  }

  @Test
  void validate_shouldAcceptAHeaderOnlyFile() {
    assertEquals(List.of(), validate(new String[0]));
  }

  @Test
  void validate_shouldReportAnEmptyFile() {
    List<String> problems = FecValidator.validate(new ByteArrayInputStream(new byte[0]));

    assertOneProblem(problems, "Line 1: ", "empty");
  }

  @Test
  void validate_shouldReportAWrongHeader() {
    List<String> problems = validate(HEADER.replace("EcritureNum", "Ecriturenum"), ROWS);

    assertOneProblem(problems, "Line 1: ", "column 3", "'Ecriturenum'", "'EcritureNum'");
  }

  @Test
  void validate_shouldReportAHeaderWithAMissingColumn() {
    List<String> problems = validate(HEADER.replace("|Idevise", ""), ROWS);

    assertOneProblem(problems, "Line 1: The header has the 18 FEC columns (JournalCode, ", "this one has 17.");
  }

  @Test
  void validate_shouldReportARowWith17Fields() {
    List<String> problems = validate(with(3, ROWS[1].substring(0, ROWS[1].length() - 1)));

    assertOneProblem(problems, "Line 3: ", "A line has 18 fields; this one has 17.");
  }

  @Test
  void validate_shouldReportARowUsingTheOtherSeparator() {
    StringBuilder b = new StringBuilder(HEADER.replace('|', '\t')).append("\r\n");
    b.append(ROWS[0].replace('|', '\t')).append("\r\n");
    b.append(ROWS[1]).append("\r\n");

    List<String> problems = FecValidator.validate(new ByteArrayInputStream(b.toString().getBytes(StandardCharsets.UTF_8)));

    assertOneProblem(problems, "Line 3: ", "'|'", "header uses tab");
  }

  @Test
  void validate_shouldReportADotDecimal() {
    List<String> problems = validate(withField(2, 11, "2000.00"));

    assertOneProblem(problems, "Line 2: ", "Debit is written with digits", "'2000.00' is not");
  }

  @Test
  void validate_shouldReportAnAmountWithoutTwoDecimals() {
    List<String> problems = validate(withField(5, 12, "925,9"));

    assertOneProblem(problems, "Line 5: ", "Credit is written with digits", "'925,9' is not");
  }

  @Test
  void validate_shouldReportAnImpossibleDate() {
    List<String> problems = validate(withField(4, 9, "20260230"));

    assertOneProblem(problems, "Line 4: ", "PieceDate is a real date written AAAAMMJJ; '20260230' is not.");
  }

  @Test
  void validate_shouldReportAnIsoDate() {
    List<String> problems = validate(withField(3, 15, "2026-11-22"));

    assertOneProblem(problems, "Line 3: ", "ValidDate is a real date", "'2026-11-22'");
  }

  @Test
  void validate_shouldReportABadDateLet_butAcceptAnEmptyOne() {
    List<String> problems = validate(withField(2, 14, "20261301"));

    assertEquals(List.of("Line 2: DateLet is a real date written AAAAMMJJ; '20261301' is not.",
        "Line 2: EcritureLet and DateLet are both set or both empty; DateLet is set but EcritureLet is empty."),
        problems);
  }

  @Test
  void validate_shouldReportAnUnbalancedEcritureNum() {
    String[] rows = withField(5, 12, "925,90");

    List<String> problems = validate(rows);

    assertEquals(2, problems.size(), problems.toString());
    assertOneProblem(problems.subList(0, 1), "Line 4: An EcritureNum balances", "EcritureNum 2 on lines 4 to 5",
        "debits 925,93", "credits 925,90");
    assertOneProblem(problems.subList(1, 2), "File: The file balances", "debits total 2925,93",
        "credits 2925,90");
  }

  @Test
  void validate_shouldReportAGapInTheNumbering() {
    String[] rows = ROWS.clone();
    rows[2] = rows[2].replace("|2|", "|3|");
    rows[3] = rows[3].replace("|2|", "|3|");

    List<String> problems = validate(rows);

    assertOneProblem(problems, "Line 4: ", "EcritureNum 3 follows EcritureNum 1", "missing 2");
  }

  @Test
  void validate_shouldReportNumberingThatDoesNotStartAtOne() {
    String[] rows = {ROWS[2], ROWS[3]};

    List<String> problems = validate(rows);

    assertOneProblem(problems, "Line 2: Numbering starts at EcritureNum 1", "it starts at 2");
  }

  @Test
  void validate_shouldReportTheRowsOfOneEcritureNumSplitApart() {
    String[] rows = {ROWS[0], ROWS[2], ROWS[3], ROWS[1]};

    List<String> problems = validate(rows);

    assertTrue(problems.contains("Line 5: EcritureNum increases by one and the lines of one EcritureNum are "
        + "contiguous; EcritureNum 1 comes after EcritureNum 2."), problems.toString());
  }

  @Test
  void validate_shouldReportDatesGoingBackwardsInOneJournal() {
    String[] rows = ROWS.clone();
    rows[2] = rows[2].replace("|20260305|411000", "|20260301|411000");
    rows[3] = rows[3].replace("|20260305|706000", "|20260301|706000");

    List<String> problems = validate(rows);

    assertOneProblem(problems, "Line 4: ", "EcritureDate 20260301", "20260302 (line 2)", "journal VT");
  }

  @Test
  void validate_shouldAcceptAnEarlierDateInAnotherJournal() {
    String[] rows = ROWS.clone();
    rows[2] = "BQ|Banque|2|20260101|512000|Banque|||R-1|20260101|R-1|925,93|0,00|||20261122||";
    rows[3] = "BQ|Banque|2|20260101|411000|Clients|411C0061|US Corp|R-1|20260101|R-1|0,00|925,93|||20261122||";

    assertEquals(List.of(), validate(rows));
  }

  @Test
  void validate_shouldReportOneEcritureNumSpanningTwoDates() {
    List<String> problems = validate(withField(5, 3, "20260306"));

    assertOneProblem(problems, "Line 5: ", "EcritureNum 2 started on line 4");
  }

  @Test
  void validate_shouldReportAnAuxNumWithoutItsLabel() {
    List<String> problems = validate(withField(2, 7, ""));

    assertOneProblem(problems, "Line 2: ", "CompAuxNum is set but CompAuxLib is empty");
  }

  @Test
  void validate_shouldReportAnAuxLabelWithoutItsNumber() {
    List<String> problems = validate(withField(4, 6, ""));

    assertOneProblem(problems, "Line 4: ", "CompAuxLib is set but CompAuxNum is empty");
  }

  @Test
  void validate_shouldReportACurrencyAmountWithoutItsCurrency() {
    List<String> problems = validate(withField(5, 17, ""));

    assertOneProblem(problems, "Line 5: ", "Montantdevise is set but Idevise is empty");
  }

  @Test
  void validate_shouldReportBothSidesFilled() {
    String[] rows = ROWS.clone();
    rows[0] = rows[0].replace("|2000,00|0,00|", "|2000,00|1,00|");
    rows[1] = rows[1].replace("|0,00|2000,00|", "|1,00|2000,00|");

    List<String> problems = validate(rows);

    assertEquals(2, problems.size(), problems.toString());
    assertEquals("Line 2: A line has an amount on one side only; Debit 2000,00 and Credit 1,00 are both non-zero.",
        problems.get(0));
    assertTrue(problems.get(1).startsWith("Line 3: "), problems.get(1));
  }

  @Test
  void validate_shouldReportBothSidesZero() {
    String[] rows = {ROWS[0], ROWS[1],
        "VT|Ventes|1|20260302|706000|Prestations|||F-50|20260302|F-50 Müller|0,00|0,00|||20261122||"};

    List<String> problems = validate(rows);

    assertOneProblem(problems, "Line 4: ", "both are zero");
  }

  @Test
  void validate_shouldReportAnAccountNotStartingWithThreeDigits() {
    List<String> problems = validate(withField(3, 4, "7A6000"));

    assertOneProblem(problems, "Line 3: ", "CompteNum starts with the 3 digits", "'7A6000' does not");
  }

  @Test
  void validate_shouldReportAnEmptyPieceRef() {
    List<String> problems = validate(withField(2, 8, ""));

    assertOneProblem(problems, "Line 2: ", "PieceRef is mandatory; it is empty.");
  }

  @Test
  void validate_shouldReportAnEmptyEcritureLib() {
    List<String> problems = validate(withField(5, 10, ""));

    assertOneProblem(problems, "Line 5: ", "EcritureLib is mandatory; it is empty.");
  }

  @Test
  void validate_shouldReportANonNumericEcritureNum() {
    String[] rows = ROWS.clone();
    rows[2] = rows[2].replace("|2|", "|VT2|");
    rows[3] = rows[3].replace("|2|", "|VT2|");

    List<String> problems = validate(rows);

    assertOneProblem(problems, "Line 4: ", "EcritureNum is a whole number", "'VT2' is not");
  }

  @Test
  void validate_shouldStopAfterTheMaximumNumberOfProblems() {
    List<String> rows = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      rows.add("bad");
    }
    String fec = HEADER + "\n" + String.join("\n", rows) + "\n";

    List<String> problems = FecValidator.validate(new ByteArrayInputStream(fec.getBytes(StandardCharsets.UTF_8)), 10);

    assertEquals(11, problems.size());
    assertTrue(problems.get(10).startsWith("Stopped at line 12"), problems.get(10));
  }

  @Test
  void parseDate_shouldKnowLeapYears() {
    assertEquals(20240229, FecValidator.parseDate("20240229"));
    assertEquals(-1, FecValidator.parseDate("20250229"));
    assertEquals(-1, FecValidator.parseDate("2025031"));
    assertEquals(-1, FecValidator.parseDate("20250431"));
    assertTrue(Arrays.stream(new String[] {"20251231", "20250101"}).allMatch(d -> FecValidator.parseDate(d) > 0));
  }
}
