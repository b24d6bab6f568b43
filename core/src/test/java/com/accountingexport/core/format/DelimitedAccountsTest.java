package com.accountingexport.core.format;

import static com.accountingexport.core.format.FormatFiles.WINDOWS_1252;
import static com.accountingexport.core.format.FormatFiles.cell;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

class DelimitedAccountsTest {
  private static final AccountRecord LONG = new AccountRecord("411C" + "0".repeat(16) + "1", AccountRecord.CUSTOMER,
      "411000", "Établissements " + "X".repeat(40), null, null, null, null, null, "FR", null);

  @Test
  void sage_shouldWriteTheRowsTypedByHand() {
    byte[] file = FormatFiles.write(DelimitedAccounts.semicolons(), SampleLedger.accounts(), c -> { });

    FormatFiles.assertTextFile(file, WINDOWS_1252);
    assertEquals("Compte;Type;Intitule;CompteCollectif;Adresse;CodePostal;Ville;Pays;Siret;TVAIntracom;Email\r\n"
        + "411C0042;C;Formations Dupont SARL;411000;12 rue des Lilas;69003;Lyon;FR;12345678900012;FR12123456789;compta@dupont.fr\r\n"
        + "401F0007;F;Œuvres & Cie;401000;3 allée Émile Zola;75011;Paris;FR;;;\r\n", new String(file, WINDOWS_1252));
  }

  @Test
  void acd_shouldWriteTheSameRecords_nameBeforeType() {
    byte[] file = FormatFiles.write(DelimitedAccounts.acd(), SampleLedger.accounts(), c -> { });

    assertEquals("Compte;Nom;Type;CompteCollectif;Adresse;CodePostal;Ville;Pays;Siret;TVAIntracom;Email\r\n"
        + "411C0042;Formations Dupont SARL;C;411000;12 rue des Lilas;69003;Lyon;FR;12345678900012;FR12123456789;compta@dupont.fr\r\n"
        + "401F0007;Œuvres & Cie;F;401000;3 allée Émile Zola;75011;Paris;FR;;;\r\n", new String(file, WINDOWS_1252));
  }

  @Test
  void write_shouldEncodeOeAndAccentsInWindows1252_cutAccountAndName_countingTheCuts() {
    AtomicReference<TextChanges> changes = new AtomicReference<>();

    byte[] file = FormatFiles.write(DelimitedAccounts.semicolons(), List.of(LONG, SampleLedger.accounts().get(1)), changes::set);

    List<CSVRecord> rows = FormatFiles.semicolonCsv(file, WINDOWS_1252);
    assertEquals("411C" + "0".repeat(13), rows.get(1).get(0));
    assertEquals(("Établissements " + "X".repeat(40)).substring(0, 35), rows.get(1).get(2));
    assertEquals(new TextChanges(0, 2), changes.get());
    String text = new String(file, WINDOWS_1252);
    int oe = text.indexOf("Œuvres");
    assertArrayEquals(new byte[] {(byte) 0x8C, 'u'}, Arrays.copyOfRange(file, oe, oe + 2));
    int e = text.indexOf("Émile");
    assertArrayEquals(new byte[] {(byte) 0xC9, 'm'}, Arrays.copyOfRange(file, e, e + 2));
  }

  @Test
  void write_shouldSkipRecordsWithoutAccount_andKeepTheFirstRecordOfAnAccount() {
    AccountRecord first = SampleLedger.accounts().get(0);
    AccountRecord again = new AccountRecord(first.account(), AccountRecord.CUSTOMER, null, "Other", null, null,
        null, null, null, null, null);
    AccountRecord none = new AccountRecord(" ", AccountRecord.SUPPLIER, null, "None", null, null, null, null, null,
        null, null);

    List<CSVRecord> rows = FormatFiles.semicolonCsv(
        FormatFiles.write(DelimitedAccounts.semicolons(), List.of(first, again, none), c -> { }), WINDOWS_1252);

    assertEquals(2, rows.size());
    assertEquals("Formations Dupont SARL", rows.get(1).get(2));
  }

  @Test
  void write_shouldReadBackEveryRecord_withCommonsCsv_hostileNamesIncluded() {
    List<AccountRecord> records = new ArrayList<>(HostileLedger.accounts(new Random(11), 300));
    records.add(LONG);

    List<CSVRecord> sage = FormatFiles.semicolonCsv(FormatFiles.write(DelimitedAccounts.semicolons(), records, c -> { }), WINDOWS_1252);
    List<CSVRecord> acd = FormatFiles.semicolonCsv(FormatFiles.write(DelimitedAccounts.acd(), records, c -> { }), WINDOWS_1252);

    assertEquals(DelimitedAccounts.semicolons().headers(), sage.get(0).toList());
    assertEquals(DelimitedAccounts.acd().headers(), acd.get(0).toList());
    assertEquals(records.size() + 1, sage.size());
    assertEquals(records.size() + 1, acd.size());
    for (int i = 0; i < records.size(); i++) {
      AccountRecord r = records.get(i);
      List<String> expected = List.of(cell(WINDOWS_1252, r.account(), 17), r.supplier() ? "F" : "C",
          cell(WINDOWS_1252, r.label(), 35), cell(WINDOWS_1252, r.collectiveAccount()), cell(WINDOWS_1252, r.street()),
          cell(WINDOWS_1252, r.postalCode()), cell(WINDOWS_1252, r.city()), cell(WINDOWS_1252, r.countryCode()),
          cell(WINDOWS_1252, r.siret()), cell(WINDOWS_1252, r.vatNumber()), cell(WINDOWS_1252, r.email()));
      assertEquals(expected, sage.get(i + 1).toList());
      List<String> acdExpected = new ArrayList<>(expected);
      acdExpected.add(1, acdExpected.remove(2)); // Nom before Type
      assertEquals(acdExpected, acd.get(i + 1).toList());
    }
  }
}
