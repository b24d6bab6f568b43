package com.accountingexport.core.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.accountingexport.core.export.Export;
import com.accountingexport.core.export.ExportStatus;
import com.accountingexport.core.port.Mail;
import com.accountingexport.core.port.MailException;
import com.accountingexport.core.port.Mailer;
import com.accountingexport.core.settings.Language;
import com.accountingexport.core.settings.TenantSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

class NotificationServiceTest {
  static final Instant NOW = Instant.parse("2027-01-05T09:31:00Z");
  static final String BASE = "https://api.compta.example";

  /** Fails with the queued exceptions, one per call, then (or with {@link #always}) succeeds or fails. */
  static final class ScriptedMailer implements Mailer {
    final Deque<RuntimeException> next = new ArrayDeque<>();
    RuntimeException always;
    final List<Mail> calls = new ArrayList<>();

    @Override
    public void send(Mail mail) {
      calls.add(mail);
      RuntimeException failure = next.poll();
      if (failure == null) {
        failure = always;
      }
      if (failure != null) {
        throw failure;
      }
    }
  }

  final ScriptedMailer mailer = new ScriptedMailer();
  final List<Duration> sleeps = new ArrayList<>();
  final NotificationService service = new NotificationService(mailer, "exports@compta.example",
      "support@compta.example", BASE, Clock.fixed(NOW, ZoneOffset.UTC), sleeps::add);

  static Export ready() {
    return ExportNoticesTest.export("exp-7f3a", "EXP-2026-00042", ExportStatus.READY, "1234.5", "1234.5", null);
  }

  static TenantSettings settings(Language language, String... emails) {
    TenantSettings d = TenantSettings.defaults();
    return new TenantSettings(d.fiscalYearStart(), d.vatRegimeServices(), d.numberingPattern(), d.defaultFormat(),
        d.journalCodes(), d.accounts(), List.of(emails), d.backgroundThreshold(), d.pageAccess(), d.siren(), language);
  }

  static MailException throttled() {
    return new MailException("SES throttled the mail (TooManyRequestsException): slow down", true);
  }

  @Test
  void notify_shouldSendOneMailToEveryone_fromTheConfiguredSender() {
    // when
    NoticeResult r = service.notify(ready(), Outcome.READY, "alice@acme.example",
        settings(Language.FR, "cfo@acme.example", "cabinet@experts.example"));

    // then
    assertTrue(r.sent());
    assertNull(r.error());
    assertEquals(1, r.attempts());
    assertEquals("READY", r.outcome());
    assertEquals(NOW, r.at());
    assertEquals(List.of("alice@acme.example", "cfo@acme.example", "cabinet@experts.example"), r.recipients());
    assertEquals(1, mailer.calls.size());
    Mail m = mailer.calls.get(0);
    assertEquals("exports@compta.example", m.from());
    assertEquals(List.of("support@compta.example"), m.replyTo());
    assertEquals(r.recipients(), m.to());
    assertTrue(m.subject().contains("EXP-2026-00042"), m.subject());
    assertTrue(m.text().contains(BASE + "/exports/exp-7f3a"), m.text());
    assertTrue(m.html().contains("href=\"" + BASE + "/exports/exp-7f3a\""), m.html());
    assertTrue(sleeps.isEmpty());
  }

  @Test
  void notify_shouldWriteInTheTenantsLanguage() {
    // when
    service.notify(ready(), Outcome.READY, null, settings(Language.FR, "fr@acme.example"));
    service.notify(ready(), Outcome.READY, null, settings(Language.EN, "en@acme.example"));

    // then
    assertTrue(mailer.calls.get(0).text().contains("1 234,50 €"), mailer.calls.get(0).text());
    assertTrue(mailer.calls.get(1).text().contains("€1,234.50"), mailer.calls.get(1).text());
  }

  @Test
  void notify_shouldRetryARetryableFailure_withDoublingWaits_thenSucceed() {
    // given
    mailer.next.add(throttled());
    mailer.next.add(new MailException("SES could not be reached (SdkClientException): connect timed out", true));

    // when
    NoticeResult r = service.notify(ready(), Outcome.READY, "alice@acme.example", settings(Language.FR));

    // then
    assertTrue(r.sent());
    assertNull(r.error());
    assertEquals(3, r.attempts());
    assertEquals(3, mailer.calls.size());
    assertEquals(List.of(Duration.ofMillis(200), Duration.ofMillis(400)), sleeps);
  }

  @Test
  void notify_shouldGiveUpAfterFourAttempts_andSayWhy_withoutThrowing() {
    // given
    mailer.always = throttled();

    // when
    NoticeResult r = service.notify(ready(), Outcome.FAILED, "alice@acme.example", settings(Language.FR));

    // then
    assertFalse(r.sent());
    assertEquals(4, r.attempts());
    assertEquals(4, mailer.calls.size());
    assertEquals("FAILED", r.outcome());
    assertTrue(r.error().contains("slow down"), r.error());
    assertEquals(List.of(Duration.ofMillis(200), Duration.ofMillis(400), Duration.ofMillis(800)), sleeps);
    assertEquals(List.of("alice@acme.example"), r.recipients());
    assertEquals(NOW, r.at());
  }

  @Test
  void notify_shouldTryOnce_whenTheFailureIsNotRetryable() {
    // given
    mailer.always = new MailException("SES refused the mail (MessageRejected): Email address is not verified", false);

    // when
    NoticeResult r = service.notify(ready(), Outcome.READY, "alice@acme.example", settings(Language.EN));

    // then
    assertFalse(r.sent());
    assertEquals(1, r.attempts());
    assertEquals(1, mailer.calls.size());
    assertTrue(r.error().contains("not verified"), r.error());
    assertTrue(sleeps.isEmpty());
  }

  @Test
  void notify_shouldNotThrow_whenTheMailerBreaksItsContract() {
    // given
    mailer.always = new IllegalStateException("connection pool shut down");

    // when
    NoticeResult r = service.notify(ready(), Outcome.READY, "alice@acme.example", settings(Language.FR));

    // then
    assertFalse(r.sent());
    assertEquals(1, r.attempts());
    assertTrue(r.error().contains("connection pool shut down"), r.error());
  }

  @Test
  void notify_shouldStopRetrying_andKeepTheInterruptFlag_whenInterruptedWhileWaiting() {
    // given
    mailer.always = throttled();
    NotificationService interrupted = new NotificationService(mailer, "exports@compta.example", null, BASE,
        Clock.fixed(NOW, ZoneOffset.UTC), d -> {
          throw new InterruptedException();
        });

    // when
    NoticeResult r = interrupted.notify(ready(), Outcome.READY, "alice@acme.example", settings(Language.FR));

    // then
    try {
      assertFalse(r.sent());
      assertEquals(1, r.attempts());
      assertTrue(Thread.currentThread().isInterrupted());
    } finally {
      Thread.interrupted(); // clear it for the next tests
    }
  }

  @Test
  void notify_shouldWriteToEachAddressOnce_ignoringCase_andKeepTheFirstSpellingAndTheOrder() {
    // when
    NoticeResult r = service.notify(ready(), Outcome.READY, "Alice@Acme.example", settings(Language.FR,
        "bob@acme.example", "alice@acme.example", "BOB@ACME.EXAMPLE", " carol@acme.example ", "not-an-address", ""));

    // then
    assertEquals(List.of("Alice@Acme.example", "bob@acme.example", "carol@acme.example"), r.recipients());
    assertEquals(r.recipients(), mailer.calls.get(0).to());
  }

  @Test
  void notify_shouldLeaveOutTheRequester_whenAbsentOrNotAnAddress() {
    // when
    NoticeResult absent = service.notify(ready(), Outcome.READY, null, settings(Language.FR, "cfo@acme.example"));
    NoticeResult bad = service.notify(ready(), Outcome.READY, "user-42", settings(Language.FR, "cfo@acme.example"));

    // then
    assertEquals(List.of("cfo@acme.example"), absent.recipients());
    assertEquals(List.of("cfo@acme.example"), bad.recipients());
    assertTrue(absent.sent() && bad.sent());
  }

  @Test
  void notify_shouldSendNothing_whenThereIsNoRecipient() {
    // when
    NoticeResult r = service.notify(ready(), Outcome.FAILED, "   ", settings(Language.FR));

    // then
    assertFalse(r.sent());
    assertEquals(NoticeResult.NO_RECIPIENT, r.error());
    assertEquals(0, r.attempts());
    assertTrue(r.recipients().isEmpty());
    assertTrue(mailer.calls.isEmpty());
    assertEquals("FAILED", r.outcome());
    assertEquals(NOW, r.at());
  }

  @Test
  void notify_shouldAnswerNotSent_insteadOfThrowing_whenTheMailCannotBeWritten() {
    // when: no export at all
    NoticeResult r = service.notify(null, Outcome.READY, "alice@acme.example", settings(Language.FR));

    // then
    assertFalse(r.sent());
    assertEquals(0, r.attempts());
    assertTrue(mailer.calls.isEmpty());
    assertTrue(r.error() != null && !r.error().isBlank());
  }

  @Test
  void notify_shouldUseTheDefaultSettings_whenNoneAreGiven_andOmitReplyToWhenNotConfigured() {
    // given
    NotificationService noReplyTo = new NotificationService(mailer, "exports@compta.example", " ", BASE,
        Clock.fixed(NOW, ZoneOffset.UTC), sleeps::add);

    // when
    NoticeResult r = noReplyTo.notify(ready(), Outcome.READY, "alice@acme.example", null);

    // then
    assertTrue(r.sent());
    assertTrue(mailer.calls.get(0).replyTo().isEmpty());
    assertTrue(mailer.calls.get(0).text().contains("1 234,50 €"), "French by default");
  }

  @Test
  void constructor_shouldRefuseABadConfiguration() {
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    assertThrows(IllegalArgumentException.class,
        () -> new NotificationService(mailer, "not-an-address", null, BASE, clock, sleeps::add));
    assertThrows(IllegalArgumentException.class,
        () -> new NotificationService(mailer, "exports@compta.example", "nobody", BASE, clock, sleeps::add));
    assertThrows(IllegalArgumentException.class,
        () -> new NotificationService(mailer, "exports@compta.example", null, "s3://bucket", clock, sleeps::add));
    assertThrows(IllegalArgumentException.class, () -> new NotificationService(mailer,
        new NotificationService.Options("exports@compta.example", null, BASE, 0, Duration.ZERO), clock, sleeps::add));
  }
}
