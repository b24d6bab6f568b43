package com.accountingexport.functions.cancel;

import static com.accountingexport.adapters.testing.TestEvents.json;
import static com.accountingexport.adapters.testing.TestEvents.route;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.accountingexport.adapters.Wiring;
import com.accountingexport.adapters.testing.InMemoryWiring;
import com.accountingexport.adapters.testing.Seed;
import com.accountingexport.core.document.ExportState;
import com.accountingexport.core.export.Export;
import com.accountingexport.core.export.ExportGenerator;
import com.accountingexport.core.service.Selection;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

class CancelHandlerTest {
  private final Wiring wiring = InMemoryWiring.create();
  private final CancelHandler handler = new CancelHandler(wiring);

  @Test
  void cancel_shouldMakeDocumentsExportableAgain_andASecondCancelIs409() {
    Seed.invoices(wiring, 2);
    Export e = wiring.generator().generate(Seed.ADMIN, new ExportGenerator.GenerateRequest(
        new Selection(null, null, List.of(), List.of(), true, false), null, null, null, "h")).export();
    assertEquals(ExportState.EXPORTED, wiring.documents().get(Seed.ADMIN, "inv-1").exportState());

    APIGatewayV2HTTPResponse r = handler.handleRequest(route("POST /exports/{exportId}/cancel").path("exportId", e.id()).build(), null);
    assertEquals(200, r.getStatusCode(), r.getBody());
    assertEquals("CANCELLED", json(r).get("status").asText());
    assertEquals("admin@acme.test", json(r).get("cancelledBy").asText());
    assertEquals(ExportState.EXPORTABLE, wiring.documents().get(Seed.ADMIN, "inv-1").exportState());

    APIGatewayV2HTTPResponse again = handler.handleRequest(route("POST /exports/{exportId}/cancel").path("exportId", e.id()).build(), null);
    assertEquals(409, again.getStatusCode());
    assertEquals("EXPORT_ALREADY_CANCELLED", json(again).get("error").get("code").asText());
    APIGatewayV2HTTPResponse other = handler.handleRequest(route("POST /exports/{exportId}/cancel").path("exportId", e.id())
        .tenant("someone-else").build(), null);
    assertEquals(404, other.getStatusCode());
  }
}
