package com.accountingexport.adapters.sfn;

import com.accountingexport.core.port.WorkflowStarter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionAlreadyExistsException;

/**
 * Starts the export state machine with StartExecution, the export id as the execution's name:
 * Step Functions starts one execution per name (a retried request with the same input gets the
 * running one back), so a request retried after a timeout never generates twice.
 */
public final class SfnWorkflowStarter implements WorkflowStarter {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final SfnClient sfn;
  private final String stateMachineArn;

  public SfnWorkflowStarter(SfnClient sfn, String stateMachineArn) {
    this.sfn = Objects.requireNonNull(sfn, "sfn");
    this.stateMachineArn = Objects.requireNonNull(stateMachineArn, "stateMachineArn");
  }

  /** The SDK's own configuration (region, credentials, AWS_ENDPOINT_URL), URL-connection HTTP. */
  public static SfnWorkflowStarter fromEnvironment(String stateMachineArn) {
    return new SfnWorkflowStarter(SfnClient.builder()
        .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create()).build(), stateMachineArn);
  }

  @Override
  public void start(String executionName, Map<String, ?> input) {
    ObjectNode body = JSON.createObjectNode();
    input.forEach((k, v) -> body.set(k, JSON.valueToTree(v)));
    try {
      sfn.startExecution(r -> r.stateMachineArn(stateMachineArn).name(executionName).input(body.toString()));
    } catch (ExecutionAlreadyExistsException started) {
      // an execution of this export exists already (a closed one, or one with another input): never a second one
    }
  }
}
