package dev.taskledger.http;

import static dev.taskledger.events.Role.ADMIN;
import static dev.taskledger.events.Role.AUDITOR;
import static dev.taskledger.events.Role.MEMBER;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The route table, defined once: read by the local front door to dispatch, by the CDK app to create API Gateway
 * routes, and by the test that compares it with the OpenAPI document.
 */
public final class Routes {
    public static final List<Route> ALL = List.of(
            new Route("GET", "/health", FunctionName.HEALTH, false, Set.of(), Operation.System.GET_HEALTH),
            new Route("GET", "/openapi.json", FunctionName.OPENAPI, false, Set.of(), Operation.System.GET_OPEN_API),
            new Route("GET", "/.well-known/jwks.json", FunctionName.JWKS, false, Set.of(), Operation.System.GET_JWKS),
            new Route(
                    "POST", "/dev/tokens", FunctionName.DEV_TOKENS, false, Set.of(), Operation.Local.CREATE_DEV_TOKEN),
            new Route("GET", "/dev/metrics", FunctionName.DEV_METRICS, false, Set.of(), Operation.Local.GET_METRICS),
            new Route(
                    "POST",
                    "/tasks",
                    FunctionName.TASK_COMMANDS,
                    true,
                    Set.of(ADMIN, MEMBER),
                    Operation.TaskCommand.CREATE_TASK),
            new Route(
                    "GET",
                    "/tasks",
                    FunctionName.TASK_QUERIES,
                    true,
                    Set.of(ADMIN, MEMBER, AUDITOR),
                    Operation.TaskQuery.LIST_TASKS),
            new Route(
                    "GET",
                    "/tasks/{id}",
                    FunctionName.TASK_QUERIES,
                    true,
                    Set.of(ADMIN, MEMBER, AUDITOR),
                    Operation.TaskQuery.GET_TASK),
            new Route(
                    "GET",
                    "/tasks/{id}/history",
                    FunctionName.TASK_QUERIES,
                    true,
                    Set.of(ADMIN, MEMBER, AUDITOR),
                    Operation.TaskQuery.GET_TASK_HISTORY),
            new Route(
                    "GET",
                    "/audit",
                    FunctionName.AUDIT_QUERIES,
                    true,
                    Set.of(ADMIN, AUDITOR),
                    Operation.AuditQuery.LIST_AUDIT_TRAIL),
            new Route(
                    "GET",
                    "/audit/verify",
                    FunctionName.AUDIT_QUERIES,
                    true,
                    Set.of(ADMIN, AUDITOR),
                    Operation.AuditQuery.VERIFY_LEDGER),
            new Route(
                    "GET",
                    "/audit/digest",
                    FunctionName.AUDIT_QUERIES,
                    true,
                    Set.of(ADMIN, AUDITOR),
                    Operation.AuditQuery.GET_DIGEST),
            new Route(
                    "GET",
                    "/audit/digests",
                    FunctionName.AUDIT_QUERIES,
                    true,
                    Set.of(ADMIN, AUDITOR),
                    Operation.AuditQuery.LIST_DIGESTS),
            new Route(
                    "POST",
                    "/audit/exports",
                    FunctionName.AUDIT_QUERIES,
                    true,
                    Set.of(ADMIN, AUDITOR),
                    Operation.AuditQuery.CREATE_EXPORT),
            new Route(
                    "GET",
                    "/audit/exports/{id}",
                    FunctionName.AUDIT_QUERIES,
                    true,
                    Set.of(ADMIN, AUDITOR),
                    Operation.AuditQuery.GET_EXPORT),
            new Route(
                    "GET",
                    "/exports/{token}",
                    FunctionName.EXPORT_DOWNLOADS,
                    false,
                    Set.of(),
                    Operation.Local.DOWNLOAD_EXPORT),
            new Route(
                    "GET",
                    "/analytics/summary",
                    FunctionName.ANALYTICS_QUERIES,
                    true,
                    Set.of(ADMIN, AUDITOR),
                    Operation.AnalyticsQuery.GET_ANALYTICS_SUMMARY),
            new Route(
                    "PUT",
                    "/tasks/{id}",
                    FunctionName.TASK_COMMANDS,
                    true,
                    Set.of(ADMIN, MEMBER),
                    Operation.TaskCommand.REPLACE_TASK),
            new Route(
                    "PATCH",
                    "/tasks/{id}",
                    FunctionName.TASK_COMMANDS,
                    true,
                    Set.of(ADMIN, MEMBER),
                    Operation.TaskCommand.UPDATE_TASK),
            new Route(
                    "DELETE",
                    "/tasks/{id}",
                    FunctionName.TASK_COMMANDS,
                    true,
                    Set.of(ADMIN),
                    Operation.TaskCommand.DELETE_TASK),
            new Route(
                    "POST",
                    "/webhooks",
                    FunctionName.INTEGRATIONS,
                    true,
                    Set.of(ADMIN),
                    Operation.Integration.CREATE_WEBHOOK),
            new Route(
                    "GET",
                    "/webhooks",
                    FunctionName.INTEGRATIONS,
                    true,
                    Set.of(ADMIN),
                    Operation.Integration.LIST_WEBHOOKS),
            new Route(
                    "GET",
                    "/webhooks/{id}",
                    FunctionName.INTEGRATIONS,
                    true,
                    Set.of(ADMIN),
                    Operation.Integration.GET_WEBHOOK),
            new Route(
                    "DELETE",
                    "/webhooks/{id}",
                    FunctionName.INTEGRATIONS,
                    true,
                    Set.of(ADMIN),
                    Operation.Integration.DELETE_WEBHOOK),
            new Route(
                    "GET",
                    "/webhooks/{id}/deliveries",
                    FunctionName.INTEGRATIONS,
                    true,
                    Set.of(ADMIN),
                    Operation.Integration.LIST_WEBHOOK_DELIVERIES),
            new Route(
                    "POST",
                    "/webhooks/{id}/redrive",
                    FunctionName.INTEGRATIONS,
                    true,
                    Set.of(ADMIN),
                    Operation.Integration.REDRIVE_WEBHOOK_DELIVERIES),
            new Route(
                    "GET",
                    "/notifications/settings",
                    FunctionName.INTEGRATIONS,
                    true,
                    Set.of(ADMIN),
                    Operation.Integration.GET_NOTIFICATION_SETTINGS),
            new Route(
                    "PUT",
                    "/notifications/settings",
                    FunctionName.INTEGRATIONS,
                    true,
                    Set.of(ADMIN),
                    Operation.Integration.PUT_NOTIFICATION_SETTINGS),
            new Route(
                    "GET",
                    "/dev/outbox",
                    FunctionName.DEV_OUTBOX,
                    true,
                    Set.of(ADMIN, MEMBER, AUDITOR),
                    Operation.Local.LIST_OUTBOX));

    /**
     * How long API Gateway caches the authorizer's verdict for one Authorization header (the CDK app sets it; the
     * local front door mirrors it for verdicts that authenticated). No longer than the clock skew tokens get anyway.
     */
    public static final java.time.Duration AUTHORIZER_CACHE_TTL = java.time.Duration.ofSeconds(60);

    private Routes() {}

    /** The outcome of matching a request against the table. */
    public sealed interface Match {
        record Found(Route route, Map<String, String> pathParameters) implements Match {}

        record MethodNotAllowed(Set<String> allowed) implements Match {}

        record NotFound() implements Match {}
    }

    public static Match match(String method, String rawPath) {
        Set<String> allowed = new TreeSet<>();
        for (Route route : ALL) {
            Optional<Map<String, String>> params = matchPath(route.path(), rawPath);
            if (params.isEmpty()) {
                continue;
            }
            if (route.method().equals(method)) {
                return new Match.Found(route, params.get());
            }
            allowed.add(route.method());
        }
        return allowed.isEmpty() ? new Match.NotFound() : new Match.MethodNotAllowed(allowed);
    }

    public static Optional<Route> byRouteKey(String routeKey) {
        return ALL.stream().filter(r -> r.routeKey().equals(routeKey)).findFirst();
    }

    public static List<Route> of(FunctionName function) {
        return ALL.stream().filter(r -> r.function() == function).toList();
    }

    static Optional<Map<String, String>> matchPath(String template, String path) {
        if (path == null || !path.startsWith("/")) {
            return Optional.empty();
        }
        List<String> want = segments(template);
        List<String> have = segments(path);
        if (want.size() != have.size()) {
            return Optional.empty();
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < want.size(); i++) {
            String w = want.get(i);
            String h = have.get(i);
            if (w.startsWith("{") && w.endsWith("}")) {
                if (h.isEmpty()) {
                    return Optional.empty();
                }
                params.put(w.substring(1, w.length() - 1), h);
            } else if (!w.equals(h)) {
                return Optional.empty();
            }
        }
        return Optional.of(params);
    }

    private static List<String> segments(String path) {
        List<String> result = new ArrayList<>(List.of(path.substring(1).split("/", -1)));
        return result;
    }
}
