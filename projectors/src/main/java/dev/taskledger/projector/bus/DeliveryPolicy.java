package dev.taskledger.projector.bus;

import java.time.Duration;

/** How a target is retried: attempts, maximum event age, exponential backoff from {@code initial} to {@code max}. */
public record DeliveryPolicy(int maxAttempts, Duration maxAge, Duration initialBackoff, Duration maxBackoff) {
    /** EventBridge's policy for every target (one attempt and its retries), with a local backoff. */
    public static final DeliveryPolicy DEFAULT = new DeliveryPolicy(
            1 + dev.taskledger.projector.route.DeliverySettings.TARGET_RETRIES,
            dev.taskledger.projector.route.DeliverySettings.TARGET_MAX_EVENT_AGE,
            Duration.ofMillis(50),
            Duration.ofSeconds(30));

    public Duration backoff(int attempt) {
        long millis = (long) Math.min(maxBackoff.toMillis(), initialBackoff.toMillis() * Math.pow(2, attempt - 1));
        return Duration.ofMillis(Math.max(1, millis));
    }
}
