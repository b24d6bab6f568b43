package com.accountingexport.functions.webhooks;

import com.accountingexport.adapters.Priming;
import com.accountingexport.adapters.Wiring;
import com.accountingexport.adapters.http.Http;
import com.accountingexport.adapters.http.HttpErrors;
import com.accountingexport.adapters.http.Response;
import com.accountingexport.adapters.json.Json;
import com.accountingexport.adapters.json.PageJson;
import com.accountingexport.adapters.json.WebhookJson;
import com.accountingexport.core.webhook.WebhookService;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;

/**
 * {@code /webhooks}: subscribe (201 with the signing secret, shown this once), list, read, delete,
 * rotate the secret, and a subscription's deliveries with their attempts.
 */
public final class WebhooksHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
  private final WebhookService webhooks;
  private final Http http;

  public WebhooksHandler() {
    this(Wiring.fromEnvironment());
  }

  public WebhooksHandler(Wiring wiring) {
    this.webhooks = wiring.webhooks();
    this.http = wiring.http();
    Priming.register(wiring);
  }

  @Override
  public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
    return http.serve(event, context, req -> switch (req.route()) {
      case "POST /webhooks" -> {
        WebhookJson.Subscription s = WebhookJson.read(req.json());
        var w = webhooks.subscribe(req.caller(), s.url(), s.events());
        yield Response.created(WebhookJson.withSecret(w)).withHeader("Location", "/webhooks/" + w.id());
      }
      case "GET /webhooks" -> {
        ObjectNode body = Json.object();
        ArrayNode items = body.putArray("items");
        webhooks.list(req.caller()).forEach(w -> items.add(WebhookJson.write(w)));
        yield Response.ok(body);
      }
      case "GET /webhooks/{webhookId}" -> Response.ok(WebhookJson.write(webhooks.get(req.caller(), req.pathParam("webhookId"))));
      case "DELETE /webhooks/{webhookId}" -> {
        webhooks.delete(req.caller(), req.pathParam("webhookId"));
        yield Response.of(204, null);
      }
      case "POST /webhooks/{webhookId}/rotate-secret" ->
          Response.ok(WebhookJson.withSecret(webhooks.rotateSecret(req.caller(), req.pathParam("webhookId"))));
      case "GET /webhooks/{webhookId}/deliveries" -> {
        req.onlyQuery(Set.of("cursor", "limit"));
        yield Response.ok(PageJson.write(webhooks.deliveries(req.caller(), req.pathParam("webhookId"), req.query("cursor"),
            req.limit()), WebhookJson::delivery));
      }
      default -> HttpErrors.routeNotFound(req.route());
    });
  }
}
