package com.accountingexport.functions.workflow;

import com.accountingexport.adapters.Priming;
import com.accountingexport.adapters.Wiring;
import com.accountingexport.core.auth.TenantId;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The Step Functions tasks of statemachine/generate-export.asl.json; the state's input names the
 * step ({@code {"step": "release-claims", "tenant": ..., "exportId": ...}}).
 *
 * <p>Exports are generated synchronously today (POST /exports answers 201); the background path
 * (claim, render, PDF batches, finalise, notify) comes with the PDF-bundle workflow. What already
 * runs here is the compensation the state machine's Catch branch relies on: {@code release-claims}
 * and {@code recover}, which give back every document held by a failed or dead generation.
 */
public final class WorkflowHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
  private final Wiring wiring;

  public WorkflowHandler() {
    this(Wiring.fromEnvironment());
  }

  public WorkflowHandler(Wiring wiring) {
    this.wiring = wiring;
    Priming.register(wiring);
  }

  @Override
  public Map<String, Object> handleRequest(Map<String, Object> input, Context context) {
    String step = String.valueOf(input.get("step"));
    Object tenantValue = input.get("tenant");
    if (tenantValue == null || !TenantId.isValid(tenantValue.toString())) {
      throw new IllegalArgumentException("the step input needs a valid \"tenant\"");
    }
    TenantId tenant = new TenantId(tenantValue.toString());
    try {
      return switch (step) {
        case "release-claims", "recover" -> Map.of("step", step, "repaired", wiring.exports().recover(tenant));
        default -> throw new IllegalArgumentException("step \"" + step + "\" is not available yet: exports are generated "
            + "synchronously by POST /exports until the background workflow lands");
      };
    } catch (SdkException e) {
      if (e.retryable()) {
        throw new TransientStepException("step " + step + " hit a transient AWS error", e);
      }
      throw e;
    }
  }
}
