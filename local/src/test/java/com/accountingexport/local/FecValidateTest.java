package com.accountingexport.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.accountingexport.adapters.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The FEC validator's command line on temporary files: output, JSON, exit codes. */
class FecValidateTest {
  private static final String HEADER = "JournalCode|JournalLib|EcritureNum|EcritureDate|CompteNum|CompteLib"
      + "|CompAuxNum|CompAuxLib|PieceRef|PieceDate|EcritureLib|Debit|Credit|EcritureLet|DateLet|ValidDate"
      + "|Montantdevise|Idevise";
  private static final List<String> ROWS = List.of(
      "VT|Ventes|1|20260302|411000|Clients|411C0050|Müller GmbH|F-50|20260302|F-50 Müller|2000,00|0,00|AA|20260320|20261122||",
      "VT|Ventes|1|20260302|706000|Prestations réalisées|||F-50|20260302|F-50 Müller 20 €|0,00|2000,00|||20261122||",
      "BQ|Banque|2|20260320|512000|Banque|||R-90|20260318|R-90 Müller|2000,00|0,00|||20261122||",
      "BQ|Banque|2|20260320|411000|Clients|411C0050|Müller GmbH|R-90|20260318|R-90 Müller|0,00|2000,00|AA|20260320|20261122||");

  @TempDir
  Path dir;

  private Path fec(String name, Charset charset, List<String> rows) throws IOException {
    StringBuilder b = new StringBuilder(HEADER.replace('|', '\t')).append("\r\n");
    for (String r : rows) {
      b.append(r.replace('|', '\t')).append("\r\n");
    }
    Path file = dir.resolve(name);
    Files.write(file, b.toString().getBytes(charset));
    return file;
  }

  private Path valid() throws IOException {
    return fec("valid.txt", StandardCharsets.UTF_8, ROWS);
  }

  /** Line 3's CompteNum is 'é706' and line 5 credits 1999,99: three violations, one on the whole file. */
  private Path invalid() throws IOException {
    return fec("invalid.txt", StandardCharsets.UTF_8, List.of(ROWS.get(0), ROWS.get(1).replace("706000", "é706"),
        ROWS.get(2), ROWS.get(3).replace("0,00|2000,00", "0,00|1999,99")));
  }

  record Run(int exit, String out, String err) {}

  private static Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit = FecValidate.main(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void aValidFile_shouldExit0_withASummaryOnly() throws IOException {
    Path file = valid();

    Run r = run(file.toString());

    assertEquals(0, r.exit(), r.err());
    assertEquals(file + ": valid FEC (4 lines, tab-separated, UTF-8)\n", r.out().replace("\r\n", "\n"));
    assertEquals("", r.err());
  }

  @Test
  void anInvalidFile_shouldExit1_withALinePerViolation() throws IOException {
    Path file = invalid();

    Run r = run(file.toString());

    assertEquals(1, r.exit(), r.err());
    assertEquals(List.of(
        "3:CompteNum: INVALID_ACCOUNT CompteNum starts with the 3 digits of its PCG account; 'é706' does not.",
        "4:-: ENTRY_UNBALANCED An EcritureNum balances (total Debit = total Credit); EcritureNum 2 on lines 4 to 5 "
            + "has debits 2000,00 and credits 1999,99.",
        "0:-: FILE_UNBALANCED The file balances (total Debit = total Credit); its debits total 4000,00 and its "
            + "credits 3999,99.",
        "2:EcritureLet: LETTERING_UNBALANCED A lettering code balances to zero over the file; EcritureLet AA of "
            + "CompteNum 411000 and CompAuxNum 411C0050 leaves a debit of 0,01.",
        file + ": 4 violations (4 lines, tab-separated, UTF-8)"), r.out().lines().toList());
  }

  @Test
  void json_shouldParseBack_withEveryViolation() throws IOException {
    Run r = run(invalid().toString(), "--json");

    assertEquals(1, r.exit(), r.err());
    assertEquals(1, r.out().lines().count(), "one JSON object, nothing else: " + r.out());
    assertTrue(r.out().chars().allMatch(c -> c < 128), "ASCII only: " + r.out());
    JsonNode json = Json.MAPPER.readTree(r.out());
    assertEquals(false, json.get("valid").booleanValue());
    assertEquals(4, json.get("lines").longValue());
    assertEquals("tab", json.get("separator").textValue());
    assertEquals("UTF-8", json.get("encoding").textValue());
    assertEquals(false, json.get("truncated").booleanValue());
    JsonNode violations = json.get("violations");
    assertEquals(4, violations.size());
    JsonNode first = violations.get(0);
    assertEquals(3, first.get("line").longValue());
    assertEquals("CompteNum", first.get("column").textValue());
    assertEquals("INVALID_ACCOUNT", first.get("code").textValue());
    assertEquals("CompteNum starts with the 3 digits of its PCG account; 'é706' does not.",
        first.get("message").textValue());
    assertEquals(0, violations.get(2).get("line").longValue());
    assertTrue(violations.get(2).get("column").isNull(), violations.get(2).toString());
    assertEquals("FILE_UNBALANCED", violations.get(2).get("code").textValue());
  }

  @Test
  void json_shouldSayValid_withNoViolation() throws IOException {
    Run r = run("--json", valid().toString());

    assertEquals(0, r.exit(), r.err());
    JsonNode json = Json.MAPPER.readTree(r.out());
    assertEquals(true, json.get("valid").booleanValue());
    assertEquals(4, json.get("lines").longValue());
    assertEquals(0, json.get("violations").size());
  }

  @Test
  void max_shouldStopEarly_andSaySo() throws IOException {
    Path file = invalid();

    Run text = run(file.toString(), "--max", "1");
    Run json = run(file.toString(), "--max", "1", "--json");

    assertEquals(1, text.exit());
    assertEquals(List.of(
        "3:CompteNum: INVALID_ACCOUNT CompteNum starts with the 3 digits of its PCG account; 'é706' does not.",
        file + ": stopped at 1 violation, there may be more (2 lines read, tab-separated, UTF-8)"),
        text.out().lines().toList());
    JsonNode parsed = Json.MAPPER.readTree(json.out());
    assertEquals(true, parsed.get("truncated").booleanValue());
    assertEquals(1, parsed.get("violations").size());
  }

  @Test
  void encoding_shouldBeDetected_orDeclared() throws IOException {
    Path iso = fec("iso.txt", Charset.forName("ISO-8859-15"), ROWS);

    Run detected = run(iso.toString());
    Run declared = run(iso.toString(), "--encoding", "ISO-8859-15");
    Run wrong = run(iso.toString(), "--encoding", "utf-8");

    assertEquals(0, detected.exit(), detected.out());
    assertTrue(detected.out().endsWith("valid FEC (4 lines, tab-separated, ISO-8859-15)\n"), detected.out());
    assertEquals(0, declared.exit(), declared.out());
    assertEquals(1, wrong.exit(), wrong.out());
    assertTrue(wrong.out().startsWith("2:-: ENCODING A FEC read as UTF-8 is valid UTF-8 throughout; this line is not "
        + "(byte 0xFC at byte 47 of the line).\n"), wrong.out());
  }

  @Test
  void usageErrors_shouldExit2_withTheUsageOnStderr() throws IOException {
    String file = valid().toString();
    List<String[]> bad = List.of(new String[0], new String[] {"--json"}, new String[] {file, "--max"},
        new String[] {file, "--max", "0"}, new String[] {file, "--max", "ten"},
        new String[] {file, "--encoding", "latin1"}, new String[] {file, "--strict"}, new String[] {file, file});

    for (String[] args : bad) {
      Run r = run(args);

      assertEquals(2, r.exit(), String.join(" ", args));
      assertEquals("", r.out(), String.join(" ", args));
      assertTrue(r.err().contains(FecValidate.USAGE), r.err());
    }
  }

  @Test
  void anUnreadableFile_shouldExit2() {
    Run missing = run(dir.resolve("missing.txt").toString());
    Run directory = run(dir.toString());

    assertEquals(2, missing.exit());
    assertEquals("FecValidate: cannot read " + dir.resolve("missing.txt") + ": no such file\n", missing.err());
    assertEquals(2, directory.exit());
    assertTrue(directory.err().contains("it is a directory"), directory.err());
    assertEquals("", missing.out() + directory.out());
  }

  @Test
  void help_shouldPrintTheUsage() {
    Run r = run("--help");

    assertEquals(0, r.exit());
    assertEquals(FecValidate.USAGE + "\n", r.out());
  }
}
