package com.accountingexport.core.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.accountingexport.core.document.Address;
import com.accountingexport.core.document.Counterparty;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class AccountsWriterTest {
  private static Counterparty customer(String id, String name, String account, Address address) {
    return new Counterparty(id, name, account, "12345678900012", "FR12345678901", "FR", address, null, false,
        id + "@example.com");
  }

  @Test
  void write_shouldWriteOneRowPerAccount_firstSeenWins() throws IOException {
    Address paris = new Address("1 rue de la Paix", "Bâtiment B", "75002", "Paris", "FR", null);
    Address lyon = new Address("2 quai \"Saint\" Antoine", null, "69002", "Lyon", "FR", null);
    List<Counterparty> all = Arrays.asList(
        customer("c1", "Dupont, Durand & fils", "411C1", paris),
        customer("c2", "Martin", null, lyon),
        customer("c1", "Dupont again", "411C1", lyon),
        customer("c3", "No account", "", null),
        null);
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    new AccountsWriter().write(all.iterator(), c -> c.accountNumber() != null ? c.accountNumber() : "411" + c.id(), out);

    assertEquals("account,name,siret,vatNumber,address,postalCode,city,countryCode,email\r\n"
        + "411C1,\"Dupont, Durand & fils\",12345678900012,FR12345678901,\"1 rue de la Paix, Bâtiment B\",75002,Paris,FR,c1@example.com\r\n"
        + "411c2,Martin,12345678900012,FR12345678901,\"2 quai \"\"Saint\"\" Antoine\",69002,Lyon,FR,c2@example.com\r\n",
        out.toString(StandardCharsets.UTF_8));
  }

  @Test
  void write_shouldLeaveMissingFieldsEmpty() throws IOException {
    Counterparty bare = new Counterparty("c9", "Bare", "411C9", null, null, null, null, null, false, null);
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    new AccountsWriter().write(List.of(bare).iterator(), Counterparty::accountNumber, out);

    List<List<String>> rows = Rfc4180.parse(out.toString(StandardCharsets.UTF_8));
    assertEquals(List.of("411C9", "Bare", "", "", "", "", "", "", ""), rows.get(1));
  }

  @Test
  void fileName_shouldFollowTheExportNumber() {
    assertEquals("EXP-0042-accounts.csv", AccountsWriter.fileName(Entries.CONTEXT));
  }
}
