package dev.taskledger.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2CustomAuthorizerEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.taskledger.command.domain.CommandContext;
import dev.taskledger.command.request.TaskRequests;
import dev.taskledger.command.service.TaskCommandService;
import dev.taskledger.events.Actor;
import dev.taskledger.events.EventCodec;
import dev.taskledger.events.Role;
import dev.taskledger.ledger.Ledger;
import dev.taskledger.ledger.StoredEvent;
import dev.taskledger.projector.bridge.LambdaStreamEvents;
import dev.taskledger.table.dynamodb.AwsEnvironment;
import dev.taskledger.table.dynamodb.DynamoDbChangeStream;
import dev.taskledger.table.dynamodb.DynamoDbClients;
import dev.taskledger.table.dynamodb.DynamoDbTable;
import dev.taskledger.table.dynamodb.MotoServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeDataType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ExplicitAuthFlowsType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.MessageActionType;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KeySpec;
import software.amazon.awssdk.services.kms.model.KeyUsageType;

/**
 * Cold start per function: for each, a fresh JVM with Lambda's flags ({@code -XX:TieredStopAtLevel=1},
 * serial GC) and only that function's Lambda jar on the class path, from JVM start to the first response on a
 * realistic event, against the AWS API emulator (moto) — three runs each, and one more where the function's
 * SnapStart primers run first (what a restored snapshot starts from). Target: ≤ 1,500 ms. Writes
 * {@code target/benchmarks/cold-start.json}.
 */
public final class ColdStartBenchmark {
    static final String TENANT = "cold-tenant";
    static final int RUNS = 3;

    record Case(
            String function,
            String module,
            String handler,
            Class<?> eventType,
            String event,
            Map<String, String> env) {}

    public static void main(String[] args) throws Exception {
        MotoServer moto = MotoServer.get();
        Path dir = Files.createTempDirectory("cold-start");
        String table = moto.createTable();
        Map<String, String> env = new HashMap<>();
        env.put("AWS_REGION", "us-east-1");
        env.put("AWS_ACCESS_KEY_ID", "testing");
        env.put("AWS_SECRET_ACCESS_KEY", "testing");
        env.put("AWS_ENDPOINT_URL", moto.endpoint().toString());
        env.put(AwsEnvironment.TABLE, table);
        String bus;
        String keyId;
        String idToken;
        String poolId;
        String clientId;
        try (EventBridgeClient events = DynamoDbClients.configure(EventBridgeClient.builder(), moto.settings())
                        .build();
                KmsClient kms = DynamoDbClients.configure(KmsClient.builder(), moto.settings())
                        .build();
                CognitoIdentityProviderClient cognito = DynamoDbClients.configure(
                                CognitoIdentityProviderClient.builder(), moto.settings())
                        .build()) {
            bus = "cold-" + System.nanoTime();
            events.createEventBus(r -> r.name(bus));
            keyId = kms.createKey(r -> r.keySpec(KeySpec.ECC_NIST_P256).keyUsage(KeyUsageType.SIGN_VERIFY))
                    .keyMetadata()
                    .keyId();
            poolId = cognito.createUserPool(r -> r.poolName("cold")
                            .schema(s -> s.name("tenant_id").attributeDataType(AttributeDataType.STRING)))
                    .userPool()
                    .id();
            clientId = cognito.createUserPoolClient(r -> r.userPoolId(poolId)
                            .clientName("cold")
                            .explicitAuthFlows(ExplicitAuthFlowsType.ALLOW_USER_PASSWORD_AUTH))
                    .userPoolClient()
                    .clientId();
            cognito.createGroup(r -> r.userPoolId(poolId).groupName("ADMIN"));
            cognito.adminCreateUser(r -> r.userPoolId(poolId)
                    .username("cold@bench.dev")
                    .messageAction(MessageActionType.SUPPRESS)
                    .userAttributes(AttributeType.builder()
                            .name("custom:tenant_id")
                            .value(TENANT)
                            .build()));
            cognito.adminSetUserPassword(r -> r.userPoolId(poolId)
                    .username("cold@bench.dev")
                    .password("Str0ng!Pass-1")
                    .permanent(true));
            cognito.adminAddUserToGroup(
                    r -> r.userPoolId(poolId).username("cold@bench.dev").groupName("ADMIN"));
            idToken = cognito.initiateAuth(r -> r.clientId(clientId)
                            .authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                            .authParameters(Map.of("USERNAME", "cold@bench.dev", "PASSWORD", "Str0ng!Pass-1")))
                    .authenticationResult()
                    .idToken();
        }
        env.put(AwsEnvironment.BUS, bus);
        env.put(AwsEnvironment.SIGNING_KEY, keyId);
        env.put(AwsEnvironment.EXPORT_BUCKET, "cold-exports");
        env.put(AwsEnvironment.JWT_ISSUER, "https://cognito-idp.us-east-1.amazonaws.com/" + poolId);
        env.put(AwsEnvironment.JWT_AUDIENCE, clientId);
        env.put(AwsEnvironment.JWKS_URL, moto.endpoint() + "/" + poolId + "/.well-known/jwks.json");
        env.put(AwsEnvironment.NOTIFY_CHANNEL, "email");
        env.put(AwsEnvironment.EMAIL_FROM, "noreply@bench.dev");

        // one task in the ledger: its event feeds the bridge, the projectors and the consumers; its id the queries
        String taskId;
        ObjectNode streamEvent;
        StoredEvent created;
        try (var dynamo = DynamoDbClients.dynamoDb(moto.settings());
                var streams = DynamoDbClients.streams(moto.settings())) {
            Ledger ledger = new Ledger(new DynamoDbTable(dynamo, table), Clock.systemUTC());
            taskId = "cold-task-1";
            new TaskCommandService(ledger)
                    .handle(
                            TENANT,
                            TaskRequests.create(EventCodec.MAPPER.readTree("{\"title\":\"Cold start\"}"))
                                    .get(),
                            new CommandContext(
                                    new Actor("u1", "u1@bench.dev", Role.ADMIN),
                                    Instant.now().truncatedTo(ChronoUnit.MILLIS),
                                    taskId,
                                    "cold"),
                            Optional.empty());
            created = ledger.events(TENANT, 1, 1, 1).getFirst();
            streamEvent = LambdaStreamEvents.json(
                    new DynamoDbChangeStream(dynamo, streams, table)
                            .read(null, 10).stream()
                                    .filter(r -> r.key().sk().startsWith("EVENT#"))
                                    .toList(),
                    "arn:aws:dynamodb:us-east-1:000000000000:table/" + table + "/stream/cold");
        }
        ObjectNode busEvent = EventCodec.MAPPER
                .createObjectNode()
                .put("version", "0")
                .put("id", "cold-1")
                .put("detail-type", "TaskCreated")
                .put("source", "taskledger.tasks")
                .put("account", "000000000000")
                .put("time", Instant.now().toString())
                .put("region", "us-east-1");
        busEvent.putArray("resources");
        busEvent.set("detail", created.json());

        List<Case> cases = List.of(
                new Case(
                        "authorizer",
                        "command-side",
                        "dev.taskledger.command.auth.JwtAuthorizerHandler",
                        APIGatewayV2CustomAuthorizerEvent.class,
                        authorizerEvent(idToken),
                        Map.of()),
                new Case(
                        "task-commands",
                        "command-side",
                        "dev.taskledger.command.http.TaskCommandHandler",
                        APIGatewayV2HTTPEvent.class,
                        api("POST /tasks", "/tasks", null, "{\"title\":\"cold\"}"),
                        Map.of()),
                new Case(
                        "task-view projector",
                        "projectors",
                        "dev.taskledger.projector.lambda.ProjectorFunction",
                        null,
                        busEvent.toString(),
                        Map.of(AwsEnvironment.PROJECTOR, "TASK_VIEW")),
                new Case(
                        "task-queries",
                        "query-side",
                        "dev.taskledger.query.lambda.TaskQueriesFunction",
                        APIGatewayV2HTTPEvent.class,
                        api("GET /tasks/{id}", "/tasks/" + taskId, taskId, null),
                        Map.of()),
                new Case(
                        "audit-queries (verify)",
                        "query-side",
                        "dev.taskledger.query.lambda.AuditQueriesFunction",
                        APIGatewayV2HTTPEvent.class,
                        api("GET /audit/verify", "/audit/verify", null, null),
                        Map.of()),
                new Case(
                        "analytics-queries",
                        "query-side",
                        "dev.taskledger.query.lambda.AnalyticsQueriesFunction",
                        APIGatewayV2HTTPEvent.class,
                        api("GET /analytics/summary", "/analytics/summary", null, null),
                        Map.of()),
                new Case(
                        "system (health)",
                        "query-side",
                        "dev.taskledger.query.lambda.SystemFunction",
                        APIGatewayV2HTTPEvent.class,
                        api("GET /health", "/health", null, null),
                        Map.of()),
                new Case(
                        "integrations",
                        "integrations",
                        "dev.taskledger.integration.lambda.IntegrationsFunction",
                        APIGatewayV2HTTPEvent.class,
                        api("GET /webhooks", "/webhooks", null, null),
                        Map.of()),
                new Case(
                        "stream-bridge",
                        "projectors",
                        "dev.taskledger.projector.lambda.StreamBridgeFunction",
                        DynamodbEvent.class,
                        streamEvent.toString(),
                        Map.of()),
                new Case(
                        "webhooks",
                        "integrations",
                        "dev.taskledger.integration.lambda.WebhooksFunction",
                        null,
                        busEvent.toString(),
                        Map.of()),
                new Case(
                        "notifications",
                        "integrations",
                        "dev.taskledger.integration.lambda.NotificationsFunction",
                        null,
                        busEvent.toString(),
                        Map.of()),
                new Case(
                        "rebuild",
                        "projectors",
                        "dev.taskledger.projector.lambda.RebuildFunction",
                        null,
                        "{\"projection\":\"task-view\",\"tenant_id\":\"" + TENANT + "\"}",
                        Map.of()));

        Path root = Path.of("..").toAbsolutePath().normalize();
        String serializer = Path.of(LambdaEventSerializers.class
                        .getProtectionDomain()
                        .getCodeSource()
                        .getLocation()
                        .toURI())
                .toString();
        String probe = Path.of(ColdStartProbe.class
                        .getProtectionDomain()
                        .getCodeSource()
                        .getLocation()
                        .toURI())
                .toString();
        ObjectNode report = EventCodec.MAPPER.createObjectNode();
        report.put("benchmark", "cold-start");
        report.put("jvm", System.getProperty("java.version"));
        report.put("flags", "-XX:+TieredCompilation -XX:TieredStopAtLevel=1 -XX:+UseSerialGC");
        report.put("target_ms", 1500);
        ArrayNode results = report.putArray("functions");
        System.out.printf(
                "%-24s %8s %8s %8s %10s %14s%n", "function", "run 1", "run 2", "run 3", "median ms", "primed 1st ms");
        for (Case c : cases) {
            Path eventFile = dir.resolve(c.function().replaceAll("[^a-z-]", "_") + ".json");
            Files.writeString(eventFile, c.event());
            Map<String, String> caseEnv = new HashMap<>(env);
            caseEnv.putAll(c.env());
            String classpath = root.resolve(c.module()).resolve("target/lambda").resolve(c.module() + ".jar") + ":"
                    + serializer + ":" + probe;
            List<Long> runs = new ArrayList<>();
            String answer = "";
            for (int i = 0; i < RUNS; i++) {
                long[] r = run(classpath, c, eventFile, caseEnv, "cold");
                runs.add(r[0]);
            }
            long[] primed = run(classpath, c, eventFile, caseEnv, "primed");
            List<Long> sorted = runs.stream().sorted().toList();
            long median = sorted.get(sorted.size() / 2);
            System.out.printf(
                    "%-24s %8d %8d %8d %10d %14d%n",
                    c.function(), runs.get(0), runs.get(1), runs.get(2), median, primed[1]);
            ObjectNode item = results.addObject();
            item.put("function", c.function());
            item.put("handler", c.handler());
            runs.forEach(item.putArray("cold_ms")::add);
            item.put("cold_ms_median", median);
            item.put("met", median <= 1500);
            item.put("primed_first_invocation_ms", primed[1]);
            item.put("first_answer", ANSWERS.getOrDefault(c.function(), ""));
        }
        Path out = Path.of("target", "benchmarks", "cold-start.json");
        Files.createDirectories(out.getParent());
        Files.writeString(
                out, EventCodec.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(report));
        System.out.println("wrote " + out.toAbsolutePath());
        System.exit(0);
    }

    static final Map<String, String> ANSWERS = new java.util.concurrent.ConcurrentHashMap<>();

    /** {ms from JVM start to the first response, ms of the first invocation}. */
    static long[] run(String classpath, Case c, Path eventFile, Map<String, String> env, String mode) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(
                        java,
                        "-XX:+TieredCompilation",
                        "-XX:TieredStopAtLevel=1",
                        "-XX:+UseSerialGC",
                        "-cp",
                        classpath,
                        ColdStartProbe.class.getName(),
                        c.handler(),
                        c.eventType() == null ? "stream" : c.eventType().getName(),
                        eventFile.toString(),
                        mode)
                .redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process = builder.start();
        StringBuilder output = new StringBuilder();
        long[] result = null;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream()))) {
            String line;
            while ((line = reader.readLine()) != null) {
                output.append(line).append('\n');
                if (line.startsWith("ANSWER ")) {
                    ANSWERS.put(c.function(), line.substring("ANSWER ".length()));
                }
                if (line.startsWith("COLDSTART ")) {
                    String[] parts = line.split(" ");
                    result = new long[] {Long.parseLong(parts[1]), Long.parseLong(parts[2])};
                }
            }
        }
        if (process.waitFor() != 0 || result == null) {
            throw new IllegalStateException(c.function() + " did not answer:\n" + output);
        }
        if (output.toString().contains("\"statusCode\":5") || output.toString().contains("Exception")) {
            throw new IllegalStateException(c.function() + " answered with an error:\n" + output);
        }
        return result;
    }

    static String api(String routeKey, String path, String id, String body) {
        ObjectNode event = EventCodec.MAPPER.createObjectNode();
        event.put("version", "2.0");
        event.put("routeKey", routeKey);
        event.put("rawPath", path);
        event.put("rawQueryString", "");
        ObjectNode headers = event.putObject("headers");
        headers.put("x-request-id", "cold-start");
        if (body != null) {
            headers.put("content-type", "application/json");
            event.put("body", body);
        }
        event.put("isBase64Encoded", false);
        if (id != null) {
            event.putObject("pathParameters").put("id", id);
        }
        ObjectNode context = event.putObject("requestContext");
        context.put("requestId", "cold-start");
        context.put("routeKey", routeKey);
        context.putObject("http").put("method", routeKey.split(" ")[0]).put("path", path);
        context.putObject("authorizer")
                .putObject("lambda")
                .put("tenant_id", TENANT)
                .put("user_id", "u1")
                .put("email", "u1@bench.dev")
                .put("role", "ADMIN");
        return event.toString();
    }

    static String authorizerEvent(String token) {
        ObjectNode event = EventCodec.MAPPER.createObjectNode();
        event.put("version", "2.0");
        event.put("type", "REQUEST");
        event.put("routeArn", "arn:aws:execute-api:us-east-1:000000000000:api/$default/GET/tasks");
        event.putArray("identitySource").add("Bearer " + token);
        event.put("routeKey", "GET /tasks");
        event.put("rawPath", "/tasks");
        event.putObject("headers").put("authorization", "Bearer " + token);
        event.putObject("requestContext").put("requestId", "cold-start").put("routeKey", "GET /tasks");
        return event.toString();
    }
}
