package dev.taskledger.events;

import java.util.Objects;

/** A task came into being; {@code fields} holds every mutable field with defaults applied. */
public record TaskCreated(TaskFields fields) implements TaskEvent {
    public TaskCreated {
        Objects.requireNonNull(fields, "fields");
    }
}
