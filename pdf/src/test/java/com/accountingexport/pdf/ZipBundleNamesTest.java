package com.accountingexport.pdf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The names of the ZIP bundle's entries ({@link EntryNames}). */
class ZipBundleNamesTest {
  private static List<String> names(BundleItem... items) {
    EntryNames names = new EntryNames();
    return Stream.of(items).map(names::next).toList();
  }

  private static BundleItem item(String id, String number) {
    return new BundleItem(id, number, null);
  }

  @Test
  void next_shouldKeepLettersDigitsDashUnderscoreAndDot_andReplaceTheRest() {
    assertEquals(List.of("F-2026-042.pdf", "AV_2026_7.pdf", "FA.2026_12_b.pdf", "A_B___C.pdf"), names(
        item("d1", "F-2026-042"), item("d2", "AV 2026/7"), item("d3", "FA.2026_12\\b"), item("d4", "A:B*?\"C")));
  }

  @Test
  void next_shouldDropAccents_andReplaceOtherNonAsciiLetters() {
    assertEquals(List.of("Facture-ete-No1.pdf", "F_1.pdf", "F__1.pdf"),
        names(item("d1", "Facture-été-Nº1"), item("d2", "F€1"), item("d3", "F😀€1")));
  }

  @Test
  void next_shouldFallBackToTheDocumentId_whenTheNumberIsMissingOrHasNoLetterNorDigit() {
    assertEquals(List.of("inv-42.pdf", "inv-43.pdf", "inv_44.pdf", "document.pdf"), names(
        item("inv-42", null), item("inv-43", "  "), item("inv/44", "///"), item("€€", "---")));
  }

  @Test
  void next_shouldSuffixRepeatedNames_inOrder_ignoringCase() {
    assertEquals(List.of("F-1.pdf", "f-1-2.pdf", "F-1-3.pdf", "F-2.pdf", "F_1.pdf"),
        names(item("a", "F-1"), item("b", "f-1"), item("c", "F-1"), item("d", "F-2"), item("e", "F/1")));
  }

  @Test
  void next_shouldSkipASuffixThatIsAlreadyAName_andNotReuseOne() {
    // "F-1-2" comes first as a real number: the second "F-1" takes -3; a later "F-1-2" is suffixed in turn
    assertEquals(List.of("F-1-2.pdf", "F-1.pdf", "F-1-3.pdf", "F-1-2-2.pdf", "F-1-4.pdf"),
        names(item("a", "F-1-2"), item("b", "F-1"), item("c", "F-1"), item("d", "F-1-2"), item("e", "F-1")));
  }

  @Test
  void next_shouldGiveUniqueNames_forManyCollisions() {
    EntryNames names = new EntryNames();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 500; i++) {
      String name = names.next(item("d" + i, i % 2 == 0 ? "X" : "x"));
      assertTrue(seen.add(name.toLowerCase(Locale.ROOT)), name);
    }
    assertTrue(seen.contains("x-500.pdf"));
  }

  @Test
  void next_shouldNotMakeHiddenFilesNorDeviceNames_andCapTheLength() {
    List<String> got = names(item("a", ".hidden"), item("b", "../etc/passwd"), item("c", "CON"),
        item("d", "lpt1.x"), item("e", "F".repeat(300)));
    assertEquals("_hidden.pdf", got.get(0));
    assertEquals("___etc_passwd.pdf", got.get(1));
    assertEquals("_CON.pdf", got.get(2));
    assertEquals("_lpt1.x.pdf", got.get(3));
    assertEquals("F".repeat(EntryNames.MAX_BASE_LENGTH) + ".pdf", got.get(4));
  }
}
