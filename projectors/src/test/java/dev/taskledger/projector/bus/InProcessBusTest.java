package dev.taskledger.projector.bus;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.taskledger.events.EventCodec;
import dev.taskledger.projector.route.EventRoute;
import dev.taskledger.projector.route.EventRoutes;
import dev.taskledger.projector.route.ProjectorName;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class InProcessBusTest {
    static final DeliveryPolicy FAST =
            new DeliveryPolicy(3, Duration.ofMinutes(1), Duration.ofMillis(1), Duration.ofMillis(5));

    static BusEvent event(String type, int n) {
        return new BusEvent(
                EventRoutes.SOURCE, type, EventCodec.MAPPER.createObjectNode().put("n", n));
    }

    static void awaitIdle(InProcessBus bus) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (!bus.idle() && System.currentTimeMillis() < deadline) {
            Thread.sleep(2);
        }
        assertThat(bus.idle()).isTrue();
    }

    @Test
    void events_reach_every_target_whose_pattern_matches_in_eventbridge_shape() throws Exception {
        List<JsonNode> view = new CopyOnWriteArrayList<>();
        List<JsonNode> audit = new CopyOnWriteArrayList<>();
        try (InProcessBus bus = new InProcessBus(
                EventRoutes.ALL,
                Map.of(
                        ProjectorName.TASK_VIEW,
                        view::add,
                        ProjectorName.AUDIT,
                        audit::add,
                        ProjectorName.ANALYTICS,
                        e -> {}),
                FAST,
                Chaos.NONE,
                Clock.systemUTC())) {
            assertThat(bus.publish(List.of(
                            event("TaskCreated", 1),
                            new BusEvent("other.source", "TaskCreated", EventCodec.MAPPER.createObjectNode()),
                            event("SomethingElse", 2))))
                    .isEmpty();
            awaitIdle(bus);
        }
        assertThat(view).hasSize(1);
        assertThat(audit).hasSize(1);
        JsonNode delivered = view.getFirst();
        assertThat(delivered.get("source").asText()).isEqualTo("taskledger.tasks");
        assertThat(delivered.get("detail-type").asText()).isEqualTo("TaskCreated");
        assertThat(delivered.get("detail").get("n").asInt()).isEqualTo(1);
        assertThat(delivered.has("id")).isTrue();
        assertThat(delivered.has("time")).isTrue();
    }

    @Test
    void a_failing_target_is_retried_then_parked_and_a_redrive_delivers_it() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        List<JsonNode> delivered = new CopyOnWriteArrayList<>();
        var healthy = new java.util.concurrent.atomic.AtomicBoolean(false);
        List<EventRoute> routes = List.of(EventRoutes.ALL.getFirst());
        try (InProcessBus bus = new InProcessBus(
                routes,
                Map.of(ProjectorName.TASK_VIEW, e -> {
                    calls.incrementAndGet();
                    if (!healthy.get()) {
                        throw new IllegalStateException("poison");
                    }
                    delivered.add(e);
                }),
                FAST,
                Chaos.NONE,
                Clock.systemUTC())) {
            bus.publish(List.of(event("TaskCreated", 1)));
            awaitIdle(bus);
            assertThat(calls.get()).isEqualTo(3);
            assertThat(bus.deadLetters()).singleElement().satisfies(letter -> {
                assertThat(letter.attempts()).isEqualTo(3);
                assertThat(letter.error()).isEqualTo("poison");
                assertThat(letter.target()).isEqualTo("TASK_VIEW");
            });
            healthy.set(true);
            assertThat(bus.redrive()).isEqualTo(1);
            awaitIdle(bus);
        }
        assertThat(delivered).hasSize(1);
    }

    @Test
    void chaos_duplicates_and_transient_failures_still_deliver_every_event_at_least_once() throws Exception {
        List<Integer> seen = new CopyOnWriteArrayList<>();
        try (InProcessBus bus = new InProcessBus(
                List.of(EventRoutes.ALL.getFirst()),
                Map.of(
                        ProjectorName.TASK_VIEW,
                        e -> seen.add(e.get("detail").get("n").asInt())),
                new DeliveryPolicy(30, Duration.ofMinutes(1), Duration.ofMillis(1), Duration.ofMillis(2)),
                new Chaos(0.5, Duration.ofMillis(5), 0.3, 42),
                Clock.systemUTC())) {
            for (int i = 0; i < 50; i++) {
                bus.publish(List.of(event("TaskUpdated", i)));
            }
            awaitIdle(bus);
            assertThat(bus.deadLetters()).isEmpty();
        }
        assertThat(new java.util.HashSet<>(seen)).hasSize(50);
        assertThat(seen.size()).isGreaterThan(50);
    }

    @Test
    void more_than_ten_entries_in_one_publish_are_refused() {
        try (InProcessBus bus = new InProcessBus(EventRoutes.ALL, Map.of(), FAST, Chaos.NONE, Clock.systemUTC())) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> bus.publish(java.util.stream.IntStream.range(0, 11)
                            .mapToObj(i -> event("TaskCreated", i))
                            .toList()))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
