package com.accountingexport.core.webhook;

import java.io.IOException;
import java.net.URI;
import java.util.Map;

/** Sends one signed POST and tells what came back; never follows a redirect. */
@FunctionalInterface
public interface WebhookTransport {

  /** The receiver's status and the start of its answer. */
  record Answer(int status, String body) {}

  /** @throws IOException when no answer came (refused, reset, timed out) */
  Answer send(URI url, Map<String, String> headers, String body) throws IOException;
}
