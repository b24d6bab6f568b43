package com.accountingexport.core.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.accountingexport.core.document.Address;
import com.accountingexport.core.document.Counterparty;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AccountsWriterTest {
  private static Counterparty customer(String id, String name, String account, Address address) {
    return new Counterparty(id, name, account, "12345678900012", "FR12345678901", "FR", address, null, false,
        id + "@example.com");
  }

  private static AccountRecord customerRecord(Counterparty c, String account) {
    return AccountsWriter.record(c, account, AccountRecord.CUSTOMER, "411000");
  }

  @Test
  void write_shouldWriteOneRowPerAccount_firstSeenWins() throws IOException {
    Address paris = new Address("1 rue de la Paix", "Bâtiment B", "75002", "Paris", "FR", null);
    Address lyon = new Address("2 quai \"Saint\" Antoine", null, "69002", "Lyon", "FR", null);
    List<AccountRecord> all = Arrays.asList(
        customerRecord(customer("c1", "Dupont, Durand & fils", "411C1", paris), "411C1"),
        customerRecord(customer("c2", "Martin", null, lyon), "411c2"),
        customerRecord(customer("c1", "Dupont again", "411C1", lyon), "411C1"),
        customerRecord(customer("c3", "No account", "", null), ""),
        null);
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    new AccountsWriter().write(all.iterator(), out);

    assertEquals("account,name,siret,vatNumber,address,postalCode,city,countryCode,email,type,collectiveAccount\r\n"
        + "411C1,\"Dupont, Durand & fils\",12345678900012,FR12345678901,\"1 rue de la Paix, Bâtiment B\",75002,Paris,FR,c1@example.com,customer,411000\r\n"
        + "411c2,Martin,12345678900012,FR12345678901,\"2 quai \"\"Saint\"\" Antoine\",69002,Lyon,FR,c2@example.com,customer,411000\r\n",
        out.toString(StandardCharsets.UTF_8));
  }

  @Test
  void write_shouldLeaveMissingFieldsEmpty() throws IOException {
    Counterparty bare = new Counterparty("c9", "Bare", "401C9", null, null, null, null, null, false, null);
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    new AccountsWriter().write(List.of(AccountsWriter.record(bare, "401C9", AccountRecord.SUPPLIER, null)).iterator(), out);

    List<List<String>> rows = Rfc4180.parse(out.toString(StandardCharsets.UTF_8));
    assertEquals(List.of("401C9", "Bare", "", "", "", "", "", "", "", "supplier", ""), rows.get(1));
  }

  @Test
  void accountsCsv_shouldReadBackEveryRecord_hostileNamesIncluded() throws IOException {
    List<AccountRecord> records = HostileLedger.accounts(new Random(7), 300);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new AccountsWriter().write(records.iterator(), out);

    List<AccountRecord> back = new ArrayList<>();
    new AccountsCsv(new ByteArrayInputStream(out.toByteArray())).forEachRemaining(back::add);

    assertEquals(records, back);
  }

  @Test
  void accountsCsv_shouldReadFilesWrittenBeforeTheTypeColumn_typeFromTheAccount() {
    String old = "account,name,siret,vatNumber,address,postalCode,city,countryCode,email\r\n"
        + "411C1,Dupont,,,,,,FR,\r\n401F2,'=Fournisseur,,,,,,FR,\r\n";

    List<AccountRecord> back = new ArrayList<>();
    new AccountsCsv(new ByteArrayInputStream(old.getBytes(StandardCharsets.UTF_8))).forEachRemaining(back::add);

    assertEquals(2, back.size());
    assertEquals(AccountRecord.CUSTOMER, back.get(0).type());
    assertEquals(AccountRecord.SUPPLIER, back.get(1).type());
    assertEquals("=Fournisseur", back.get(1).name());
    assertFalse(back.get(0).supplier());
  }

  @Test
  void fileName_shouldFollowTheExportNumber() {
    assertEquals("EXP-0042-accounts.csv", new AccountsWriter().fileName(Entries.CONTEXT));
  }
}
