package dev.taskledger.command.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.taskledger.command.domain.Rejection;
import dev.taskledger.command.domain.TaskState;
import dev.taskledger.command.service.CommandResult;
import dev.taskledger.http.Headers;
import dev.taskledger.http.Problem;
import dev.taskledger.http.ProblemType;
import dev.taskledger.http.Responses;
import dev.taskledger.http.TaskRepresentation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Maps command results and rejections to responses and problem documents. */
final class CommandResponses {
    private CommandResponses() {}

    static APIGatewayV2HTTPResponse applied(
            String tenant, String method, CommandResult.Applied applied, String requestId) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(Headers.LEDGER_SEQUENCE, Long.toString(applied.sequence()));
        headers.put(Headers.REQUEST_ID, requestId);
        return switch (applied.state()) {
            case TaskState.Live live -> {
                headers.put(Headers.ETAG, TaskRepresentation.etag(live.version()));
                if (method.equals("POST")) {
                    headers.put(Headers.LOCATION, "/tasks/" + live.taskId());
                }
                yield Responses.json(method.equals("POST") ? 201 : 200, representation(tenant, live), headers);
            }
            case TaskState.Deleted deleted -> Responses.empty(204, headers);
            case TaskState.Absent absent -> throw new IllegalStateException("an applied command leaves a task");
        };
    }

    static APIGatewayV2HTTPResponse unchanged(String tenant, CommandResult.Unchanged unchanged, String requestId) {
        TaskState.Live live = (TaskState.Live) unchanged.state();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(Headers.ETAG, TaskRepresentation.etag(live.version()));
        headers.put(Headers.LEDGER_SEQUENCE, Long.toString(unchanged.sequence()));
        headers.put(Headers.REQUEST_ID, requestId);
        return Responses.json(200, representation(tenant, live), headers);
    }

    static com.fasterxml.jackson.databind.node.ObjectNode representation(String tenant, TaskState.Live live) {
        return TaskRepresentation.of(
                tenant,
                live.taskId(),
                live.fields(),
                live.createdAt(),
                live.createdBy(),
                live.updatedAt(),
                live.updatedBy(),
                live.version());
    }

    static Problem problem(Rejection rejection) {
        return switch (rejection) {
            case Rejection.Malformed m -> Problem.of(ProblemType.MALFORMED_BODY, m.detail());
            case Rejection.Invalid invalid ->
                new Problem(
                        ProblemType.VALIDATION,
                        invalid.errors().size() == 1
                                ? "1 field is invalid"
                                : invalid.errors().size() + " fields are invalid",
                        invalid.errors().stream()
                                .map(e -> new Problem.FieldProblem(e.field(), e.message()))
                                .toList(),
                        Map.of());
            case Rejection.NotFound n -> Problem.of(ProblemType.NOT_FOUND, "no such task");
            case Rejection.Forbidden f -> Problem.of(ProblemType.FORBIDDEN, f.detail());
            case Rejection.VersionMismatch v ->
                new Problem(
                        ProblemType.VERSION_MISMATCH,
                        "the task is at version " + v.currentVersion(),
                        List.of(),
                        Map.of(Headers.ETAG, TaskRepresentation.etag(v.currentVersion())));
        };
    }
}
