package dev.taskledger.command.service;

import dev.taskledger.command.domain.Rejection;
import dev.taskledger.command.domain.TaskState;
import dev.taskledger.events.EventEnvelope;
import dev.taskledger.ledger.IdempotencyRecord;
import java.util.List;

/** What handling a command came to. */
public sealed interface CommandResult {
    /** Events were appended; {@code state} is the task after them. */
    record Applied(TaskState state, List<EventEnvelope> events) implements CommandResult {
        public long sequence() {
            return events.getLast().sequence();
        }
    }

    /** Nothing to change: no event; {@code sequence} is that of the task's latest event. */
    record Unchanged(TaskState state, long sequence) implements CommandResult {}

    record Rejected(Rejection rejection) implements CommandResult {}

    /** The idempotency key was already used; the caller compares fingerprints and replays or refuses. */
    record AlreadyDone(IdempotencyRecord record) implements CommandResult {}
}
