package com.accountingexport.adapters.ses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.accountingexport.adapters.testing.LocalSes;
import com.accountingexport.core.export.Export;
import com.accountingexport.core.export.ExportStatus;
import com.accountingexport.core.notify.NoticeResult;
import com.accountingexport.core.notify.NotificationService;
import com.accountingexport.core.notify.Outcome;
import com.accountingexport.core.period.Period;
import com.accountingexport.core.port.Mail;
import com.accountingexport.core.port.MailException;
import com.accountingexport.core.settings.Language;
import com.accountingexport.core.settings.TenantSettings;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;

/** SesMailer and NotificationService against the real SES v2 emulator (aws-ses-v2-local), read back from its store. */
class SesMailerIT {
  private static final String BASE = "https://api.compta.example";
  private static final String SENDER = "exports@compta.example";
  private static final String REPLY_TO = "support@compta.example";
  private static final Instant NOW = Instant.parse("2027-01-05T09:31:00Z");

  private static LocalSes ses;

  private final List<Duration> sleeps = new ArrayList<>();

  @BeforeAll
  static void startEmulator() {
    assumeTrue(LocalSes.nodeAvailable(), "node is not on PATH: aws-ses-v2-local cannot run");
    ses = LocalSes.start();
  }

  @AfterAll
  static void stopEmulator() {
    if (ses != null) {
      ses.close();
    }
  }

  @BeforeEach
  void emptyTheStore() {
    ses.clear();
  }

  private NotificationService service(SesV2Client client) {
    return new NotificationService(new SesMailer(client), SENDER, REPLY_TO, BASE, Clock.fixed(NOW, ZoneOffset.UTC),
        sleeps::add);
  }

  private static Export export(String id, String number, ExportStatus status, String failure) {
    return new Export(id, number, status, new Period(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31)),
        List.of("VT", "BQ"), "fec", "none", false, 17, 58, new BigDecimal("1234.5"), new BigDecimal("1234.5"),
        Instant.parse("2027-01-05T09:30:00Z"), "user-1", null, null, null, null, List.of(), List.of(), null, failure,
        1, null, null, null);
  }

  private static TenantSettings settings(Language language, String... emails) {
    TenantSettings d = TenantSettings.defaults();
    return new TenantSettings(d.fiscalYearStart(), d.vatRegimeServices(), d.numberingPattern(), d.defaultFormat(),
        d.journalCodes(), d.accounts(), List.of(emails), d.backgroundThreshold(), d.pageAccess(), d.siren(), language);
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  @Test
  void notify_shouldDeliverOneMail_withSubjectRecipientsTextAndHtml() {
    // given
    Export e = export("exp-7f3a", "EXP-2026-00042", ExportStatus.READY, null);

    // when
    NoticeResult r = service(ses.client()).notify(e, Outcome.READY, "Alice@Acme.example",
        settings(Language.EN, "alice@acme.example", "cfo@acme.example"));

    // then
    assertTrue(r.sent(), r.error());
    assertEquals(1, r.attempts());
    List<JsonNode> emails = ses.emails();
    assertEquals(1, emails.size(), emails.toString());
    JsonNode mail = emails.get(0);
    assertEquals(SENDER, mail.path("from").asText());
    assertEquals(List.of("Alice@Acme.example", "cfo@acme.example"), strings(mail.path("destination").path("to")));
    assertEquals(List.of(), strings(mail.path("destination").path("cc")));
    assertEquals(List.of(), strings(mail.path("destination").path("bcc")));
    assertEquals(List.of(REPLY_TO), strings(mail.path("replyTo")));
    String subject = mail.path("subject").asText();
    String text = mail.path("body").path("text").asText();
    String html = mail.path("body").path("html").asText();
    assertTrue(subject.contains("EXP-2026-00042"), subject);
    assertTrue(text.contains("EXP-2026-00042"), text);
    assertTrue(text.contains("€1,234.50"), text);
    assertTrue(text.contains("2026-12-31"), text);
    assertTrue(text.contains(BASE + "/exports/exp-7f3a"), text);
    assertTrue(html.contains("href=\"" + BASE + "/exports/exp-7f3a\""), html);
    for (String part : List.of(subject, text, html)) {
      assertFalse(part.contains("X-Amz-"), part);
      assertFalse(part.contains("amazonaws"), part);
      assertFalse(part.contains("Signature"), part);
    }
  }

  @Test
  void notify_shouldKeepAccentsAndTheEuroSign_inEveryPart() {
    // given: a French failure notice whose reason holds markup
    Export e = export("exp-9", "EXP-2026-00009", ExportStatus.FAILED, "Échec d'écriture <S3> « quota »");

    // when
    NoticeResult r = service(ses.client()).notify(e, Outcome.FAILED, null, settings(Language.FR, "cfo@acme.example"));

    // then
    assertTrue(r.sent(), r.error());
    JsonNode mail = ses.emails().get(0);
    String subject = mail.path("subject").asText();
    String text = mail.path("body").path("text").asText();
    String html = mail.path("body").path("html").asText();
    assertTrue(subject.contains("Échec") && subject.contains("EXP-2026-00009"), subject);
    assertTrue(text.contains("1 234,50 €"), text);
    assertTrue(text.contains("31/12/2026"), text);
    assertTrue(text.contains("Échec d'écriture <S3> « quota »"), text);
    assertTrue(html.contains("Échec d&#39;écriture &lt;S3&gt; « quota »"), html);
    assertTrue(html.contains("1 234,50 €"), html);
  }

  @Test
  void send_shouldThrowNotRetryable_whenSesRefusesTheMessage() {
    // given: SES wants a subject; the emulator answers 400 without one
    Mail noSubject = new Mail(SENDER, List.of("cfo@acme.example"), List.of(), "", "text", null);

    // when
    MailException e = assertThrows(MailException.class, () -> new SesMailer(ses.client()).send(noSubject));

    // then
    assertFalse(e.retryable(), e.getMessage());
    assertTrue(e.getMessage().contains("400"), e.getMessage());
    assertTrue(ses.emails().isEmpty());
  }

  @Test
  void send_shouldThrowRetryable_whenSesCannotBeReached() {
    // given
    try (SesV2Client unreachable = clientOnAClosedPort()) {
      Mail mail = new Mail(SENDER, List.of("cfo@acme.example"), List.of(), "subject", "text", null);

      // when
      MailException e = assertThrows(MailException.class, () -> new SesMailer(unreachable).send(mail));

      // then
      assertTrue(e.retryable(), e.getMessage());
    }
  }

  @Test
  void notify_shouldRetryThenAnswerNotSent_whenSesCannotBeReached() {
    // given
    try (SesV2Client unreachable = clientOnAClosedPort()) {
      Export e = export("exp-1", "EXP-2026-00001", ExportStatus.READY, null);

      // when
      NoticeResult r = service(unreachable).notify(e, Outcome.READY, "cfo@acme.example", settings(Language.FR));

      // then
      assertFalse(r.sent());
      assertEquals(4, r.attempts());
      assertEquals(3, sleeps.size());
      assertTrue(r.error() != null && r.error().contains("could not be reached"), r.error());
    }
  }

  /** A client on a port nobody listens on, without the SDK's own retries (they would only slow the test). */
  private static SesV2Client clientOnAClosedPort() {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return SesV2Client.builder()
        .httpClient(UrlConnectionHttpClient.create())
        .endpointOverride(URI.create("http://127.0.0.1:" + port))
        .region(LocalSes.REGION)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
        .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
        .build();
  }
}
