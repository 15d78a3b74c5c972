package dev.taskledger.projector.bus;

import java.time.Instant;

/** A delivery that exhausted its retries: the event, its target, the last error, and when it was parked. */
public record DeadLetter(String id, String target, String event, int attempts, String error, Instant parkedAt) {}
