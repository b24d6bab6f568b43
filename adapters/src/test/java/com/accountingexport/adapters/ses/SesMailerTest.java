package com.accountingexport.adapters.ses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.accountingexport.core.port.Mail;
import com.accountingexport.core.port.MailException;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sesv2.model.AccountSuspendedException;
import software.amazon.awssdk.services.sesv2.model.BadRequestException;
import software.amazon.awssdk.services.sesv2.model.InternalServiceErrorException;
import software.amazon.awssdk.services.sesv2.model.LimitExceededException;
import software.amazon.awssdk.services.sesv2.model.MessageRejectedException;
import software.amazon.awssdk.services.sesv2.model.SendEmailRequest;
import software.amazon.awssdk.services.sesv2.model.SesV2Exception;
import software.amazon.awssdk.services.sesv2.model.TooManyRequestsException;

/**
 * How SDK failures map to retryable or not, and the request's shape. The failures the emulator cannot
 * produce (throttling, 5xx) are built with the SDK's own exception builders; no client is mocked.
 */
class SesMailerTest {

  private static AwsErrorDetails details(String code, String message) {
    return AwsErrorDetails.builder().errorCode(code).errorMessage(message).build();
  }

  private static MailException translated(SdkException e) {
    MailException m = SesMailer.translate(e);
    assertSame(e, m.getCause());
    return m;
  }

  @Test
  void translate_shouldSayRetryable_forThrottlingServerErrorsAndTheNetwork() {
    assertTrue(translated(TooManyRequestsException.builder().statusCode(429)
        .awsErrorDetails(details("TooManyRequestsException", "Rate exceeded")).build()).retryable());
    assertTrue(translated(LimitExceededException.builder().statusCode(400)
        .awsErrorDetails(details("LimitExceededException", "Daily quota")).build()).retryable());
    assertTrue(translated(InternalServiceErrorException.builder().statusCode(500).build()).retryable());
    assertTrue(translated(SesV2Exception.builder().statusCode(503).message("Service Unavailable").build()).retryable());
    assertTrue(translated(SesV2Exception.builder().statusCode(429).build()).retryable());
    assertTrue(translated(SdkClientException.create("Unable to execute HTTP request: Connection refused")).retryable());
  }

  @Test
  void translate_shouldSayNotRetryable_forARefusedMessageOrAddressAndOther4xx() {
    MailException rejected = translated(MessageRejectedException.builder().statusCode(400)
        .awsErrorDetails(details("MessageRejected", "Email address is not verified.")).build());
    assertFalse(rejected.retryable());
    assertTrue(rejected.getMessage().contains("Email address is not verified."), rejected.getMessage());
    assertFalse(translated(BadRequestException.builder().statusCode(400).build()).retryable());
    assertFalse(translated(AccountSuspendedException.builder().statusCode(400).build()).retryable());
    assertFalse(translated(SesV2Exception.builder().statusCode(403).build()).retryable());
    assertFalse(translated(SesV2Exception.builder().statusCode(404).build()).retryable());
  }

  @Test
  void request_shouldCarryUtf8SubjectAndBodies_everyRecipientInTo_andTheReplyTo() {
    // given
    Mail mail = new Mail("exports@compta.example", List.of("a@acme.example", "b@acme.example"),
        List.of("support@compta.example"), "Export prêt", "texte €", "<p>html €</p>");

    // when
    SendEmailRequest r = SesMailer.request(mail);

    // then
    assertEquals("exports@compta.example", r.fromEmailAddress());
    assertEquals(List.of("a@acme.example", "b@acme.example"), r.destination().toAddresses());
    assertTrue(r.destination().ccAddresses().isEmpty());
    assertTrue(r.destination().bccAddresses().isEmpty());
    assertEquals(List.of("support@compta.example"), r.replyToAddresses());
    var simple = r.content().simple();
    assertEquals("Export prêt", simple.subject().data());
    assertEquals("UTF-8", simple.subject().charset());
    assertEquals("texte €", simple.body().text().data());
    assertEquals("UTF-8", simple.body().text().charset());
    assertEquals("<p>html €</p>", simple.body().html().data());
    assertEquals("UTF-8", simple.body().html().charset());
  }

  @Test
  void request_shouldLeaveOutReplyToAndAMissingPart() {
    // given
    Mail mail = new Mail("exports@compta.example", List.of("a@acme.example"), null, "s", "text only", null);

    // when
    SendEmailRequest r = SesMailer.request(mail);

    // then
    assertFalse(r.hasReplyToAddresses());
    assertNull(r.content().simple().body().html());
    assertEquals("text only", r.content().simple().body().text().data());
  }
}
