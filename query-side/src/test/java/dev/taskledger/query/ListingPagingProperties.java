package dev.taskledger.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.taskledger.command.domain.CommandContext;
import dev.taskledger.command.request.TaskRequests;
import dev.taskledger.command.service.TaskCommandService;
import dev.taskledger.events.Actor;
import dev.taskledger.events.EventCodec;
import dev.taskledger.events.Role;
import dev.taskledger.http.Cursors;
import dev.taskledger.http.Principal;
import dev.taskledger.ledger.Ledger;
import dev.taskledger.projector.runtime.ProjectionRuntime;
import dev.taskledger.projector.view.TaskViewProjector;
import dev.taskledger.table.sqlite.SqliteTable;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/** Paging through any filter and sort with any limit returns every matching task exactly once, in order. */
class ListingPagingProperties {
    static SqliteTable table;
    static Ledger ledger;
    static TaskCommandService service;
    static ProjectionRuntime view;
    static TaskQueryHandler queries;
    static int run;

    @BeforeContainer
    static void open() throws Exception {
        table = SqliteTable.open(
                Files.createTempDirectory("paging").resolve("p.db"), SqliteTable.Durability.NORMAL, Clock.systemUTC());
        ledger = new Ledger(table, Clock.systemUTC());
        service = new TaskCommandService(ledger);
        view = new ProjectionRuntime(ledger, new TaskViewProjector());
        queries = new TaskQueryHandler(ledger, view.reader(), new Cursors(new byte[32]), Duration.ofSeconds(1));
    }

    @AfterContainer
    static void close() {
        table.close();
    }

    record Spec(String status, String priority, String label, String assignee) {}

    record Filter(List<String> statuses, String priority, String label, String assignee, String sort) {
        Predicate<JsonNode> predicate() {
            return t -> (statuses.isEmpty() || statuses.contains(t.get("status").asText()))
                    && (priority == null || priority.equals(t.get("priority").asText()))
                    && (label == null || t.get("labels").toString().contains("\"" + label + "\""))
                    && (assignee == null || assignee.equals(t.get("assigned_to").asText(null)));
        }

        String query() {
            List<String> parts = new ArrayList<>();
            statuses.forEach(s -> parts.add("status=" + s));
            if (priority != null) parts.add("priority=" + priority);
            if (label != null) parts.add("label=" + label);
            if (assignee != null) parts.add("assigned_to=" + assignee);
            parts.add("sort=" + sort);
            return String.join("&", parts);
        }
    }

    @Property(tries = 25)
    void every_matching_task_comes_exactly_once_in_the_requested_order(
            @ForAll("tasks") List<Spec> specs,
            @ForAll("filters") Filter filter,
            @ForAll @IntRange(min = 1, max = 12) int limit)
            throws Exception {
        String tenant = "paging-" + (run++);
        Actor admin = new Actor("a", null, Role.ADMIN);
        List<JsonNode> created = new ArrayList<>();
        int i = 0;
        for (Spec spec : specs) {
            String body =
                    "{\"title\":\"t\",\"status\":\"%s\",\"priority\":\"%s\",\"labels\":[\"%s\"],\"assigned_to\":%s}"
                            .formatted(
                                    spec.status(),
                                    spec.priority(),
                                    spec.label(),
                                    spec.assignee() == null ? "null" : "\"" + spec.assignee() + "\"");
            service.handle(
                    tenant,
                    TaskRequests.create(EventCodec.MAPPER.readTree(body)).get(),
                    new CommandContext(
                            admin,
                            Instant.parse("2026-01-01T00:00:00.000Z").plusMillis(i / 3),
                            "task-%03d".formatted(i),
                            "p"),
                    Optional.empty());
            i++;
        }
        view.catchUp(tenant, ledger.head(tenant).sequence());
        for (int n = 0; n < specs.size(); n++) {
            created.add(EventCodec.MAPPER.readTree(view.read(tenant, "TASK#task-%03d".formatted(n))
                    .orElseThrow()
                    .string("task")));
        }
        String timeField = filter.sort().endsWith("updated_at") ? "updated_at" : "created_at";
        Comparator<JsonNode> order = Comparator.comparing(
                        (JsonNode t) -> t.get(timeField).asText())
                .thenComparing(t -> t.get("task_id").asText());
        if (filter.sort().startsWith("-")) {
            order = order.reversed();
        }
        List<String> expected = created.stream()
                .filter(filter.predicate())
                .sorted(order)
                .map(t -> t.get("task_id").asText())
                .toList();

        List<String> seen = new ArrayList<>();
        String cursor = null;
        for (int guard = 0; guard < 200; guard++) {
            Map<String, String> params = new LinkedHashMap<>();
            for (String part : filter.query().split("&")) {
                String[] kv = part.split("=", 2);
                params.merge(kv[0], kv[1], (a, b) -> a + "," + b);
            }
            params.put("limit", Integer.toString(limit));
            if (cursor != null) {
                params.put("cursor", cursor);
            }
            APIGatewayV2HTTPResponse response = queries.handleRequest(list(tenant, params), null);
            assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(200);
            JsonNode page = EventCodec.MAPPER.readTree(response.getBody());
            assertThat(page.get("items").size()).isLessThanOrEqualTo(limit);
            page.get("items").forEach(t -> seen.add(t.get("task_id").asText()));
            if (page.get("next_cursor").isNull()) {
                break;
            }
            cursor = page.get("next_cursor").asText();
        }
        assertThat(seen).isEqualTo(expected);
    }

    static APIGatewayV2HTTPEvent list(String tenant, Map<String, String> params) {
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setRouteKey("GET /tasks");
        event.setRawPath("/tasks");
        event.setHeaders(Map.of());
        event.setQueryStringParameters(params);
        var context = new APIGatewayV2HTTPEvent.RequestContext();
        context.setRequestId("paging");
        context.setAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                .withLambda(new HashMap<>(new Principal(tenant, "reader", null, Role.MEMBER).toContext()))
                .build());
        event.setRequestContext(context);
        return event;
    }

    @Provide
    Arbitrary<List<Spec>> tasks() {
        return Combinators.combine(
                        Arbitraries.of("OPEN", "IN_PROGRESS", "DONE", "CANCELLED"),
                        Arbitraries.of("LOW", "MEDIUM", "HIGH", "URGENT"),
                        Arbitraries.of("red", "blue", "green"),
                        Arbitraries.of("a@x.io", "b@x.io").injectNull(0.4))
                .as(Spec::new)
                .list()
                .ofMaxSize(30);
    }

    @Provide
    Arbitrary<Filter> filters() {
        return Combinators.combine(
                        Arbitraries.of("OPEN", "IN_PROGRESS", "DONE", "CANCELLED")
                                .list()
                                .uniqueElements()
                                .ofMaxSize(2),
                        Arbitraries.of("LOW", "HIGH").injectNull(0.6),
                        Arbitraries.of("red", "blue").injectNull(0.6),
                        Arbitraries.of("a@x.io").injectNull(0.7),
                        Arbitraries.of("-created_at", "created_at", "-updated_at", "updated_at"))
                .as(Filter::new);
    }
}
