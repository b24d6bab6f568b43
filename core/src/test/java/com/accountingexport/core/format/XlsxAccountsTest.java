package com.accountingexport.core.format;

import static com.accountingexport.core.format.XlsxFiles.expected;
import static com.accountingexport.core.format.XlsxFiles.text;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class XlsxAccountsTest {
  private static byte[] write(List<AccountRecord> records, TextChanges[] changes) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    changes[0] = new XlsxWriter().accounts().orElseThrow().write(records.iterator(), out);
    return out.toByteArray();
  }

  private static List<String> fields(AccountRecord r) {
    return Arrays.asList(r.account(), r.name(), r.siret(), r.vatNumber(), r.street(), r.postalCode(), r.city(),
        r.countryCode(), r.email(), r.type(), r.collectiveAccount());
  }

  @Test
  void write_shouldReadBackTheSampleAccounts() throws Exception {
    TextChanges[] changes = new TextChanges[1];
    byte[] file = write(SampleLedger.accounts(), changes);

    XlsxFiles.assertWellFormedWithoutFormulas(file);
    try (XSSFWorkbook book = XlsxFiles.open(file)) {
      Sheet sheet = book.getSheetAt(0);
      assertEquals(List.of("account", "name", "siret", "vatNumber", "address", "postalCode", "city", "countryCode",
          "email", "type", "collectiveAccount"), row(sheet.getRow(0)));
      assertEquals(List.of("411C0042", "Formations Dupont SARL", "12345678900012", "FR12123456789", "12 rue des Lilas",
          "69003", "Lyon", "FR", "compta@dupont.fr", "customer", "411000"), row(sheet.getRow(1)));
      assertEquals(List.of("401F0007", "Œuvres & Cie", "", "", "3 allée Émile Zola", "75011", "Paris", "FR", "",
          "supplier", "401000"), row(sheet.getRow(2)));
      assertEquals(2, sheet.getLastRowNum());
    }
    assertEquals(TextChanges.NONE, changes[0]);
  }

  @ParameterizedTest
  @ValueSource(longs = {7L, 99L})
  void write_shouldReadBackEveryRecord_hostileNamesNeutralised(long seed) throws Exception {
    List<AccountRecord> records = HostileLedger.accounts(new Random(seed), 300);
    TextChanges[] changes = new TextChanges[1];

    byte[] file = write(records, changes);

    XlsxFiles.assertWellFormedWithoutFormulas(file);
    long controls = 0;
    try (XSSFWorkbook book = XlsxFiles.open(file)) {
      XlsxFiles.assertNoFormulaCell(book);
      Sheet sheet = book.getSheetAt(0);
      assertEquals(records.size(), sheet.getLastRowNum());
      for (int i = 0; i < records.size(); i++) {
        List<String> expected = new ArrayList<>();
        for (String f : fields(records.get(i))) {
          expected.add(expected(f));
          controls += XlsxFiles.controls(f);
        }
        assertEquals(expected, row(sheet.getRow(i + 1)), "record " + i);
      }
    }
    assertEquals(new TextChanges(controls, 0), changes[0]);
  }

  private static List<String> row(Row row) {
    List<String> cells = new ArrayList<>();
    for (int c = 0; c < 11; c++) {
      cells.add(text(row, c));
    }
    return cells;
  }
}
