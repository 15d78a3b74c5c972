package dev.taskledger.query;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.taskledger.events.EventCodec;
import dev.taskledger.events.EventEnvelope;
import dev.taskledger.events.Times;
import dev.taskledger.http.Cursors;
import dev.taskledger.http.FunctionName;
import dev.taskledger.http.FunctionShell;
import dev.taskledger.http.Headers;
import dev.taskledger.http.Operation;
import dev.taskledger.http.Problem;
import dev.taskledger.http.ProblemType;
import dev.taskledger.http.QueryParams;
import dev.taskledger.http.Responses;
import dev.taskledger.http.TaskRepresentation;
import dev.taskledger.ledger.Ledger;
import dev.taskledger.projector.read.ProjectionReader;
import dev.taskledger.projector.view.TaskViewProjector;
import dev.taskledger.query.read.TaskViewReader;
import io.vavr.control.Either;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code GET /tasks}, {@code GET /tasks/{id}} (from the task view) and {@code GET /tasks/{id}/history} (from the
 * ledger). Every projection-backed response carries {@code X-Ledger-Projected-Sequence}; a request with
 * {@code X-Ledger-Min-Sequence} waits for the projection to reach it, up to {@code maxWait}.
 */
public final class TaskQueryHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private static final FunctionShell SHELL = new FunctionShell(FunctionName.TASK_QUERIES);
    private static final Pattern TASK_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Set<String> LIST_PARAMS =
            Set.of("status", "assigned_to", "priority", "label", "sort", "limit", "cursor");
    private static final Set<String> HISTORY_PARAMS = Set.of("limit", "cursor");
    private static final Set<String> SORTS = Set.of("-created_at", "created_at", "-updated_at", "updated_at");

    private final Ledger ledger;
    private final ProjectionReader taskView;
    private final TaskViewReader tasks;
    private final Cursors cursors;
    private final Duration maxWait;

    public TaskQueryHandler(Ledger ledger, ProjectionReader taskView, Cursors cursors, Duration maxWait) {
        this.ledger = ledger;
        this.taskView = taskView;
        this.tasks = new TaskViewReader(ledger.table(), taskView);
        this.cursors = cursors;
        this.maxWait = maxWait;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return SHELL.handle(event, (route, principal, requestId) -> ReadYourWrites.minSequence(event)
                .flatMap(min -> switch (route.operationOf(Operation.TaskQuery.class)) {
                    case LIST_TASKS -> list(event, principal.tenantId(), min, requestId);
                    case GET_TASK -> get(event, principal.tenantId(), min, requestId);
                    case GET_TASK_HISTORY -> history(event, principal.tenantId(), min, requestId);
                }));
    }

    private Either<Problem, Long> projected(String tenant, Optional<Long> min) {
        return ReadYourWrites.await(taskView, tenant, min, maxWait);
    }

    private Either<Problem, APIGatewayV2HTTPResponse> get(
            APIGatewayV2HTTPEvent event, String tenant, Optional<Long> min, String requestId) {
        QueryParams params = new QueryParams(event, Set.of("as_of", "version"));
        String asOfText = params.one("as_of");
        String versionText = params.one("version");
        Instant asOf = null;
        Long version = null;
        if (asOfText != null && versionText != null) {
            params.invalid("as_of", "as_of and version cannot be combined");
        }
        if (asOfText != null) {
            try {
                asOf = Times.parse(asOfText);
            } catch (IllegalArgumentException e) {
                params.invalid("as_of", "must be an RFC 3339 date-time");
            }
        }
        if (versionText != null) {
            try {
                version = Long.parseLong(versionText);
            } catch (NumberFormatException ignored) {
                version = 0L;
            }
            if (version < 1 || !versionText.matches("[0-9]+")) {
                params.invalid("version", "must be an integer >= 1");
            }
        }
        if (!params.errors.isEmpty()) {
            return Either.left(params.problem());
        }
        Optional<String> id = taskId(event);
        if (id.isEmpty()) {
            return Either.left(Problem.of(ProblemType.NOT_FOUND, "no such task"));
        }
        Instant at = asOf;
        Long atVersion = version;
        return projected(tenant, min).flatMap(projected -> {
            Optional<ObjectNode> task;
            if (at == null && atVersion == null) {
                task = tasks.task(tenant, id.get());
            } else {
                // time travel: folded from the ledger as it is read (one page in memory), never from the projection
                var fold = new Object() {
                    Optional<ObjectNode> task = Optional.empty();
                    boolean reached = atVersion == null;
                };
                ledger.forEachHistory(tenant, id.get(), 0, stored -> {
                    EventEnvelope e = stored.envelope();
                    if (at != null ? e.occurredAt().isAfter(at) : e.taskVersion() > atVersion) {
                        return false;
                    }
                    fold.task = TaskViewProjector.next(fold.task, e);
                    fold.reached |= atVersion != null && e.taskVersion() == atVersion;
                    return true;
                });
                task = fold.reached ? fold.task : Optional.empty();
            }
            if (task.isEmpty()) {
                return Either.left(Problem.of(ProblemType.NOT_FOUND, "no such task"));
            }
            return Either.right(Responses.json(
                    200,
                    task.get(),
                    Map.of(
                            Headers.ETAG,
                                    TaskRepresentation.etag(
                                            task.get().get("version").asLong()),
                            Headers.PROJECTED_SEQUENCE, Long.toString(projected),
                            Headers.REQUEST_ID, requestId)));
        });
    }

    private Either<Problem, APIGatewayV2HTTPResponse> list(
            APIGatewayV2HTTPEvent event, String tenant, Optional<Long> min, String requestId) {
        QueryParams params = new QueryParams(event, LIST_PARAMS);
        List<String> statuses = params.all("status");
        for (String s : statuses) {
            if (!List.of("OPEN", "IN_PROGRESS", "DONE", "CANCELLED").contains(s)) {
                params.invalid("status", "must be one of OPEN, IN_PROGRESS, DONE, CANCELLED");
            }
        }
        String priority = params.one("priority");
        if (priority != null && !List.of("LOW", "MEDIUM", "HIGH", "URGENT").contains(priority)) {
            params.invalid("priority", "must be one of LOW, MEDIUM, HIGH, URGENT");
        }
        String assignee = params.one("assigned_to");
        List<String> labels = params.all("label");
        String sort = Optional.ofNullable(params.one("sort")).orElse("-created_at");
        if (!SORTS.contains(sort)) {
            params.invalid("sort", "must be one of -created_at, created_at, -updated_at, updated_at");
        }
        int limit = params.limit(1, 100, 25);
        String binding = Cursors.binding(
                "tasks",
                tenant,
                statuses.stream().sorted().toList(),
                Optional.ofNullable(assignee)
                        .map(a -> a.toLowerCase(Locale.ROOT))
                        .orElse(null),
                priority,
                labels.stream().sorted().toList(),
                sort);
        Optional<String> after = params.cursor(cursors, binding);
        if (!params.errors.isEmpty()) {
            return Either.left(params.problem());
        }
        TaskViewReader.Filter filter = new TaskViewReader.Filter(statuses, assignee, priority, labels, sort);
        return projected(tenant, min).map(projected -> {
            TaskViewReader.TaskPage page = tasks.page(tenant, filter, limit, after);
            ObjectNode body = EventCodec.MAPPER.createObjectNode();
            ArrayNode items = body.putArray("items");
            page.tasks().forEach(items::add);
            if (page.next().isPresent()) {
                body.put("next_cursor", cursors.sign(binding, page.next().get()));
            } else {
                body.putNull("next_cursor");
            }
            return Responses.json(
                    200,
                    body,
                    Map.of(Headers.PROJECTED_SEQUENCE, Long.toString(projected), Headers.REQUEST_ID, requestId));
        });
    }

    /**
     * A task's events, one bounded page of them read from the ledger itself; its {@code X-Ledger-Projected-Sequence}
     * is the task view's (the projection behind the task's other reads), after any wait it was asked for.
     */
    private Either<Problem, APIGatewayV2HTTPResponse> history(
            APIGatewayV2HTTPEvent event, String tenant, Optional<Long> min, String requestId) {
        QueryParams params = new QueryParams(event, HISTORY_PARAMS);
        int limit = params.limit(1, 100, 25);
        Optional<String> id = taskId(event);
        String cursor = params.one("cursor");
        String binding = Cursors.binding("history", tenant, id.orElse(""));
        long afterVersion = 0;
        if (cursor != null) {
            afterVersion = params.numericCursor(cursors, binding).orElse(0L);
        }
        if (!params.errors.isEmpty()) {
            return Either.left(params.problem());
        }
        if (id.isEmpty()) {
            return Either.left(Problem.of(ProblemType.NOT_FOUND, "no such task"));
        }
        Either<Problem, Long> projected = projected(tenant, min);
        if (projected.isLeft()) {
            return Either.left(projected.getLeft());
        }
        // one bounded page of the history, read as it is (never the whole history)
        Ledger.HistoryPage page = ledger.historyPage(tenant, id.get(), afterVersion, limit);
        if (page.events().isEmpty()
                && (afterVersion == 0
                        || ledger.historyPage(tenant, id.get(), 0, 1).events().isEmpty())) {
            return Either.left(Problem.of(ProblemType.NOT_FOUND, "no such task"));
        }
        ObjectNode body = EventCodec.MAPPER.createObjectNode();
        ArrayNode items = body.putArray("items");
        page.events().forEach(e -> items.add(EventCodec.toJson(e.envelope())));
        if (page.more() && !page.events().isEmpty()) {
            body.put(
                    "next_cursor",
                    cursors.sign(
                            binding,
                            Long.toString(page.events().getLast().envelope().taskVersion())));
        } else {
            body.putNull("next_cursor");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(Headers.REQUEST_ID, requestId);
        headers.put(Headers.PROJECTED_SEQUENCE, Long.toString(projected.get()));
        return Either.right(Responses.json(200, body, headers));
    }

    private static Optional<String> taskId(APIGatewayV2HTTPEvent event) {
        return Optional.ofNullable(event.getPathParameters())
                .map(p -> p.get("id"))
                .filter(id -> TASK_ID.matcher(id).matches());
    }
}
