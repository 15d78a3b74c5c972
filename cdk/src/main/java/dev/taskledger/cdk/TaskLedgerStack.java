package dev.taskledger.cdk;

import dev.taskledger.http.FunctionName;
import dev.taskledger.projector.route.ProjectorName;
import dev.taskledger.table.dynamodb.AwsEnvironment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.lambda.Alias;
import software.constructs.Construct;

/**
 * The whole system on AWS. What is topology (routes, event routes, function handlers, environment variable names,
 * key formats) is read from the code the functions run; this class only composes it.
 */
public final class TaskLedgerStack extends Stack {
    /** Deployment choices, from CDK context (see {@link TaskLedgerApp}). */
    public record Settings(
            Path jarRoot,
            List<String> corsOrigins,
            String notificationSender,
            double apiRateLimit,
            int apiBurstLimit) {}

    final Storage storage;
    final Identity identity;
    final Functions functions;
    final FrontDoor frontDoor;
    final EventWiring events;
    final Monitoring monitoring;

    public TaskLedgerStack(Construct scope, String id, StackProps props, Settings settings) {
        super(scope, id, props);
        storage = new Storage(this);
        identity = new Identity(this);
        functions = new Functions(this, settings.jarRoot(), Map.of(AwsEnvironment.TABLE, storage.table.getTableName()));

        Functions.Deployed authorizer = functions.of(
                FunctionCatalog.AUTHORIZER,
                Map.of(
                        AwsEnvironment.JWT_ISSUER, identity.issuer(),
                        AwsEnvironment.JWT_AUDIENCE, identity.client.getUserPoolClientId()));
        Functions.Deployed bridge = functions.of(FunctionCatalog.STREAM_BRIDGE, Map.of());
        Functions.Deployed rebuild = functions.of(FunctionCatalog.REBUILD, Map.of());
        storage.grantTable(rebuild.role(), Storage.TABLE_REBUILD);

        events = new EventWiring(this, storage.table, bridge.alias(), this::eventTarget);
        events.bus.grantPutEventsTo(bridge.role());
        bridge.function().addEnvironment(AwsEnvironment.BUS, events.bus.getEventBusName());

        frontDoor = new FrontDoor(
                this,
                authorizer.alias(),
                this::routeFunction,
                settings.corsOrigins(),
                settings.apiRateLimit(),
                settings.apiBurstLimit());
        grantSes(
                functions.of(FunctionCatalog.of(ProjectorName.NOTIFICATIONS), Map.of()), settings.notificationSender());
        functions
                .of(FunctionCatalog.of(ProjectorName.NOTIFICATIONS), Map.of())
                .function()
                .addEnvironment(AwsEnvironment.NOTIFY_CHANNEL, "email")
                .addEnvironment(AwsEnvironment.EMAIL_FROM, settings.notificationSender());

        monitoring = new Monitoring(
                this,
                storage.dataKey,
                frontDoor.api,
                functions.all(),
                bridge,
                new ArrayList<>(events.deadLetterQueues));
        Suppressions.apply(this, frontDoor);

        output("ApiUrl", frontDoor.api.getApiEndpoint());
        output("UserPoolId", identity.pool.getUserPoolId());
        output("UserPoolClientId", identity.client.getUserPoolClientId());
        output("TableName", storage.table.getTableName());
        output("ExportBucket", storage.exports.getBucketName());
        output("AlarmTopic", monitoring.topic.getTopicArn());
        output("RebuildFunction", rebuild.alias().getFunctionArn());
    }

    private void output(String id, String value) {
        CfnOutput.Builder.create(this, id).value(value).build();
    }

    /** The function behind a route, with its environment and grants; made once per function. */
    private Alias routeFunction(FunctionName name) {
        FunctionSpec spec = FunctionCatalog.of(name);
        Map<String, String> env = new HashMap<>();
        boolean first = functions.all().stream()
                .noneMatch(d -> d.function().getNode().getId().equals(spec.id()));
        switch (name) {
            case AUDIT_QUERIES -> {
                env.put(AwsEnvironment.SIGNING_KEY, storage.signingKey.getKeyArn());
                env.put(AwsEnvironment.EXPORT_BUCKET, storage.exports.getBucketName());
                env.put(AwsEnvironment.BUS, events.bus.getEventBusName());
            }
            case HEALTH, OPENAPI, JWKS -> env.put(AwsEnvironment.SIGNING_KEY, storage.signingKey.getKeyArn());
            default -> {}
        }
        Functions.Deployed deployed = functions.of(spec, env);
        if (first) {
            switch (name) {
                case TASK_COMMANDS, INTEGRATIONS -> storage.grantTable(deployed.role(), Storage.TABLE_WRITE);
                case TASK_QUERIES -> storage.grantTable(deployed.role(), Storage.TABLE_QUERY);
                case ANALYTICS_QUERIES -> storage.grantTable(deployed.role(), Storage.TABLE_READ);
                case AUDIT_QUERIES -> {
                    storage.grantTable(deployed.role(), Storage.TABLE_WRITE);
                    storage.grantSigning(deployed.role());
                    storage.exports.grantRead(deployed.role());
                    events.bus.grantPutEventsTo(deployed.role());
                }
                case HEALTH, OPENAPI, JWKS -> {
                    storage.grantTable(deployed.role(), Storage.TABLE_READ);
                    storage.signingKey.grant(deployed.role(), "kms:GetPublicKey");
                }
                case EXPORT_DOWNLOADS, DEV_OUTBOX, DEV_TOKENS, DEV_METRICS ->
                    throw new IllegalArgumentException(name + " is local only");
            }
        }
        return deployed.alias();
    }

    /** The function behind an event route's target, with its environment and grants; made once per target. */
    private Alias eventTarget(ProjectorName target) {
        FunctionSpec spec = FunctionCatalog.of(target);
        boolean first = functions.all().stream()
                .noneMatch(d -> d.function().getNode().getId().equals(spec.id()));
        Map<String, String> env = new HashMap<>();
        switch (target) {
            case TASK_VIEW, ANALYTICS, AUDIT -> env.put(AwsEnvironment.PROJECTOR, target.name());
            case EXPORTER -> {
                env.put(AwsEnvironment.SIGNING_KEY, storage.signingKey.getKeyArn());
                env.put(AwsEnvironment.EXPORT_BUCKET, storage.exports.getBucketName());
            }
            case WEBHOOKS, NOTIFICATIONS -> {}
        }
        Functions.Deployed deployed = functions.of(spec, env);
        if (first) {
            storage.grantTable(deployed.role(), Storage.TABLE_WRITE);
            if (target == ProjectorName.EXPORTER) {
                storage.grantSigning(deployed.role());
                storage.exports.grantPut(deployed.role());
            }
        }
        return deployed.alias();
    }

    /** SES may send only as the configured sender (its address identity, or its domain's). */
    private void grantSes(Functions.Deployed notifications, String sender) {
        String domain = sender.substring(sender.indexOf('@') + 1);
        String prefix = "arn:" + getPartition() + ":ses:" + getRegion() + ":" + getAccount() + ":identity/";
        notifications
                .role()
                .addToPolicy(PolicyStatement.Builder.create()
                        .actions(List.of("ses:SendEmail"))
                        .resources(List.of(prefix + sender, prefix + domain))
                        .build());
    }
}
