package com.accountingexport.core.export;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

class PdfListTest {
  @Test
  void linesRoundTrip_withTabsAndLineBreaksInTitles_andBatchesPickTheirHundred() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (PdfList.Out out = new PdfList.Out(bytes)) {
      for (int i = 0; i < 250; i++) {
        out.add("doc-" + i, i % 7 == 0 ? null : "F-" + i, "F-" + i + "\tClient\n" + i);
      }
      assertEquals(250, out.count());
    }
    List<PdfList.Line> all = new ArrayList<>();
    for (Iterator<PdfList.Line> it = PdfList.read(new ByteArrayInputStream(bytes.toByteArray())); it.hasNext(); ) {
      all.add(it.next());
    }
    assertEquals(250, all.size());
    assertEquals(new PdfList.Line(7, "doc-7", null, "F-7\tClient\n7"), all.get(7));
    assertEquals(new PdfList.Line(8, "doc-8", "F-8", "F-8\tClient\n8"), all.get(8));

    List<PdfList.Line> third = PdfList.batch(new ByteArrayInputStream(bytes.toByteArray()), 2);
    assertEquals(50, third.size());
    assertEquals(200, third.get(0).index());
    assertEquals(3, PdfList.batches(250));
    assertEquals(0, PdfList.batches(0));
  }
}
