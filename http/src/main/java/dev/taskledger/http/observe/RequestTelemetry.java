package dev.taskledger.http.observe;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.taskledger.http.FunctionName;
import dev.taskledger.http.Headers;
import dev.taskledger.http.Principal;
import dev.taskledger.http.ProblemType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The record of one request: function, route (the template, never the raw path), status, outcome, problem type,
 * duration, request id, correlation id (when it is a safe id) and tenant (from the authorizer's context) — never the
 * token, the body or any task field. Metrics: {@code Commands} by outcome for the command function,
 * {@code Rejections} by problem type for every 4xx, {@code Requests} by function and outcome for everything.
 */
public final class RequestTelemetry {
    private RequestTelemetry() {}

    public static void record(
            FunctionName function,
            APIGatewayV2HTTPEvent event,
            String requestId,
            APIGatewayV2HTTPResponse response,
            Optional<ProblemType> problem,
            long nanos) {
        int status = response.getStatusCode();
        String outcome = status >= 500
                ? "failed"
                : status >= 400
                        ? "rejected"
                        : response.getHeaders() != null
                                        && "true".equals(response.getHeaders().get(Headers.IDEMPOTENT_REPLAYED))
                                ? "replayed"
                                : "ok";
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("request_id", requestId);
        Headers.get(event, Headers.CORRELATION_ID)
                .filter(Headers::isSafeId)
                .ifPresent(c -> fields.put("correlation_id", c));
        tenant(event).ifPresent(t -> fields.put("tenant_id", t));
        fields.put("route", String.valueOf(event.getRouteKey()));
        fields.put("status", status);
        fields.put("duration_ms", nanos / 1_000_000.0);
        problem.ifPresent(p -> fields.put("problem_type", p.uri()));
        List<Telemetry.Metric> metrics = new ArrayList<>();
        metrics.add(Telemetry.Metric.count("Requests", Map.of("function", function.name(), "outcome", outcome)));
        if (function == FunctionName.TASK_COMMANDS) {
            metrics.add(Telemetry.Metric.count("Commands", Map.of("outcome", outcome)));
        }
        if (status >= 400 && status < 500) {
            metrics.add(Telemetry.Metric.count(
                    "Rejections",
                    Map.of(
                            "problem",
                            problem.map(p -> p.uri().substring(ProblemType.BASE.length()))
                                    .orElse("other"))));
        }
        Telemetry.record(status >= 500 ? "ERROR" : "INFO", "request", fields, metrics);
    }

    private static Optional<String> tenant(APIGatewayV2HTTPEvent event) {
        return Optional.ofNullable(event.getRequestContext())
                .map(APIGatewayV2HTTPEvent.RequestContext::getAuthorizer)
                .map(APIGatewayV2HTTPEvent.RequestContext.Authorizer::getLambda)
                .map(l -> l.get(Principal.TENANT_ID))
                .map(Object::toString);
    }
}
