package dev.taskledger.cdk;

import dev.taskledger.command.auth.JwtAuthorizerHandler;
import dev.taskledger.command.http.TaskCommandHandler;
import dev.taskledger.http.FunctionName;
import dev.taskledger.integration.lambda.IntegrationsFunction;
import dev.taskledger.integration.lambda.NotificationsFunction;
import dev.taskledger.integration.lambda.WebhooksFunction;
import dev.taskledger.projector.lambda.ProjectorFunction;
import dev.taskledger.projector.lambda.RebuildFunction;
import dev.taskledger.projector.lambda.StreamBridgeFunction;
import dev.taskledger.projector.route.ProjectorName;
import dev.taskledger.query.lambda.AnalyticsQueriesFunction;
import dev.taskledger.query.lambda.AuditQueriesFunction;
import dev.taskledger.query.lambda.ExportFunction;
import dev.taskledger.query.lambda.SystemFunction;
import dev.taskledger.query.lambda.TaskQueriesFunction;

/**
 * Which Lambda function serves each route function and each event target: handler classes come from the code
 * itself (a renamed class breaks this file's compilation, not a deployment).
 */
public final class FunctionCatalog {
    public static final FunctionSpec AUTHORIZER =
            new FunctionSpec("Authorizer", "command-side", JwtAuthorizerHandler.class.getName(), 1024, 10, false);
    public static final FunctionSpec STREAM_BRIDGE =
            new FunctionSpec("StreamBridge", "projectors", StreamBridgeFunction.class.getName(), 1024, 60, false);
    public static final FunctionSpec REBUILD =
            new FunctionSpec("Rebuild", "projectors", RebuildFunction.class.getName(), 2048, 900, true);
    static final FunctionSpec SYSTEM =
            new FunctionSpec("System", "query-side", SystemFunction.class.getName(), 512, 10, false);

    private FunctionCatalog() {}

    /** The function behind a route function; several route functions may share one (the system endpoints). */
    public static FunctionSpec of(FunctionName function) {
        return switch (function) {
            case TASK_COMMANDS ->
                new FunctionSpec("TaskCommands", "command-side", TaskCommandHandler.class.getName(), 1024, 15, false);
            case TASK_QUERIES ->
                new FunctionSpec("TaskQueries", "query-side", TaskQueriesFunction.class.getName(), 1024, 15, false);
            case AUDIT_QUERIES ->
                new FunctionSpec("AuditQueries", "query-side", AuditQueriesFunction.class.getName(), 2048, 29, true);
            case ANALYTICS_QUERIES ->
                new FunctionSpec(
                        "AnalyticsQueries", "query-side", AnalyticsQueriesFunction.class.getName(), 1024, 15, false);
            case INTEGRATIONS ->
                new FunctionSpec("Integrations", "integrations", IntegrationsFunction.class.getName(), 1024, 15, false);
            case HEALTH, OPENAPI, JWKS -> SYSTEM;
            case EXPORT_DOWNLOADS, DEV_OUTBOX, DEV_TOKENS, DEV_METRICS ->
                throw new IllegalArgumentException(function + " is local only");
        };
    }

    /** The function behind an event target. */
    public static FunctionSpec of(ProjectorName target) {
        return switch (target) {
            case TASK_VIEW ->
                new FunctionSpec("TaskViewProjector", "projectors", ProjectorFunction.class.getName(), 1024, 60, false);
            case ANALYTICS ->
                new FunctionSpec(
                        "AnalyticsProjector", "projectors", ProjectorFunction.class.getName(), 1024, 60, false);
            case AUDIT ->
                new FunctionSpec("AuditProjector", "projectors", ProjectorFunction.class.getName(), 1024, 60, false);
            case EXPORTER ->
                new FunctionSpec("Exporter", "query-side", ExportFunction.class.getName(), 2048, 900, true);
            case WEBHOOKS ->
                new FunctionSpec("Webhooks", "integrations", WebhooksFunction.class.getName(), 1024, 120, false);
            case NOTIFICATIONS ->
                new FunctionSpec(
                        "Notifications", "integrations", NotificationsFunction.class.getName(), 1024, 60, false);
        };
    }
}
