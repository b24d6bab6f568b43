package com.accountingexport.core.port;

import java.util.List;

/**
 * One e-mail, ready to send: a plain-text part and an HTML part of the same content (either may be
 * absent, not both). Addresses are taken as given: the caller has chosen and checked them.
 *
 * @param from the sender (a verified identity in SES)
 * @param to the recipients, at least one
 * @param replyTo where replies go; empty when replies go to {@code from}
 */
public record Mail(String from, List<String> to, List<String> replyTo, String subject, String text, String html) {

  public Mail {
    if (from == null || from.isBlank()) {
      throw new IllegalArgumentException("a mail needs a sender");
    }
    if (to == null || to.isEmpty()) {
      throw new IllegalArgumentException("a mail needs at least one recipient");
    }
    to = List.copyOf(to);
    replyTo = replyTo == null ? List.of() : List.copyOf(replyTo);
    if (subject == null) {
      throw new IllegalArgumentException("a mail needs a subject");
    }
    if (text == null && html == null) {
      throw new IllegalArgumentException("a mail needs a text or an HTML body");
    }
  }
}
