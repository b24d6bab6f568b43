package com.accountingexport.adapters.ses;

import com.accountingexport.core.port.Mail;
import com.accountingexport.core.port.MailException;
import com.accountingexport.core.port.Mailer;
import java.util.Objects;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.BadRequestException;
import software.amazon.awssdk.services.sesv2.model.Body;
import software.amazon.awssdk.services.sesv2.model.Content;
import software.amazon.awssdk.services.sesv2.model.Destination;
import software.amazon.awssdk.services.sesv2.model.EmailContent;
import software.amazon.awssdk.services.sesv2.model.LimitExceededException;
import software.amazon.awssdk.services.sesv2.model.Message;
import software.amazon.awssdk.services.sesv2.model.MessageRejectedException;
import software.amazon.awssdk.services.sesv2.model.SendEmailRequest;
import software.amazon.awssdk.services.sesv2.model.TooManyRequestsException;

/**
 * {@link Mailer} on SES v2 {@code SendEmail} with Simple content: the subject and both bodies in
 * UTF-8, every recipient in To, the Reply-To addresses when there are any.
 *
 * <p>Failures become a {@link MailException} whose {@code retryable()} tells the caller whether to try
 * again: throttling ({@code TooManyRequestsException}, {@code LimitExceededException}, any 429), a
 * server error (5xx) and the network ({@link SdkClientException}) are retryable; a refused message or
 * address ({@code MessageRejectedException}, {@code BadRequestException}) and any other 4xx
 * (unverified sender, sending paused, suspended account) are not. The client's own SDK retries run
 * first; this class does not retry.
 */
public final class SesMailer implements Mailer {
  private static final String UTF_8 = "UTF-8";

  private final SesV2Client ses;

  public SesMailer(SesV2Client ses) {
    this.ses = Objects.requireNonNull(ses, "ses");
  }

  @Override
  public void send(Mail mail) {
    try {
      ses.sendEmail(request(mail));
    } catch (SdkException e) {
      throw translate(e);
    }
  }

  static SendEmailRequest request(Mail mail) {
    Body.Builder body = Body.builder();
    if (mail.text() != null) {
      body.text(utf8(mail.text()));
    }
    if (mail.html() != null) {
      body.html(utf8(mail.html()));
    }
    SendEmailRequest.Builder request = SendEmailRequest.builder()
        .fromEmailAddress(mail.from())
        .destination(Destination.builder().toAddresses(mail.to()).build())
        .content(EmailContent.builder()
            .simple(Message.builder().subject(utf8(mail.subject())).body(body.build()).build())
            .build());
    if (!mail.replyTo().isEmpty()) {
      request.replyToAddresses(mail.replyTo());
    }
    return request.build();
  }

  private static Content utf8(String data) {
    return Content.builder().data(data).charset(UTF_8).build();
  }

  /** The SDK's failure as a {@link MailException} that says whether trying again may help. */
  static MailException translate(SdkException e) {
    if (e instanceof TooManyRequestsException || e instanceof LimitExceededException) {
      return new MailException("SES throttled the mail (" + name(e) + "): " + detail(e), true, e);
    }
    if (e instanceof MessageRejectedException || e instanceof BadRequestException) {
      return new MailException("SES refused the mail (" + name(e) + "): " + detail(e), false, e);
    }
    if (e instanceof AwsServiceException service) {
      int status = service.statusCode();
      boolean retryable = status >= 500 || status == 429 || service.isThrottlingException();
      return new MailException((retryable ? "SES could not take the mail now (" : "SES refused the mail (")
          + name(e) + ", HTTP " + status + "): " + detail(e), retryable, e);
    }
    if (e instanceof SdkClientException) {
      return new MailException("SES could not be reached (" + name(e) + "): " + detail(e), true, e);
    }
    return new MailException("the mail was not sent (" + name(e) + "): " + detail(e), e.retryable(), e);
  }

  private static String name(SdkException e) {
    if (e instanceof AwsServiceException service && service.awsErrorDetails() != null
        && service.awsErrorDetails().errorCode() != null) {
      return service.awsErrorDetails().errorCode();
    }
    return e.getClass().getSimpleName();
  }

  private static String detail(SdkException e) {
    if (e instanceof AwsServiceException service && service.awsErrorDetails() != null
        && service.awsErrorDetails().errorMessage() != null) {
      return service.awsErrorDetails().errorMessage();
    }
    return String.valueOf(e.getMessage());
  }
}
