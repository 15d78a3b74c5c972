package dev.taskledger.command.domain;

import dev.taskledger.events.Actor;
import java.time.Instant;
import java.util.Objects;

/** Everything impure a decision needs, supplied by the caller: who, when, and the id a new task gets. */
public record CommandContext(Actor actor, Instant now, String newTaskId) {
    public CommandContext {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(now, "now");
    }
}
