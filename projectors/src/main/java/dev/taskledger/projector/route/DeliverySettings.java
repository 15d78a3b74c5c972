package dev.taskledger.projector.route;

import java.time.Duration;

/**
 * How events are delivered, defined once and read by both worlds: the CDK app configures the stream's event source
 * mapping and each EventBridge target with these, and the local runtime's stream poller and in-process bus use the
 * same numbers.
 */
public final class DeliverySettings {
    /** Stream records per batch handed to the stream bridge. */
    public static final int STREAM_BATCH_SIZE = 100;
    /** Retries of a failing stream batch (bisected on error) before its records are parked. */
    public static final int STREAM_RETRIES = 5;
    /** Stream records older than this are parked rather than retried. */
    public static final Duration STREAM_MAX_RECORD_AGE = Duration.ofHours(24);
    /** Attempts of the stream bridge's publishing to the bus before the batch fails. */
    public static final int BRIDGE_PUBLISH_ATTEMPTS = 3;
    /** Retries of a failing delivery to a bus target before it is dead-lettered (EventBridge's retry policy). */
    public static final int TARGET_RETRIES = 8;
    /** Bus deliveries older than this are dead-lettered. */
    public static final Duration TARGET_MAX_EVENT_AGE = Duration.ofHours(24);

    private DeliverySettings() {}
}
