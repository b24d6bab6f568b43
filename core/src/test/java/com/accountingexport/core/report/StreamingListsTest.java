package com.accountingexport.core.report;

import static com.accountingexport.core.report.ListDocs.view;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.accountingexport.core.document.Document;
import com.accountingexport.core.document.DocumentType;
import com.accountingexport.core.fakes.TestDocuments;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The lists that stream into files give the same rows and totals as the tables they stream instead of. */
class StreamingListsTest {
  private static final LocalDate FROM = LocalDate.of(2026, 3, 1);
  private static final LocalDate TO = LocalDate.of(2026, 3, 31);

  private static List<Document> documents(long seed) {
    Random r = new Random(seed);
    List<Document> out = new ArrayList<>();
    for (int i = 0; i < 150; i++) {
      LocalDate day = FROM.plusDays(r.nextInt(31));
      String net = (10 + r.nextInt(5000)) + ".00";
      int kind = r.nextInt(4);
      if (kind == 0) {
        out.add(ListDocs.of(DocumentType.CREDIT_NOTE, "a" + i).number("A-" + i).date(day).customer("C" + r.nextInt(9), "Client")
            .line(net, "20.00", new java.math.BigDecimal(net).multiply(new java.math.BigDecimal("0.2")).setScale(2).toPlainString())
            .build());
      } else if (kind == 1) {
        out.add(TestDocuments.payment("p" + i, day, net, "f" + r.nextInt(150)));
      } else {
        out.add(ListDocs.of(DocumentType.INVOICE, "f" + i).number("F-" + i).date(day).customer("C" + r.nextInt(9), "Client")
            .line(net, "5.50", new java.math.BigDecimal(net).multiply(new java.math.BigDecimal("0.055"))
                .setScale(2, java.math.RoundingMode.HALF_UP).toPlainString()).build());
      }
    }
    Collections.shuffle(out, r);
    return out;
  }

  private static List<List<Object>> sorted(List<List<Object>> rows) {
    List<List<Object>> copy = new ArrayList<>(rows);
    copy.sort(Comparator.comparing(Object::toString));
    return copy;
  }

  @Test
  void invoices_streamed_sameRowsAndTotalsAsTheTable() {
    for (long seed = 1; seed <= 5; seed++) {
      List<Document> docs = documents(seed);
      InvoiceList table = new InvoiceList();
      List<List<Object>> streamed = new ArrayList<>();
      InvoiceList streaming = new InvoiceList().streaming(streamed::add);
      docs.forEach(d -> {
        table.add(view(d));
        streaming.add(view(d));
      });
      ReportTable t = table.table(FROM, TO);
      assertEquals(sorted(t.rows()), sorted(streamed), "seed " + seed);
      assertEquals(t.totals(), streaming.totals(), "seed " + seed);
    }
  }

  @Test
  void payments_streamed_sameRowsAndTotalsAsTheTable() {
    for (long seed = 1; seed <= 5; seed++) {
      List<Document> docs = documents(seed);
      PaymentList table = new PaymentList();
      List<List<Object>> streamed = new ArrayList<>();
      PaymentList streaming = new PaymentList().streaming(streamed::add);
      docs.forEach(d -> {
        table.add(view(d));
        streaming.add(view(d));
      });
      ReportTable t = table.table(FROM, TO);
      assertEquals(sorted(t.rows()), sorted(streamed), "seed " + seed);
      assertEquals(t.totals(), streaming.totals(), "seed " + seed);
    }
  }
}
