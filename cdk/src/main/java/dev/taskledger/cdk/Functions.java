package dev.taskledger.cdk;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.LoggingFormat;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.lambda.Tracing;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;

/**
 * Makes each {@link FunctionSpec} once: Java 25 on arm64, SnapStart on published versions behind a {@code live}
 * alias (what every integration, rule and event source invokes), X-Ray active tracing, JSON logs in its own log
 * group, and its own role that may write only to that log group until the stack grants it more.
 */
final class Functions {
    record Deployed(Function function, Alias alias, Role role) {}

    private final Construct scope;
    private final Path jarRoot;
    private final Map<String, String> commonEnvironment;
    private final Map<String, Deployed> made = new LinkedHashMap<>();

    Functions(Construct scope, Path jarRoot, Map<String, String> commonEnvironment) {
        this.scope = scope;
        this.jarRoot = jarRoot;
        this.commonEnvironment = Map.copyOf(commonEnvironment);
    }

    /** The function of {@code spec}, made on first use; {@code environment} adds to the common variables. */
    Deployed of(FunctionSpec spec, Map<String, String> environment) {
        Deployed existing = made.get(spec.id());
        if (existing != null) {
            return existing;
        }
        Path jar = jarRoot.resolve(spec.module()).resolve("target/lambda").resolve(spec.module() + ".jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("missing Lambda jar " + jar + ": build the function modules first");
        }
        LogGroup logs = LogGroup.Builder.create(scope, spec.id() + "Logs")
                .retention(RetentionDays.ONE_MONTH)
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
        Role role = Role.Builder.create(scope, spec.id() + "Role")
                .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
                .description("TaskLedger " + spec.id() + " function")
                .build();
        role.addToPolicy(PolicyStatement.Builder.create()
                .actions(List.of("logs:CreateLogStream", "logs:PutLogEvents"))
                .resources(List.of(logs.getLogGroupArn()))
                .build());
        Map<String, String> env = new HashMap<>(commonEnvironment);
        env.putAll(environment);
        if (spec.heavy()) {
            env.put("JAVA_TOOL_OPTIONS", FunctionSpec.FULL_JIT);
        }
        Function function = Function.Builder.create(scope, spec.id())
                .runtime(Runtime.JAVA_25)
                .architecture(Architecture.ARM_64)
                .code(Code.fromAsset(jar.toString()))
                .handler(spec.handler())
                .memorySize(spec.memoryMb())
                .timeout(Duration.seconds(spec.timeoutSeconds()))
                .environment(env)
                .tracing(Tracing.ACTIVE)
                .snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS)
                .loggingFormat(LoggingFormat.JSON)
                .logGroup(logs)
                .role(role)
                .build();
        Annotations.of(function)
                .acknowledgeWarning(
                        "@aws-cdk/aws-lambda:snapStartRequirePublish",
                        "every caller invokes the live alias, which points at a published version");
        Alias alias = Alias.Builder.create(scope, spec.id() + "Live")
                .aliasName("live")
                .version(function.getCurrentVersion())
                .build();
        Deployed deployed = new Deployed(function, alias, role);
        made.put(spec.id(), deployed);
        return deployed;
    }

    List<Deployed> all() {
        return List.copyOf(made.values());
    }
}
