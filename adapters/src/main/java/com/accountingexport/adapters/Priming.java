package com.accountingexport.adapters;

import com.accountingexport.adapters.json.DocumentJson;
import com.accountingexport.adapters.json.Json;
import com.accountingexport.adapters.json.JsonReader;
import com.accountingexport.adapters.json.SettingsJson;
import com.accountingexport.core.auth.TenantId;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * SnapStart priming: before Lambda snapshots an initialised function, warm the request path with
 * read-only work (JSON both ways, one DynamoDB GetItem of the settings of tenant "snapstart-prime"), so that the
 * first real request after a restore does not pay for class loading and TLS setup. Nothing random,
 * no clock, no credentials are kept in static state.
 */
public final class Priming implements Resource {
  private static final TenantId PRIME = new TenantId("snapstart-prime");
  private static final String SAMPLE = """
      {"id": "prime", "type": "invoice", "date": "2026-01-01", "status": "validated",
       "counterparty": {"id": "c", "name": "n"},
       "lines": [{"netAmount": "1.00", "vatRate": "20.00", "vatAmount": "0.20"}],
       "totals": {"net": "1.00", "vat": "0.20", "gross": "1.20"}}""";

  private final Wiring wiring;

  private Priming(Wiring wiring) {
    this.wiring = wiring;
  }

  /** Registers the priming of this wiring with the CRaC context (a no-op outside SnapStart). */
  public static void register(Wiring wiring) {
    Core.getGlobalContext().register(new Priming(wiring));
  }

  @Override
  public void beforeCheckpoint(Context<? extends Resource> context) {
    var document = DocumentJson.read(Json.parse(SAMPLE), "", null, new JsonReader());
    Json.write(DocumentJson.write(document));
    Json.write(SettingsJson.write(wiring.settings().get(PRIME)));
  }

  @Override
  public void afterRestore(Context<? extends Resource> context) {
    // nothing to refresh: clients take credentials from the default chain on each call
  }
}
