package dev.taskledger.integration.webhook;

import io.github.resilience4j.core.IntervalFunction;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When a failed delivery is tried again: exponential backoff with jitter (resilience4j's
 * {@link IntervalFunction#ofExponentialRandomBackoff}) until the delivery is {@code maxAge} old, then it is dead.
 * The default follows the Standard Webhooks guidance: first retry after about 5 s (3.5–6.5 s), then ×5 each time
 * (≈25 s, 2 min, 10 min, 52 min, 4.3 h) capped at 10 h, for 24 hours — about eight attempts.
 */
public record RetrySchedule(Duration initial, double multiplier, double jitter, Duration maxInterval, Duration maxAge) {
    public static final RetrySchedule DEFAULT =
            new RetrySchedule(Duration.ofSeconds(5), 5, 0.3, Duration.ofHours(10), Duration.ofHours(24));

    /** The time of the next attempt after {@code attempts} failed ones, or empty when the delivery is dead. */
    public Optional<Instant> next(int attempts, Instant firstCreated, Instant now) {
        IntervalFunction intervals =
                IntervalFunction.ofExponentialRandomBackoff(initial, multiplier, jitter, maxInterval);
        Instant next = now.plusMillis(intervals.apply(attempts));
        return next.isAfter(firstCreated.plus(maxAge)) ? Optional.empty() : Optional.of(next);
    }
}
