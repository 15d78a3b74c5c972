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
            new Route("GET", "/health", FunctionName.HEALTH, false, Set.of(), "getHealth"),
            new Route("GET", "/openapi.json", FunctionName.OPENAPI, false, Set.of(), "getOpenApi"),
            new Route("GET", "/.well-known/jwks.json", FunctionName.JWKS, false, Set.of(), "getJwks"),
            new Route("POST", "/dev/tokens", FunctionName.DEV_TOKENS, false, Set.of(), "createDevToken"),
            new Route("GET", "/dev/metrics", FunctionName.DEV_METRICS, false, Set.of(), "getMetrics"),
            new Route("POST", "/tasks", FunctionName.TASK_COMMANDS, true, Set.of(ADMIN, MEMBER), "createTask"),
            new Route("GET", "/tasks", FunctionName.TASK_QUERIES, true, Set.of(ADMIN, MEMBER, AUDITOR), "listTasks"),
            new Route("GET", "/tasks/{id}", FunctionName.TASK_QUERIES, true, Set.of(ADMIN, MEMBER, AUDITOR), "getTask"),
            new Route(
                    "GET",
                    "/tasks/{id}/history",
                    FunctionName.TASK_QUERIES,
                    true,
                    Set.of(ADMIN, MEMBER, AUDITOR),
                    "getTaskHistory"),
            new Route("GET", "/audit", FunctionName.AUDIT_QUERIES, true, Set.of(ADMIN, AUDITOR), "listAuditTrail"),
            new Route("GET", "/audit/verify", FunctionName.AUDIT_QUERIES, true, Set.of(ADMIN, AUDITOR), "verifyLedger"),
            new Route("GET", "/audit/digest", FunctionName.AUDIT_QUERIES, true, Set.of(ADMIN, AUDITOR), "getDigest"),
            new Route("GET", "/audit/digests", FunctionName.AUDIT_QUERIES, true, Set.of(ADMIN, AUDITOR), "listDigests"),
            new Route(
                    "POST", "/audit/exports", FunctionName.AUDIT_QUERIES, true, Set.of(ADMIN, AUDITOR), "createExport"),
            new Route(
                    "GET",
                    "/audit/exports/{id}",
                    FunctionName.AUDIT_QUERIES,
                    true,
                    Set.of(ADMIN, AUDITOR),
                    "getExport"),
            new Route("GET", "/exports/{token}", FunctionName.EXPORT_DOWNLOADS, false, Set.of(), "downloadExport"),
            new Route(
                    "GET",
                    "/analytics/summary",
                    FunctionName.ANALYTICS_QUERIES,
                    true,
                    Set.of(ADMIN, AUDITOR),
                    "getAnalyticsSummary"),
            new Route("PUT", "/tasks/{id}", FunctionName.TASK_COMMANDS, true, Set.of(ADMIN, MEMBER), "replaceTask"),
            new Route("PATCH", "/tasks/{id}", FunctionName.TASK_COMMANDS, true, Set.of(ADMIN, MEMBER), "updateTask"),
            new Route("DELETE", "/tasks/{id}", FunctionName.TASK_COMMANDS, true, Set.of(ADMIN), "deleteTask"),
            new Route("POST", "/webhooks", FunctionName.INTEGRATIONS, true, Set.of(ADMIN), "createWebhook"),
            new Route("GET", "/webhooks", FunctionName.INTEGRATIONS, true, Set.of(ADMIN), "listWebhooks"),
            new Route("GET", "/webhooks/{id}", FunctionName.INTEGRATIONS, true, Set.of(ADMIN), "getWebhook"),
            new Route("DELETE", "/webhooks/{id}", FunctionName.INTEGRATIONS, true, Set.of(ADMIN), "deleteWebhook"),
            new Route(
                    "GET",
                    "/webhooks/{id}/deliveries",
                    FunctionName.INTEGRATIONS,
                    true,
                    Set.of(ADMIN),
                    "listWebhookDeliveries"),
            new Route(
                    "POST",
                    "/webhooks/{id}/redrive",
                    FunctionName.INTEGRATIONS,
                    true,
                    Set.of(ADMIN),
                    "redriveWebhookDeliveries"),
            new Route(
                    "GET",
                    "/notifications/settings",
                    FunctionName.INTEGRATIONS,
                    true,
                    Set.of(ADMIN),
                    "getNotificationSettings"),
            new Route(
                    "PUT",
                    "/notifications/settings",
                    FunctionName.INTEGRATIONS,
                    true,
                    Set.of(ADMIN),
                    "putNotificationSettings"),
            new Route(
                    "GET", "/dev/outbox", FunctionName.DEV_OUTBOX, true, Set.of(ADMIN, MEMBER, AUDITOR), "listOutbox"));

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
