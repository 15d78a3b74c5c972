package dev.taskledger.command.domain;

import dev.taskledger.events.Actor;
import java.time.Instant;
import java.util.Objects;

/** Everything impure a command needs, supplied by the caller: who, when, the id a new task gets, and the
 * correlation id its events record. */
public record CommandContext(Actor actor, Instant now, String newTaskId, String correlationId) {
    public CommandContext {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(now, "now");
    }
}
