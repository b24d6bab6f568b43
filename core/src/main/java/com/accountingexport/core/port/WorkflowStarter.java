package com.accountingexport.core.port;

import java.util.Map;

/**
 * Starts the background generation of an export (statemachine/generate-export.asl.json): Step
 * Functions in AWS, aws-local-stepfunctions in the local runtime. Starting twice under the same
 * {@code executionName} with the same input starts one execution only (the export id is the name).
 */
public interface WorkflowStarter {

  /**
   * @param executionName the export id: a retried request never starts a second execution
   * @param input the state machine's input: ids and small numbers only ({@code tenant}, {@code exportId},
   *     {@code pdfConcurrency}...), each kept with its JSON type
   */
  void start(String executionName, Map<String, ?> input);
}
