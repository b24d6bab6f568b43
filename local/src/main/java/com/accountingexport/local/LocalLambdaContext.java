package com.accountingexport.local;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** The Lambda context the local runtime passes to a handler: request id, function name, deadline. */
final class LocalLambdaContext implements Context {
  private final String requestId;
  private final String functionName;
  private final long deadlineMillis;
  private final LambdaLogger logger;

  LocalLambdaContext(String requestId, String functionName, long timeoutMillis, PrintStream log) {
    this.requestId = requestId;
    this.functionName = functionName;
    this.deadlineMillis = System.currentTimeMillis() + timeoutMillis;
    this.logger = new LambdaLogger() {
      @Override
      public void log(String message) {
        log.println("[" + functionName + "] " + message);
      }

      @Override
      public void log(byte[] message) {
        log(new String(message, StandardCharsets.UTF_8));
      }
    };
  }

  @Override
  public String getAwsRequestId() {
    return requestId;
  }

  @Override
  public String getLogGroupName() {
    return "/aws/lambda/local-" + functionName;
  }

  @Override
  public String getLogStreamName() {
    return "local";
  }

  @Override
  public String getFunctionName() {
    return "local-" + functionName;
  }

  @Override
  public String getFunctionVersion() {
    return "$LATEST";
  }

  @Override
  public String getInvokedFunctionArn() {
    return "arn:aws:lambda:eu-west-3:000000000000:function:local-" + functionName;
  }

  @Override
  public CognitoIdentity getIdentity() {
    return null;
  }

  @Override
  public ClientContext getClientContext() {
    return null;
  }

  @Override
  public int getRemainingTimeInMillis() {
    return (int) Math.max(0, deadlineMillis - System.currentTimeMillis());
  }

  @Override
  public int getMemoryLimitInMB() {
    return 1024;
  }

  @Override
  public LambdaLogger getLogger() {
    return logger;
  }
}
