package com.accountingexport.core.notify;

import com.accountingexport.core.export.Export;
import com.accountingexport.core.port.Mail;
import com.accountingexport.core.port.MailException;
import com.accountingexport.core.port.Mailer;
import com.accountingexport.core.settings.TenantSettings;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * E-mails an export's outcome (READY or FAILED) to the person who asked for it and to the tenant's
 * {@code notificationEmails}: one mail, every recipient in To, de-duplicated without regard to case
 * (the first spelling and the order are kept).
 *
 * <p>A mail that cannot be sent never fails an export: {@link #notify} does not throw, it answers a
 * {@link NoticeResult} saying what happened. A retryable failure (throttling, a server error, the
 * network) is tried again with exponential backoff ({@link Options#maxAttempts()} attempts in all,
 * waiting {@link Options#firstDelay()}, then twice as long each time); a refused address or
 * message is tried once.
 */
public final class NotificationService {
  /** Looks like an address (the same rule as the settings' {@code notificationEmails}). */
  private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
  private static final int MAX_EMAIL_LENGTH = 254;

  /** Waits between attempts; tests pass one that only records the delays. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration delay) throws InterruptedException;

    static Sleeper real() {
      return delay -> Thread.sleep(delay.toMillis());
    }
  }

  /**
   * @param sender the From address (an identity verified in SES)
   * @param replyTo where replies go, or null for the sender
   * @param publicBaseUrl the API's base URL, which mail links start with
   * @param maxAttempts send attempts in all for a retryable failure (at least 1)
   * @param firstDelay the wait before the second attempt; it doubles before each next one
   */
  public record Options(String sender, String replyTo, String publicBaseUrl, int maxAttempts, Duration firstDelay) {
    public static final int DEFAULT_ATTEMPTS = 4;
    public static final Duration DEFAULT_FIRST_DELAY = Duration.ofMillis(200);

    public Options {
      if (sender == null || !looksLikeAnAddress(sender.trim())) {
        throw new IllegalArgumentException("the sender must be an e-mail address: " + sender);
      }
      sender = sender.trim();
      replyTo = replyTo == null || replyTo.isBlank() ? null : replyTo.trim();
      if (replyTo != null && !looksLikeAnAddress(replyTo)) {
        throw new IllegalArgumentException("the reply-to must be an e-mail address: " + replyTo);
      }
      if (maxAttempts < 1) {
        throw new IllegalArgumentException("at least one attempt");
      }
      if (firstDelay == null || firstDelay.isNegative()) {
        throw new IllegalArgumentException("the first delay must not be negative");
      }
    }

    /** 4 attempts, 200 ms then 400 ms then 800 ms between them. */
    public static Options of(String sender, String replyTo, String publicBaseUrl) {
      return new Options(sender, replyTo, publicBaseUrl, DEFAULT_ATTEMPTS, DEFAULT_FIRST_DELAY);
    }
  }

  private final Mailer mailer;
  private final Options options;
  private final ExportNotices notices;
  private final Clock clock;
  private final Sleeper sleeper;

  public NotificationService(Mailer mailer, Options options, Clock clock, Sleeper sleeper) {
    this.mailer = Objects.requireNonNull(mailer, "mailer");
    this.options = Objects.requireNonNull(options, "options");
    this.notices = new ExportNotices(options.publicBaseUrl());
    this.clock = Objects.requireNonNull(clock, "clock");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
  }

  /** With the default retries (4 attempts from 200 ms). */
  public NotificationService(Mailer mailer, String sender, String replyTo, String publicBaseUrl, Clock clock,
      Sleeper sleeper) {
    this(mailer, Options.of(sender, replyTo, publicBaseUrl), clock, sleeper);
  }

  /**
   * Writes to the requester (when given and looking like an address) and to the tenant's
   * notification addresses, in the tenant's language. Never throws.
   *
   * @param settings the tenant's settings (the defaults when null)
   */
  public NoticeResult notify(Export export, Outcome outcome, String requesterEmail, TenantSettings settings) {
    String announced = outcome == null ? null : outcome.name();
    List<String> to = List.of();
    try {
      TenantSettings s = settings != null ? settings : TenantSettings.defaults();
      to = recipients(requesterEmail, s.notificationEmails());
      if (to.isEmpty()) {
        return result(announced, to, false, 0, NoticeResult.NO_RECIPIENT);
      }
      ExportNotices.Notice notice = notices.render(export, outcome, s.language());
      Mail mail = new Mail(options.sender(), to, options.replyTo() == null ? List.of() : List.of(options.replyTo()),
          notice.subject(), notice.text(), notice.html());
      return deliver(announced, mail);
    } catch (RuntimeException e) {
      return result(announced, to, false, 0, "the mail could not be written: " + describe(e));
    }
  }

  private NoticeResult deliver(String announced, Mail mail) {
    Duration delay = options.firstDelay();
    int attempts = 0;
    while (true) {
      attempts++;
      String error;
      try {
        mailer.send(mail);
        return result(announced, mail.to(), true, attempts, null);
      } catch (MailException e) {
        error = describe(e);
        if (!e.retryable()) {
          return result(announced, mail.to(), false, attempts, error);
        }
        if (attempts >= options.maxAttempts()) {
          return result(announced, mail.to(), false, attempts, error + " (gave up after " + attempts + " attempts)");
        }
      } catch (RuntimeException e) {
        // a mailer that breaks its contract: not known to be transient, so not tried again
        return result(announced, mail.to(), false, attempts, describe(e));
      }
      try {
        sleeper.sleep(delay);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return result(announced, mail.to(), false, attempts, error + " (interrupted before retrying)");
      } catch (RuntimeException e) {
        return result(announced, mail.to(), false, attempts, error + " (could not wait to retry: " + describe(e) + ")");
      }
      delay = delay.multipliedBy(2);
    }
  }

  /**
   * The requester, then the tenant's addresses; blanks and what does not look like an address are
   * left out; an address already there in another case is left out too.
   */
  static List<String> recipients(String requester, List<String> configured) {
    List<String> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    List<String> candidates = new ArrayList<>();
    candidates.add(requester);
    if (configured != null) {
      candidates.addAll(configured);
    }
    for (String c : candidates) {
      if (c == null) {
        continue;
      }
      String address = c.trim();
      if (looksLikeAnAddress(address) && seen.add(address.toLowerCase(Locale.ROOT))) {
        out.add(address);
      }
    }
    return List.copyOf(out);
  }

  private static boolean looksLikeAnAddress(String s) {
    return !s.isEmpty() && s.length() <= MAX_EMAIL_LENGTH && EMAIL.matcher(s).matches();
  }

  private static String describe(RuntimeException e) {
    String message = e.getMessage();
    if (e instanceof MailException) {
      return message != null ? message : "the mail was not sent";
    }
    return e.getClass().getSimpleName() + (message != null ? ": " + message : "");
  }

  private NoticeResult result(String outcome, List<String> to, boolean sent, int attempts, String error) {
    return new NoticeResult(outcome, to, sent, attempts, error, clock.instant());
  }
}
