package dev.taskledger.cdk;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import io.github.cdklabs.cdknag.NagPackProps;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.StackProps;

/**
 * The CDK app ({@code cdk.json} runs it). Context: {@code corsOrigins} (comma-separated), {@code notificationSender}
 * (an SES-verified address), {@code apiRateLimit} / {@code apiBurstLimit} (stage throttling); the account and region
 * come from the CLI's environment. Lambda jars are read from {@code TASKLEDGER_ROOT} (default: the parent directory).
 */
public final class TaskLedgerApp {
    private TaskLedgerApp() {}

    public static void main(String[] args) {
        App app = new App();
        build(app, Path.of(System.getenv().getOrDefault("TASKLEDGER_ROOT", "..")));
        app.synth();
    }

    /** The stack inside {@code app}, with cdk-nag's AwsSolutions checks applied. */
    public static TaskLedgerStack build(App app, Path jarRoot) {
        TaskLedgerStack.Settings settings = new TaskLedgerStack.Settings(
                jarRoot.toAbsolutePath().normalize(),
                list(context(app, "corsOrigins", "https://app.example.com")),
                context(app, "notificationSender", "noreply@example.com"),
                Double.parseDouble(context(app, "apiRateLimit", "1000")),
                Integer.parseInt(context(app, "apiBurstLimit", "2000")));
        String account = System.getenv("CDK_DEFAULT_ACCOUNT");
        String region = System.getenv("CDK_DEFAULT_REGION");
        StackProps.Builder props =
                StackProps.builder().description("TaskLedger: event-sourced multi-tenant task ledger");
        if (account != null && region != null) {
            props.env(Environment.builder().account(account).region(region).build());
        }
        TaskLedgerStack stack = new TaskLedgerStack(app, "TaskLedger", props.build(), settings);
        Aspects.of(app)
                .add(new AwsSolutionsChecks(NagPackProps.builder().verbose(true).build()));
        return stack;
    }

    private static String context(App app, String key, String fallback) {
        Object value = app.getNode().tryGetContext(key);
        return value == null ? fallback : value.toString();
    }

    private static List<String> list(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(","))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .toList();
    }
}
