package com.accountingexport.functions.workflow;

import com.accountingexport.adapters.Wiring;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;

/**
 * Placeholder: being written. The Step Functions tasks of the background export workflow; the
 * state's input names the step ({@code {"step": "claim-documents", "exportId": ...}}).
 */
public final class WorkflowHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
  private final Wiring wiring;

  public WorkflowHandler() {
    this(Wiring.fromEnvironment());
  }

  public WorkflowHandler(Wiring wiring) {
    this.wiring = wiring;
  }

  @Override
  public Map<String, Object> handleRequest(Map<String, Object> input, Context context) {
    throw new UnsupportedOperationException("step not implemented yet: " + input.get("step"));
  }
}
