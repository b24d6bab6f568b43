package com.accountingexport.core.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.accountingexport.core.export.Export;
import com.accountingexport.core.export.ExportStatus;
import com.accountingexport.core.period.Period;
import com.accountingexport.core.settings.Language;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ExportNoticesTest {
  static final String BASE = "https://api.compta.example";
  private static final Pattern URL = Pattern.compile("https?://[^\\s<>\"']+");
  private static final Pattern HREF = Pattern.compile("href=\"([^\"]*)\"");

  private final ExportNotices notices = new ExportNotices(BASE);

  /** An export of 2026 (VT and BQ), 17 documents, 58 lines, 1234.5 on each side. */
  static Export export(String id, String number, ExportStatus status, String debit, String credit, String failure) {
    return new Export(id, number, status, new Period(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31)),
        List.of("VT", "BQ"), "fec", "none", false, 17, 58, new BigDecimal(debit), new BigDecimal(credit),
        Instant.parse("2027-01-05T09:30:00Z"), "user-1", null, null, null, null, List.of(), List.of(), null, failure,
        1, null, null, null);
  }

  static Export ready() {
    return export("exp-7f3a", "EXP-2026-00042", ExportStatus.READY, "1234.5", "1234.50", null);
  }

  static Stream<Arguments> everyTemplate() {
    return Stream.of(Language.values()).flatMap(l -> Stream.of(Outcome.values()).map(o -> Arguments.of(l, o)));
  }

  private static List<String> all(Pattern p, String s, int group) {
    List<String> out = new ArrayList<>();
    Matcher m = p.matcher(s);
    while (m.find()) {
      out.add(m.group(group));
    }
    return out;
  }

  @Test
  void render_shouldWriteTheExportsFacts_inFrench() {
    // when
    ExportNotices.Notice n = notices.render(ready(), Outcome.READY, Language.FR);

    // then
    assertTrue(n.subject().contains("EXP-2026-00042"), n.subject());
    for (String part : List.of(n.text(), n.html())) {
      assertTrue(part.contains("EXP-2026-00042"), part);
      assertTrue(part.contains("01/01/2026"), part);
      assertTrue(part.contains("31/12/2026"), part);
      assertTrue(part.contains("VT, BQ"), part);
      assertTrue(part.contains("17"), part);
      assertTrue(part.contains("58"), part);
      assertTrue(part.contains("1 234,50 €"), part);
      assertFalse(part.contains("2026-12-31"), "ISO dates are the English form: " + part);
      assertFalse(part.contains("1,234.50"), part);
    }
  }

  @Test
  void render_shouldWriteTheExportsFacts_inEnglish() {
    // when
    ExportNotices.Notice n = notices.render(ready(), Outcome.READY, Language.EN);

    // then
    assertTrue(n.subject().contains("EXP-2026-00042"), n.subject());
    for (String part : List.of(n.text(), n.html())) {
      assertTrue(part.contains("EXP-2026-00042"), part);
      assertTrue(part.contains("2026-01-01"), part);
      assertTrue(part.contains("2026-12-31"), part);
      assertTrue(part.contains("VT, BQ"), part);
      assertTrue(part.contains("€1,234.50"), part);
      assertFalse(part.contains("31/12/2026"), part);
      assertFalse(part.contains("1 234,50"), part);
    }
  }

  @Test
  void render_shouldWriteDebitAndCreditEachInTheirPlace() {
    // given: two different totals (a FAILED export may stop with unequal sides)
    Export e = export("exp-1", "EXP-2026-00001", ExportStatus.FAILED, "1234.5", "99.99", "boom");

    // when
    ExportNotices.Notice n = notices.render(e, Outcome.FAILED, Language.EN);

    // then
    assertTrue(n.text().matches("(?s).*debit: €1,234\\.50\\R.*"), n.text());
    assertTrue(n.text().matches("(?s).*credit: €99\\.99\\R.*"), n.text());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "1234.5       | 1 234,50 €         | €1,234.50",
      "0            | 0,00 €             | €0.00",
      "0.005        | 0,01 €             | €0.01",
      "999.995      | 1 000,00 €         | €1,000.00",
      "1234567.891  | 1 234 567,89 €     | €1,234,567.89",
      "123456       | 123 456,00 €       | €123,456.00",
      "-1234.5      | -1 234,50 €        | -€1,234.50"})
  void amount_shouldFollowTheLanguage_fromTheBigDecimal(String value, String french, String english) {
    assertEquals(french, ExportNotices.amount(new BigDecimal(value), Language.FR));
    assertEquals(english, ExportNotices.amount(new BigDecimal(value), Language.EN));
  }

  @Test
  void amount_shouldUseOrdinarySpaces_inFrench() {
    // when
    String text = notices.render(export("e", "N", ExportStatus.READY, "1234567.80", "1234567.80", null),
        Outcome.READY, Language.FR).text();

    // then: no no-break space (U+00A0) nor narrow no-break space (U+202F), which some JDK locales produce
    assertTrue(text.contains("1 234 567,80 €"), text);
    assertFalse(text.contains("\u00a0"), text);
    assertFalse(text.contains("\u202f"), text);
  }

  @ParameterizedTest
  @MethodSource("everyTemplate")
  void render_shouldLinkOnlyToTheApiRoute_neverToStorage(Language language, Outcome outcome) {
    // given
    Export e = export("exp-7f3a", "EXP-2026-00042", ExportStatus.valueOf(outcome.name()), "10.00", "10.00", "disk full");

    // when
    ExportNotices.Notice n = notices.render(e, outcome, language);

    // then
    String link = BASE + "/exports/exp-7f3a";
    List<String> textUrls = all(URL, n.text(), 0);
    assertFalse(textUrls.isEmpty(), n.text());
    textUrls.forEach(u -> assertEquals(link, u));
    List<String> hrefs = all(HREF, n.html(), 1);
    assertFalse(hrefs.isEmpty(), n.html());
    hrefs.forEach(h -> assertEquals(link, h));
    all(URL, n.html(), 0).forEach(u -> assertEquals(link, u));
    for (String part : List.of(n.subject(), n.text(), n.html())) {
      assertFalse(part.contains("X-Amz-"), part);
      assertFalse(part.contains("amazonaws"), part);
      assertFalse(part.contains("Signature"), part);
    }
  }

  @ParameterizedTest
  @MethodSource("everyTemplate")
  void render_shouldFillEveryPlaceholder_andKeepTheSubjectOnOneLine(Language language, Outcome outcome) {
    // when
    ExportNotices.Notice n = notices.render(ready(), outcome, language);

    // then
    for (String part : List.of(n.subject(), n.text(), n.html())) {
      assertFalse(part.contains("{{"), part);
      assertFalse(part.contains("}}"), part);
    }
    assertFalse(n.subject().isBlank());
    assertFalse(n.subject().contains("\n") || n.subject().contains("\r"), n.subject());
    assertTrue(n.html().contains("<html"), n.html());
  }

  @Test
  void render_shouldEscapeTheFailureInHtml_andKeepItAsIsInText() {
    // given
    String reason = "<script>alert(\"x\")</script> & 'co'";
    Export e = export("exp-9", "EXP-2026-00009", ExportStatus.FAILED, "0.00", "0.00", reason);

    // when
    ExportNotices.Notice fr = notices.render(e, Outcome.FAILED, Language.FR);
    ExportNotices.Notice en = notices.render(e, Outcome.FAILED, Language.EN);

    // then
    for (ExportNotices.Notice n : List.of(fr, en)) {
      assertTrue(n.text().contains(reason), n.text());
      assertFalse(n.html().contains("<script>"), n.html());
      assertTrue(n.html().contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;co&#39;"), n.html());
      assertTrue(n.subject().contains("EXP-2026-00009"), n.subject());
    }
  }

  @Test
  void render_shouldSayTheReasonIsUnknown_whenAFailedExportHasNone() {
    // given
    Export e = export("exp-9", "EXP-2026-00009", ExportStatus.FAILED, "0.00", "0.00", null);

    // when
    String text = notices.render(e, Outcome.FAILED, Language.EN).text();

    // then
    assertTrue(text.contains("no reason given"), text);
    assertFalse(text.contains("null"), text);
  }

  @Test
  void render_shouldNotMentionAFailure_whenTheExportIsReady() {
    // given: a READY notice for an export that carries a stale failure text
    Export e = export("exp-9", "EXP-2026-00009", ExportStatus.READY, "1.00", "1.00", "old problem");

    // when
    ExportNotices.Notice n = notices.render(e, Outcome.READY, Language.FR);

    // then
    assertFalse(n.text().contains("old problem"), n.text());
    assertFalse(n.html().contains("old problem"), n.html());
  }

  @Test
  void render_shouldEscapeTheNumberAndJournalsInHtml() {
    // given
    Export e = new Export("exp-x", "A&B<1>", ExportStatus.READY,
        new Period(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 1, 31)), List.of("V<T"), "fec", "none", false, 1, 2,
        new BigDecimal("1.00"), new BigDecimal("1.00"), Instant.EPOCH, "u", null, null, null, null, List.of(), List.of(),
        null, null, 1, null, null, null);

    // when
    ExportNotices.Notice n = notices.render(e, Outcome.READY, Language.EN);

    // then
    assertTrue(n.text().contains("A&B<1>"), n.text());
    assertTrue(n.html().contains("A&amp;B&lt;1&gt;"), n.html());
    assertTrue(n.html().contains("V&lt;T"), n.html());
    assertFalse(n.html().contains("A&B<1>"), n.html());
  }

  @Test
  void link_shouldBeTheBaseUrlThenExportsThenTheId_withoutADoubleSlash() {
    // given
    ExportNotices withSlash = new ExportNotices("https://app.example.test/api/");

    // when / then
    assertEquals("https://app.example.test/api/exports/exp-1", withSlash.link("exp-1"));
    assertEquals(BASE + "/exports/exp-7f3a", notices.link("exp-7f3a"));
    assertEquals(BASE + "/exports/a%20b%2Fc%C3%A9", notices.link("a b/cé"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "ftp://files.example", "api.example.com", "https://api.example/?X-Amz-Signature=1",
      "https://api.example/#top", "https://user:secret@api.example"})
  void constructor_shouldRefuseABaseUrlThatIsNotAPlainHttpUrl(String base) {
    assertThrows(IllegalArgumentException.class, () -> new ExportNotices(base));
  }

  @Test
  void escapeHtml_shouldEscapeTheFiveSpecialCharacters() {
    assertEquals("&lt;a href=&quot;x&quot;&gt;R&amp;D&#39;s&lt;/a&gt;", ExportNotices.escapeHtml("<a href=\"x\">R&D's</a>"));
  }
}
