package com.accountingexport.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * template.yaml (and the files it names) against the code and the contract: handlers that exist,
 * jars that Maven builds, one function per route, least privilege, the table and bucket settings,
 * the workflow's placeholders and shape, and the sample events.
 */
class TemplateTest {
  static final Path ROOT = repoRoot();
  static final Map<String, Object> TEMPLATE = loadCfn(ROOT.resolve("template.yaml"));
  static final ObjectMapper JSON = new ObjectMapper();

  /** The route → function table of the brief; a route moving to another function is a deliberate change. */
  static final Map<String, String> EXPECTED_ROUTES = new TreeMap<>(Map.ofEntries(
      Map.entry("PUT /documents/{documentId}", "DocumentsFunction"),
      Map.entry("POST /documents/batch", "DocumentsFunction"),
      Map.entry("GET /documents/{documentId}", "DocumentsFunction"),
      Map.entry("GET /documents", "DocumentsFunction"),
      Map.entry("PUT /documents/{documentId}/pdf", "DocumentsFunction"),
      Map.entry("GET /documents/{documentId}/pdf", "DocumentsFunction"),
      Map.entry("POST /exports/preview", "ExportsFunction"),
      Map.entry("POST /exports", "ExportsFunction"),
      Map.entry("GET /exports", "ExportsFunction"),
      Map.entry("GET /exports/{exportId}", "ExportsFunction"),
      Map.entry("GET /exports/{exportId}/verify", "ExportsFunction"),
      Map.entry("GET /exports/{exportId}/files/{kind}", "DownloadsFunction"),
      Map.entry("GET /fiscal-years/{year}/fec", "DownloadsFunction"),
      Map.entry("POST /fec/validate", "DownloadsFunction"),
      Map.entry("GET /reports/{report}", "DownloadsFunction"),
      Map.entry("GET /lists/{list}", "DownloadsFunction"),
      Map.entry("POST /exports/{exportId}/cancel", "CancelFunction"),
      Map.entry("GET /settings", "SettingsFunction"),
      Map.entry("PUT /settings", "SettingsFunction"),
      Map.entry("GET /tenants", "SettingsFunction"),
      Map.entry("GET /formats", "SettingsFunction"),
      Map.entry("GET /export-templates", "SettingsFunction"),
      Map.entry("POST /export-templates", "SettingsFunction"),
      Map.entry("GET /export-templates/{templateId}", "SettingsFunction"),
      Map.entry("PUT /export-templates/{templateId}", "SettingsFunction"),
      Map.entry("DELETE /export-templates/{templateId}", "SettingsFunction"),
      Map.entry("POST /webhooks", "WebhooksFunction"),
      Map.entry("GET /webhooks", "WebhooksFunction"),
      Map.entry("GET /webhooks/{webhookId}", "WebhooksFunction"),
      Map.entry("DELETE /webhooks/{webhookId}", "WebhooksFunction"),
      Map.entry("POST /webhooks/{webhookId}/rotate-secret", "WebhooksFunction"),
      Map.entry("GET /webhooks/{webhookId}/deliveries", "WebhooksFunction"),
      Map.entry("GET /audit", "SettingsFunction")));

  // ------------------------------------------------------------------ globals and parameters

  @Test
  void globals_configureEveryFunctionForSnapStartAndTheSameEnvironment() {
    assertEquals("AWS::Serverless-2016-10-31", TEMPLATE.get("Transform"));
    Map<String, Object> fn = map(path(TEMPLATE, "Globals", "Function"));
    assertEquals("java21", fn.get("Runtime"), "Java 17 bytecode on the AL2023 runtime (java17 can no longer be deployed)");
    assertEquals(List.of("x86_64"), fn.get("Architectures"));
    assertEquals(1024, fn.get("MemorySize"));
    assertEquals(30, fn.get("Timeout"));
    assertEquals("PublishedVersions", path(fn, "SnapStart", "ApplyOn"));
    assertEquals("live", fn.get("AutoPublishAlias"));

    Map<String, Object> env = map(path(fn, "Environment", "Variables"));
    assertEquals(Set.of("TABLE_NAME", "BUCKET_NAME", "SENDER_EMAIL", "PUBLIC_BASE_URL", "DOWNLOAD_URL_TTL_SECONDS",
        "PDF_CONCURRENCY", "PDF_MAX_BYTES", "WEBHOOK_RETRY_BASE_SECONDS", "JAVA_TOOL_OPTIONS"), env.keySet());
    assertEquals("30", String.valueOf(env.get("WEBHOOK_RETRY_BASE_SECONDS")), "webhook retries back off from 30 s in AWS");
    assertFalse(env.containsKey("WEBHOOK_ALLOW_LOOPBACK"), "loopback webhooks are for the local runtime only");
    assertEquals(Map.of("Ref", "PdfConcurrency"), env.get("PDF_CONCURRENCY"));
    assertEquals(Map.of("Ref", "PdfMaxBytes"), env.get("PDF_MAX_BYTES"));
    assertEquals(Map.of("Ref", "Table"), env.get("TABLE_NAME"));
    assertEquals(Map.of("Ref", "FilesBucket"), env.get("BUCKET_NAME"));
    assertEquals(Map.of("Ref", "SenderEmail"), env.get("SENDER_EMAIL"));
    assertEquals(Map.of("Ref", "PublicBaseUrl"), env.get("PUBLIC_BASE_URL"));
    assertEquals(Map.of("Ref", "DownloadUrlTtlSeconds"), env.get("DOWNLOAD_URL_TTL_SECONDS"));
    assertEquals("-XX:+TieredCompilation -XX:TieredStopAtLevel=1", env.get("JAVA_TOOL_OPTIONS"));
  }

  @Test
  void parameters_areTheDocumentedOnes_andCapTheUrlLifetime() {
    Map<String, Object> params = map(TEMPLATE.get("Parameters"));
    assertEquals(Set.of("JwtIssuer", "JwtAudience", "SenderEmail", "PublicBaseUrl", "DownloadUrlTtlSeconds",
        "PdfConcurrency", "PdfMaxBytes", "LogRetentionDays"), params.keySet());
    assertEquals(40, path(params, "PdfConcurrency", "MaxValue"), "the Map state's concurrency stays modest");
    assertEquals("CommaDelimitedList", path(params, "JwtAudience", "Type"));
    assertEquals(900, path(params, "DownloadUrlTtlSeconds", "Default"));
    assertEquals(900, path(params, "DownloadUrlTtlSeconds", "MaxValue"));
    assertEquals("Number", path(params, "LogRetentionDays", "Type"));
  }

  @Test
  void outputs_nameTheApiTableBucketAndStateMachine() {
    Map<String, Object> outputs = map(TEMPLATE.get("Outputs"));
    assertEquals(Set.of("ApiUrl", "TableName", "BucketName", "StateMachineArn", "WebhookStateMachineArn"), outputs.keySet());
    assertEquals(Map.of("Ref", "DeliverWebhookStateMachine"), path(outputs, "WebhookStateMachineArn", "Value"));
    assertEquals(Map.of("Ref", "Table"), path(outputs, "TableName", "Value"));
    assertEquals(Map.of("Ref", "FilesBucket"), path(outputs, "BucketName", "Value"));
    assertEquals(Map.of("Ref", "GenerateExportStateMachine"), path(outputs, "StateMachineArn", "Value"));
    assertTrue(String.valueOf(path(outputs, "ApiUrl", "Value")).contains("${HttpApi}"));
  }

  // ------------------------------------------------------------------ functions

  @Test
  void everyFunction_namesAHandlerClassOnTheClasspath_andItsModulesShadedJar() throws Exception {
    Map<String, Map<String, Object>> functions = resourcesOfType("AWS::Serverless::Function");
    assertEquals(Set.of("DocumentsFunction", "ExportsFunction", "DownloadsFunction", "CancelFunction",
        "SettingsFunction", "WorkflowFunction", "EventsFunction", "WebhooksFunction", "WebhookDeliveryFunction"),
        functions.keySet());
    String rootPom = Files.readString(ROOT.resolve("pom.xml"));
    Pattern handlerPattern = Pattern.compile("([a-z][\\w.]*)\\.(\\w+)::handleRequest");
    Pattern codeUriPattern = Pattern.compile("functions/([a-z]+)/target/([a-z]+)\\.jar");

    for (var e : functions.entrySet()) {
      Map<String, Object> props = map(e.getValue().get("Properties"));
      String handler = String.valueOf(props.get("Handler"));
      Matcher h = handlerPattern.matcher(handler);
      assertTrue(h.matches(), e.getKey() + ": Handler " + handler);
      Class<?> type = Class.forName(handler.substring(0, handler.indexOf("::")), false, getClass().getClassLoader());
      assertTrue(com.amazonaws.services.lambda.runtime.RequestHandler.class.isAssignableFrom(type),
          type + " implements RequestHandler");

      String codeUri = String.valueOf(props.get("CodeUri"));
      Matcher c = codeUriPattern.matcher(codeUri);
      assertTrue(c.matches(), e.getKey() + ": CodeUri " + codeUri);
      String group = c.group(1);
      assertEquals(group, c.group(2), codeUri + ": the jar is named after its module folder");
      assertEquals("com.accountingexport.functions." + group, h.group(1), "handler package of " + e.getKey());
      assertTrue(rootPom.contains("<module>functions/" + group + "</module>"), "root pom builds functions/" + group);
      String modulePom = Files.readString(ROOT.resolve("functions").resolve(group).resolve("pom.xml"));
      assertTrue(modulePom.contains("<finalName>" + group + "</finalName>"),
          "functions/" + group + "/pom.xml shades into target/" + group + ".jar");
    }

    // and no function module is left without a function
    try (Stream<Path> dirs = Files.list(ROOT.resolve("functions"))) {
      Set<String> modules = dirs.filter(d -> Files.exists(d.resolve("pom.xml")))
          .map(d -> d.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
      Set<String> deployed = functions.values().stream()
          .map(f -> String.valueOf(path(f, "Properties", "CodeUri")).split("/")[1])
          .collect(Collectors.toCollection(TreeSet::new));
      assertEquals(modules, deployed);
    }
  }

  @Test
  void everyFunction_hasItsLogGroupWithTheRetentionParameter() {
    Map<String, Map<String, Object>> logGroups = resourcesOfType("AWS::Logs::LogGroup");
    for (String fn : resourcesOfType("AWS::Serverless::Function").keySet()) {
      Map<String, Object> group = logGroups.get(fn + "LogGroup");
      assertNotNull(group, "log group " + fn + "LogGroup");
      assertEquals(Map.of("Fn::Sub", "/aws/lambda/${" + fn + "}"), path(group, "Properties", "LogGroupName"));
      assertEquals(Map.of("Ref", "LogRetentionDays"), path(group, "Properties", "RetentionInDays"));
    }
    for (var e : logGroups.entrySet()) {
      assertEquals(Map.of("Ref", "LogRetentionDays"), path(e.getValue(), "Properties", "RetentionInDays"), e.getKey());
    }
  }

  @Test
  void everyFunction_getsOnlyThePermissionsItsRoutesNeed() {
    String crud = "DynamoDBCrudPolicy(Table)";
    String startExecutions = "StepFunctionsExecutionPolicy(GenerateExportStateMachine)";
    String startDeliveries = "StepFunctionsExecutionPolicy(DeliverWebhookStateMachine)";
    Map<String, Set<String>> expected = Map.of(
        "DocumentsFunction", Set.of(crud, "S3CrudPolicy(FilesBucket)"),
        "SettingsFunction", Set.of(crud),
        "CancelFunction", Set.of(crud, startDeliveries),
        "DownloadsFunction", Set.of(crud, "S3ReadPolicy(FilesBucket)", "Statement[s3:AbortMultipartUpload, s3:PutObject]",
            startDeliveries),
        "ExportsFunction", Set.of(crud, "S3CrudPolicy(FilesBucket)", startExecutions, startDeliveries,
            "Statement[ses:SendEmail]"),
        "WorkflowFunction", Set.of(crud, "S3CrudPolicy(FilesBucket)", startDeliveries, "Statement[ses:SendEmail]"),
        "EventsFunction", Set.of(crud, "S3CrudPolicy(FilesBucket)", startExecutions, startDeliveries,
            "Statement[ses:SendEmail]"),
        "WebhooksFunction", Set.of(crud),
        "WebhookDeliveryFunction", Set.of(crud));
    Map<String, Set<String>> actual = new TreeMap<>();
    resourcesOfType("AWS::Serverless::Function").forEach((name, fn) ->
        actual.put(name, list(path(fn, "Properties", "Policies")).stream().map(TemplateTest::describePolicy)
            .collect(Collectors.toCollection(TreeSet::new))));
    assertEquals(new TreeMap<>(expected), actual);

    for (String fn : List.of("WorkflowFunction", "ExportsFunction", "EventsFunction")) {
      Map<String, Object> sesStatement = sesStatement(fn);
      assertEquals(Map.of("StringEquals", Map.of("ses:FromAddress", Map.of("Ref", "SenderEmail"))), sesStatement.get("Condition"),
          fn + " mails only from the configured sender");
      assertEquals(Map.of("Fn::Sub", "arn:${AWS::Partition}:ses:${AWS::Region}:${AWS::AccountId}:identity/*"),
          sesStatement.get("Resource"), fn);
    }
  }

  /** The one Statement of {@code fn}'s policies that allows ses:SendEmail. */
  private static Map<String, Object> sesStatement(String fn) {
    return list(path(resourcesOfType("AWS::Serverless::Function").get(fn), "Properties", "Policies")).stream()
        .filter(p -> p instanceof Map<?, ?> m && m.containsKey("Statement"))
        .flatMap(p -> list(map(p).get("Statement")).stream()).map(TemplateTest::map)
        .filter(st -> String.valueOf(st.get("Action")).contains("ses:SendEmail")).findFirst()
        .orElseThrow(() -> new AssertionError(fn + " has an ses:SendEmail statement"));
  }

  @Test
  void workflowFunction_runsLongAndBig_andHasNoHttpRoute() {
    Map<String, Object> props = map(path(resourcesOfType("AWS::Serverless::Function").get("WorkflowFunction"), "Properties"));
    assertEquals(900, props.get("Timeout"));
    assertEquals(2048, props.get("MemorySize"));
    assertFalse(props.containsKey("Events"), "invoked by the state machine only");
  }

  @Test
  void exportsAndEventsFunctions_areToldTheStateMachineArn_andNoOtherFunction() {
    Set<String> starters = Set.of("ExportsFunction", "EventsFunction");
    for (String fn : starters) {
      Map<String, Object> props = map(path(resourcesOfType("AWS::Serverless::Function").get(fn), "Properties"));
      assertEquals(Map.of("Ref", "GenerateExportStateMachine"), path(props, "Environment", "Variables", "STATE_MACHINE_ARN"), fn);
    }
    resourcesOfType("AWS::Serverless::Function").forEach((name, fn) -> {
      if (!starters.contains(name)) {
        Object vars = path(fn, "Properties", "Environment", "Variables");
        assertTrue(vars == null || !map(vars).containsKey("STATE_MACHINE_ARN"), name + " does not start executions");
      }
    });
  }

  @Test
  void eventsFunction_runsOnThePeriodClosedRuleAndADailySchedule_withLeastPrivilege() {
    Map<String, Map<String, Object>> functions = resourcesOfType("AWS::Serverless::Function");
    Map<String, Object> props = map(path(functions.get("EventsFunction"), "Properties"));
    assertEquals("com.accountingexport.functions.events.EventsHandler::handleRequest", props.get("Handler"));
    assertEquals("functions/events/target/events.jar", props.get("CodeUri"));
    assertEquals(900, props.get("Timeout"));
    assertEquals(2048, props.get("MemorySize"));
    assertEquals(Map.of("STATE_MACHINE_ARN", Map.of("Ref", "GenerateExportStateMachine"),
        "WEBHOOK_STATE_MACHINE_ARN", Map.of("Ref", "DeliverWebhookStateMachine")),
        path(props, "Environment", "Variables"), "the global variables plus the state machines");

    Map<String, Object> events = map(props.get("Events"));
    assertEquals(Set.of("PeriodClosed", "DailyAutoExport"), events.keySet());
    assertEquals("EventBridgeRule", path(events, "PeriodClosed", "Type"));
    assertEquals(Map.of("source", List.of("accounting-export"), "detail-type", List.of("PeriodClosed")),
        path(events, "PeriodClosed", "Properties", "Pattern"), "only the service's own PeriodClosed events");
    assertEquals("ScheduleV2", path(events, "DailyAutoExport", "Type"), "EventBridge Scheduler");
    assertEquals("cron(0 5 * * ? *)", path(events, "DailyAutoExport", "Properties", "ScheduleExpression"), "daily at 05:00");
    assertEquals("Europe/Paris", path(events, "DailyAutoExport", "Properties", "ScheduleExpressionTimezone"));
    assertNull(path(events, "DailyAutoExport", "Properties", "Input"),
        "no Input: the Scheduler's default event (detail-type \"Scheduled Event\", its time) is what the handler reads");

    // starting executions: the functions that generate exports, on the one state machine; not the workflow's own steps
    for (String fn : List.of("ExportsFunction", "EventsFunction")) {
      assertTrue(list(path(functions.get(fn), "Properties", "Policies")).contains(Map.of("StepFunctionsExecutionPolicy",
          Map.of("StateMachineName", Map.of("Fn::GetAtt", List.of("GenerateExportStateMachine", "Name"))))), fn);
    }
    for (Object policy : list(path(functions.get("WorkflowFunction"), "Properties", "Policies"))) {
      String text = String.valueOf(policy);
      assertFalse(text.contains("GenerateExportStateMachine") || text.contains("states:"),
          "the workflow's steps start no export execution (webhook deliveries only): " + text);
    }
  }

  // ------------------------------------------------------------------ routes

  @Test
  void httpApiRoutes_areTheContractsRoutes_eachOnItsFunction() {
    Map<String, List<String>> routes = templateRoutes();
    Map<String, String> single = new TreeMap<>();
    routes.forEach((route, fns) -> {
      assertEquals(1, fns.size(), route + " is served by exactly one function, not " + fns);
      single.put(route, fns.get(0));
    });
    assertEquals(EXPECTED_ROUTES, single);
  }

  @Test
  void everyOpenApiRoute_isAnHttpApiEventOfExactlyOneFunction() {
    Map<String, List<String>> routes = templateRoutes();
    Set<String> openApi = OpenApiTest.openApiRoutes(false);
    assertEquals(EXPECTED_ROUTES.size(), openApi.size(), "deployed routes in openapi.yaml: " + openApi);
    for (String route : openApi) {
      assertEquals(1, routes.getOrDefault(route, List.of()).size(), route + " → " + routes.get(route));
    }
  }

  @Test
  void everyApiMdRoute_isAnHttpApiEventOfExactlyOneFunction() throws IOException {
    Path apiMd = ROOT.resolve("../shared/API.md").normalize();
    Assumptions.assumeTrue(Files.exists(apiMd), "no shared/API.md next to the repository: nothing to compare");
    Set<String> documented = apiMdRoutes(Files.readString(apiMd));
    assertTrue(documented.size() >= 10, "API.md names its routes in backticks (found " + documented + ")");
    Map<String, List<String>> routes = templateRoutes();
    for (String route : documented) {
      assertEquals(1, routes.getOrDefault(route, List.of()).size(), route + " (API.md) → " + routes.get(route));
    }
  }

  @Test
  void apiMdRouteParser_readsMethodAndPath_withoutTheQuery() {
    String md = "- `GET /exports?from=&to=&status=` history. `GET /exports/{exportId}/files/{kind}?format=` and "
        + "`PUT /settings`, not `POST` alone nor `GET` /x nor `TRACE /y`.";
    assertEquals(Set.of("GET /exports", "GET /exports/{exportId}/files/{kind}", "PUT /settings"), apiMdRoutes(md));
  }

  @Test
  void httpApi_authorizesEveryRouteWithTheJwtAuthorizer() {
    Map<String, Object> auth = map(path(resourcesOfType("AWS::Serverless::HttpApi").get("HttpApi"), "Properties", "Auth"));
    String name = String.valueOf(auth.get("DefaultAuthorizer"));
    Map<String, Object> authorizer = map(path(auth, "Authorizers", name));
    assertEquals("$request.header.Authorization", authorizer.get("IdentitySource"));
    assertEquals(Map.of("Ref", "JwtIssuer"), path(authorizer, "JwtConfiguration", "issuer"));
    assertEquals(Map.of("Ref", "JwtAudience"), path(authorizer, "JwtConfiguration", "audience"));
    resourcesOfType("AWS::Serverless::Function").forEach((fn, f) -> {
      Object events = path(f, "Properties", "Events");
      if (events != null) {
        map(events).forEach((event, ev) -> {
          if (!"HttpApi".equals(path(ev, "Type"))) {
            return; // EventBridge rules and schedules: no authorizer
          }
          assertEquals(Map.of("Ref", "HttpApi"), path(ev, "Properties", "ApiId"), fn + "." + event);
          assertFalse(map(path(ev, "Properties")).containsKey("Auth"), fn + "." + event + " keeps the default authorizer");
        });
      }
    });
  }

  // ------------------------------------------------------------------ data

  @Test
  void table_hasTheSingleTableKeys_gsi1_gsi2_pitr_encryption_onDemand_andTtl() {
    Map<String, Object> table = map(path(resourcesOfType("AWS::DynamoDB::Table").get("Table"), "Properties"));
    assertEquals("PAY_PER_REQUEST", table.get("BillingMode"));
    assertEquals(List.of(Map.of("AttributeName", "PK", "KeyType", "HASH"), Map.of("AttributeName", "SK", "KeyType", "RANGE")),
        table.get("KeySchema"));
    Map<String, String> attributes = new TreeMap<>();
    list(table.get("AttributeDefinitions")).forEach(a -> attributes.put(
        String.valueOf(path(a, "AttributeName")), String.valueOf(path(a, "AttributeType"))));
    assertEquals(Map.of("PK", "S", "SK", "S", "GSI1PK", "S", "GSI1SK", "S", "GSI2PK", "S", "GSI2SK", "S"), attributes);
    List<Object> indexes = list(table.get("GlobalSecondaryIndexes"));
    assertEquals(2, indexes.size());
    assertEquals("GSI2", path(indexes.get(1), "IndexName"));
    assertEquals(List.of(Map.of("AttributeName", "GSI2PK", "KeyType", "HASH"), Map.of("AttributeName", "GSI2SK", "KeyType", "RANGE")),
        path(indexes.get(1), "KeySchema"));
    assertEquals("ALL", path(indexes.get(1), "Projection", "ProjectionType"));
    assertEquals("GSI1", path(indexes.get(0), "IndexName"));
    assertEquals(List.of(Map.of("AttributeName", "GSI1PK", "KeyType", "HASH"), Map.of("AttributeName", "GSI1SK", "KeyType", "RANGE")),
        path(indexes.get(0), "KeySchema"));
    assertEquals("ALL", path(indexes.get(0), "Projection", "ProjectionType"));
    assertEquals(Boolean.TRUE, path(table, "PointInTimeRecoverySpecification", "PointInTimeRecoveryEnabled"));
    assertEquals(Boolean.TRUE, path(table, "SSESpecification", "SSEEnabled"));
    assertEquals(Map.of("AttributeName", "ttl", "Enabled", true), table.get("TimeToLiveSpecification"));
  }

  @Test
  void bucket_isPrivate_encrypted_versioned_tlsOnly_andCleansTemporaryFiles() {
    Map<String, Object> bucket = map(path(resourcesOfType("AWS::S3::Bucket").get("FilesBucket"), "Properties"));
    assertEquals(Map.of("BlockPublicAcls", true, "BlockPublicPolicy", true, "IgnorePublicAcls", true,
        "RestrictPublicBuckets", true), bucket.get("PublicAccessBlockConfiguration"));
    assertEquals("AES256", path(list(path(bucket, "BucketEncryption", "ServerSideEncryptionConfiguration")).get(0),
        "ServerSideEncryptionByDefault", "SSEAlgorithm"));
    assertEquals("BucketOwnerEnforced", path(list(path(bucket, "OwnershipControls", "Rules")).get(0), "ObjectOwnership"));
    assertEquals("Enabled", path(bucket, "VersioningConfiguration", "Status"));

    List<Object> rules = list(path(bucket, "LifecycleConfiguration", "Rules"));
    assertTrue(rules.stream().anyMatch(r -> "tmp/".equals(path(r, "Prefix")) && Integer.valueOf(1).equals(path(r, "ExpirationInDays"))
        && "Enabled".equals(path(r, "Status"))), "tmp/ expires after a day: " + rules);
    assertTrue(rules.stream().anyMatch(r -> Integer.valueOf(1).equals(path(r, "AbortIncompleteMultipartUpload", "DaysAfterInitiation"))
        && path(r, "Prefix") == null && "Enabled".equals(path(r, "Status"))), "every incomplete multipart upload aborts after a day");

    Map<String, Map<String, Object>> policies = resourcesOfType("AWS::S3::BucketPolicy");
    Map<String, Object> policy = policies.values().stream()
        .filter(p -> Map.of("Ref", "FilesBucket").equals(path(p, "Properties", "Bucket"))).findFirst()
        .orElseThrow(() -> new AssertionError("a bucket policy on FilesBucket"));
    Map<String, Object> deny = list(path(policy, "Properties", "PolicyDocument", "Statement")).stream().map(TemplateTest::map)
        .filter(s -> "Deny".equals(s.get("Effect"))).findFirst().orElseThrow(() -> new AssertionError("a Deny statement"));
    assertEquals("s3:*", deny.get("Action"));
    assertEquals("*", deny.get("Principal"));
    assertEquals(Map.of("Bool", Map.of("aws:SecureTransport", "false")), deny.get("Condition"));
    assertEquals(List.of(Map.of("Fn::GetAtt", List.of("FilesBucket", "Arn")), Map.of("Fn::Sub", "${FilesBucket.Arn}/*")),
        deny.get("Resource"));
  }

  // ------------------------------------------------------------------ workflow

  @Test
  void stateMachinePlaceholders_andDefinitionSubstitutions_matchBothWays() throws IOException {
    Map<String, Map<String, Object>> machines = resourcesOfType("AWS::Serverless::StateMachine");
    assertFalse(machines.isEmpty());
    Set<String> referenced = new TreeSet<>();
    Pattern placeholder = Pattern.compile("\\$\\{([^}]+)}");
    for (var e : machines.entrySet()) {
      Map<String, Object> props = map(e.getValue().get("Properties"));
      String uri = String.valueOf(props.get("DefinitionUri"));
      referenced.add(uri);
      String asl = Files.readString(ROOT.resolve(uri));
      Set<String> used = new TreeSet<>();
      Matcher m = placeholder.matcher(asl);
      while (m.find()) {
        used.add(m.group(1));
      }
      Map<String, Object> substitutions = map(props.getOrDefault("DefinitionSubstitutions", Map.of()));
      assertEquals(new TreeSet<>(substitutions.keySet()), used, e.getKey() + ": placeholders of " + uri + " vs DefinitionSubstitutions");
      substitutions.forEach((name, value) -> assertTrue(resources().containsKey(referencedResource(value)),
          name + " names a resource of the template: " + value));
    }
    try (Stream<Path> files = Files.list(ROOT.resolve("statemachine"))) {
      Set<String> onDisk = files.map(p -> "statemachine/" + p.getFileName()).filter(p -> p.endsWith(".asl.json"))
          .collect(Collectors.toCollection(TreeSet::new));
      assertEquals(onDisk, referenced, "every ASL file is deployed by a state machine");
    }
  }

  @Test
  void stateMachine_invokesOnlyTheWorkflowFunction_andLogs() {
    Map<String, Object> props = map(path(resourcesOfType("AWS::Serverless::StateMachine").get("GenerateExportStateMachine"), "Properties"));
    assertEquals("STANDARD", props.get("Type"));
    assertEquals("statemachine/generate-export.asl.json", props.get("DefinitionUri"));
    List<Object> policies = list(props.get("Policies"));
    assertEquals(Map.of("LambdaInvokePolicy", Map.of("FunctionName", Map.of("Ref", "WorkflowFunction"))), policies.get(0));
    assertTrue(policies.stream().noneMatch(p -> map(p).keySet().stream().anyMatch(k -> k.contains("FullAccess"))));
    assertNotNull(path(list(path(props, "Logging", "Destinations")).get(0), "CloudWatchLogsLogGroup", "LogGroupArn"));
  }

  @Test
  void deliverWebhook_attemptsWaitsWhatTheTaskSays_andEndsOnDeliveredOrFailed() throws IOException {
    Map<String, Object> props = map(path(resourcesOfType("AWS::Serverless::StateMachine").get("DeliverWebhookStateMachine"),
        "Properties"));
    assertEquals("statemachine/deliver-webhook.asl.json", props.get("DefinitionUri"));
    assertEquals(Map.of("LambdaInvokePolicy", Map.of("FunctionName", Map.of("Ref", "WebhookDeliveryFunction"))),
        list(props.get("Policies")).get(0));
    assertEquals(Map.of("Ref", "WebhookDeliveryFunction.Alias"),
        path(props, "DefinitionSubstitutions", "WebhookDeliveryFunctionArn"));

    JsonNode asl = JSON.readTree(ROOT.resolve("statemachine/deliver-webhook.asl.json").toFile());
    JsonNode states = asl.path("States");
    assertEquals("Attempt", asl.path("StartAt").asText());
    JsonNode attempt = states.path("Attempt");
    assertEquals("arn:aws:states:::lambda:invoke", attempt.path("Resource").asText());
    assertEquals("${WebhookDeliveryFunctionArn}", attempt.path("Parameters").path("FunctionName").asText());
    assertEquals("deliver-webhook", attempt.path("Parameters").path("Payload").path("step").asText());
    assertTrue(attempt.path("TimeoutSeconds").asInt() > 20 && attempt.path("TimeoutSeconds").asInt() <= 60,
        "longer than the transport's 10 s + 10 s, at most the function's timeout and a margin");
    for (String field : List.of("tenant", "webhookId", "deliveryId")) {
      assertEquals("$." + field, attempt.path("Parameters").path("Payload").path(field + ".$").asText(), field);
    }
    assertEquals("$.result", attempt.path("ResultPath").asText(), "the input (ids) is kept for the next attempt");
    JsonNode choice = states.path(attempt.path("Next").asText());
    assertEquals("Choice", choice.path("Type").asText());
    Map<String, String> next = new TreeMap<>();
    choice.path("Choices").forEach(c -> {
      assertEquals("$.result.status", c.path("Variable").asText());
      next.put(c.path("StringEquals").asText(), c.path("Next").asText());
    });
    JsonNode wait = states.path(next.get("RETRY"));
    assertEquals("Wait", wait.path("Type").asText());
    assertEquals("$.result.waitSeconds", wait.path("SecondsPath").asText());
    assertEquals("Attempt", wait.path("Next").asText(), "after the wait, the same delivery is tried again");
    assertEquals("Succeed", states.path(next.get("DELIVERED")).path("Type").asText());
    assertEquals("Succeed", states.path(choice.path("Default").asText()).path("Type").asText(), "FAILED ends the loop");

    JsonNode caught = attempt.path("Catch").get(0);
    assertEquals("States.ALL", caught.path("ErrorEquals").get(0).asText(), "a task failing past its retries is caught");
    assertEquals("$.error", caught.path("ResultPath").asText(), "the ids stay in the input");
    JsonNode abandon = states.path(caught.path("Next").asText());
    assertEquals("Task", abandon.path("Type").asText());
    assertEquals("abandon-webhook", abandon.path("Parameters").path("Payload").path("step").asText());
    assertEquals("$.error", abandon.path("Parameters").path("Payload").path("error.$").asText());
    for (String field : List.of("tenant", "webhookId", "deliveryId")) {
      assertEquals("$." + field, abandon.path("Parameters").path("Payload").path(field + ".$").asText(), field);
    }
    assertTrue(abandon.path("Retry").size() > 0, "marking FAILED is retried too");
    assertEquals("Succeed", states.path(abandon.path("Next").asText()).path("Type").asText());
  }

  @Test
  void generateExport_runsItsStepsInOrder_withRetryCatchTimeoutsAndKeptInput() throws IOException {
    JsonNode asl = JSON.readTree(ROOT.resolve("statemachine/generate-export.asl.json").toFile());
    assertTrue(asl.path("Comment").asText().length() > 20, "a Comment says what the workflow does");
    JsonNode states = asl.path("States");

    // the happy path, following Next and each Choice's Default
    List<String> order = new ArrayList<>();
    String name = asl.path("StartAt").asText();
    while (!name.isEmpty() && order.size() < 20) {
      order.add(name);
      JsonNode st = states.path(name);
      name = st.path("Type").asText().equals("Choice") ? st.path("Default").asText() : st.path("Next").asText();
    }
    assertEquals(List.of("Claim Documents", "Claimed Everything?", "Render Files", "Rendered?", "Seal Export", "Sealed?",
        "Notify Users", "Export Ready"), order);
    assertEquals("Succeed", states.path("Export Ready").path("Type").asText());

    Map<String, String> steps = Map.of("Claim Documents", "claim", "Render Files", "render", "Seal Export", "seal",
        "Notify Users", "notify", "Fail Export", "fail");
    steps.forEach((state, step) -> assertLambdaTask(state, states.path(state), step));
    for (String state : steps.keySet()) {
      JsonNode task = states.path(state);
      JsonNode payload = task.path("Parameters").path("Payload");
      for (String field : List.of("tenant", "exportId", "requester", "lock")) {
        assertEquals("$." + field, payload.path(field + ".$").asText(), state + " passes " + field);
      }
      JsonNode retry = task.path("Retry");
      assertTrue(retry.toString().contains("TransientStepException") && retry.toString().contains("Lambda.TooManyRequestsException"),
          state + " retries throttling and transient errors");
      for (JsonNode r : retry) {
        assertTrue(r.path("BackoffRate").asDouble() >= 2, state + " backs off");
      }
      JsonNode c = task.path("Catch");
      assertEquals(1, c.size(), state + " has one Catch");
      assertEquals("[\"States.ALL\"]", c.get(0).path("ErrorEquals").toString(), state);
      String expected = switch (state) {
        case "Notify Users" -> "Export Ready"; // a mail never fails an export
        case "Fail Export" -> "Export Failed";
        default -> "Fail Export";
      };
      assertEquals(expected, c.get(0).path("Next").asText(), state);
      assertTrue(c.get(0).path("ResultPath").asText().startsWith("$."), state + ": the Catch keeps the input");
    }
    assertEquals("$.error", states.path("Fail Export").path("Parameters").path("Payload").path("error.$").asText());
    assertEquals("Export Failed", states.path("Fail Export").path("Next").asText());
    assertEquals("Fail", states.path("Export Failed").path("Type").asText());
    // the claim loops until finished, every step's "stopped" ends the run
    JsonNode loop = states.path("Claimed Everything?").path("Choices");
    assertTrue(loop.toString().contains("\"Next\":\"Claim Documents\""), "the claim loops: " + loop);
    for (String choice : List.of("Claimed Everything?", "Rendered?", "Sealed?")) {
      assertTrue(states.path(choice).path("Choices").toString().contains("Export Stopped"), choice + " stops cleanly");
    }

    Set<String> placeholders = new TreeSet<>();
    Matcher m = Pattern.compile("\\$\\{([^}]+)}").matcher(asl.toString());
    while (m.find()) {
      placeholders.add(m.group(1));
    }
    assertEquals(Set.of("WorkflowFunctionArn"), placeholders);
  }

  private static void assertLambdaTask(String name, JsonNode task, String step) {
    assertEquals("Task", task.path("Type").asText(), name);
    assertEquals("arn:aws:states:::lambda:invoke", task.path("Resource").asText(), name);
    JsonNode params = task.path("Parameters");
    assertEquals("${WorkflowFunctionArn}", params.path("FunctionName").asText(), name);
    assertEquals(step, params.path("Payload").path("step").asText(), name);
    assertEquals("$.exportId", params.path("Payload").path("exportId.$").asText(), name);
    assertEquals("$.tenant", params.path("Payload").path("tenant.$").asText(), name);
    assertTrue(task.path("TimeoutSeconds").asInt() > 0, name + " has TimeoutSeconds");
    assertTrue(task.path("TimeoutSeconds").asInt() <= 960, name + ": no longer than the function's 900 s and a margin");
    assertTrue(task.path("ResultSelector").isObject(), name + " selects what it keeps of the Lambda answer");
    assertTrue(task.path("ResultPath").asText().startsWith("$."), name + ": ResultPath keeps the input");

    Set<String> retried = new TreeSet<>();
    task.path("Retry").forEach(r -> r.path("ErrorEquals").forEach(e -> retried.add(e.asText())));
    assertTrue(retried.containsAll(Set.of("Lambda.ServiceException", "Lambda.AWSLambdaException", "Lambda.SdkClientException",
        "Lambda.TooManyRequestsException", "TransientStepException")), name + " retries transient errors: " + retried);
    assertFalse(retried.contains("States.ALL") || retried.contains("States.TaskFailed") || retried.contains("Lambda.Unknown"),
        name + " retries transient errors only: " + retried);
  }

  // ------------------------------------------------------------------ events

  @Test
  void apiEvents_arePayload2EventsOfTemplateRoutes_withJwtClaims() throws IOException {
    Set<String> expected = Set.of("put-document-invoice", "put-document-bad-type", "put-document-totals-mismatch",
        "batch-documents", "get-document", "list-documents-blocked", "preview", "get-settings", "put-settings",
        "put-settings-company-user", "no-body", "generate-export", "list-exports", "get-export", "download-journal",
        "cancel-export");
    Map<String, List<String>> routes = templateRoutes();
    Set<String> found = new TreeSet<>();
    try (Stream<Path> files = Files.list(ROOT.resolve("events/api"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
        String name = file.getFileName().toString().replace(".json", "");
        found.add(name);
        JsonNode e = JSON.readTree(file.toFile());
        String routeKey = e.path("routeKey").asText();
        assertEquals("2.0", e.path("version").asText(), name);
        assertTrue(routes.containsKey(routeKey), name + ": " + routeKey + " is a route of the template");
        JsonNode rc = e.path("requestContext");
        assertEquals(routeKey, rc.path("routeKey").asText(), name);
        assertEquals(routeKey.split(" ")[0], rc.path("http").path("method").asText(), name);
        assertEquals(e.path("rawPath").asText(), rc.path("http").path("path").asText(), name);
        assertFalse(rc.path("requestId").asText().isEmpty(), name);
        String expectedPath = routeKey.split(" ")[1];
        for (var p : iterable(e.path("pathParameters").fields())) {
          expectedPath = expectedPath.replace("{" + p.getKey() + "}", p.getValue().asText());
        }
        assertEquals(expectedPath, e.path("rawPath").asText(), name + ": rawPath is the route with its pathParameters");
        JsonNode claims = rc.path("authorizer").path("jwt").path("claims");
        for (String claim : List.of("sub", "tenant", "role", "email")) {
          assertFalse(claims.path(claim).asText().isEmpty(), name + " has claim " + claim);
        }
        assertTrue(Set.of("firm_user", "company_admin", "company_user").contains(claims.path("role").asText()), name);
        assertFalse(e.path("isBase64Encoded").asBoolean(true), name);
        if (e.has("body")) {
          assertTrue(e.path("body").isTextual(), name + ": body is a JSON string");
          JSON.readTree(e.path("body").asText());
        }
        if (e.has("queryStringParameters")) {
          List<String> pairs = new ArrayList<>();
          e.path("queryStringParameters").fields().forEachRemaining(q -> pairs.add(q.getKey() + "=" + q.getValue().asText()));
          assertEquals(String.join("&", pairs), e.path("rawQueryString").asText(), name);
        }
      }
    }
    assertEquals(new TreeSet<>(expected), found);

    JsonNode noBody = JSON.readTree(ROOT.resolve("events/api/no-body.json").toFile());
    assertFalse(noBody.has("body"), "no-body.json has no body");
    assertEquals("company_user",
        JSON.readTree(ROOT.resolve("events/api/put-settings-company-user.json").toFile())
            .path("requestContext").path("authorizer").path("jwt").path("claims").path("role").asText());
    JsonNode invoice = JSON.readTree(JSON.readTree(ROOT.resolve("events/api/put-document-invoice.json").toFile())
        .path("body").asText());
    assertEquals(2, invoice.path("lines").size(), "a two-line invoice");
    assertEquals("acme", JSON.readTree(ROOT.resolve("events/api/put-document-invoice.json").toFile())
        .path("requestContext").path("authorizer").path("jwt").path("claims").path("tenant").asText());
    assertEquals(3, JSON.readTree(JSON.readTree(ROOT.resolve("events/api/batch-documents.json").toFile())
        .path("body").asText()).path("documents").size());
  }

  @Test
  void otherEvents_matchTheirSources() throws IOException {
    for (String sample : List.of("period-closed", "period-closed-redelivered")) {
      JsonNode closed = JSON.readTree(ROOT.resolve("events/eventbridge/" + sample + ".json").toFile());
      assertEquals("accounting-export", closed.path("source").asText(), sample);
      assertEquals("PeriodClosed", closed.path("detail-type").asText(), sample);
      for (String field : List.of("tenant", "from", "to")) {
        assertFalse(closed.path("detail").path(field).asText().isEmpty(), sample + ": detail." + field);
      }
      assertTrue(closed.path("detail").isObject(), sample);
    }
    assertEquals(JSON.readTree(ROOT.resolve("events/eventbridge/period-closed.json").toFile()),
        JSON.readTree(ROOT.resolve("events/eventbridge/period-closed-redelivered.json").toFile()),
        "a redelivery is the same event, id included (EventBridge delivers at least once)");
    JsonNode scheduled = JSON.readTree(ROOT.resolve("events/eventbridge/scheduled-daily.json").toFile());
    assertEquals("aws.scheduler", scheduled.path("source").asText());
    assertEquals("Scheduled Event", scheduled.path("detail-type").asText());
    java.time.Instant.parse(scheduled.path("time").asText());
    for (String field : List.of("version", "id", "account", "region", "resources", "detail")) {
      assertTrue(scheduled.has(field), "scheduled-daily.json has " + field);
    }
    JsonNode asl = JSON.readTree(ROOT.resolve("statemachine/generate-export.asl.json").toFile());
    // the task states, those of the Map state's item processor included
    List<JsonNode> tasks = new ArrayList<>();
    asl.path("States").forEach(st -> {
      tasks.add(st);
      st.path("ItemProcessor").path("States").forEach(tasks::add);
    });
    for (String step : List.of("claim", "render", "pdfs", "assemble", "seal", "notify", "fail")) {
      JsonNode sample = JSON.readTree(ROOT.resolve("events/workflow/" + step + ".json").toFile());
      assertEquals(step, sample.path("step").asText());
      Set<String> passed = new TreeSet<>();
      tasks.forEach(st -> {
        JsonNode p = st.path("Parameters").path("Payload");
        if (step.equals(p.path("step").asText())) {
          p.fieldNames().forEachRemaining(f -> passed.add(f.replace(".$", "")));
        }
      });
      assertEquals(passed, iterableToSet(sample.fieldNames()), step + ": the same fields the state machine passes");
    }
  }

  // ------------------------------------------------------------------ helpers (OpenApiTest uses them too)

  /** Every {@code METHOD /path} HttpApi event of the template → the functions that declare it. */
  static Map<String, List<String>> templateRoutes() {
    Map<String, List<String>> routes = new TreeMap<>();
    resourcesOfType("AWS::Serverless::Function").forEach((fn, f) -> {
      Object events = path(f, "Properties", "Events");
      if (events == null) {
        return;
      }
      map(events).values().forEach(ev -> {
        if ("HttpApi".equals(path(ev, "Type"))) {
          String route = String.valueOf(path(ev, "Properties", "Method")).toUpperCase() + " " + path(ev, "Properties", "Path");
          routes.computeIfAbsent(route, r -> new ArrayList<>()).add(fn);
        }
      });
    });
    return routes;
  }

  /** {@code METHOD /path} of every backtick span of a Markdown text, query string dropped. */
  static Set<String> apiMdRoutes(String markdown) {
    Matcher m = Pattern.compile("`(GET|PUT|POST|DELETE|PATCH) (/[^`?\\s]*)[^`]*`").matcher(markdown);
    Set<String> routes = new TreeSet<>();
    while (m.find()) {
      routes.add(m.group(1) + " " + m.group(2));
    }
    return routes;
  }

  static Map<String, Map<String, Object>> resourcesOfType(String type) {
    Map<String, Map<String, Object>> out = new TreeMap<>();
    resources().forEach((name, r) -> {
      if (type.equals(map(r).get("Type"))) {
        out.put(name, map(r));
      }
    });
    return out;
  }

  private static Map<String, Object> resources() {
    return map(TEMPLATE.get("Resources"));
  }

  /** "DynamoDBCrudPolicy(Table)", "Statement[s3:PutObject, ...]": enough to compare permissions. */
  private static String describePolicy(Object policy) {
    if (policy instanceof String s) {
      return s;
    }
    Map<String, Object> p = map(policy);
    assertEquals(1, p.size(), "one policy per list item: " + p);
    var e = p.entrySet().iterator().next();
    if (e.getKey().equals("Statement")) {
      Set<String> actions = new TreeSet<>();
      for (Object s : list(e.getValue())) {
        assertEquals("Allow", path(s, "Effect"));
        Object a = path(s, "Action");
        if (a instanceof List<?> l) {
          l.forEach(x -> actions.add(String.valueOf(x)));
        } else {
          actions.add(String.valueOf(a));
        }
        assertFalse(String.valueOf(path(s, "Resource")).equals("*"), "no Resource * for " + actions);
      }
      return "Statement" + actions;
    }
    Map<String, Object> args = map(e.getValue());
    return e.getKey() + "(" + args.values().stream().map(TemplateTest::referencedResource).collect(Collectors.joining(",")) + ")";
  }

  /** The logical id behind {Ref: X}, {Ref: X.Alias}, {Fn::GetAtt: [X, Attr]}. */
  static String referencedResource(Object value) {
    Map<String, Object> v = map(value);
    if (v.containsKey("Ref")) {
      return String.valueOf(v.get("Ref")).split("\\.")[0];
    }
    if (v.containsKey("Fn::GetAtt")) {
      return String.valueOf(list(v.get("Fn::GetAtt")).get(0));
    }
    return fail("not a reference to a resource: " + value);
  }

  static Object path(Object node, String... keys) {
    Object current = node;
    for (String k : keys) {
      if (!(current instanceof Map<?, ?> m)) {
        return null;
      }
      current = m.get(k);
    }
    return current;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object o) {
    assertTrue(o instanceof Map, "expected a mapping, got " + o);
    return (Map<String, Object>) o;
  }

  @SuppressWarnings("unchecked")
  static List<Object> list(Object o) {
    assertTrue(o instanceof List, "expected a sequence, got " + o);
    return (List<Object>) o;
  }

  private static <T> Iterable<T> iterable(java.util.Iterator<T> it) {
    return () -> it;
  }

  private static Set<String> iterableToSet(java.util.Iterator<String> it) {
    Set<String> s = new TreeSet<>();
    it.forEachRemaining(s::add);
    return s;
  }

  /** Maven runs the tests in local/; the repository root is the first parent holding template.yaml. */
  static Path repoRoot() {
    Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
    for (Path p = dir; p != null; p = p.getParent()) {
      if (Files.exists(p.resolve("template.yaml")) && Files.exists(p.resolve("pom.xml"))) {
        return p;
      }
    }
    throw new IllegalStateException("no template.yaml above " + dir);
  }

  /** A YAML file, CloudFormation short-form tags turned into their long form ({"Ref": x}, {"Fn::Sub": ...}). */
  static Map<String, Object> loadCfn(Path file) {
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return map(new Yaml(new CfnConstructor()).load(r));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A key written twice (two schemas of one name, say) fails the load instead of the last one silently winning. */
  static LoaderOptions strict() {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    return options;
  }

  /** Plain YAML (no CloudFormation tags). */
  static Map<String, Object> loadYaml(Path file) {
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return map(new Yaml(new SafeConstructor(strict())).load(r));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** SnakeYAML constructor for the CloudFormation intrinsic-function tags, scalar and sequence (and mapping) forms. */
  static final class CfnConstructor extends SafeConstructor {
    static final List<String> FUNCTIONS = List.of("Ref", "GetAtt", "Sub", "If", "Equals", "Join", "Select", "Split",
        "FindInMap", "ImportValue", "Not", "And", "Or", "Base64", "Cidr", "GetAZs", "Condition");

    CfnConstructor() {
      super(strict());
      for (String fn : FUNCTIONS) {
        String key = fn.equals("Ref") || fn.equals("Condition") ? fn : "Fn::" + fn;
        yamlConstructors.put(new Tag("!" + fn), new Intrinsic(key));
      }
    }

    private final class Intrinsic extends AbstractConstruct {
      private final String key;

      Intrinsic(String key) {
        this.key = key;
      }

      @Override
      public Object construct(Node node) {
        Object value;
        if (node instanceof ScalarNode s) {
          String text = constructScalar(s);
          // !GetAtt Resource.Attribute is short for [Resource, Attribute]
          value = key.equals("Fn::GetAtt") && text.contains(".")
              ? List.of(text.substring(0, text.indexOf('.')), text.substring(text.indexOf('.') + 1))
              : text;
        } else if (node instanceof SequenceNode s) {
          value = constructSequence(s);
        } else if (node instanceof MappingNode m) {
          value = constructMapping(m);
        } else {
          throw new IllegalArgumentException("unexpected node for " + key + ": " + node);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put(key, value);
        return out;
      }
    }
  }

  @Test
  void cfnConstructor_readsScalarSequenceAndNestedForms() {
    String yaml = String.join("\n",
        "a: !Ref Table",
        "b: !GetAtt Fn.Arn",
        "c: !GetAtt [Fn, Arn]",
        "d: !Sub '${X}/*'",
        "e: !Sub ['${a}-${b}', {a: !Ref A, b: !ImportValue B}]",
        "f: !If [Cond, !Join ['', [x, !Select [0, !Split [',', !Ref L]]]], !FindInMap [M, k, v]]",
        "g: !And [!Not [!Equals [a, b]], !Or [!Condition C, !Equals [c, c]]]",
        "");
    Map<String, Object> m = map(new Yaml(new CfnConstructor()).load(yaml));
    assertEquals(Map.of("Ref", "Table"), m.get("a"));
    assertEquals(Map.of("Fn::GetAtt", List.of("Fn", "Arn")), m.get("b"));
    assertEquals(Map.of("Fn::GetAtt", List.of("Fn", "Arn")), m.get("c"));
    assertEquals(Map.of("Fn::Sub", "${X}/*"), m.get("d"));
    assertEquals(Map.of("Fn::Sub", List.of("${a}-${b}", Map.of("a", Map.of("Ref", "A"), "b", Map.of("Fn::ImportValue", "B")))),
        m.get("e"));
    Object split = Map.of("Fn::Split", List.of(",", Map.of("Ref", "L")));
    Object join = Map.of("Fn::Join", List.of("", List.of("x", Map.of("Fn::Select", List.of(0, split)))));
    assertEquals(Map.of("Fn::If", List.of("Cond", join, Map.of("Fn::FindInMap", List.of("M", "k", "v")))), m.get("f"));
    assertEquals(Map.of("Fn::And", List.of(Map.of("Fn::Not", List.of(Map.of("Fn::Equals", List.of("a", "b")))),
        Map.of("Fn::Or", List.of(Map.of("Condition", "C"), Map.of("Fn::Equals", List.of("c", "c")))))), m.get("g"));
  }
}
