package com.accountingexport.adapters;

import com.accountingexport.adapters.ses.SesMailer;
import com.accountingexport.core.export.ExportNotifier;
import com.accountingexport.core.export.Notice;
import com.accountingexport.core.notify.NoticeResult;
import com.accountingexport.core.notify.NotificationService;
import com.accountingexport.core.notify.Outcome;
import java.time.Clock;

/**
 * The export notices over SES v2 (or the SES emulator): sender and reply-to from configuration
 * ({@code SENDER_EMAIL}, {@code REPLY_TO_EMAIL}), links to {@code PUBLIC_BASE_URL}/exports/{id}.
 */
public final class Notifications {
  private Notifications() {}

  /** Built on first notice: a function that sends none never loads the SES client. */
  public static ExportNotifier notifier(AwsClients aws, Config config) {
    String replyTo = System.getenv("REPLY_TO_EMAIL");
    AwsClients.Lazy<NotificationService> service = new AwsClients.Lazy<>(() -> aws.ses() == null ? null
        : new NotificationService(new SesMailer(aws.ses()),
            NotificationService.Options.of(config.senderEmail(), replyTo == null || replyTo.isBlank() ? null : replyTo,
                config.publicBaseUrl()),
            Clock.systemUTC(), NotificationService.Sleeper.real()));
    return (export, outcome, requester, settings) -> {
      NotificationService s = service.get();
      if (s == null) {
        return ExportNotifier.NONE.notify(export, outcome, requester, settings);
      }
      NoticeResult r = s.notify(export, Outcome.valueOf(outcome), requester, settings);
      return new Notice(r.outcome(), r.recipients(), r.sent(), r.attempts(), r.error(), r.at());
    };
  }
}
