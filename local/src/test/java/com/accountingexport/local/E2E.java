package com.accountingexport.local;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** What the end-to-end tests over a started LocalRuntime share: the Step Functions host check and one API call. */
final class E2E {
  private E2E() {}

  /** Skips the test class (never fails it) where run-tests has not installed the Step Functions host. */
  static void requireStepFunctionsHost() {
    assumeTrue(LocalStepFunctions.installed(LocalOptions.forTests().repoRoot()),
        "aws-local-stepfunctions and Node 22 are installed by run-tests (npm install --prefix local)");
  }

  /** One JSON call to the runtime's API with a bearer token; {@code body} null sends none. */
  static HttpResponse<String> send(HttpClient http, URI base, String method, String path, String token, String body)
      throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(120))
        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json");
    b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}
