package dev.taskledger.ledger;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Events of one task to append atomically, with the task's write state after them.
 *
 * @param expectedVersion the task version the events follow (0 for a new task)
 * @param newState the task's folded state after the events, as JSON, kept in its write-state item
 * @param idempotency written in the same transaction, when the request carried a key
 */
public record AppendRequest(
        String tenantId,
        String taskId,
        long expectedVersion,
        List<PendingEvent> events,
        String newState,
        Optional<IdempotencyWrite> idempotency) {

    public AppendRequest {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(newState, "newState");
        events = List.copyOf(events);
        if (events.isEmpty()) {
            throw new IllegalArgumentException("an append holds at least one event");
        }
        if (expectedVersion < 0) {
            throw new IllegalArgumentException("expectedVersion must be >= 0");
        }
    }

    /** The stored response is computed from the appended events, whose sequences are known only then. */
    public record IdempotencyWrite(
            String key, String fingerprint, Function<AppendOutcome.Appended, String> response, Instant expiresAt) {}
}
