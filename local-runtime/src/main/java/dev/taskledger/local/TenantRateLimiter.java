package dev.taskledger.local;

import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-tenant token buckets (SPEC section 10): {@code ratePerSecond} tokens a second up to {@code burst}; every
 * authenticated request takes one. One tenant's burst drains only its own bucket.
 */
final class TenantRateLimiter {
    /** The outcome for one request: allowed or not, what is left, and when the bucket is full again. */
    record Decision(boolean allowed, long limit, long remaining, long resetSeconds, long retryAfterSeconds) {}

    private final double ratePerSecond;
    private final double burst;
    private final Clock clock;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    TenantRateLimiter(double ratePerSecond, double burst, Clock clock) {
        if (ratePerSecond <= 0 || burst < 1) {
            throw new IllegalArgumentException("the rate must be positive and the burst at least 1");
        }
        this.ratePerSecond = ratePerSecond;
        this.burst = burst;
        this.clock = clock;
    }

    private static final class Bucket {
        double tokens;
        long updatedNanos;
    }

    Decision take(String tenant) {
        long now = clock.millis() * 1_000_000L;
        Bucket bucket = buckets.computeIfAbsent(tenant, t -> {
            Bucket b = new Bucket();
            b.tokens = burst;
            b.updatedNanos = now;
            return b;
        });
        synchronized (bucket) {
            double elapsed = Math.max(0, now - bucket.updatedNanos) / 1e9;
            bucket.tokens = Math.min(burst, bucket.tokens + elapsed * ratePerSecond);
            bucket.updatedNanos = now;
            boolean allowed = bucket.tokens >= 1;
            if (allowed) {
                bucket.tokens -= 1;
            }
            long reset = (long) Math.ceil((burst - bucket.tokens) / ratePerSecond);
            long retryAfter = allowed ? 0 : (long) Math.max(1, Math.ceil((1 - bucket.tokens) / ratePerSecond));
            return new Decision(allowed, (long) burst, (long) Math.floor(bucket.tokens), reset, retryAfter);
        }
    }
}
