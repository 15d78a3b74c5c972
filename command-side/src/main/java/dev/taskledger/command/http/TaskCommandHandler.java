package dev.taskledger.command.http;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.taskledger.command.domain.CommandContext;
import dev.taskledger.command.domain.Precondition;
import dev.taskledger.command.domain.Rejection;
import dev.taskledger.command.domain.TaskCommand;
import dev.taskledger.command.request.TaskRequests;
import dev.taskledger.command.service.CommandResult;
import dev.taskledger.command.service.IdempotencySpec;
import dev.taskledger.command.service.Ids;
import dev.taskledger.command.service.TaskCommandService;
import dev.taskledger.http.FunctionName;
import dev.taskledger.http.FunctionShell;
import dev.taskledger.http.Operation;
import dev.taskledger.http.Priming;
import dev.taskledger.http.Principal;
import dev.taskledger.http.Problem;
import dev.taskledger.http.ProblemType;
import dev.taskledger.http.RequestBodies;
import dev.taskledger.http.Responses;
import dev.taskledger.http.Route;
import dev.taskledger.ledger.IdempotencyRecord;
import dev.taskledger.ledger.Keys;
import dev.taskledger.ledger.Ledger;
import io.vavr.control.Either;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * The command function behind {@code POST /tasks} and {@code PUT/PATCH/DELETE /tasks/{id}}. Checks come in the
 * order of SPEC section 11: 401, 403 role, 415, 413, 400 (body, headers), then the service decides 404, 403 owner
 * and 412, and an idempotency key reused for another request is 422 last.
 */
public final class TaskCommandHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    static final Duration IDEMPOTENCY_TTL = Duration.ofHours(24);
    private static final FunctionShell SHELL = new FunctionShell(FunctionName.TASK_COMMANDS);

    private final Ledger ledger;
    private final TaskCommandService service;
    private final Clock clock;

    /** For the Lambda runtime: the DynamoDB table named by {@code TASKLEDGER_TABLE}. */
    public TaskCommandHandler() {
        this(LambdaWiring.ledger(), Clock.systemUTC());
        Priming.register("TASK_COMMANDS", () -> {
            handleRequest(Priming.apiEvent("POST /tasks", "/tasks", Map.of(), "{\"title\":\"\"}"), null); // a 400
            ledger.head(Priming.TENANT);
        });
    }

    public TaskCommandHandler(Ledger ledger, Clock clock) {
        this.ledger = ledger;
        this.service = new TaskCommandService(ledger);
        this.clock = clock;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return SHELL.handle(event, (route, principal, requestId) -> parse(event, route, principal, requestId));
    }

    private Either<Problem, APIGatewayV2HTTPResponse> parse(
            APIGatewayV2HTTPEvent event, Route route, Principal principal, String requestId) {
        byte[] body = RequestBodies.bodyBytes(event);
        String method = route.method();
        Operation.TaskCommand operation = route.operationOf(Operation.TaskCommand.class);
        boolean creates = operation == Operation.TaskCommand.CREATE_TASK;
        Either<Problem, Optional<JsonNode>> json = operation == Operation.TaskCommand.DELETE_TASK
                ? Either.right(Optional.empty())
                : RequestBodies.jsonBody(event, body).map(Optional::of);
        return json.flatMap(parsed -> RequestChecks.noQueryParameters(event).map(none -> parsed))
                .flatMap(parsed -> RequestChecks.idempotencyKey(event)
                        .map(clientKey -> clientKey.map(k -> Keys.idempotencyScope(principal.userId(), k)))
                        .flatMap(key -> RequestChecks.correlationId(event).flatMap(correlation -> (creates
                                        ? Either.<Problem, Precondition>right(Precondition.NONE)
                                        : RequestChecks.ifMatch(event))
                                .flatMap(precondition -> {
                                    Optional<String> taskId = creates
                                            ? Optional.of(Ids.newId())
                                            : Optional.ofNullable(event.getPathParameters())
                                                    .map(p -> p.get("id"))
                                                    .filter(id -> RequestChecks.TASK_ID
                                                            .matcher(id)
                                                            .matches());
                                    if (taskId.isEmpty()) {
                                        return Either.left(Problem.of(ProblemType.NOT_FOUND, "no such task"));
                                    }
                                    Either<Rejection, ? extends TaskCommand> parsedCommand =
                                            switch (operation) {
                                                case CREATE_TASK -> TaskRequests.create(parsed.orElseThrow());
                                                case DELETE_TASK ->
                                                    Either.right(
                                                            new TaskCommand.DeleteTask(taskId.get(), precondition));
                                                case REPLACE_TASK, UPDATE_TASK ->
                                                    TaskRequests.update(
                                                            taskId.get(), parsed.orElseThrow(), precondition);
                                            };
                                    Either<Rejection, TaskCommand> command = parsedCommand.map(c -> c);
                                    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
                                    CommandContext context = new CommandContext(
                                            principal.actor(), now, taskId.get(), correlation.orElse(requestId));
                                    String fingerprint = fingerprint(method, event.getRawPath(), body);
                                    return Either.right(execute(
                                            principal.tenantId(),
                                            method,
                                            command,
                                            context,
                                            key,
                                            fingerprint,
                                            requestId));
                                }))));
    }

    /**
     * Runs a command, or answers its body's rejection; either way under the request's idempotency key (a rejected
     * body is a final 4xx too: stored and replayed like any other).
     */
    private APIGatewayV2HTTPResponse execute(
            String tenant,
            String method,
            Either<Rejection, TaskCommand> parsed,
            CommandContext context,
            Optional<String> key,
            String fingerprint,
            String requestId) {
        if (key.isPresent()) {
            Optional<IdempotencyRecord> existing = ledger.idempotency(tenant, key.get());
            if (existing.isPresent()) {
                return replayOrRefuse(tenant, parsed, context, existing.get(), fingerprint, requestId);
            }
        }
        Instant expiresAt = context.now().plus(IDEMPOTENCY_TTL);
        if (parsed.isLeft()) {
            return remember(
                    tenant,
                    key,
                    fingerprint,
                    expiresAt,
                    0,
                    Responses.problem(CommandResponses.problem(parsed.getLeft()), requestId),
                    requestId);
        }
        TaskCommand command = parsed.get();
        Optional<IdempotencySpec> spec = key.map(k -> new IdempotencySpec(
                k,
                fingerprint,
                applied -> StoredResponse.encode(CommandResponses.applied(tenant, method, applied, "")),
                expiresAt));
        CommandResult result = service.handle(tenant, command, context, spec);
        return switch (result) {
            case CommandResult.Applied applied -> CommandResponses.applied(tenant, method, applied, requestId);
            case CommandResult.AlreadyDone done ->
                replayOrRefuse(tenant, parsed, context, done.record(), fingerprint, requestId);
            case CommandResult.Unchanged unchanged ->
                remember(
                        tenant,
                        key,
                        fingerprint,
                        expiresAt,
                        unchanged.sequence(),
                        CommandResponses.unchanged(tenant, unchanged, requestId),
                        requestId);
            case CommandResult.Rejected rejected ->
                remember(
                        tenant,
                        key,
                        fingerprint,
                        expiresAt,
                        0,
                        Responses.problem(CommandResponses.problem(rejected.rejection()), requestId),
                        requestId);
        };
    }

    /** Stores a final response that appended nothing, so that a retry with the key gets it again. */
    private APIGatewayV2HTTPResponse remember(
            String tenant,
            Optional<String> key,
            String fingerprint,
            Instant expiresAt,
            long sequence,
            APIGatewayV2HTTPResponse response,
            String requestId) {
        if (key.isEmpty()) {
            return response;
        }
        IdempotencyRecord record =
                new IdempotencyRecord(key.get(), fingerprint, StoredResponse.encode(response), sequence, expiresAt);
        return ledger.putIdempotency(tenant, record)
                .filter(other -> !other.fingerprint().equals(fingerprint))
                .map(other -> Responses.problem(reuse(), requestId))
                .orElse(response);
    }

    private APIGatewayV2HTTPResponse replayOrRefuse(
            String tenant,
            Either<Rejection, TaskCommand> parsed,
            CommandContext context,
            IdempotencyRecord record,
            String fingerprint,
            String requestId) {
        if (record.fingerprint().equals(fingerprint)) {
            return StoredResponse.decode(record.response(), requestId);
        }
        if (parsed.isLeft()) {
            return Responses.problem(CommandResponses.problem(parsed.getLeft()), requestId);
        }
        TaskCommand command = parsed.get();
        // 422 comes last in the order of checks: a request that would be refused anyway gets that refusal.
        return service.rejection(tenant, command, context)
                .map(rejection -> Responses.problem(CommandResponses.problem(rejection), requestId))
                .orElseGet(() -> Responses.problem(reuse(), requestId));
    }

    private static Problem reuse() {
        return Problem.of(
                ProblemType.IDEMPOTENCY_KEY_REUSE,
                "this Idempotency-Key was already used with a different method, path or body");
    }

    static String fingerprint(String method, String path, byte[] body) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((method + "\n" + path + "\n").getBytes(StandardCharsets.UTF_8));
            sha.update(body);
            return HexFormat.of().formatHex(sha.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
