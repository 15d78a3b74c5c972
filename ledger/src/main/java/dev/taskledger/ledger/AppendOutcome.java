package dev.taskledger.ledger;

import dev.taskledger.events.EventEnvelope;
import java.util.List;

/** What an append did. Only {@link Appended} wrote anything. */
public sealed interface AppendOutcome {
    record Appended(List<EventEnvelope> events) implements AppendOutcome {
        public Appended {
            events = List.copyOf(events);
        }

        public EventEnvelope last() {
            return events.getLast();
        }
    }

    /** The task is at {@code actualVersion}, not the expected one (another command won). */
    record VersionMismatch(long actualVersion) implements AppendOutcome {}

    /** The events follow a version of a task that has no write state. */
    record NotFound() implements AppendOutcome {}

    /** A request with the same idempotency key was stored first. */
    record IdempotencyKeyTaken(IdempotencyRecord existing) implements AppendOutcome {}
}
