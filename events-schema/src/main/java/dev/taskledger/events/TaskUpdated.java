package dev.taskledger.events;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/** Some mutable fields of a task changed; only changed fields appear, each with its old and new value. */
public record TaskUpdated(Map<TaskField, Change> changes) implements TaskEvent {
    public TaskUpdated {
        Objects.requireNonNull(changes, "changes");
        if (changes.isEmpty()) {
            throw new IllegalArgumentException("an update changes at least one field");
        }
        changes = Collections.unmodifiableMap(new EnumMap<>(changes));
    }

    /** One field's transition. Values are of the field's Java type ({@link TaskField#javaType()}) or null. */
    public record Change(Object oldValue, Object newValue) {}
}
