package com.accountingexport.functions.downloads;

import com.accountingexport.adapters.Wiring;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

/** Placeholder: being written. */
public final class DownloadsHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
  private final Wiring wiring;

  public DownloadsHandler() {
    this(Wiring.fromEnvironment());
  }

  public DownloadsHandler(Wiring wiring) {
    this.wiring = wiring;
  }

  @Override
  public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
    return APIGatewayV2HTTPResponse.builder().withStatusCode(501).build();
  }
}
