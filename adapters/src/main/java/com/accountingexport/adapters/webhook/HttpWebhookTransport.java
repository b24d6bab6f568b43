package com.accountingexport.adapters.webhook;

import com.accountingexport.core.webhook.WebhookTransport;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * Sends a delivery with java.net.http: 10 s to connect and 10 s for the answer, redirects never
 * followed (a 3xx is the receiver's answer, not a new address the URL policy did not check), and at
 * most {@value #MAX_ANSWER_BYTES} bytes of the answer read, so that a receiver cannot make us store
 * or wait for a large body.
 */
public final class HttpWebhookTransport implements WebhookTransport {
  public static final int MAX_ANSWER_BYTES = 4096;
  public static final String USER_AGENT = "accounting-export-webhooks/1";

  private final HttpClient client;
  private final Duration timeout;

  public HttpWebhookTransport() {
    this(Duration.ofSeconds(10));
  }

  public HttpWebhookTransport(Duration timeout) {
    this.timeout = timeout;
    this.client = HttpClient.newBuilder()
        .connectTimeout(timeout)
        .followRedirects(HttpClient.Redirect.NEVER)
        .version(HttpClient.Version.HTTP_1_1)
        .build();
  }

  @Override
  public Answer send(URI url, Map<String, String> headers, String body) throws IOException {
    HttpRequest.Builder request = HttpRequest.newBuilder(url)
        .timeout(timeout)
        .header("Content-Type", "application/json; charset=utf-8")
        .header("User-Agent", USER_AGENT)
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    headers.forEach(request::header);
    try {
      HttpResponse<InputStream> response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream in = response.body()) {
        byte[] start = in.readNBytes(MAX_ANSWER_BYTES);
        return new Answer(response.statusCode(), new String(start, StandardCharsets.UTF_8));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }
}
