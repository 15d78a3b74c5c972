package dev.taskledger.projector.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskledger.command.domain.CommandContext;
import dev.taskledger.command.domain.Precondition;
import dev.taskledger.command.request.TaskRequests;
import dev.taskledger.command.service.TaskCommandService;
import dev.taskledger.events.Actor;
import dev.taskledger.events.EventCodec;
import dev.taskledger.events.Role;
import dev.taskledger.ledger.Ledger;
import dev.taskledger.ledger.StoredEvent;
import dev.taskledger.projector.bus.BusEvent;
import dev.taskledger.projector.bus.Chaos;
import dev.taskledger.projector.bus.DeliveryPolicy;
import dev.taskledger.projector.bus.InProcessBus;
import dev.taskledger.projector.route.EventRoutes;
import dev.taskledger.projector.route.ProjectorName;
import dev.taskledger.projector.view.TaskViewProjector;
import dev.taskledger.table.sqlite.SqliteTable;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A poison event — one the projector throws on, until it is fixed — is retried, then parked as a dead letter,
 * while the other tenants' events keep flowing; after the fix a redrive brings the poisoned tenant's projection
 * to its ledger head, equal to a replay from scratch.
 */
class PoisonEventTest {
    @TempDir
    Path dir;

    /** The task view, except that it throws on one tenant's third event until {@code fixed}. */
    static final class Poisoned implements Projector {
        final TaskViewProjector real = new TaskViewProjector();
        final AtomicBoolean fixed = new AtomicBoolean();

        public String name() {
            return real.name();
        }

        public int maxChangesPerEvent() {
            return real.maxChangesPerEvent();
        }

        public void apply(StoredEvent event, Documents documents) {
            if (!fixed.get()
                    && event.envelope().tenantId().equals("poisoned")
                    && event.envelope().sequence() == 3) {
                throw new IllegalStateException("cannot project this event");
            }
            real.apply(event, documents);
        }
    }

    @Test
    void a_poison_event_is_dead_lettered_after_its_retries_others_flow_and_a_redrive_after_the_fix_converges()
            throws Exception {
        try (SqliteTable table = SqliteTable.open(dir.resolve("p.db"))) {
            Ledger ledger = new Ledger(table, Clock.systemUTC());
            TaskCommandService service = new TaskCommandService(ledger);
            for (String tenant : List.of("poisoned", "healthy")) {
                for (int i = 0; i < 5; i++) {
                    service.handle(
                            tenant,
                            i < 4
                                    ? TaskRequests.create(EventCodec.MAPPER.readTree("{\"title\":\"t" + i + "\"}"))
                                            .get()
                                    : TaskRequests.update(
                                                    "task-0",
                                                    EventCodec.MAPPER.readTree("{\"status\":\"DONE\"}"),
                                                    Precondition.NONE)
                                            .get(),
                            new CommandContext(new Actor("a", null, Role.ADMIN), Instant.now(), "task-" + i, "c"),
                            Optional.empty());
                }
            }
            Poisoned projector = new Poisoned();
            ProjectionRuntime view = new ProjectionRuntime(ledger, projector);
            try (InProcessBus bus = new InProcessBus(
                    EventRoutes.ALL,
                    Map.of(ProjectorName.TASK_VIEW, new ProjectorHandler(view)::handle),
                    new DeliveryPolicy(4, Duration.ofMinutes(1), Duration.ofMillis(1), Duration.ofMillis(5)),
                    Chaos.NONE,
                    Clock.systemUTC())) {
                for (String tenant : List.of("poisoned", "healthy")) {
                    for (StoredEvent e : ledger.events(tenant, 1, 5, 10)) {
                        bus.publish(List.of(
                                new BusEvent(EventRoutes.SOURCE, e.envelope().eventType(), e.json())));
                    }
                }
                awaitIdle(bus);

                assertThat(view.projectedSequence("healthy")).isEqualTo(5); // the other tenant flowed
                assertThat(view.projectedSequence("poisoned")).isEqualTo(2); // stopped before the poison, in order
                assertThat(bus.deadLetters()).isNotEmpty().allSatisfy(letter -> {
                    assertThat(letter.target()).isEqualTo("TASK_VIEW");
                    assertThat(letter.attempts()).isEqualTo(4);
                    assertThat(letter.error()).contains("cannot project this event");
                    assertThat(letter.event()).contains("\"tenant_id\":\"poisoned\"");
                });

                projector.fixed.set(true);
                assertThat(bus.redrive()).isPositive();
                awaitIdle(bus);
                assertThat(bus.deadLetters()).isEmpty();
            }
            assertThat(view.projectedSequence("poisoned")).isEqualTo(5);
            long live = view.activeVersion("poisoned");
            long rebuilt = view.rebuild("poisoned");
            assertThat(ProjectionConvergenceProperties.itemsOf(table, "poisoned", view.name(), rebuilt))
                    .isEqualTo(ProjectionConvergenceProperties.itemsOf(table, "poisoned", view.name(), live));
        }
    }

    static void awaitIdle(InProcessBus bus) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (!bus.idle() && System.currentTimeMillis() < deadline) {
            Thread.sleep(5);
        }
        assertThat(bus.idle()).isTrue();
    }
}
