package com.accountingexport.local;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;

/**
 * {@code run-local}'s entry point. Prints, on stdout, once serving:
 * <pre>
 * READY http://localhost:3000
 * DEMO_TOKEN eyJ...
 * DEMO_FIRM_TOKEN eyJ...
 * MAIL http://localhost:NNNNN/store
 * </pre>
 * Logs go to stderr. Ctrl-C / SIGTERM stop everything (the mail emulator's processes too).
 */
public final class LocalMain {
  private LocalMain() {}

  public static void main(String[] args) throws Exception {
    if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
      System.out.println(LocalOptions.USAGE);
      return;
    }
    LocalOptions options;
    try {
      options = LocalOptions.parse(args, System.getenv(), Path.of("").toAbsolutePath());
    } catch (IllegalArgumentException e) {
      System.err.println("run-local: " + e.getMessage());
      System.err.println(LocalOptions.USAGE);
      System.exit(2);
      return;
    }
    LocalRuntime runtime;
    try {
      runtime = LocalRuntime.start(options);
    } catch (Exception e) {
      System.err.println("run-local: could not start: " + e);
      e.printStackTrace();
      System.exit(1);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      System.err.println("[local] stopping...");
      runtime.close();
    }, "local-runtime-stop"));

    String base = runtime.baseUri().toString();
    String token = runtime.demoToken();
    System.out.println("READY " + base);
    System.out.println("DEMO_TOKEN " + token);
    System.out.println("DEMO_FIRM_TOKEN " + runtime.demoFirmToken());
    System.out.println("MAIL " + runtime.mailStoreUri().map(Object::toString).orElse("none (no mail emulator)"));
    System.out.flush();
    System.err.println();
    System.err.println("  Try:  curl -s -H \"Authorization: Bearer $DEMO_TOKEN\" " + base + "/documents?state=blocked");
    System.err.println("  As the demo firm:  curl -s -H \"Authorization: Bearer $DEMO_FIRM_TOKEN\" " + base + "/tenants"
        + "   (then -H \"X-Tenant: " + DemoData.TENANT + "\" on any route)");
    System.err.println("  Other tenants and roles: curl -s -X POST " + base
        + "/local/token -d '{\"tenant\":\"acme\",\"role\":\"company_user\"}'");
    runtime.mailStoreUri().ifPresent(m -> System.err.println("  Mails sent: curl -s " + m));
    System.err.println("  Ctrl-C stops everything.");
    System.err.println();
    new CountDownLatch(1).await();
  }
}
