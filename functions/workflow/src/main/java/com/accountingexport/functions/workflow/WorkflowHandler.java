package com.accountingexport.functions.workflow;

import com.accountingexport.adapters.Priming;
import com.accountingexport.adapters.Wiring;
import com.accountingexport.adapters.json.Json;
import com.accountingexport.core.auth.TenantId;
import com.accountingexport.core.error.DomainException;
import com.accountingexport.core.error.ErrorKind;
import com.accountingexport.core.export.ExportNotifier;
import com.accountingexport.core.export.GenerationJob;
import com.accountingexport.core.export.GenerationSteps;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The Step Functions tasks of statemachine/generate-export.asl.json. The state's payload names the
 * step and the export: {@code {"step": "claim", "tenant", "exportId", "requester", "lock"}}; the
 * answer is counts only ({@code finished}, {@code stopped}, {@code done}, {@code total}, {@code status}).
 *
 * <p>Steps: {@code claim} (a page budget of the plan; the state machine loops until finished),
 * {@code render}, {@code seal}, {@code notify}, {@code fail} (the Catch branch: FAILED, claims
 * released, failure notice; {@code error} carries the state machine's {@code {Error, Cause}}) and
 * {@code recover}. A transient failure (throttling, a busy table) surfaces as
 * {@link TransientStepException}, which the state machine retries with backoff.
 */
public final class WorkflowHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
  private static final int MAX_REASON = 500;

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
    GenerationSteps steps = wiring.steps();
    try {
      if (step.equals("recover")) {
        return Map.of("step", step, "repaired", wiring.recovery().recover(tenant));
      }
      GenerationJob job = new GenerationJob(tenant, required(input, "exportId"), text(input, "requester"),
          text(input, "lock"));
      return switch (step) {
        case "claim" -> steps.claim(job).toMap();
        case "render" -> steps.render(job).toMap();
        case "pdfs" -> steps.pdfs(job, batch(input)).toMap();
        case "assemble" -> steps.assemble(job).toMap();
        case "seal" -> steps.seal(job).toMap();
        case "notify" -> steps.notify(job, ExportNotifier.READY).toMap();
        case "fail", "release-claims" -> steps.fail(job, reason(input.get("error"))).toMap();
        default -> throw new IllegalArgumentException("unknown step \"" + step + "\"");
      };
    } catch (SdkException e) {
      if (e.retryable()) {
        throw new TransientStepException("step " + step + " hit a transient AWS error", e);
      }
      throw e;
    } catch (DomainException e) {
      if (e.kind() == ErrorKind.UNAVAILABLE) {
        throw new TransientStepException("step " + step + ": " + e.getMessage(), e);
      }
      throw e;
    }
  }

  /** The PDF batch of a Map iteration: a whole number from 0. */
  private static int batch(Map<String, Object> input) {
    Object v = input.get("batch");
    try {
      int b = v instanceof Number n ? n.intValue() : Integer.parseInt(String.valueOf(v));
      if (b >= 0) {
        return b;
      }
    } catch (NumberFormatException e) {
      // below
    }
    throw new IllegalArgumentException("the pdfs step needs a \"batch\" (0, 1, ...), got " + v);
  }

  private static String required(Map<String, Object> input, String name) {
    String v = text(input, name);
    if (v == null || v.isBlank()) {
      throw new IllegalArgumentException("the step input needs \"" + name + "\"");
    }
    return v;
  }

  private static String text(Map<String, Object> input, String name) {
    Object v = input.get(name);
    return v == null ? null : v.toString();
  }

  /**
   * The failure reason recorded on the export, from the state machine's {@code {Error, Cause}}:
   * Lambda's Cause is a JSON text with {@code errorType} and {@code errorMessage} (its stack trace
   * is never kept).
   */
  static String reason(Object error) {
    if (!(error instanceof Map<?, ?> m)) {
      return "WORKFLOW_FAILED: a step of the background generation failed";
    }
    String type = m.get("Error") == null ? "Error" : m.get("Error").toString();
    String message = null;
    Object cause = m.get("Cause");
    if (cause != null) {
      try {
        JsonNode c = Json.MAPPER.readTree(cause.toString());
        message = c.path("errorMessage").asText(null);
      } catch (Exception notJson) {
        message = cause.toString();
      }
    }
    String simple = type.substring(type.lastIndexOf('.') + 1);
    String reason = "WORKFLOW_FAILED: " + simple + (message == null || message.isBlank() ? "" : ": " + message);
    return reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON) : reason;
  }
}
