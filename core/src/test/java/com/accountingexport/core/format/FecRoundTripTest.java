package com.accountingexport.core.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.accountingexport.core.booking.EntryLine;
import com.accountingexport.core.booking.JournalEntry;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FecRoundTripTest {
  @ParameterizedTest
  @ValueSource(strings = {"fec", "fec-pipe"})
  void write_shouldProduceAValidFileWithTheSameTotals_for2000RandomEntries(String format) throws IOException {
    List<JournalEntry> entries = RandomEntries.generate(20261122L, 2000);
    BigDecimal debit = BigDecimal.ZERO;
    BigDecimal credit = BigDecimal.ZERO;
    int lines = 0;
    for (JournalEntry e : entries) {
      debit = debit.add(e.totalDebit());
      credit = credit.add(e.totalCredit());
      lines += e.lines().size();
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    ExportFormats.byId(format).write(entries.iterator(), Entries.CONTEXT, out);
    byte[] file = out.toByteArray();

    assertEquals(List.of(), FecValidator.validate(new ByteArrayInputStream(file)));
    BigDecimal readDebit = BigDecimal.ZERO;
    BigDecimal readCredit = BigDecimal.ZERO;
    int rows = 0;
    String lastNum = null;
    Pattern sep = Pattern.compile(format.equals("fec") ? "\t" : "\\|");
    try (BufferedReader r = new BufferedReader(new InputStreamReader(new ByteArrayInputStream(file), StandardCharsets.UTF_8))) {
      r.readLine();
      for (String row; (row = r.readLine()) != null; rows++) {
        String[] f = sep.split(row, -1);
        readDebit = readDebit.add(new BigDecimal(f[11].replace(',', '.')));
        readCredit = readCredit.add(new BigDecimal(f[12].replace(',', '.')));
        lastNum = f[2];
      }
    }
    assertEquals(lines, rows);
    assertEquals(debit, readDebit);
    assertEquals(credit, readCredit);
    assertEquals("2000", lastNum);
  }

  @ParameterizedTest
  @ValueSource(strings = {"fec", "fec-pipe"})
  void write_shouldKeepCurrencyAmounts_forRandomEntries(String format) throws IOException {
    List<JournalEntry> entries = RandomEntries.generate(7L, 300);
    BigDecimal usd = BigDecimal.ZERO;
    for (JournalEntry e : entries) {
      for (EntryLine l : e.lines()) {
        if (l.currency() != null) {
          usd = usd.add(l.currencyAmount());
        }
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    ExportFormats.byId(format).write(entries.iterator(), Entries.CONTEXT, out);

    BigDecimal read = BigDecimal.ZERO;
    Pattern sep = Pattern.compile(format.equals("fec") ? "\t" : "\\|");
    String[] rows = out.toString(StandardCharsets.UTF_8).split("\r\n");
    for (int i = 1; i < rows.length; i++) {
      String[] f = sep.split(rows[i], -1);
      if (!f[16].isEmpty()) {
        assertEquals("USD", f[17]);
        read = read.add(new BigDecimal(f[16].replace(',', '.')));
      }
    }
    assertEquals(usd, read);
  }
}
