package dev.taskledger.projector.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.taskledger.command.domain.CommandContext;
import dev.taskledger.command.domain.Precondition;
import dev.taskledger.command.domain.TaskCommand;
import dev.taskledger.command.request.TaskRequests;
import dev.taskledger.command.service.CommandResult;
import dev.taskledger.command.service.TaskCommandService;
import dev.taskledger.events.Actor;
import dev.taskledger.events.EventCodec;
import dev.taskledger.events.EventEnvelope;
import dev.taskledger.events.Role;
import dev.taskledger.ledger.Keys;
import dev.taskledger.ledger.Ledger;
import dev.taskledger.projector.analytics.AnalyticsProjector;
import dev.taskledger.projector.bus.BusEvent;
import dev.taskledger.projector.bus.Chaos;
import dev.taskledger.projector.bus.DeliveryPolicy;
import dev.taskledger.projector.bus.InProcessBus;
import dev.taskledger.projector.route.EventRoutes;
import dev.taskledger.projector.route.ProjectorName;
import dev.taskledger.projector.view.AuditProjector;
import dev.taskledger.projector.view.TaskViewProjector;
import dev.taskledger.table.Item;
import dev.taskledger.table.Page;
import dev.taskledger.table.Query;
import dev.taskledger.table.sqlite.SqliteTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * For random command histories delivered through a chaotic bus (duplicates, delays that reorder, transient
 * failures) and with the projector "restarted" (a fresh runtime object) at a random point, the task view and the
 * audit trail end equal to a replay of the ledger from scratch.
 */
class ProjectionConvergenceProperties {
    static SqliteTable table;
    static Ledger ledger;
    static TaskCommandService service;
    static int run;

    @BeforeContainer
    static void open() throws Exception {
        Path dir = Files.createTempDirectory("convergence");
        table = SqliteTable.open(dir.resolve("c.db"), SqliteTable.Durability.NORMAL, Clock.systemUTC());
        ledger = new Ledger(table, Clock.systemUTC());
        service = new TaskCommandService(ledger);
    }

    @AfterContainer
    static void close() {
        table.close();
    }

    record Step(int task, String kind, String body) {}

    @Property(tries = 12)
    void projections_after_chaotic_delivery_equal_a_replay_from_scratch(
            @ForAll("histories") List<Step> steps, @ForAll("chaos") Chaos chaos, @ForAll("restartAt") int restartAt)
            throws Exception {
        String tenant = "chaos-" + (run++);
        List<EventEnvelope> appended = new ArrayList<>();
        Actor admin = new Actor("admin", "a@example.com", Role.ADMIN);
        for (Step step : steps) {
            String id = "task-" + step.task();
            JsonNode body = EventCodec.MAPPER.readTree(step.body());
            TaskCommand command =
                    switch (step.kind()) {
                        case "create" -> TaskRequests.create(body).getOrNull();
                        case "update" ->
                            TaskRequests.update(id, body, Precondition.NONE).getOrNull();
                        default -> new TaskCommand.DeleteTask(id, Precondition.NONE);
                    };
            if (command == null) {
                continue; // a body the edge refuses never reaches the service
            }
            if (command instanceof TaskCommand.CreateTask
                    && ledger.taskState(tenant, id).isPresent()) {
                continue;
            }
            CommandResult result = service.handle(
                    tenant, command, new CommandContext(admin, Instant.now(), id, "c"), Optional.empty());
            if (result instanceof CommandResult.Applied applied) {
                appended.addAll(applied.events());
            }
        }

        var runtimes = new Object() {
            ProjectionRuntime view = new ProjectionRuntime(ledger, new TaskViewProjector());
            ProjectionRuntime audit = new ProjectionRuntime(ledger, new AuditProjector());
            ProjectionRuntime analytics = new ProjectionRuntime(ledger, new AnalyticsProjector());
        };
        try (InProcessBus bus = new InProcessBus(
                EventRoutes.ALL,
                Map.of(
                        ProjectorName.TASK_VIEW, e -> new ProjectorHandler(runtimes.view).handle(e),
                        ProjectorName.AUDIT, e -> new ProjectorHandler(runtimes.audit).handle(e),
                        ProjectorName.ANALYTICS, e -> new ProjectorHandler(runtimes.analytics).handle(e)),
                new DeliveryPolicy(50, Duration.ofMinutes(1), Duration.ofMillis(1), Duration.ofMillis(5)),
                chaos,
                Clock.systemUTC())) {
            // deliver in a shuffled order, restarting the projectors part way
            List<EventEnvelope> order = new ArrayList<>(appended);
            java.util.Collections.shuffle(order, new java.util.Random(chaos.seed()));
            for (int i = 0; i < order.size(); i++) {
                if (i == restartAt % Math.max(1, order.size())) {
                    runtimes.view = new ProjectionRuntime(ledger, new TaskViewProjector());
                    runtimes.audit = new ProjectionRuntime(ledger, new AuditProjector());
                    runtimes.analytics = new ProjectionRuntime(ledger, new AnalyticsProjector());
                }
                EventEnvelope e = order.get(i);
                assertThat(bus.publish(List.of(new BusEvent(EventRoutes.SOURCE, e.eventType(), EventCodec.toJson(e)))))
                        .isEmpty();
            }
            long deadline = System.currentTimeMillis() + 20_000;
            while (!bus.idle() && System.currentTimeMillis() < deadline) {
                Thread.sleep(5);
            }
            assertThat(bus.idle()).isTrue();
            assertThat(bus.deadLetters()).isEmpty();
        }

        long head = ledger.head(tenant).sequence();
        AnalyticsRecount.assertAnalyticsEqualRecount(table, ledger, tenant, runtimes.view, runtimes.analytics);
        for (ProjectionRuntime live : List.of(runtimes.view, runtimes.audit, runtimes.analytics)) {
            assertThat(live.projectedSequence(tenant)).isEqualTo(head);
            long liveVersion = live.activeVersion(tenant);
            long rebuilt = live.rebuild(tenant);
            assertThat(items(tenant, live.name(), rebuilt)).isEqualTo(items(tenant, live.name(), liveVersion));
        }
    }

    /** A projection version's items, keyed by their suffix, with the checkpoint. */
    static Map<String, Map<String, dev.taskledger.table.Attr>> items(String tenant, String projection, long version) {
        return itemsOf(table, tenant, projection, version);
    }

    static Map<String, Map<String, dev.taskledger.table.Attr>> itemsOf(
            dev.taskledger.table.Table table, String tenant, String projection, long version) {
        String prefix = Keys.projectionPrefix(projection, version);
        Map<String, Map<String, dev.taskledger.table.Attr>> result = new TreeMap<>();
        Query query = Query.prefix(Keys.tenantPartition(tenant), prefix, 500);
        while (true) {
            Page page = table.query(query);
            for (Item item : page.items()) {
                var attributes = new java.util.LinkedHashMap<>(item.attributes());
                attributes.remove("PK");
                attributes.remove("SK");
                result.put(item.key().sk().substring(prefix.length()), attributes);
            }
            if (page.lastEvaluatedKey().isEmpty()) {
                return result;
            }
            query = query.after(page.lastEvaluatedKey().get());
        }
    }

    @Provide
    Arbitrary<List<Step>> histories() {
        Arbitrary<String> body = Arbitraries.of(
                "{\"title\":\"x\"}",
                "{\"status\":\"DONE\"}",
                "{\"status\":\"IN_PROGRESS\",\"priority\":\"HIGH\"}",
                "{\"assigned_to\":\"m@example.com\"}",
                "{\"labels\":[\"a\",\"b\"]}",
                "{\"title\":\"y\",\"labels\":null}");
        return Combinators.combine(
                        Arbitraries.integers().between(0, 4),
                        Arbitraries.of("create", "create", "update", "update", "update", "delete"),
                        body)
                .as(Step::new)
                .list()
                .ofMinSize(1)
                .ofMaxSize(25);
    }

    @Provide
    Arbitrary<Chaos> chaos() {
        return Combinators.combine(
                        Arbitraries.doubles().between(0, 0.5),
                        Arbitraries.integers().between(0, 20),
                        Arbitraries.doubles().between(0, 0.3),
                        Arbitraries.longs())
                .as((dup, delay, fail, seed) -> new Chaos(dup, Duration.ofMillis(delay), fail, seed));
    }

    @Provide
    Arbitrary<Integer> restartAt() {
        return Arbitraries.integers().between(0, 30);
    }
}
