package dev.taskledger.query;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.taskledger.events.EventCodec;
import dev.taskledger.http.Cursors;
import dev.taskledger.http.FunctionName;
import dev.taskledger.http.FunctionShell;
import dev.taskledger.http.Headers;
import dev.taskledger.http.Operation;
import dev.taskledger.http.Problem;
import dev.taskledger.http.ProblemType;
import dev.taskledger.http.QueryParams;
import dev.taskledger.http.RequestBodies;
import dev.taskledger.http.Responses;
import dev.taskledger.http.observe.Telemetry;
import dev.taskledger.ledger.ChainVerifier;
import dev.taskledger.ledger.Ledger;
import dev.taskledger.ledger.StoredEvent;
import dev.taskledger.projector.bus.BusEvent;
import dev.taskledger.projector.bus.EventBus;
import dev.taskledger.projector.read.ProjectionReader;
import dev.taskledger.projector.route.EventRoutes;
import dev.taskledger.query.audit.Digests;
import dev.taskledger.query.audit.Exports;
import dev.taskledger.query.read.AuditTrailReader;
import dev.taskledger.table.Item;
import io.vavr.control.Either;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@code GET /audit} (the audit projection, paged), {@code GET /audit/verify} (the chain recomputed from the
 * ledger's own items, cross-checked against the audit projection), {@code GET /audit/digest} and
 * {@code GET /audit/digests} (the chain of signed digests).
 */
public final class AuditQueryHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private static final FunctionShell SHELL = new FunctionShell(FunctionName.AUDIT_QUERIES);
    /** An audit page stops growing past about this many characters of events (always at least one event). */
    static final long MAX_PAGE_CHARS = 1024 * 1024;

    private static final Set<String> TRAIL_PARAMS =
            Set.of("after_sequence", "from", "to", "task_id", "actor", "limit", "cursor");

    private final Ledger ledger;
    private final ProjectionReader audit;
    private final AuditTrailReader trail;
    private final Digests digests;
    private final Cursors cursors;
    private final Duration maxWait;
    private final Exports exports;
    private final EventBus bus;
    private final Supplier<String> ids;

    public AuditQueryHandler(
            Ledger ledger,
            ProjectionReader audit,
            Digests digests,
            Cursors cursors,
            Duration maxWait,
            Exports exports,
            EventBus bus,
            Supplier<String> ids) {
        this.ledger = ledger;
        this.audit = audit;
        this.trail = new AuditTrailReader(ledger.table(), audit);
        this.digests = digests;
        this.cursors = cursors;
        this.maxWait = maxWait;
        this.exports = exports;
        this.bus = bus;
        this.ids = ids;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return SHELL.handle(event, (route, principal, requestId) -> {
            String tenant = principal.tenantId();
            return switch (route.operationOf(Operation.AuditQuery.class)) {
                case LIST_AUDIT_TRAIL -> trail(event, tenant, requestId);
                case VERIFY_LEDGER -> verify(event, tenant, requestId);
                case GET_DIGEST ->
                    noParams(event)
                            .map(ok -> Responses.json(
                                    200, digests.current(tenant).toJson(), Map.of(Headers.REQUEST_ID, requestId)));
                case CREATE_EXPORT -> createExport(event, tenant, requestId);
                case GET_EXPORT -> noParams(event).flatMap(ok -> getExport(event, tenant, requestId));
                case LIST_DIGESTS -> digestList(event, tenant, requestId);
            };
        });
    }

    private static Either<Problem, Boolean> noParams(APIGatewayV2HTTPEvent event) {
        QueryParams params = new QueryParams(event, Set.of());
        return params.errors.isEmpty() ? Either.right(true) : Either.left(params.problem());
    }

    private Either<Problem, APIGatewayV2HTTPResponse> trail(
            APIGatewayV2HTTPEvent event, String tenant, String requestId) {
        QueryParams params = new QueryParams(event, TRAIL_PARAMS);
        long after = params.nonNegative("after_sequence", 0);
        Instant from = params.instant("from");
        Instant to = params.instant("to");
        String taskId = params.one("task_id");
        String actor = params.one("actor");
        int limit = params.limit(1, 1000, 100);
        String binding = Cursors.binding("audit", tenant, after, from, to, taskId, actor);
        Optional<Long> position = params.numericCursor(cursors, binding);
        if (position.isPresent()) {
            after = position.get();
        }
        if (!params.errors.isEmpty()) {
            return Either.left(params.problem());
        }
        long start = after;
        return ReadYourWrites.minSequence(event)
                .flatMap(min -> ReadYourWrites.await(audit, tenant, min, maxWait))
                .map(projected -> {
                    AuditTrailReader.TrailPage page = trail.page(
                            tenant, start, new AuditTrailReader.Filter(from, to, taskId, actor), limit, MAX_PAGE_CHARS);
                    List<String> items = page.events();
                    String next = page.next()
                            .map(last -> EventCodec.MAPPER
                                    .getNodeFactory()
                                    .textNode(cursors.sign(binding, Long.toString(last)))
                                    .toString())
                            .orElse("null");
                    return Responses.response(
                            200,
                            "{\"items\":[" + String.join(",", items) + "],\"next_cursor\":" + next + "}",
                            Map.of(
                                    "Content-Type",
                                    Responses.JSON,
                                    Headers.PROJECTED_SEQUENCE,
                                    Long.toString(projected),
                                    Headers.REQUEST_ID,
                                    requestId));
                });
    }

    private Either<Problem, APIGatewayV2HTTPResponse> verify(
            APIGatewayV2HTTPEvent event, String tenant, String requestId) {
        QueryParams params = new QueryParams(event, Set.of("from_sequence", "to_sequence"));
        long from = params.positive("from_sequence", 1);
        long to = params.positive("to_sequence", Long.MAX_VALUE);
        if (from > to) {
            params.invalid("from_sequence", "must not be after to_sequence");
        }
        if (!params.errors.isEmpty()) {
            return Either.left(params.problem());
        }
        ChainVerifier.Report report = ChainVerifier.verify(ledger, tenant, from, to);
        ChainVerifier.Failure failure = report.failure();
        if (failure == null && report.lastSequence() != null) {
            failure = crossCheck(tenant, report.firstSequence(), report.lastSequence());
        }
        String status = failure == null ? "VERIFIED" : "BROKEN";
        Telemetry.record(
                failure == null ? "INFO" : "ERROR",
                "ledger verified",
                Map.of("tenant_id", tenant, "request_id", requestId, "checked", report.checked()),
                Telemetry.Metric.count("VerifyResults", Map.of("status", status)));
        ObjectNode body = EventCodec.MAPPER.createObjectNode();
        body.put("status", status);
        body.put("checked", report.checked());
        putNullable(body, "first_sequence", report.firstSequence());
        putNullable(body, "last_sequence", report.lastSequence());
        body.put("head_hash", report.headHash());
        if (failure == null) {
            body.putNull("failure");
        } else {
            body.putObject("failure").put("sequence", failure.sequence()).put("reason", failure.reason());
        }
        return Either.right(Responses.json(200, body, Map.of(Headers.REQUEST_ID, requestId)));
    }

    /** The audit projection must hold exactly the ledger's events for every sequence it has applied. */
    private ChainVerifier.Failure crossCheck(String tenant, long from, long to) {
        long upTo = Math.min(to, audit.projectedSequence(tenant));
        var failure = new ChainVerifier.Failure[1];
        ledger.forEachEvent(tenant, from, upTo, stored -> {
            if (failure[0] != null) {
                return;
            }
            long sequence = stored.envelope().sequence();
            Optional<Item> entry = trail.entry(tenant, sequence);
            if (entry.isEmpty() || !sameJson(entry.get().string("event"), stored)) {
                failure[0] = new ChainVerifier.Failure(sequence, "the audit trail disagrees with the ledger");
            }
        });
        return failure[0];
    }

    private static boolean sameJson(String text, StoredEvent stored) {
        try {
            JsonNode json = EventCodec.MAPPER.readTree(text);
            return json.equals(stored.json());
        } catch (IOException e) {
            return false;
        }
    }

    private Either<Problem, APIGatewayV2HTTPResponse> digestList(
            APIGatewayV2HTTPEvent event, String tenant, String requestId) {
        QueryParams params = new QueryParams(event, Set.of("limit", "cursor"));
        int limit = params.limit(1, 100, 25);
        String binding = Cursors.binding("digests", tenant);
        long after = 0;
        Optional<Long> position = params.numericCursor(cursors, binding);
        if (position.isPresent()) {
            after = position.get();
        }
        if (!params.errors.isEmpty()) {
            return Either.left(params.problem());
        }
        List<Digests.Digest> page = digests.list(tenant, after, limit + 1);
        boolean more = page.size() > limit;
        List<Digests.Digest> shown = more ? page.subList(0, limit) : page;
        ObjectNode body = EventCodec.MAPPER.createObjectNode();
        var items = body.putArray("items");
        shown.forEach(d -> items.add(d.toJson()));
        if (more) {
            body.put(
                    "next_cursor",
                    cursors.sign(binding, Long.toString(shown.getLast().number())));
        } else {
            body.putNull("next_cursor");
        }
        return Either.right(Responses.json(200, body, Map.of(Headers.REQUEST_ID, requestId)));
    }

    private Either<Problem, APIGatewayV2HTTPResponse> createExport(
            APIGatewayV2HTTPEvent event, String tenant, String requestId) {
        return noParams(event)
                .flatMap(ok -> RequestBodies.jsonBody(event, RequestBodies.bodyBytes(event)))
                .flatMap(body -> {
                    List<Problem.FieldProblem> errors = new ArrayList<>();
                    body.properties().forEach(e -> {
                        if (!Set.of("from_sequence", "to_sequence").contains(e.getKey())) {
                            errors.add(new Problem.FieldProblem(e.getKey(), "is not a known field"));
                        }
                    });
                    long from = sequenceField(body, "from_sequence", 1, errors);
                    long to = sequenceField(body, "to_sequence", Long.MAX_VALUE, errors);
                    if (errors.isEmpty() && from > to) {
                        errors.add(new Problem.FieldProblem("from_sequence", "must not be after to_sequence"));
                    }
                    long head = ledger.head(tenant).sequence();
                    if (errors.isEmpty() && from > head) {
                        // only events that exist are exported and signed; to_sequence past the head is clamped
                        errors.add(new Problem.FieldProblem(
                                "from_sequence", "must not be beyond the ledger head (" + head + ")"));
                    }
                    if (!errors.isEmpty()) {
                        return Either.left(new Problem(
                                ProblemType.VALIDATION, errors.size() + " field(s) are invalid", errors, Map.of()));
                    }
                    String exportId = ids.get();
                    if (!exports.request(tenant, exportId, from, to)) {
                        return Either.left(Problem.of(
                                        ProblemType.RATE_LIMITED,
                                        "a tenant may have " + Exports.MAX_ACTIVE_PER_TENANT
                                                + " exports in progress and request " + Exports.MAX_PER_HOUR
                                                + " per hour; retry later")
                                .withHeader("Retry-After", "60"));
                    }
                    ObjectNode detail = EventCodec.MAPPER
                            .createObjectNode()
                            .put("tenant_id", tenant)
                            .put("export_id", exportId);
                    List<Integer> failed = bus.publish(
                            List.of(new BusEvent(EventRoutes.EXPORTS_SOURCE, EventRoutes.EXPORT_REQUESTED, detail)));
                    if (!failed.isEmpty()) {
                        throw new IllegalStateException("the export request could not be put on the bus");
                    }
                    ObjectNode answer = EventCodec.MAPPER
                            .createObjectNode()
                            .put("export_id", exportId)
                            .put("status", "PENDING");
                    return Either.right(Responses.json(
                            202,
                            answer,
                            Map.of(Headers.LOCATION, "/audit/exports/" + exportId, Headers.REQUEST_ID, requestId)));
                });
    }

    private static long sequenceField(JsonNode body, String name, long fallback, List<Problem.FieldProblem> errors) {
        JsonNode value = body.get(name);
        if (value == null) {
            return fallback;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() < 1) {
            errors.add(new Problem.FieldProblem(name, "must be an integer >= 1"));
            return fallback;
        }
        return value.longValue();
    }

    private Either<Problem, APIGatewayV2HTTPResponse> getExport(
            APIGatewayV2HTTPEvent event, String tenant, String requestId) {
        String id = Optional.ofNullable(event.getPathParameters())
                .map(p -> p.get("id"))
                .orElse("");
        if (!id.matches("[A-Za-z0-9_-]{1,64}")) {
            return Either.left(Problem.of(ProblemType.NOT_FOUND, "no such export"));
        }
        return exports.find(tenant, id)
                .<Either<Problem, APIGatewayV2HTTPResponse>>map(item -> Either.right(
                        Responses.json(200, exports.status(item, id), Map.of(Headers.REQUEST_ID, requestId))))
                .orElseGet(() -> Either.left(Problem.of(ProblemType.NOT_FOUND, "no such export")));
    }

    private static void putNullable(ObjectNode node, String name, Long value) {
        if (value == null) {
            node.putNull(name);
        } else {
            node.put(name, value);
        }
    }
}
