package dev.taskledger.projector.bus;

import java.time.Duration;

/**
 * Fault injection for tests: duplicate a delivery with probability {@code duplicate}, hold deliveries up to
 * {@code maxDelay} (which reorders them), fail an attempt with probability {@code transientFailure}.
 */
public record Chaos(double duplicate, Duration maxDelay, double transientFailure, long seed) {
    public static final Chaos NONE = new Chaos(0, Duration.ZERO, 0, 0);

    public boolean active() {
        return duplicate > 0 || !maxDelay.isZero() || transientFailure > 0;
    }
}
