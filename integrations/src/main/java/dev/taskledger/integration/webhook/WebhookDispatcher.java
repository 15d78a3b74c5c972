package dev.taskledger.integration.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.taskledger.events.EventCodec;
import dev.taskledger.events.Times;
import dev.taskledger.http.observe.Telemetry;
import dev.taskledger.ledger.Keys;
import dev.taskledger.ledger.Ledger;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.vavr.control.Either;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Delivers task events to the tenant's webhooks, at least once. For each event (a bus delivery) and each webhook
 * of the event's tenant that wants its type and existed when it occurred, a delivery is recorded with its retry
 * queued (one transaction; a duplicate bus delivery finds it recorded and does nothing), then attempted at once.
 * A failed attempt is rescheduled by the {@link RetrySchedule}; when the schedule ends the delivery is
 * {@code DEAD} until redriven. {@link #sweep} attempts what is due; it runs every second locally and on a schedule
 * in AWS. Every attempt re-checks the URL with the {@link UrlGuard} and goes through the endpoint's circuit
 * breaker: while it is open, attempts fail fast without calling the endpoint (and count as attempts).
 *
 * <p>Not promised: ordering between deliveries; the circuit breakers' state is per process (per Lambda
 * container in AWS).
 */
public final class WebhookDispatcher {
    /** How long an attempt holds its delivery before the sweeper may take it over (longer than any attempt). */
    static final Duration LEASE = Duration.ofSeconds(60);

    private final WebhookStore store;
    private final Ledger ledger;
    private final WebhookSender sender;
    private final UrlGuard guard;
    private final RetrySchedule schedule;
    private final CircuitBreakerRegistry breakers;
    private final Clock clock;

    public WebhookDispatcher(
            WebhookStore store,
            Ledger ledger,
            WebhookSender sender,
            UrlGuard guard,
            RetrySchedule schedule,
            CircuitBreakerConfig breakerConfig,
            Clock clock) {
        this.store = store;
        this.ledger = ledger;
        this.sender = sender;
        this.guard = guard;
        this.schedule = schedule;
        this.breakers = CircuitBreakerRegistry.of(breakerConfig);
        this.clock = clock;
    }

    /** Opens after half of at least 5 of the last 10 attempts failed; tries one call again after 60 s. */
    public static CircuitBreakerConfig defaultBreaker() {
        return breaker(Duration.ofSeconds(60));
    }

    public static CircuitBreakerConfig breaker(Duration openFor) {
        return CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(10)
                .minimumNumberOfCalls(5)
                .failureRateThreshold(50)
                .waitDurationInOpenState(openFor)
                .permittedNumberOfCallsInHalfOpenState(1)
                .build();
    }

    /** The bus target: a task event (delivered to the webhooks), or a scheduled event (a sweep). */
    public void handle(JsonNode eventBridgeEvent) {
        if ("Scheduled Event".equals(eventBridgeEvent.path("detail-type").asText())) {
            sweep();
        } else {
            onEvent(eventBridgeEvent.get("detail"));
        }
    }

    /**
     * Records the deliveries of one event envelope, then attempts them side by side (a virtual thread each): one
     * endpoint that never answers costs this event its response timeout once, not once per webhook.
     */
    public void onEvent(JsonNode envelope) {
        String tenant = envelope.get("tenant_id").asText();
        String type = envelope.get("event_type").asText();
        Instant occurredAt = Times.parse(envelope.get("occurred_at").asText());
        String body = json(envelope);
        List<Runnable> attempts = new java.util.ArrayList<>();
        for (Webhook webhook : store.all(tenant)) {
            if (!webhook.wants(type) || webhook.createdAt().isAfter(occurredAt)) {
                continue;
            }
            Instant now = clock.instant();
            Delivery delivery = Delivery.pending(
                    tenant,
                    webhook.webhookId(),
                    envelope.get("sequence").asLong(),
                    envelope.get("event_id").asText(),
                    now,
                    now.plus(LEASE));
            if (store.record(delivery)) {
                attempts.add(() -> attemptSafely(webhook, delivery, () -> body));
            }
        }
        if (attempts.size() == 1) {
            attempts.getFirst().run(); // most events have no webhook or one: no threads for those
        } else if (attempts.size() > 1) {
            try (ExecutorService parallel = Executors.newVirtualThreadPerTaskExecutor()) {
                attempts.forEach(parallel::submit);
            }
        } // waits for every attempt; each is bounded by the sender's timeouts, and a failed one is retried
    }

    /** Attempts every delivery that is due (in parallel, a virtual thread each); returns how many. */
    public int sweep() {
        List<WebhookStore.DueEntry> due = store.due(clock.instant(), 200);
        int attempted = 0;
        try (ExecutorService attempts = Executors.newVirtualThreadPerTaskExecutor()) {
            for (WebhookStore.DueEntry entry : due) {
                Optional<Webhook> webhook = store.get(entry.tenantId(), entry.webhookId());
                Optional<Delivery> delivery = store.delivery(entry.tenantId(), entry.webhookId(), entry.sequence());
                if (webhook.isEmpty() || delivery.isEmpty() || !isEntryOf(entry, delivery.get())) {
                    store.drop(entry); // the webhook was deleted, or the entry is stale
                    continue;
                }
                Delivery leased = delivery.get().dueAt(clock.instant().plus(LEASE));
                if (!store.replace(delivery.get(), leased)) {
                    continue; // taken by someone else
                }
                attempted++;
                attempts.submit(() -> attemptSafely(
                        webhook.get(),
                        leased,
                        () -> json(ledger.events(leased.tenantId(), leased.sequence(), leased.sequence(), 1)
                                .getFirst()
                                .json())));
            }
            attempts.shutdown();
            attempts.awaitTermination(LEASE.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return attempted;
    }

    /** Puts every dead delivery of a webhook back in the queue with a fresh retry budget; returns how many. */
    public int redrive(String tenantId, String webhookId) {
        int redriven = 0;
        Optional<Long> before = Optional.empty();
        while (true) {
            WebhookStore.DeliveryPage page = store.deliveries(tenantId, webhookId, before, 500);
            for (Delivery delivery : page.items()) {
                if (delivery.status() == Delivery.Status.DEAD
                        && store.replace(delivery, delivery.redriven(clock.instant()))) {
                    redriven++;
                }
            }
            if (!page.more() || page.items().isEmpty()) {
                return redriven;
            }
            before = Optional.of(page.items().getLast().sequence());
        }
    }

    /**
     * One attempt, its body read only then (a retry reads it from the ledger); a failure to attempt at all is logged,
     * and the delivery's lease lets a later sweep try again.
     */
    private void attemptSafely(Webhook webhook, Delivery delivery, java.util.function.Supplier<String> body) {
        try {
            attempt(webhook, delivery, body.get());
        } catch (RuntimeException e) {
            Telemetry.failure(
                    "WARN", "delivery " + delivery.deliveryId() + " could not be attempted", java.util.Map.of(), e);
        }
    }

    private void attempt(Webhook webhook, Delivery delivery, String body) {
        Either<String, URI> url = guard.check(webhook.url());
        CircuitBreaker breaker = breakers.circuitBreaker(webhook.tenantId() + "/" + webhook.webhookId());
        AttemptResult result;
        if (url.isLeft()) {
            result = AttemptResult.failed("refused: the URL " + url.getLeft());
        } else if (!breaker.tryAcquirePermission()) {
            result = AttemptResult.failed("circuit open: the endpoint failed repeatedly, so it was not called");
        } else {
            long start = System.nanoTime();
            result = sender.post(
                    url.get(),
                    WebhookSigning.headers(
                            webhook.secret(),
                            delivery.messageId(),
                            clock.instant().getEpochSecond(),
                            body),
                    body);
            long elapsed = System.nanoTime() - start;
            if (result.succeeded()) {
                breaker.onSuccess(elapsed, TimeUnit.NANOSECONDS);
            } else {
                breaker.onError(
                        elapsed,
                        TimeUnit.NANOSECONDS,
                        new DeliveryFailed(result.error().orElse("")));
            }
        }
        Instant now = clock.instant();
        Delivery after = result.succeeded()
                ? delivery.attempted(result, Delivery.Status.SUCCEEDED, now, Optional.empty())
                : schedule.next(delivery.attempts() + 1, delivery.createdAt(), now)
                        .map(next -> delivery.attempted(result, Delivery.Status.FAILED, now, Optional.of(next)))
                        .orElseGet(() -> delivery.attempted(result, Delivery.Status.DEAD, now, Optional.empty()));
        if (store.replace(delivery, after)) {
            java.util.Map<String, Object> fields = new java.util.LinkedHashMap<>();
            fields.put("tenant_id", after.tenantId());
            fields.put("webhook_id", after.webhookId());
            fields.put("delivery_id", after.deliveryId());
            fields.put("status", after.status().name());
            fields.put("attempts", after.attempts());
            after.lastStatusCode().ifPresent(c -> fields.put("status_code", c));
            after.lastError().ifPresent(e -> fields.put("error", e));
            java.util.List<Telemetry.Metric> metrics = new java.util.ArrayList<>();
            metrics.add(Telemetry.Metric.count(
                    "WebhookAttempts",
                    java.util.Map.of("outcome", after.status().name())));
            if (after.status() == Delivery.Status.DEAD) {
                metrics.add(Telemetry.Metric.count("DeadLetters", java.util.Map.of("target", "WEBHOOK")));
            }
            Telemetry.record(
                    after.status() == Delivery.Status.DEAD ? "WARN" : "INFO", "webhook attempt", fields, metrics);
        }
    }

    private static boolean isEntryOf(WebhookStore.DueEntry entry, Delivery delivery) {
        return delivery.nextAttemptAt()
                .map(t -> Keys.webhookRetry(
                                t.toEpochMilli(), delivery.tenantId(), delivery.webhookId(), delivery.sequence())
                        .equals(entry.key()))
                .orElse(false);
    }

    private static String json(JsonNode node) {
        try {
            return EventCodec.MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an envelope that cannot be written as JSON", e);
        }
    }

    /** What the circuit breaker records for a failed attempt. */
    static final class DeliveryFailed extends RuntimeException {
        DeliveryFailed(String message) {
            super(message, null, false, false);
        }
    }
}
