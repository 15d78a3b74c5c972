package dev.taskledger.projector.bus;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.taskledger.events.EventCodec;
import dev.taskledger.projector.route.EventRoutes;
import dev.taskledger.projector.route.ProjectorName;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TargetLaneTest {
    final ScheduledExecutorService watchdog = TargetLane.watchdog();

    @AfterEach
    void stop() {
        watchdog.shutdownNow();
    }

    @Test
    void a_tenant_whose_deliveries_hang_takes_only_its_own_share_and_others_keep_flowing() throws Exception {
        TargetLane lane = new TargetLane("test", new TargetLane.Settings(4, 2, Duration.ofMinutes(1)), watchdog);
        CountDownLatch never = new CountDownLatch(1);
        AtomicInteger hung = new AtomicInteger();
        for (int i = 0; i < 40; i++) {
            lane.submit(
                    "noisy",
                    () -> {
                        hung.incrementAndGet();
                        never.await();
                    },
                    failure -> {});
        }
        CountDownLatch quiet = new CountDownLatch(20);
        for (int i = 0; i < 20; i++) {
            lane.submit("quiet", quiet::countDown, failure -> {});
        }
        assertThat(quiet.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(hung.get()).isEqualTo(2); // its per-tenant cap, however many it queued
        never.countDown();
        lane.close();
    }

    @Test
    void tenants_with_waiting_work_take_turns() throws Exception {
        TargetLane lane = new TargetLane("test", new TargetLane.Settings(1, 1, Duration.ofMinutes(1)), watchdog);
        CountDownLatch gate = new CountDownLatch(1);
        List<String> order = new CopyOnWriteArrayList<>();
        CountDownLatch done = new CountDownLatch(7);
        lane.submit("first", gate::await, f -> done.countDown());
        for (int i = 0; i < 3; i++) {
            lane.submit("a", () -> order.add("a"), f -> done.countDown());
        }
        for (int i = 0; i < 3; i++) {
            lane.submit("b", () -> order.add("b"), f -> done.countDown());
        }
        gate.countDown();
        assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(order).containsExactly("a", "b", "a", "b", "a", "b");
    }

    @Test
    void a_delivery_past_its_timeout_is_interrupted_reported_and_frees_its_place() throws Exception {
        TargetLane lane = new TargetLane("test", new TargetLane.Settings(1, 1, Duration.ofMillis(200)), watchdog);
        List<Throwable> outcomes = new CopyOnWriteArrayList<>();
        CountDownLatch reported = new CountDownLatch(2);
        CountDownLatch end = new CountDownLatch(1);
        lane.submit(
                "t",
                () -> {
                    while (end.getCount() > 0) {
                        try {
                            end.await();
                        } catch (InterruptedException ignoredOnPurpose) {
                            // a delivery that does not stop when interrupted
                        }
                    }
                },
                failure -> {
                    outcomes.add(failure);
                    reported.countDown();
                });
        lane.submit("t", () -> {}, failure -> {
            outcomes.add(failure == null ? new AssertionError("ok") : failure);
            reported.countDown();
        });
        assertThat(reported.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(outcomes.getFirst()).isInstanceOf(TimeoutException.class);
        assertThat(outcomes.get(1)).hasMessage("ok");
        end.countDown();
        lane.close();
    }

    @Test
    void a_target_that_never_answers_does_not_delay_another_and_an_error_is_parked_not_lost() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        List<JsonNode> projected = new CopyOnWriteArrayList<>();
        try (InProcessBus bus = new InProcessBus(
                EventRoutes.ALL,
                Map.of(
                        ProjectorName.WEBHOOKS,
                        e -> {
                            try {
                                never.await();
                            } catch (InterruptedException stopped) {
                                Thread.currentThread().interrupt();
                            }
                        },
                        ProjectorName.TASK_VIEW,
                        projected::add,
                        ProjectorName.NOTIFICATIONS,
                        e -> {
                            throw new OutOfMemoryError("simulated");
                        }),
                new DeliveryPolicy(2, Duration.ofMinutes(1), Duration.ofMillis(1), Duration.ofMillis(2)),
                Chaos.NONE,
                Clock.systemUTC())) {
            for (int i = 0; i < 30; i++) {
                bus.publish(List.of(new BusEvent(
                        EventRoutes.SOURCE,
                        "TaskCreated",
                        EventCodec.MAPPER
                                .createObjectNode()
                                .put("tenant_id", "t" + (i % 3))
                                .put("n", i))));
            }
            long deadline = System.currentTimeMillis() + 5_000;
            while ((projected.size() < 30 || bus.deadLetters().size() < 30) && System.currentTimeMillis() < deadline) {
                Thread.sleep(5);
            }
            assertThat(projected).hasSize(30);
            assertThat(bus.deadLetters()).hasSize(30).allSatisfy(letter -> assertThat(letter.target())
                    .isEqualTo("NOTIFICATIONS"));
            never.countDown();
        }
    }
}
