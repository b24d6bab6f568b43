package com.accountingexport.core.notify;

import com.accountingexport.core.export.Export;
import com.accountingexport.core.money.Money;
import com.accountingexport.core.settings.Language;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The e-mail announcing an export's outcome (READY or FAILED), in the tenant's language, from the
 * templates {@code mail/<fr|en>/export-<ready|failed>.<subject|txt|html>} on the classpath.
 *
 * <p>Templates name values as {@code {{placeholder}}}; values are HTML-escaped in the HTML part and
 * written as they are in the text part and the subject (a subject stays on one line). Every
 * template is read and checked once, here: a missing file or an unknown placeholder fails at
 * construction, not when an export ends.
 *
 * <p>The link points at the API's own route {@code <publicBaseUrl>/exports/<exportId>}, never at a
 * presigned S3 URL: those die with the credentials that signed them, long before a mail is read.
 *
 * <p>Amounts come from {@link BigDecimal} (never a double), rounded half-up to cents and written
 * without a locale-dependent formatter so that the separators are always the same: {@code 1 234,50 €}
 * in French (ordinary spaces), {@code €1,234.50} in English. Dates: {@code 31/12/2026} and
 * {@code 2026-12-31}.
 */
public final class ExportNotices {
  /** The values a template may name. */
  static final Set<String> PLACEHOLDERS = Set.of("number", "from", "to", "journals", "documentCount", "entryCount",
      "debit", "credit", "link", "failure");
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z]+)\\s*}}");
  private static final DateTimeFormatter FR_DATE = DateTimeFormatter.ofPattern("dd/MM/uuuu", Locale.ROOT);
  private static final DateTimeFormatter EN_DATE = DateTimeFormatter.ISO_LOCAL_DATE;
  private static final String NONE = "—";

  private final String publicBaseUrl;
  private final Map<Language, Map<Outcome, Templates>> templates = new EnumMap<>(Language.class);

  /** The rendered mail: a one-line subject, a text part and an HTML part. */
  public record Notice(String subject, String text, String html) {}

  private record Templates(String subject, String text, String html) {}

  /**
   * @param publicBaseUrl the API's base URL ({@code https://api.example.com}); a trailing slash is
   *     dropped; it may carry a path but no query or fragment
   */
  public ExportNotices(String publicBaseUrl) {
    this.publicBaseUrl = baseUrl(publicBaseUrl);
    for (Language language : Language.values()) {
      Map<Outcome, Templates> byOutcome = new EnumMap<>(Outcome.class);
      for (Outcome outcome : Outcome.values()) {
        String base = "mail/" + language.wire() + "/export-" + outcome.name().toLowerCase(Locale.ROOT) + ".";
        byOutcome.put(outcome, new Templates(load(base + "subject"), load(base + "txt"), load(base + "html")));
      }
      templates.put(language, byOutcome);
    }
  }

  /** The base URL links start with, without a trailing slash. */
  public String publicBaseUrl() {
    return publicBaseUrl;
  }

  /** Where the export can be seen and downloaded: the API route, {@code <base>/exports/<id>}. */
  public String link(String exportId) {
    return publicBaseUrl + "/exports/" + pathSegment(exportId);
  }

  /** The mail announcing {@code outcome} for {@code export}, in {@code language} (French when null). */
  public Notice render(Export export, Outcome outcome, Language language) {
    if (export == null || outcome == null) {
      throw new IllegalArgumentException("an export and an outcome are needed");
    }
    Language l = language == null ? Language.FR : language;
    Templates t = templates.get(l).get(outcome);
    Map<String, String> values = values(export, outcome, l);
    String subject = fill(t.subject(), values, false).replaceAll("[\\r\\n\\t]+", " ").trim();
    return new Notice(subject, fill(t.text(), values, false), fill(t.html(), values, true));
  }

  private Map<String, String> values(Export e, Outcome outcome, Language l) {
    Map<String, String> v = new HashMap<>();
    v.put("number", e.number() != null ? e.number() : e.id());
    v.put("from", e.period() == null ? NONE : date(e.period().from(), l));
    v.put("to", e.period() == null ? NONE : date(e.period().to(), l));
    v.put("journals", e.journals().isEmpty() ? NONE : String.join(", ", e.journals()));
    v.put("documentCount", count(e.documentCount(), l));
    v.put("entryCount", count(e.entryCount(), l));
    v.put("debit", amount(e.debit(), l));
    v.put("credit", amount(e.credit(), l));
    v.put("link", link(e.id()));
    String failure = e.failure() == null || e.failure().isBlank()
        ? (l == Language.FR ? "motif non précisé" : "no reason given")
        : e.failure();
    v.put("failure", outcome == Outcome.FAILED ? failure : "");
    return v;
  }

  private static String fill(String template, Map<String, String> values, boolean html) {
    Matcher m = PLACEHOLDER.matcher(template);
    StringBuilder out = new StringBuilder(template.length() + 256);
    while (m.find()) {
      String value = values.get(m.group(1));
      if (value == null) {
        throw new IllegalStateException("no value for {{" + m.group(1) + "}}");
      }
      m.appendReplacement(out, Matcher.quoteReplacement(html ? escapeHtml(value) : value));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** Escapes the five characters that matter in HTML text and in quoted attribute values. */
  static String escapeHtml(String s) {
    StringBuilder out = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /** {@code 1 234,50 €} (fr, ordinary spaces) or {@code €1,234.50} (en); null reads as zero. */
  static String amount(BigDecimal value, Language l) {
    BigDecimal cents = Money.round(value == null ? BigDecimal.ZERO : value);
    String plain = cents.abs().toPlainString();
    int dot = plain.indexOf('.');
    String units = plain.substring(0, dot);
    String decimals = plain.substring(dot + 1);
    String sign = cents.signum() < 0 ? "-" : "";
    return l == Language.FR
        ? sign + group(units, ' ') + "," + decimals + " €"
        : sign + "€" + group(units, ',') + "." + decimals;
  }

  static String count(long n, Language l) {
    String digits = Long.toString(Math.abs(n));
    return (n < 0 ? "-" : "") + group(digits, l == Language.FR ? ' ' : ',');
  }

  static String date(LocalDate d, Language l) {
    return d == null ? NONE : (l == Language.FR ? FR_DATE : EN_DATE).format(d);
  }

  private static String group(String digits, char separator) {
    StringBuilder out = new StringBuilder(digits.length() + digits.length() / 3);
    int lead = digits.length() % 3;
    for (int i = 0; i < digits.length(); i++) {
      if (i > 0 && (i - lead) % 3 == 0) {
        out.append(separator);
      }
      out.append(digits.charAt(i));
    }
    return out.toString();
  }

  /** Percent-encodes (UTF-8) everything but RFC 3986's unreserved characters. */
  private static String pathSegment(String id) {
    if (id == null || id.isEmpty()) {
      throw new IllegalArgumentException("an export id is needed for the link");
    }
    StringBuilder out = new StringBuilder();
    for (byte b : id.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_'
          || c == '~') {
        out.append(c);
      } else {
        out.append('%').append(String.format(Locale.ROOT, "%02X", b & 0xff));
      }
    }
    return out.toString();
  }

  private static String baseUrl(String url) {
    if (url == null || url.isBlank()) {
      throw new IllegalArgumentException("the public base URL is required (links in mails point at the API)");
    }
    String trimmed = url.trim();
    while (trimmed.endsWith("/")) {
      trimmed = trimmed.substring(0, trimmed.length() - 1);
    }
    URI uri;
    try {
      uri = URI.create(trimmed);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the public base URL is not a URL: " + url, e);
    }
    if (!List.of("http", "https").contains(String.valueOf(uri.getScheme()).toLowerCase(Locale.ROOT))
        || uri.getHost() == null || uri.getRawQuery() != null || uri.getRawFragment() != null
        || uri.getRawUserInfo() != null) {
      throw new IllegalArgumentException(
          "the public base URL must be http(s)://host[:port][/path], without query, fragment or credentials: " + url);
    }
    return trimmed;
  }

  private static String load(String resource) {
    try (InputStream in = ExportNotices.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("mail template missing from the classpath: " + resource);
      }
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      Matcher m = PLACEHOLDER.matcher(text);
      while (m.find()) {
        if (!PLACEHOLDERS.contains(m.group(1))) {
          throw new IllegalStateException(resource + " names an unknown placeholder {{" + m.group(1) + "}}");
        }
      }
      return text;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the mail template " + resource, e);
    }
  }
}
