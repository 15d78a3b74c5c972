package dev.taskledger.projector.bus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.taskledger.events.EventCodec;
import dev.taskledger.events.Times;
import dev.taskledger.http.observe.Telemetry;
import dev.taskledger.projector.route.EventRoute;
import dev.taskledger.projector.route.ProjectorName;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import software.amazon.event.ruler.Machine;

/**
 * The local EventBridge: events become EventBridge-shaped JSON, are matched against the event routes with
 * event-ruler, and are delivered asynchronously to each matching target with the target's retry policy; a
 * delivery that exhausts it is parked as a dead letter (listable, redrivable). Chaos settings make it duplicate,
 * delay/reorder and fail deliveries for tests. A route whose target has no consumer here subscribes nothing.
 *
 * <p>Each target delivers through its own {@link TargetLane} (its own threads, a cap per tenant, a timeout per
 * delivery), as each target is its own function in AWS: projections never wait behind a webhook, an export or a
 * notification, and one tenant's backlog in a target never holds another tenant's turn. A delivery that fails with
 * an {@link Error} (out of memory included) is retried and parked like any other failure, and logged.
 */
public final class InProcessBus implements EventBus, AutoCloseable {
    private final Machine machine = new Machine();
    private final Map<ProjectorName, Consumer<JsonNode>> targets;
    private final DeliveryPolicy policy;
    private final Chaos chaos;
    private final Random random;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private final DeadLetterStore deadLetters;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final java.util.EnumMap<ProjectorName, TargetLane> lanes = new java.util.EnumMap<>(ProjectorName.class);
    private final ScheduledExecutorService watchdog = TargetLane.watchdog();

    /**
     * Each target's bulkhead: projectors one delivery per tenant at a time (a delivery catches the tenant up, so
     * more would only contend on its checkpoint); outside calls wider, with a cap per tenant and a timeout above
     * their own network timeouts.
     */
    static TargetLane.Settings laneSettings(ProjectorName target) {
        return switch (target) {
            case TASK_VIEW, ANALYTICS, AUDIT -> new TargetLane.Settings(2, 1, java.time.Duration.ofMinutes(5));
            case EXPORTER -> new TargetLane.Settings(2, 1, java.time.Duration.ofMinutes(15));
            case WEBHOOKS -> new TargetLane.Settings(16, 4, java.time.Duration.ofMinutes(2));
            case NOTIFICATIONS -> new TargetLane.Settings(8, 2, java.time.Duration.ofSeconds(60));
        };
    }

    public InProcessBus(
            List<EventRoute> routes,
            Map<ProjectorName, Consumer<JsonNode>> targets,
            DeliveryPolicy policy,
            Chaos chaos,
            Clock clock) {
        this(routes, targets, policy, chaos, clock, DeadLetterStore.inMemory());
    }

    public InProcessBus(
            List<EventRoute> routes,
            Map<ProjectorName, Consumer<JsonNode>> targets,
            DeliveryPolicy policy,
            Chaos chaos,
            Clock clock,
            DeadLetterStore deadLetters) {
        this.deadLetters = deadLetters;
        this.targets = Map.copyOf(targets);
        this.policy = policy;
        this.chaos = chaos;
        this.random = new Random(chaos.seed());
        this.clock = clock;
        // the scheduler only times deliveries (chaos delays, retry backoff); the lanes run them
        this.scheduler = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("bus-scheduler").factory());
        for (ProjectorName target : this.targets.keySet()) {
            lanes.put(target, new TargetLane(target.name(), laneSettings(target), watchdog));
        }
        for (EventRoute route : routes) {
            if (!this.targets.containsKey(route.target())) {
                continue; // like a rule without a target: nothing subscribes
            }
            try {
                machine.addRule(route.ruleName() + "|" + route.target().name(), route.pattern());
            } catch (IOException e) {
                throw new IllegalArgumentException("bad event pattern of rule " + route.ruleName(), e);
            }
        }
    }

    @Override
    public List<Integer> publish(List<BusEvent> events) {
        if (events.size() > MAX_BATCH) {
            throw new IllegalArgumentException("at most " + MAX_BATCH + " events per publish");
        }
        List<Integer> failed = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            try {
                ObjectNode envelope = envelope(events.get(i));
                for (String rule : machine.rulesForJSONEvent(envelope)) {
                    ProjectorName target = ProjectorName.valueOf(rule.substring(rule.indexOf('|') + 1));
                    schedule(new Delivery(UUID.randomUUID().toString(), target, envelope, clock.instant(), 1));
                    if (chaos.duplicate() > 0 && chance(chaos.duplicate())) {
                        schedule(new Delivery(UUID.randomUUID().toString(), target, envelope, clock.instant(), 1));
                    }
                }
            } catch (RuntimeException e) {
                failed.add(i);
            }
        }
        return failed;
    }

    private ObjectNode envelope(BusEvent event) {
        ObjectNode json = EventCodec.MAPPER.createObjectNode();
        json.put("version", "0");
        json.put("id", UUID.randomUUID().toString());
        json.put("detail-type", event.detailType());
        json.put("source", event.source());
        json.put("account", "000000000000");
        json.put("time", Times.format(clock.instant()).replace(".000Z", "Z"));
        json.put("region", "local");
        json.putArray("resources");
        json.set("detail", event.detail());
        return json;
    }

    private record Delivery(String id, ProjectorName target, ObjectNode event, Instant firstAttempt, int attempt) {}

    private void schedule(Delivery delivery) {
        if (scheduler.isShutdown()) {
            return;
        }
        long delay = chaos.maxDelay().isZero()
                ? 0
                : (long) (random() * chaos.maxDelay().toMillis());
        inFlight.incrementAndGet();
        scheduler.schedule(() -> deliver(delivery), delay, TimeUnit.MILLISECONDS);
    }

    private void deliver(Delivery delivery) {
        String tenant = delivery.event().path("detail").path("tenant_id").asText("");
        lanes.get(delivery.target())
                .submit(
                        tenant,
                        () -> {
                            if (chaos.transientFailure() > 0 && chance(chaos.transientFailure())) {
                                throw new IllegalStateException("chaos: transient failure");
                            }
                            targets.get(delivery.target()).accept(delivery.event());
                        },
                        failure -> {
                            try {
                                if (failure != null) {
                                    retryOrPark(delivery, failure);
                                }
                            } finally {
                                inFlight.decrementAndGet();
                            }
                        });
    }

    private void retryOrPark(Delivery delivery, Throwable error) {
        if (scheduler.isShutdown()) {
            return; // closing: the start-up catch-up repairs what was not delivered
        }
        if (error instanceof Error) {
            Telemetry.failure(
                    "ERROR", "a delivery to " + delivery.target() + " failed with an error", java.util.Map.of(), error);
        }
        boolean tooOld = delivery.firstAttempt().plus(policy.maxAge()).isBefore(clock.instant());
        if (delivery.attempt() >= policy.maxAttempts() || tooOld) {
            Telemetry.record(
                    "WARN",
                    "dead letter",
                    Map.of(
                            "target", delivery.target().name(),
                            "delivery_id", delivery.id(),
                            "attempts", delivery.attempt(),
                            "error", error.getClass().getSimpleName()),
                    Telemetry.Metric.count(
                            "DeadLetters", Map.of("target", delivery.target().name())));
            deadLetters.park(new DeadLetter(
                    delivery.id(),
                    delivery.target().name(),
                    delivery.event().toString(),
                    delivery.attempt(),
                    String.valueOf(error.getMessage()),
                    clock.instant()));
            return;
        }
        Delivery next = new Delivery(
                delivery.id(), delivery.target(), delivery.event(), delivery.firstAttempt(), delivery.attempt() + 1);
        inFlight.incrementAndGet();
        scheduler.schedule(
                () -> deliver(next), policy.backoff(delivery.attempt()).toMillis(), TimeUnit.MILLISECONDS);
    }

    public List<DeadLetter> deadLetters() {
        return deadLetters.parked();
    }

    /** Delivers every dead letter again (with a fresh retry budget); returns how many were redriven. */
    public int redrive() {
        int redriven = 0;
        for (DeadLetter letter : deadLetters.parked()) {
            if (deadLetters.remove(letter.id())) {
                deliverAgain(letter);
                redriven++;
            }
        }
        return redriven;
    }

    /** Delivers the letters an operator asked to redrive ({@code dlq redrive}); returns how many. */
    public int redriveRequested() {
        List<DeadLetter> requested = deadLetters.takeRedriveRequests();
        requested.forEach(this::deliverAgain);
        return requested.size();
    }

    private void deliverAgain(DeadLetter letter) {
        try {
            ObjectNode event = (ObjectNode) EventCodec.MAPPER.readTree(letter.event());
            schedule(new Delivery(letter.id(), ProjectorName.valueOf(letter.target()), event, clock.instant(), 1));
        } catch (IOException e) {
            throw new IllegalStateException("dead letter " + letter.id() + " is unreadable", e);
        }
    }

    /** Whether deliveries are pending (including retries waiting for their backoff). */
    public boolean idle() {
        return inFlight.get() == 0;
    }

    private synchronized double random() {
        return random.nextDouble();
    }

    private boolean chance(double p) {
        return random() < p;
    }

    /** Stops delivering; waits briefly for deliveries in progress to finish. */
    @Override
    public void close() {
        lanes.values().forEach(TargetLane::close);
        watchdog.shutdownNow();
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
